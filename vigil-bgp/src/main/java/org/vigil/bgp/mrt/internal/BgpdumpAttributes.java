// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

/**
 * The path attributes of one route or UPDATE as bgpdump 1.6.2 decodes them, in reusable primitive
 * fields: positions into the record buffer instead of copies, and bgpdump's own "absent" values
 * ({@code -1}, i.e. 255.255.255.255 and 4294967295). {@link BgpdumpPrinter} fills and reads it;
 * {@link #reset()} makes it ready for the next attribute block without allocating.
 */
final class BgpdumpAttributes {
  /** RFC 4271 §4.3 attribute type codes used here, and RFC 6793 / 8092 ones. */
  static final int ORIGIN = 1;

  static final int AS_PATH = 2;
  static final int NEXT_HOP = 3;
  static final int MULTI_EXIT_DISC = 4;
  static final int LOCAL_PREF = 5;
  static final int ATOMIC_AGGREGATE = 6;
  static final int AGGREGATOR = 7;
  static final int COMMUNITIES = 8;
  static final int ORIGINATOR_ID = 9;
  static final int CLUSTER_LIST = 10;
  static final int MP_REACH_NLRI = 14;
  static final int MP_UNREACH_NLRI = 15;
  static final int AS4_PATH = 17;
  static final int AS4_AGGREGATOR = 18;
  static final int LARGE_COMMUNITIES = 32;

  /** bgpdump's {@code ATTR_FLAG_BIT}: one bit per type 1..32 (type 0 lands on bit 31 on x86). */
  static int bit(int type) {
    return 1 << ((type - 1) & 31);
  }

  /** The declared length of the attribute block; bgpdump prints attributes only if non-zero. */
  int declaredLength;

  int flags;
  int origin;
  int nextHop;
  int med;
  int localPref;
  int aggregatorAs;
  int aggregatorAddr;
  int as4AggregatorAs;
  int as4AggregatorAddr;
  int originatorId;

  boolean hasCommunities;
  int communitiesOff;
  int communitiesLen;

  boolean hasLargeCommunities;
  int largeOff;
  int largeLen;

  boolean hasClusterList;
  int clusterOff;
  int clusterCount;

  /**
   * AS_PATH as printed: the attribute's, or the AS4_PATH merge (RFC 6793 §4.2.3, bgpdump's way).
   */
  final AsPathText asPath = new AsPathText();

  /** AS4_PATH: only its length in ASes matters to the output. */
  final AsPathText as4Path = new AsPathText();

  boolean hasAsPath;
  boolean hasAs4Path;
  int as4PathOff;
  int as4PathLen;
  int asPathOff;
  int asPathLen;
  int asPathAsnLen;

  int unknownCount;
  int[] unknownFlag = new int[8];
  int[] unknownType = new int[8];
  int[] unknownOff = new int[8];
  int[] unknownLen = new int[8];

  /** RFC 4760 MP_REACH_NLRI per [AFI 0..2][SAFI 0..3], as bgpdump keeps them. */
  final MpSlot[][] announce = slots();

  /** RFC 4760 MP_UNREACH_NLRI per [AFI 0..2][SAFI 0..3]. */
  final MpSlot[][] withdraw = slots();

  private static MpSlot[][] slots() {
    MpSlot[][] s = new MpSlot[3][4];
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 4; b++) {
        s[a][b] = new MpSlot();
      }
    }
    return s;
  }

  void reset() {
    declaredLength = 0;
    flags = 0;
    origin = -1;
    nextHop = -1;
    med = -1;
    localPref = -1;
    aggregatorAs = -1;
    aggregatorAddr = -1;
    as4AggregatorAs = -1;
    as4AggregatorAddr = -1;
    originatorId = -1;
    hasCommunities = false;
    hasLargeCommunities = false;
    hasClusterList = false;
    hasAsPath = false;
    hasAs4Path = false;
    unknownCount = 0;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 4; b++) {
        announce[a][b].present = false;
        withdraw[a][b].present = false;
      }
    }
  }

  boolean has(int type) {
    return (flags & bit(type)) != 0;
  }

  void addUnknown(int flag, int type, int off, int len) {
    if (unknownCount == unknownFlag.length) {
      int n = unknownCount * 2;
      unknownFlag = java.util.Arrays.copyOf(unknownFlag, n);
      unknownType = java.util.Arrays.copyOf(unknownType, n);
      unknownOff = java.util.Arrays.copyOf(unknownOff, n);
      unknownLen = java.util.Arrays.copyOf(unknownLen, n);
    }
    unknownFlag[unknownCount] = flag;
    unknownType[unknownCount] = type;
    unknownOff[unknownCount] = off;
    unknownLen[unknownCount] = len;
    unknownCount++;
  }

  /** One MP_REACH or MP_UNREACH address family: next hop (reach only) and prefixes. */
  static final class MpSlot {
    boolean present;
    int nextHopLen;
    final byte[] nextHop = new byte[16];
    final byte[] nextHopLocal = new byte[16];
    final PrefixList prefixes = new PrefixList();
  }

  /** An AS path rendered to text the way bgpdump's {@code process_attr_aspath_string} does. */
  static final class AsPathText {
    /** bgpdump's buffer size; past 7900 characters the path is cut with "...". */
    static final int MAX = 8000;

    final byte[] text = new byte[MAX + 16];
    int length;

    /** Path length in ASes: a sequence counts its members, a set counts one. 0 after an error. */
    int count;
  }
}
