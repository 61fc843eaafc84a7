// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.AGGREGATOR;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.AS4_AGGREGATOR;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.AS4_PATH;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.AS_PATH;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.ATOMIC_AGGREGATE;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.CLUSTER_LIST;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.COMMUNITIES;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.LARGE_COMMUNITIES;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.LOCAL_PREF;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.MP_REACH_NLRI;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.MP_UNREACH_NLRI;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.MULTI_EXIT_DISC;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.NEXT_HOP;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.ORIGIN;
import static org.vigil.bgp.mrt.internal.BgpdumpAttributes.ORIGINATOR_ID;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.bgp.mrt.internal.BgpdumpAttributes.AsPathText;
import org.vigil.bgp.mrt.internal.BgpdumpAttributes.MpSlot;

/**
 * Decodes MRT records and prints them exactly as Debian's {@code bgpdump} 1.6.2 does with no flag,
 * {@code -m} or {@code -M}: the same fields, the same order, and the same leniency.
 *
 * <p>bgpdump reads every field through a stream that returns zeros past the end of the data it was
 * given instead of failing, decodes some structures loosely (an MP_REACH_NLRI whose first byte is
 * not zero is taken for the abbreviated RIB form, a BGP message shorter than its header still
 * prints) and merges AS4_PATH its own way. This class reproduces that behaviour (learnt from
 * bgpdump's source, Debian's binary and its output on real archives; no code was taken from it) so
 * that output can be diffed byte for byte; the typed {@code MrtReader} is the strict reading of the
 * same formats. Where Debian's build differs from the upstream source (8192 prefixes per list, not
 * 2050) the binary wins.
 *
 * <p>Where bgpdump would stop with a failed assertion (a duplicate attribute, a peer index outside
 * the peer table, a loop that never ends) this class throws {@link Abort}; records bgpdump skips
 * with a warning are skipped and counted in {@link #skipped()}.
 *
 * <p>Performance: everything is decoded into reusable primitive fields and formatted straight into
 * a {@link ByteSink}; there is no per-record allocation on the -m path for RIB dumps.
 */
public final class BgpdumpPrinter {
  /** bgpdump's default, multi-line output. */
  public static final int MULTI_LINE = 0;

  /** {@code -m}: one line per route, Unix timestamps. */
  public static final int ONE_LINE_UNIX = 1;

  /** {@code -M}: one line per route, human-readable timestamps, fewer fields. */
  public static final int ONE_LINE_HUMAN = 2;

  /** A condition on which bgpdump 1.6.2 aborts (an assertion) or never terminates. */
  public static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    Abort(int position, String message) {
      super(message, null, false, false);
      this.position = position;
    }

    /** Index into the record buffer where the problem is. */
    public int position() {
      return position;
    }
  }

  /** A bounded view of the record buffer with bgpdump's read-past-the-end-gives-zero semantics. */
  private static final class Stream {
    int pos;
    int end;

    int remaining() {
      return end - pos;
    }
  }

  private static final int AFI_IP = 1;
  private static final int AFI_IP6 = 2;
  private static final int AS_TRANS = 23456;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static final byte[] TIME_LINE = ascii("TIME: ");
  private static final byte[] NAG = ascii("NAG|");
  private static final byte[] AG = ascii("AG|");
  private static final byte[] IGP = ascii("IGP");
  private static final byte[] EGP = ascii("EGP");
  private static final byte[] INCOMPLETE = ascii("INCOMPLETE");
  private static final byte[] TABLE_DUMP2_B = ascii("TABLE_DUMP2|");
  private static final byte[] TABLE_DUMP2_AP_B = ascii("TABLE_DUMP2_AP|");
  private static final byte[] B_SEP = ascii("|B|");
  private static final byte[] ERROR_PATH = ascii("! Error !");
  private static final String[] STATE_NAMES = {
    "Unknown",
    "Idle",
    "Connect",
    "Active",
    "Opensent",
    "Openconfirm",
    "Established",
    "Clearing",
    "Deleted",
    "(null)"
  };

  private final int mode;
  private final ByteSink out;

  private byte[] b;
  private int bodyEnd;
  private int type;
  private int subtype;
  private long length;
  private final Stream rec = new Stream();
  private final Stream msg = new Stream();
  private final Stream sub = new Stream();
  private final Stream attrBlock = new Stream();
  private final Stream attrValue = new Stream();

  /** The record's time as printed on one-line output ({@code -m}: Unix, {@code -M}: date). */
  private final byte[] time = new byte[48];

  private int timeLen;

  /** The record's time as a date, for the multi-line repeated TIME lines. */
  private final byte[] fixedTime = new byte[24];

  private int fixedTimeLen;
  private long cachedDay = -1;
  private final byte[] dateScratch = new byte[24];

  private final BgpdumpAttributes attrs = new BgpdumpAttributes();
  private final PrefixList withdrawn = new PrefixList();
  private final PrefixList announced = new PrefixList();
  private final byte[] scratch16 = new byte[16];
  private byte[] merged = new byte[256];
  private final byte[] communityText = new byte[8192];

  // BGP4MP / BGP header fields
  private int sourceAs;
  private int destinationAs;
  private int afi;
  private final byte[] sourceIp = new byte[16];
  private final byte[] destinationIp = new byte[16];
  private int bgpSize;
  private int bgpType;
  private int cutBytes;
  private int openVersion;
  private int openAs;
  private int openHold;
  private int openId;
  private int openOptLen;
  private int notifyCode;
  private int notifySubcode;
  private int oldState;
  private int newState;

  // "incomplete" prefix of a cut UPDATE
  private int incOrigLen;
  private int incLen;
  private final byte[] incAddr = new byte[32];

  // TABLE_DUMP_V2 peer index table
  private boolean hasPeerTable;
  private int peerCount;
  private boolean[] peerV6 = new boolean[0];
  private byte[][] peerIp = new byte[0][];
  private int[] peerAs = new int[0];
  private byte[][] peerPrefix = new byte[0][];

  private final Map<String, Long> skipped = new LinkedHashMap<>();

  public BgpdumpPrinter(int mode, ByteSink out) {
    if (mode < 0 || mode > 2) {
      throw new IllegalArgumentException("mode " + mode);
    }
    this.mode = mode;
    this.out = out;
  }

  /** Forgets the peer index table: bgpdump starts every file afresh. */
  public void reset() {
    hasPeerTable = false;
    peerCount = 0;
  }

  /** Records skipped so far, by reason (bgpdump's warning, in words). */
  public Map<String, Long> skipped() {
    return skipped;
  }

  private boolean skip(String reason) {
    skipped.merge(reason, 1L, Long::sum);
    return false;
  }

  /**
   * The length bgpdump checks against zero and against state-change sizes: the header's length
   * minus the microsecond field of BGP4MP_ET.
   */
  public static long bgpdumpLength(RecordFramer f) {
    return f.type() == 17 ? f.length() - 4 : f.length();
  }

  /**
   * Decodes and prints one record.
   *
   * @return whether bgpdump would print it (false: skipped, and counted)
   * @throws Abort where bgpdump would abort
   */
  public boolean process(RecordFramer f) {
    b = f.buffer();
    rec.pos = f.bodyStart();
    rec.end = f.bodyStart() + f.bodyLength();
    bodyEnd = rec.end;
    type = f.type();
    subtype = f.subtype();
    length = bgpdumpLength(f);
    formatTimes(f.timestamp(), f.microseconds());
    switch (type) {
      case 5:
        return mrtdBgp();
      case 12:
        return tableDump(f.timestamp());
      case 13:
        return tableDumpV2();
      case 16:
      case 17:
        return bgp4mp();
      default:
        return skip("MRT type " + type + " is not supported by bgpdump");
    }
  }

  // ---------------------------------------------------------------- reading, bgpdump style

  private int getc(Stream s) {
    if (s.pos < s.end) {
      return b[s.pos++] & 0xFF;
    }
    s.pos = s.end;
    return 0;
  }

  private int getw(Stream s) {
    if (s.end - s.pos >= 2) {
      int v = ((b[s.pos] & 0xFF) << 8) | (b[s.pos + 1] & 0xFF);
      s.pos += 2;
      return v;
    }
    return (int) partial(s, 2);
  }

  private int getl(Stream s) {
    if (s.end - s.pos >= 4) {
      int v = ByteSink.readInt(b, s.pos);
      s.pos += 4;
      return v;
    }
    return (int) partial(s, 4);
  }

  /** A short read: the available bytes, then zeros, big-endian. */
  private long partial(Stream s, int n) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (s.pos < s.end ? b[s.pos++] & 0xFF : 0);
    }
    s.pos = s.end;
    return v;
  }

  private int readAsn(Stream s, int asnLen) {
    return asnLen == 4 ? getl(s) : getw(s);
  }

  /** Copies {@code n} bytes (zeros past the end) into {@code dst}. */
  private void get(Stream s, byte[] dst, int dstOff, int n) {
    int room = s.end - s.pos;
    if (room >= n) {
      System.arraycopy(b, s.pos, dst, dstOff, n);
      s.pos += n;
    } else {
      System.arraycopy(b, s.pos, dst, dstOff, room);
      Arrays.fill(dst, dstOff + room, dstOff + n, (byte) 0);
      s.pos = s.end;
    }
  }

  private void skipBytes(Stream s, long n) {
    s.pos = (int) Math.min(s.end, s.pos + n);
  }

  /**
   * A sub-stream of the next {@code n} bytes (fewer if fewer remain); {@code s} moves past them.
   */
  private Stream copy(Stream s, long n, Stream into) {
    into.pos = s.pos;
    skipBytes(s, n);
    into.end = s.pos;
    return into;
  }

  // ---------------------------------------------------------------- times

  private void formatTimes(long seconds, int micros) {
    fixedTimeLen = humanTime(seconds, fixedTime);
    if (mode == ONE_LINE_UNIX) {
      timeLen = decimalInto(seconds, time, 0);
    } else {
      System.arraycopy(fixedTime, 0, time, 0, fixedTimeLen);
      timeLen = fixedTimeLen;
    }
    if (type == 17) {
      time[timeLen++] = '.';
      long us = micros & 0xFFFFFFFFL;
      int digits = decimalInto(us, dateScratch, 0);
      for (int i = digits; i < 6; i++) {
        time[timeLen++] = '0';
      }
      System.arraycopy(dateScratch, 0, time, timeLen, digits);
      timeLen += digits;
    }
  }

  private static int decimalInto(long v, byte[] dst, int off) {
    int digits = 1;
    for (long t = v / 10; t != 0; t /= 10) {
      digits++;
    }
    for (int i = off + digits - 1; i >= off; i--) {
      dst[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return digits;
  }

  private long cachedDate;

  /** {@code MM/DD/YY HH:MM:SS} in UTC, as bgpdump's {@code time2str(gmtime(t))}. */
  private int humanTime(long t, byte[] dst) {
    long day = Math.floorDiv(t, 86400);
    int secs = Math.floorMod(t, 86400);
    if (day != cachedDay) {
      cachedDay = day;
      // Civil date from days since 1970-01-01 (proleptic Gregorian), H. Hinnant's algorithm.
      long z = day + 719468;
      long era = Math.floorDiv(z, 146097);
      long doe = z - era * 146097;
      long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      long y = yoe + era * 400;
      long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      long mp = (5 * doy + 2) / 153;
      long d = doy - (153 * mp + 2) / 5 + 1;
      long m = mp < 10 ? mp + 3 : mp - 9;
      if (m <= 2) {
        y++;
      }
      cachedDate = (m << 16) | (d << 8) | Math.floorMod(y, 100);
    }
    two(dst, 0, (int) (cachedDate >> 16));
    dst[2] = '/';
    two(dst, 3, (int) ((cachedDate >> 8) & 0xFF));
    dst[5] = '/';
    two(dst, 6, (int) (cachedDate & 0xFF));
    dst[8] = ' ';
    two(dst, 9, secs / 3600);
    dst[11] = ':';
    two(dst, 12, (secs / 60) % 60);
    dst[14] = ':';
    two(dst, 15, secs % 60);
    return 17;
  }

  private static void two(byte[] dst, int off, int v) {
    dst[off] = (byte) ('0' + v / 10);
    dst[off + 1] = (byte) ('0' + v % 10);
  }

  private void appendHuman(long t) {
    int n = humanTime(t, dateScratch);
    out.append(dateScratch, 0, n);
  }

  // ---------------------------------------------------------------- prefix lists

  /** RFC 4271 §4.3 NLRI (RFC 7911 §3 with path ids), bgpdump's way; returns nothing, fills list. */
  private void readPrefixList(Stream s, PrefixList list, boolean trackIncomplete, boolean addPath) {
    int count = 0;
    while (s.pos < s.end) {
      int pathId = addPath ? getl(s) : 0;
      int bits = getc(s);
      int bytes = (bits + 7) >>> 3;
      if (s.end - s.pos < bytes) {
        if (!trackIncomplete) {
          break;
        }
        incOrigLen = bits;
        incLen = ((s.end - s.pos) * 8) & 0xFF;
        Arrays.fill(incAddr, (byte) 0);
        get(s, incAddr, 0, Math.min(bytes, incAddr.length));
        if (bytes > 16) {
          incLen = incAddr[16] & 0xFF; // bgpdump's 16-byte address overflows into the length
        }
        break;
      }
      if (count < PrefixList.MAX) {
        int shown = bits;
        int shownPathId = pathId;
        if (bytes > 16) {
          // bgpdump copies all the bytes into a 16-byte address field, overwriting the length
          // (byte 16) and, in host order, the path id (bytes 20-23) that follow it.
          shown = b[s.pos + 16] & 0xFF;
          for (int k = 20; k < Math.min(bytes, 24); k++) {
            int shift = 8 * (k - 20);
            shownPathId = (shownPathId & ~(0xFF << shift)) | (b[s.pos + k] & 0xFF) << shift;
          }
        }
        list.set(count, s.pos, shown, shownPathId, Math.min(bytes, 16));
      }
      count++;
      s.pos += bytes;
    }
    list.count = Math.min(count, PrefixList.MAX);
  }

  private void appendPrefix4(PrefixList list, int i) {
    out.ipv4(prefixAddress4(list.off[i], list.size[i]));
  }

  private int prefixAddress4(int off, int size) {
    int bytes = Math.min(4, size);
    int a = 0;
    for (int k = 0; k < 4; k++) {
      a = (a << 8) | (k < bytes ? b[off + k] & 0xFF : 0);
    }
    return a;
  }

  private void appendPrefix6(PrefixList list, int i) {
    int bytes = list.size[i];
    Arrays.fill(scratch16, (byte) 0);
    System.arraycopy(b, list.off[i], scratch16, 0, bytes);
    out.ipv6(scratch16, 0);
  }

  // ---------------------------------------------------------------- attributes

  /** RFC 4271 §4.3 path attributes, preceded by their 2-byte total length. */
  private void processAttributes(Stream s, int asnLen, boolean trackIncomplete, boolean addPath) {
    BgpdumpAttributes a = attrs;
    a.reset();
    int total = getw(s);
    a.declaredLength = total;
    Stream block = copy(s, total, attrBlock);
    while (block.pos < block.end) {
      processOneAttribute(block, asnLen, trackIncomplete, addPath);
    }
    as4Transition(asnLen);
  }

  private void processOneAttribute(Stream block, int asnLen, boolean inc, boolean addPath) {
    BgpdumpAttributes a = attrs;
    int at = block.pos;
    int flag = getc(block);
    int type = getc(block);
    int len = (flag & 0x10) != 0 ? getw(block) : getc(block);
    Stream v = copy(block, len, attrValue);
    if (v.remaining() != len) {
      return; // bgpdump: "attribute is truncated", and the rest of the block is gone
    }
    if (type <= 32) {
      a.flags |= BgpdumpAttributes.bit(type);
    }
    switch (type) {
      case MP_REACH_NLRI:
        mpReach(v, inc, addPath);
        break;
      case MP_UNREACH_NLRI:
        mpUnreach(v, inc, addPath);
        break;
      case ORIGIN:
        if (a.origin != -1) {
          throw new Abort(at, "duplicate ORIGIN attribute");
        }
        a.origin = getc(v);
        break;
      case AS_PATH:
        if (a.hasAsPath) {
          throw new Abort(at, "duplicate AS_PATH attribute");
        }
        a.hasAsPath = true;
        a.asPathOff = v.pos;
        a.asPathLen = len;
        a.asPathAsnLen = asnLen;
        asPathText(b, v.pos, len, asnLen, a.asPath);
        break;
      case NEXT_HOP:
        if (a.nextHop != -1) {
          throw new Abort(at, "duplicate NEXT_HOP attribute");
        }
        a.nextHop = getl(v);
        break;
      case MULTI_EXIT_DISC:
        if (a.med != -1) {
          throw new Abort(at, "duplicate MULTI_EXIT_DISC attribute");
        }
        a.med = getl(v);
        break;
      case LOCAL_PREF:
        if (a.localPref != -1) {
          throw new Abort(at, "duplicate LOCAL_PREF attribute");
        }
        a.localPref = getl(v);
        break;
      case ATOMIC_AGGREGATE:
        break;
      case AGGREGATOR:
        if (a.as4AggregatorAs != -1) {
          throw new Abort(at, "AGGREGATOR after AS4_AGGREGATOR");
        }
        a.aggregatorAs = readAsn(v, asnLen);
        a.aggregatorAddr = getl(v);
        break;
      case COMMUNITIES:
        if (a.hasCommunities) {
          throw new Abort(at, "duplicate COMMUNITIES attribute");
        }
        a.hasCommunities = true;
        a.communitiesOff = v.pos;
        a.communitiesLen = len;
        break;
      case LARGE_COMMUNITIES:
        if (a.hasLargeCommunities) {
          throw new Abort(at, "duplicate LARGE_COMMUNITIES attribute");
        }
        a.hasLargeCommunities = true;
        a.largeOff = v.pos;
        a.largeLen = len;
        break;
      case AS4_PATH:
        if (a.hasAs4Path) {
          throw new Abort(at, "duplicate AS4_PATH attribute");
        }
        a.hasAs4Path = true;
        a.as4PathOff = v.pos;
        a.as4PathLen = len;
        asPathText(b, v.pos, len, 4, a.as4Path);
        break;
      case AS4_AGGREGATOR:
        if (a.as4AggregatorAs != -1) {
          throw new Abort(at, "duplicate AS4_AGGREGATOR attribute");
        }
        a.as4AggregatorAs = getl(v);
        a.as4AggregatorAddr = getl(v);
        break;
      case ORIGINATOR_ID:
        if (a.originatorId != -1) {
          throw new Abort(at, "duplicate ORIGINATOR_ID attribute");
        }
        a.originatorId = getl(v);
        break;
      case CLUSTER_LIST:
        if (a.hasClusterList) {
          throw new Abort(at, "duplicate CLUSTER_LIST attribute");
        }
        a.hasClusterList = true;
        a.clusterOff = v.pos;
        a.clusterCount = len / 4;
        break;
      default:
        a.addUnknown(flag, type, v.pos, len);
    }
  }

  /** RFC 4760 §3 MP_REACH_NLRI, or the RIB form of RFC 6396 §4.3.4 (next hop only). */
  private void mpReach(Stream v, boolean inc, boolean addPath) {
    // bgpdump takes any value not starting with a zero byte for the abbreviated RIB form and files
    // it under IPv6 unicast whatever the address family.
    int first = v.pos < bodyEnd ? b[v.pos] & 0xFF : 0;
    if (first != 0) {
      MpSlot slot = attrs.announce[AFI_IP6][1];
      if (slot.present) {
        throw new Abort(v.pos, "second abbreviated MP_REACH_NLRI");
      }
      slot.present = true;
      slot.prefixes.count = 0;
      nextHop(v, slot);
      return;
    }
    int afi = getw(v);
    int safi = getc(v);
    if (afi > 2 || safi > 3) {
      return; // bgpdump: "unknown protocol"
    }
    MpSlot slot = attrs.announce[afi][safi];
    if (slot.present) {
      return; // bgpdump: "two MP_NLRI for the same protocol"
    }
    slot.present = true;
    slot.prefixes.count = 0;
    nextHop(v, slot);
    for (int snpa = getc(v); snpa > 0; snpa--) {
      skipBytes(v, getc(v));
    }
    readPrefixList(v, slot.prefixes, inc, addPath);
  }

  private void nextHop(Stream v, MpSlot slot) {
    slot.nextHopLen = getc(v);
    Arrays.fill(slot.nextHop, (byte) 0);
    Arrays.fill(slot.nextHopLocal, (byte) 0);
    if (slot.nextHopLen == 4) {
      get(v, slot.nextHop, 0, 4);
    } else if (slot.nextHopLen == 16) {
      get(v, slot.nextHop, 0, 16);
    } else if (slot.nextHopLen == 32) {
      get(v, slot.nextHop, 0, 16);
      get(v, slot.nextHopLocal, 0, 16);
    }
  }

  /** RFC 4760 §4 MP_UNREACH_NLRI. */
  private void mpUnreach(Stream v, boolean inc, boolean addPath) {
    int afi = getw(v);
    int safi = getc(v);
    if (afi > 2 || safi > 3) {
      return;
    }
    MpSlot slot = attrs.withdraw[afi][safi];
    if (slot.present) {
      return;
    }
    slot.present = true;
    readPrefixList(v, slot.prefixes, inc, addPath);
  }

  /**
   * RFC 6793 §4.2.3: with 2-byte ASNs, AGGREGATOR and AS_PATH may carry AS_TRANS and the real
   * values travel in AS4_AGGREGATOR and AS4_PATH. bgpdump skips the AS4_PATH merge altogether when
   * AGGREGATOR and AS4_AGGREGATOR disagree, and merges by repeating AS_PATH's first segment.
   */
  private void as4Transition(int asnLen) {
    BgpdumpAttributes a = attrs;
    if (asnLen == 4) {
      return;
    }
    if (a.has(AGGREGATOR) && a.has(AS4_AGGREGATOR)) {
      if (a.aggregatorAs != AS_TRANS) {
        return;
      }
      a.aggregatorAs = a.as4AggregatorAs;
      a.aggregatorAddr = a.as4AggregatorAddr;
    }
    if (!a.has(AS4_PATH) || !a.hasAsPath) {
      return;
    }
    if (a.asPath.count < a.as4Path.count) {
      return;
    }
    int target = a.asPath.count - a.as4Path.count;
    int mergedCount = 0;
    int mlen = 0;
    while (mergedCount < target) {
      // bgpdump never moves past AS_PATH's first segment (a count above zero means it exists).
      int segType = b[a.asPathOff] & 0xFF;
      int segLen = b[a.asPathOff + 1] & 0xFF;
      if (segLen == 0 && segType != 1 && segType != 4) {
        throw new Abort(a.asPathOff, "AS4_PATH merge that never ends (empty first segment)");
      }
      int need = mlen + 2 + 4 * segLen;
      if (need > merged.length) {
        merged = Arrays.copyOf(merged, Math.max(need, merged.length * 2));
      }
      int segStart = mlen;
      merged[mlen++] = (byte) segType;
      merged[mlen++] = (byte) segLen;
      for (int i = 0; i < segLen; i++) {
        int p = a.asPathOff + 2 + 2 * i;
        merged[mlen++] = 0;
        merged[mlen++] = 0;
        merged[mlen++] = b[p];
        merged[mlen++] = b[p + 1];
      }
      if (segType == 1 || segType == 4) {
        mergedCount += 1;
      } else {
        mergedCount += segLen;
        if (mergedCount > target) {
          int excess = mergedCount - target;
          merged[segStart + 1] = (byte) (segLen - excess);
          mlen -= excess * 4;
        }
      }
    }
    if (mlen + a.as4PathLen > merged.length) {
      merged = Arrays.copyOf(merged, mlen + a.as4PathLen);
    }
    System.arraycopy(b, a.as4PathOff, merged, mlen, a.as4PathLen);
    mlen += a.as4PathLen;
    asPathText(merged, 0, mlen, 4, a.asPath);
  }

  /** RFC 4271 §4.3 AS_PATH segments to text: sets in {}, confederation sets [], sequences (). */
  private static void asPathText(byte[] data, int off, int len, int asnLen, AsPathText out) {
    byte[] s = out.text;
    int pos = 0;
    int count = 0;
    boolean space = false;
    int prevType = 2;
    int lastType = -1;
    int p = off;
    int end = off + len;
    while (p < end) {
      int segType = data[p] & 0xFF;
      if (segType < 1 || segType > 4 || p + 2 > end) {
        error(out);
        return;
      }
      int segLen = data[p + 1] & 0xFF;
      if (p + segLen * asnLen + 2 > end) {
        error(out);
        return;
      }
      if (prevType != 2) {
        s[pos++] = (byte) closing(prevType);
      }
      if (space) {
        s[pos++] = ' ';
      }
      if (segType != 2) {
        s[pos++] = (byte) opening(segType);
      }
      space = false;
      count += (segType == 2 || segType == 3) ? segLen : 1;
      boolean set = segType == 1 || segType == 4;
      for (int i = 0; i < segLen; i++) {
        if (space) {
          s[pos++] = (byte) (set ? ',' : ' ');
        } else {
          space = true;
        }
        int q = p + 2 + i * asnLen;
        long asn =
            asnLen == 4
                ? ByteSink.readInt(data, q) & 0xFFFFFFFFL
                : ((data[q] & 0xFF) << 8) | (data[q + 1] & 0xFF);
        pos = decimalInto(asn, s, pos) + pos;
        if (pos > AsPathText.MAX - 100) {
          s[pos++] = '.';
          s[pos++] = '.';
          s[pos++] = '.';
          out.length = pos;
          out.count = count;
          return;
        }
      }
      prevType = segType;
      lastType = segType;
      p += segLen * asnLen + 2;
    }
    if (lastType != -1 && lastType != 2) {
      s[pos++] = (byte) closing(lastType);
    }
    out.length = pos;
    out.count = count;
  }

  private static void error(AsPathText out) {
    System.arraycopy(ERROR_PATH, 0, out.text, 0, ERROR_PATH.length);
    out.length = ERROR_PATH.length;
    out.count = 0;
  }

  private static char opening(int segType) {
    switch (segType) {
      case 1:
        return '{';
      case 3:
        return '(';
      case 4:
        return '[';
      default:
        return ' ';
    }
  }

  private static char closing(int segType) {
    switch (segType) {
      case 1:
        return '}';
      case 3:
        return ')';
      case 4:
        return ']';
      default:
        return ' ';
    }
  }

  /** RFC 1997 communities as " AS:VALUE" with the well-known names, truncated at 8191 bytes. */
  private int communityText() {
    BgpdumpAttributes a = attrs;
    byte[] t = communityText;
    int n = 0;
    int limit = t.length - 1;
    for (int i = 0; i < a.communitiesLen / 4; i++) {
      int v = ByteSink.readInt(b, a.communitiesOff + 4 * i);
      String name = null;
      if (v == 0xFFFFFF01) {
        name = " no-export";
      } else if (v == 0xFFFFFF02) {
        name = " no-advertise";
      } else if (v == 0xFFFFFF03) {
        name = " local-AS";
      }
      if (name != null) {
        if (n + name.length() < t.length) {
          for (int k = 0; k < name.length(); k++) {
            t[n++] = (byte) name.charAt(k);
          }
        }
        continue;
      }
      if (n < limit) {
        t[n++] = ' ';
      }
      n = boundedDecimal(t, n, limit, v >>> 16);
      if (n < limit) {
        t[n++] = ':';
      }
      n = boundedDecimal(t, n, limit, v & 0xFFFF);
    }
    return n;
  }

  private final byte[] digits = new byte[20];

  private int boundedDecimal(byte[] t, int n, int limit, long v) {
    int d = decimalInto(v, digits, 0);
    for (int k = 0; k < d && n < limit; k++) {
      t[n++] = digits[k];
    }
    return n;
  }

  private int largeCommunityText() {
    BgpdumpAttributes a = attrs;
    byte[] t = communityText;
    int n = 0;
    int limit = t.length - 1;
    for (int i = 0; i < a.largeLen / 12; i++) {
      int o = a.largeOff + 12 * i;
      if (n < limit) {
        t[n++] = ' ';
      }
      n = boundedDecimal(t, n, limit, ByteSink.readInt(b, o) & 0xFFFFFFFFL);
      if (n < limit) {
        t[n++] = ':';
      }
      n = boundedDecimal(t, n, limit, ByteSink.readInt(b, o + 4) & 0xFFFFFFFFL);
      if (n < limit) {
        t[n++] = ':';
      }
      n = boundedDecimal(t, n, limit, ByteSink.readInt(b, o + 8) & 0xFFFFFFFFL);
    }
    return n;
  }

  // ---------------------------------------------------------------- one-line pieces

  private void appendAsPath() {
    BgpdumpAttributes a = attrs;
    if (a.has(AS_PATH) && a.hasAsPath) {
      out.append(a.asPath.text, 0, a.asPath.length);
    }
  }

  private void appendOrigin() {
    int o = attrs.origin;
    out.append(o == 0 ? IGP : o == 1 ? EGP : INCOMPLETE);
  }

  /** "COMMUNITIES|" (without the leading space) or "|". */
  private void appendCommunityField() {
    if (attrs.has(COMMUNITIES)) {
      int n = communityText();
      if (n > 1) {
        out.append(communityText, 1, n - 1);
      }
    }
    out.append('|');
  }

  /** "AG|" or "NAG|", then "AS ADDR|" or "|". */
  private void appendAggregateFields() {
    out.append(attrs.has(ATOMIC_AGGREGATE) ? AG : NAG);
    if (attrs.aggregatorAddr != -1) {
      out.unsigned(attrs.aggregatorAs).append(' ').ipv4(attrs.aggregatorAddr);
    }
    out.append('|');
  }

  private int localPrefOrZero() {
    return attrs.has(LOCAL_PREF) ? attrs.localPref : 0;
  }

  private int medOrZero() {
    return attrs.has(MULTI_EXIT_DISC) ? attrs.med : 0;
  }

  private void linePrefix(String format, String kind) {
    out.append(format).append('|').append(time, 0, timeLen).append('|').append(kind).append('|');
  }

  // ---------------------------------------------------------------- MRTD BGP (type 5)

  /** RFC 6396 §4.1 (deprecated BGP type): old MRTd updates, keepalives and state changes. */
  private boolean mrtdBgp() {
    Stream s = rec;
    if (subtype == 1 || subtype == 7) {
      incOrigLen = 0;
      sourceAs = getw(s);
      int src = getl(s);
      destinationAs = getw(s);
      int dst = getl(s);
      Stream w = copy(s, getw(s), sub);
      readPrefixList(w, withdrawn, true, false);
      processAttributes(s, 2, true, false);
      readPrefixList(s, announced, true, false);
      printMrtdMessage(src, dst);
    } else if (subtype == 3) {
      destinationAs = getw(s);
      int dst = getl(s);
      oldState = getw(s);
      newState = getw(s);
      if (mode == MULTI_LINE) {
        timeLine();
        out.append("TYPE: BGP/STATE_CHANGE\nPEER:");
        v4OrNa(dst);
        out.append("AS").unsigned(destinationAs).append('\n');
        out.append("STATE: ")
            .append(stateName(oldState))
            .append('/')
            .append(stateName(newState))
            .append("\n\n");
      } else {
        linePrefix("BGP", "STATE");
        out.ipv4(dst).append('|').unsigned(destinationAs).append('|');
        out.decimal(oldState).append('|').decimal(newState).append('\n');
      }
    } else if (mode == MULTI_LINE) {
      timeLine();
      out.append("TYPE: Subtype ").decimal(subtype).append(" not supported yet\n\n");
    }
    return true;
  }

  private void printMrtdMessage(int src, int dst) {
    if (mode == MULTI_LINE) {
      timeLine();
      out.append(subtype == 1 ? "TYPE: BGP/MESSAGE/Update\n" : "TYPE: BGP/MESSAGE/Keepalive\n");
      if (sourceAs != 0) {
        out.append("FROM:");
        v4OrNa(src);
        out.append("AS").unsigned(sourceAs).append('\n');
      }
      if (destinationAs != 0) {
        out.append("TO:");
        v4OrNa(dst);
        out.append("AS").unsigned(destinationAs).append('\n');
      }
      if (attrs.declaredLength != 0) {
        showAttributes();
      }
      if (withdrawn.count > 0) {
        out.append("WITHDRAW\n");
        showPrefixes4(withdrawn, false);
      }
      if (announced.count > 0) {
        out.append("ANNOUNCE\n");
        showPrefixes4(announced, false);
      }
      out.append('\n');
      return;
    }
    if (subtype != 1) {
      return;
    }
    for (int i = 0; i < withdrawn.count; i++) {
      linePrefix("BGP", "W");
      out.ipv4(src).append('|').unsigned(sourceAs).append('|');
      appendPrefix4(withdrawn, i);
      out.append('/').decimal(withdrawn.bits[i]).append('\n');
    }
    for (int i = 0; i < announced.count; i++) {
      linePrefix("BGP", "A");
      out.ipv4(src).append('|').unsigned(sourceAs).append('|');
      appendPrefix4(announced, i);
      out.append('/').decimal(announced.bits[i]).append('|');
      appendAsPath();
      out.append('|');
      appendOrigin();
      if (mode == ONE_LINE_UNIX) {
        // bgpdump's MRTd line has no separator between MED and the communities.
        out.append('|').ipv4(attrs.nextHop).append('|');
        out.unsigned(localPrefOrZero()).append('|').unsigned(medOrZero());
        if (attrs.has(COMMUNITIES)) {
          int n = communityText();
          if (n > 1) {
            out.append(communityText, 1, n - 1);
          }
          out.append('|');
        } else {
          out.append('|');
        }
        appendAggregateFields();
      }
      out.append('\n');
    }
  }

  // ---------------------------------------------------------------- TABLE_DUMP (type 12)

  private final byte[] tdPrefix = new byte[16];
  private final byte[] tdPeer = new byte[16];

  /** RFC 6396 §4.2 TABLE_DUMP: one route per record, AFI in the subtype. */
  private boolean tableDump(long timestamp) {
    Stream s = rec;
    int view = getw(s);
    int sequence = getw(s);
    byte[] prefix = tdPrefix;
    byte[] peer = tdPeer;
    Arrays.fill(prefix, (byte) 0);
    Arrays.fill(peer, (byte) 0);
    boolean v6Address;
    switch (subtype) {
      case 1:
      case 3:
        get(s, prefix, 0, 4);
        v6Address = false;
        break;
      case 2:
      case 4:
        get(s, prefix, 0, 16);
        v6Address = true;
        break;
      default:
        return skip("TABLE_DUMP with unknown address family " + subtype);
    }
    int mask = getc(s);
    int status = getc(s);
    long uptime = getl(s) & 0xFFFFFFFFL;
    get(s, peer, 0, v6Address ? 16 : 4);
    int asnLen = subtype <= 2 ? 2 : 4;
    int peerAsn = readAsn(s, asnLen);
    processAttributes(s, asnLen, false, false);

    if (mode == MULTI_LINE) {
      timeLine();
      out.append(
          subtype == 1
              ? "TYPE: TABLE_DUMP/INET\n"
              : subtype == 2
                  ? "TYPE: TABLE_DUMP/INET6\n"
                  : subtype == 3
                      ? "TYPE: TABLE_DUMP/INET_32BIT_AS\n"
                      : "TYPE: TABLE_DUMP/INET6_32BIT_AS\n");
      out.append("VIEW: ").decimal(view).append('\n');
      out.append("SEQUENCE: ").decimal(sequence).append('\n');
      out.append("PREFIX: ");
      if (v6Address) {
        out.ipv6(prefix, 0);
      } else {
        out.ipv4(ByteSink.readInt(prefix, 0));
      }
      out.append('/').decimal(mask).append('\n');
      out.append("FROM:");
      if (v6Address) {
        out.ipv6(peer, 0).append(' ');
      } else if (ByteSink.readInt(peer, 0) != 0) {
        out.ipv4(ByteSink.readInt(peer, 0)).append(' ');
      } else {
        out.append("N/A ");
      }
      out.append("AS").unsigned(peerAsn).append('\n');
      out.append("ORIGINATED: ");
      appendHuman(uptime);
      out.append('\n');
      if (attrs.declaredLength != 0) {
        showAttributes();
      }
      out.append("STATUS: 0x").hex(status).append("\n\n");
      return true;
    }
    out.append("TABLE_DUMP|");
    if (mode == ONE_LINE_UNIX) {
      out.decimal(timestamp);
    } else {
      appendHuman(timestamp);
    }
    out.append(B_SEP);
    // bgpdump formats both as IPv6 only for subtype 2, not for the 32-bit-AS IPv6 subtype 4.
    boolean asV6 = subtype == 2;
    if (asV6) {
      out.ipv6(peer, 0);
    } else {
      out.ipv4(ByteSink.readInt(peer, 0));
    }
    out.append('|').unsigned(peerAsn).append('|');
    if (asV6) {
      out.ipv6(prefix, 0);
    } else {
      out.ipv4(ByteSink.readInt(prefix, 0));
    }
    out.append('/').decimal(mask).append('|');
    appendAsPath();
    out.append('|');
    appendOrigin();
    if (mode == ONE_LINE_UNIX) {
      out.append('|');
      MpSlot v6 = attrs.announce[AFI_IP6][1];
      if (attrs.has(MP_REACH_NLRI) && v6.present) {
        out.ipv6(v6.nextHop, 0);
      } else {
        out.ipv4(attrs.nextHop);
      }
      out.append('|').unsigned(localPrefOrZero()).append('|').unsigned(medOrZero()).append('|');
      appendCommunityField();
      appendAggregateFields();
    }
    out.append('\n');
    return true;
  }

  // ---------------------------------------------------------------- TABLE_DUMP_V2 (type 13)

  /** RFC 6396 §4.3 TABLE_DUMP_V2. */
  private boolean tableDumpV2() {
    switch (subtype) {
      case 1:
        peerIndexTable();
        return false;
      case 2:
      case 8:
        return rib(false, subtype == 8);
      case 4:
      case 10:
        return rib(true, subtype == 10);
      default:
        return skip("TABLE_DUMP_V2 subtype " + subtype + " is not supported by bgpdump");
    }
  }

  /** RFC 6396 §4.3.1 PEER_INDEX_TABLE. */
  private void peerIndexTable() {
    Stream s = rec;
    getl(s); // collector BGP ID
    int nameLength = getw(s);
    if (nameLength + 1 <= 255) {
      skipBytes(s, nameLength);
    } // else bgpdump ignores the name and reads on from where it stands
    int count = getw(s);
    if (peerIp.length < count) {
      peerV6 = new boolean[count];
      peerIp = new byte[count][16];
      peerAs = new int[count];
      peerPrefix = new byte[count][];
    }
    for (int i = 0; i < count; i++) {
      int peerType = getc(s);
      peerV6[i] = (peerType & 1) != 0;
      getl(s); // peer BGP ID
      Arrays.fill(peerIp[i], (byte) 0);
      get(s, peerIp[i], 0, peerV6[i] ? 16 : 4);
      peerAs[i] = (peerType & 2) != 0 ? getl(s) : getw(s);
      peerPrefix[i] = null;
    }
    peerCount = count;
    hasPeerTable = true;
  }

  /** "PEER|AS|" for one-line RIB output, formatted once per peer table. */
  private byte[] peerField(int index) {
    byte[] p = peerPrefix[index];
    if (p == null) {
      ByteSink t = new ByteSink(64);
      if (peerV6[index]) {
        t.ipv6(peerIp[index], 0);
      } else {
        t.ipv4(ByteSink.readInt(peerIp[index], 0));
      }
      t.append('|').unsigned(peerAs[index]).append('|');
      p = Arrays.copyOf(t.array(), t.length());
      peerPrefix[index] = p;
    }
    return p;
  }

  /** RFC 6396 §4.3.2 RIB_IPV4_UNICAST / RIB_IPV6_UNICAST, and RFC 8050 §4 ADD-PATH forms. */
  private boolean rib(boolean v6, boolean addPath) {
    Stream s = rec;
    int sequence = getl(s);
    int bits = getc(s);
    int bytes = (bits + 7) >>> 3;
    byte[] prefix = scratch16;
    Arrays.fill(prefix, (byte) 0);
    get(s, prefix, 0, Math.min(bytes, 16));
    if (bytes > 16) {
      skipBytes(s, bytes - 16);
    }
    int entryCount = getw(s);
    if (entryCount != 0 && !hasPeerTable) {
      return skip("RIB entries with no peer index table before them");
    }
    // The prefix text is the same for every entry; format it once.
    ByteSink pt = prefixText;
    pt.truncate(0);
    if (v6) {
      pt.ipv6(prefix, 0);
    } else {
      pt.ipv4(ByteSink.readInt(prefix, 0));
    }
    pt.append('/').decimal(bits);
    byte[] prefixBytes = pt.array();
    int prefixLen = pt.length();

    if (mode == MULTI_LINE) {
      timeLine();
    }
    for (int i = 0; i < entryCount; i++) {
      int at = s.pos;
      int peerIndex = getw(s);
      if (peerIndex >= peerCount) {
        throw new Abort(at, "peer index " + peerIndex + " outside the peer table of " + peerCount);
      }
      long originated = getl(s) & 0xFFFFFFFFL;
      int pathId = addPath ? getl(s) : 0;
      processAttributes(s, 4, false, addPath);
      if (mode == MULTI_LINE) {
        if (i > 0) {
          out.append('\n').append(TIME_LINE).append(fixedTime, 0, fixedTimeLen).append('\n');
        }
        out.append(v6 ? "TYPE: TABLE_DUMP_V2/IPV6_UNICAST" : "TYPE: TABLE_DUMP_V2/IPV4_UNICAST");
        out.append(addPath ? "_ADDPATH\nPREFIX: " : "\nPREFIX: ");
        out.append(prefixBytes, 0, prefixLen);
        if (addPath) {
          out.append(" PATH_ID: ").unsigned(pathId);
        }
        out.append("\nSEQUENCE: ").decimal(sequence).append('\n');
        out.append("FROM: ");
        if (peerV6[peerIndex]) {
          out.ipv6(peerIp[peerIndex], 0);
        } else {
          out.ipv4(ByteSink.readInt(peerIp[peerIndex], 0));
        }
        out.append(" AS").unsigned(peerAs[peerIndex]).append('\n');
        out.append("ORIGINATED: ");
        appendHuman(originated);
        out.append('\n');
        if (attrs.declaredLength != 0) {
          showAttributes();
        }
        continue;
      }
      out.append(addPath ? TABLE_DUMP2_AP_B : TABLE_DUMP2_B).append(time, 0, timeLen).append(B_SEP);
      out.append(peerField(peerIndex));
      out.append(prefixBytes, 0, prefixLen).append('|');
      if (addPath) {
        out.unsigned(pathId).append('|');
      }
      BgpdumpAttributes a = attrs;
      if (a.hasAsPath) {
        out.append(a.asPath.text, 0, a.asPath.length);
      }
      out.append('|');
      appendOrigin();
      if (mode == ONE_LINE_HUMAN) {
        out.append('\n');
        continue;
      }
      out.append('|');
      MpSlot reach6 = a.announce[AFI_IP6][1];
      MpSlot reach4 = a.announce[AFI_IP][1];
      if (a.has(MP_REACH_NLRI) && reach6.present) {
        mpNextHop(reach6);
      } else if (a.has(MP_REACH_NLRI) && reach4.present) {
        mpNextHop(reach4);
      } else {
        out.ipv4(a.nextHop);
      }
      out.append('|').unsigned(localPrefOrZero()).append('|').unsigned(medOrZero()).append('|');
      appendCommunityField();
      appendAggregateFields();
      out.append('\n');
    }
    if (mode == MULTI_LINE) {
      out.append('\n');
    }
    return true;
  }

  private final ByteSink prefixText = new ByteSink(64);

  private void mpNextHop(MpSlot slot) {
    if (slot.nextHopLen == 4) {
      out.ipv4(ByteSink.readInt(slot.nextHop, 0));
    } else if (slot.nextHopLen == 16 || slot.nextHopLen == 32) {
      out.ipv6(slot.nextHop, 0);
    }
  }

  // ---------------------------------------------------------------- BGP4MP (types 16, 17)

  private boolean receive() {
    return subtype != 6 && subtype != 7;
  }

  private boolean addPathSubtype() {
    return subtype >= 8 && subtype <= 11;
  }

  private String bgp4mpName() {
    return type == 17 ? "BGP4MP_ET" : "BGP4MP";
  }

  /** bgpdump's get_bgp4mp_format. */
  private String lineFormat() {
    boolean et = type == 17;
    boolean addPath = addPathSubtype();
    if (et && !receive()) {
      return addPath ? "BGP4MP_ET_LOCAL_AP" : "BGP4MP_ET_LOCAL";
    } else if (et) {
      return addPath ? "BGP4MP_ET_AP" : "BGP4MP_ET";
    } else if (!receive()) {
      return addPath ? "BGP4MP_LOCAL_AP" : "BGP4MP_LOCAL";
    }
    return addPath ? "BGP4MP_AP" : "BGP4MP";
  }

  /** RFC 6396 §4.4 BGP4MP and §3 BGP4MP_ET. */
  private boolean bgp4mp() {
    switch (subtype) {
      case 0:
        return stateChange(2);
      case 5:
        return stateChange(4);
      case 1:
      case 6:
      case 8:
      case 10:
        return message(2);
      case 4:
      case 7:
      case 9:
      case 11:
        return message(4);
      default:
        return skip("BGP4MP subtype " + subtype + " is not supported by bgpdump");
    }
  }

  /** RFC 6396 §4.4.1 BGP4MP_STATE_CHANGE and §4.4.4 BGP4MP_STATE_CHANGE_AS4. */
  private boolean stateChange(int asnLen) {
    Stream s = rec;
    sourceAs = readAsn(s, asnLen);
    destinationAs = readAsn(s, asnLen);
    Arrays.fill(sourceIp, (byte) 0);
    Arrays.fill(destinationIp, (byte) 0);
    if (length == 8) {
      // A Zebra bug bgpdump works around: no interface, family or addresses.
      oldState = getw(s);
      newState = getw(s);
      afi = AFI_IP;
    } else {
      getw(s); // interface index
      afi = getw(s);
      if (afi == AFI_IP) {
        if (length != 20 && length != 24) {
          return skip("BGP4MP state change with bad length");
        }
        get(s, sourceIp, 0, 4);
        get(s, destinationIp, 0, 4);
      } else if (afi == AFI_IP6) {
        if (length != 44 && length != 48) {
          return skip("BGP4MP state change with bad length");
        }
        get(s, sourceIp, 0, 16);
        get(s, destinationIp, 0, 16);
      } else {
        return skip("BGP4MP state change with unknown address family");
      }
      oldState = getw(s);
      newState = getw(s);
    }
    if (mode == MULTI_LINE) {
      timeLine();
      out.append("TYPE: ").append(bgp4mpName()).append("/STATE_CHANGE\nPEER:");
      if (afi == AFI_IP6) {
        out.append(' ').ipv6(sourceIp, 0).append(' ');
      } else {
        v4OrNa(ByteSink.readInt(sourceIp, 0));
      }
      out.append("AS").unsigned(sourceAs).append('\n');
      out.append("STATE: ")
          .append(stateName(oldState))
          .append('/')
          .append(stateName(newState))
          .append("\n\n");
    } else {
      linePrefix(bgp4mpName(), "STATE");
      if (afi == AFI_IP6) {
        out.ipv6(sourceIp, 0);
      } else {
        out.ipv4(ByteSink.readInt(sourceIp, 0));
      }
      out.append('|').unsigned(sourceAs).append('|');
      out.decimal(oldState).append('|').decimal(newState).append('\n');
    }
    return true;
  }

  private static String stateName(int state) {
    if (state != 0 && state >= 10) {
      return "Unknown";
    }
    return STATE_NAMES[state];
  }

  /** RFC 6396 §4.4.2 BGP4MP_MESSAGE and its AS4, LOCAL and (RFC 8050) ADDPATH variants. */
  private boolean message(int asnLen) {
    Stream s = rec;
    boolean local = !receive() || subtype == 10 || subtype == 11;
    if (local) {
      destinationAs = readAsn(s, asnLen);
      sourceAs = readAsn(s, asnLen);
    } else {
      sourceAs = readAsn(s, asnLen);
      destinationAs = readAsn(s, asnLen);
    }
    int ifIndex = getw(s);
    afi = getw(s);
    Arrays.fill(sourceIp, (byte) 0);
    Arrays.fill(destinationIp, (byte) 0);
    byte[] marker = markerScratch;
    if (afi == AFI_IP || afi == AFI_IP6) {
      int n = afi == AFI_IP ? 4 : 16;
      if (local) {
        get(s, destinationIp, 0, n);
        get(s, sourceIp, 0, n);
      } else {
        get(s, sourceIp, 0, n);
        get(s, destinationIp, 0, n);
      }
      get(s, marker, 0, 16);
    } else if (afi == 0xFFFF && ifIndex == 0xFFFF) {
      // Zebra wrote OPEN messages without interface or addresses; bgpdump reads on.
      marker[0] = marker[1] = marker[2] = marker[3] = (byte) 0xFF;
      get(s, marker, 4, 12);
      afi = AFI_IP;
    } else {
      return skip("BGP4MP message with unsupported address family");
    }
    for (int i = 0; i < 16; i++) {
      if (marker[i] != (byte) 0xFF) {
        return skip("BGP message with a bad marker");
      }
    }
    bgpSize = getw(s);
    long expected = bgpSize - 18;
    Stream m = copy(s, expected & 0xFFFFFFFFL, msg);
    cutBytes = (int) ((expected - m.remaining()) & 0xFFFF);
    bgpType = getc(m);
    switch (bgpType) {
      case 1:
        openVersion = getc(m);
        openAs = getw(m);
        openHold = getw(m);
        openId = getl(m);
        openOptLen = getc(m);
        skipBytes(m, openOptLen);
        if (mode == MULTI_LINE) {
          messageHeader("Open");
          out.append("VERSION: ").decimal(openVersion).append('\n');
          out.append("AS: ").decimal(openAs).append('\n');
          out.append("HOLD_TIME: ").decimal(openHold).append('\n');
          out.append("ID: ").ipv4(openId).append('\n');
          out.append("OPT_PARM_LEN: ").decimal(openOptLen).append("\n\n");
        }
        return true;
      case 2:
        update(m, asnLen);
        return true;
      case 3:
        notifyCode = getc(m);
        notifySubcode = getc(m);
        if (mode == MULTI_LINE) {
          messageHeader("Notify");
          notification();
          out.append('\n');
        }
        return true;
      case 4:
        if (mode == MULTI_LINE) {
          messageHeader("Keepalive");
          out.append('\n');
        }
        return true;
      case 5:
      case 128:
        return skip("BGP ROUTE-REFRESH messages are not supported by bgpdump");
      default:
        return skip("BGP message of unknown type");
    }
  }

  private final byte[] markerScratch = new byte[16];

  private void messageHeader(String kind) {
    timeLine();
    out.append("TYPE: ").append(bgp4mpName()).append('/');
    boolean addPath = addPathSubtype();
    out.append(
        addPath
            ? (receive() ? "MESSAGE_ADDPATH" : "MESSAGE_LOCAL_ADDPATH")
            : (receive() ? "MESSAGE" : "MESSAGE_LOCAL"));
    out.append('/').append(kind).append('\n');
    if (sourceAs != 0) {
      out.append("FROM:");
      endpoint(sourceIp);
      out.append("AS").unsigned(sourceAs).append('\n');
    }
    if (destinationAs != 0) {
      out.append("TO:");
      endpoint(destinationIp);
      out.append("AS").unsigned(destinationAs).append('\n');
    }
  }

  private void endpoint(byte[] ip) {
    if (afi == AFI_IP6) {
      out.append(' ').ipv6(ip, 0).append(' ');
    } else {
      v4OrNa(ByteSink.readInt(ip, 0));
    }
  }

  private void v4OrNa(int ip) {
    if (ip != 0) {
      out.append(' ').ipv4(ip).append(' ');
    } else {
      out.append(" N/A ");
    }
  }

  private void timeLine() {
    out.append(TIME_LINE).append(time, 0, timeLen).append('\n');
  }

  private void notification() {
    int code = notifyCode;
    int sub = notifySubcode;
    switch (code) {
      case 1:
        out.append("    ERROR CODE  : 1 (Message Header Error)\n");
        subError(sub, "Connection Not Synchronized", "Bad Message Length", "Bad Message Type");
        break;
      case 2:
        out.append("    ERROR CODE  : 2 (OPEN Message Error)\n");
        subError(
            sub,
            "Unsupported Version Number",
            "Bad Peer AS",
            "Bad BGP Identifier",
            "Unsupported Optional Parameter",
            "Authentication Failure",
            "Unacceptable Hold Time");
        break;
      case 3:
        out.append("    ERROR CODE  : 3 (UPDATE Message Error)\n");
        subError(
            sub,
            "Malformed Attribute List",
            "Unrecognized Well-known Attribute",
            "Missing Well-known Attribute",
            "Attribute Flags Error",
            "Attribute Length Error",
            "Invalid ORIGIN Attribute",
            "AS Routing Loop",
            "Invalid NEXT-HOP Attribute",
            "Optional Attribute Error",
            "Invalid Network Field",
            "Malformed AS-PATH");
        break;
      case 4:
        out.append("    ERROR CODE  : 4 (Hold Timer Expired)\n");
        break;
      case 5:
        out.append("    ERROR CODE  : 5 (Finite State Machine Error)\n");
        break;
      case 6:
        out.append("    ERROR CODE  : 6 (Cease)\n");
        break;
      default:
        out.append("    ERROR CODE  : ").decimal(code).append('\n');
    }
  }

  private void subError(int sub, String... names) {
    out.append("    SUB ERROR   : ").decimal(sub);
    if (sub >= 1 && sub <= names.length) {
      out.append(" (").append(names[sub - 1]).append(')');
    }
    out.append('\n');
  }

  /** RFC 4271 §4.3 UPDATE with RFC 4760 MP attributes. */
  private void update(Stream m, int asnLen) {
    boolean addPath = addPathSubtype();
    incOrigLen = 0;
    incLen = 0;
    Stream w = copy(m, getw(m), sub);
    readPrefixList(w, withdrawn, true, addPath);
    processAttributes(m, asnLen, true, addPath);
    readPrefixList(m, announced, true, addPath);
    BgpdumpAttributes a = attrs;
    if (mode == MULTI_LINE) {
      printUpdateMultiLine(addPath);
      return;
    }
    if (withdrawn.count > 0 || a.has(MP_UNREACH_NLRI)) {
      withdrawLines(withdrawn, false, addPath);
      for (int safi = 1; safi <= 3; safi++) {
        MpSlot slot = a.withdraw[AFI_IP][safi];
        if (slot.present && slot.prefixes.count > 0) {
          withdrawLines(slot.prefixes, false, addPath);
        }
      }
      for (int safi = 1; safi <= 3; safi++) {
        MpSlot slot = a.withdraw[AFI_IP6][safi];
        if (slot.present && slot.prefixes.count > 0) {
          withdrawLines(slot.prefixes, true, addPath);
        }
      }
    }
    if (announced.count > 0 || a.has(MP_REACH_NLRI)) {
      announceLines(announced, null, addPath);
      for (int safi = 1; safi <= 3; safi++) {
        MpSlot slot = a.announce[AFI_IP][safi];
        if (slot.present && slot.prefixes.count > 0) {
          announceLines(slot.prefixes, slot, addPath);
        }
      }
      for (int safi = 1; safi <= 3; safi++) {
        MpSlot slot = a.announce[AFI_IP6][safi];
        if (slot.present && slot.prefixes.count > 0) {
          announce6Lines(slot, addPath);
        }
      }
    }
  }

  /** "PEER|AS|" of the side bgpdump reports: the peer, or for LOCAL messages the local end. */
  private void peerFields(boolean v6Family) {
    boolean rx = receive();
    byte[] ip = rx ? sourceIp : destinationIp;
    int as = rx ? sourceAs : destinationAs;
    if (v6Family) {
      out.ipv6(ip, 0);
    } else {
      out.ipv4(ByteSink.readInt(ip, 0));
    }
    out.append('|').unsigned(as).append('|');
  }

  private void withdrawLines(PrefixList list, boolean v6Prefixes, boolean addPath) {
    String format = lineFormat();
    for (int i = 0; i < list.count; i++) {
      linePrefix(format, "W");
      if (!v6Prefixes) {
        peerFields(afi == AFI_IP6);
        appendPrefix4(list, i);
        out.append('/').decimal(list.bits[i]);
        if (addPath) {
          out.append('|').unsigned(list.pathId[i]);
        }
        out.append('\n');
        continue;
      }
      boolean rx = receive();
      if (afi == AFI_IP6) {
        out.ipv6(rx ? sourceIp : destinationIp, 0);
      } else if (rx) {
        out.ipv4(ByteSink.readInt(sourceIp, 0));
      } else {
        out.ipv6(destinationIp, 0); // sic: bgpdump formats the local IPv4 address as IPv6 here
      }
      out.append('|').unsigned(rx ? sourceAs : destinationAs).append('|');
      appendPrefix6(list, i);
      out.append('/').decimal(list.bits[i]);
      if (addPath) {
        out.append('|').unsigned(list.pathId[i]);
      }
      out.append('\n');
    }
  }

  /** Lines for IPv4 prefixes: from the NLRI field ({@code slot == null}) or MP_REACH_NLRI. */
  private void announceLines(PrefixList list, MpSlot slot, boolean addPath) {
    String format = lineFormat();
    for (int i = 0; i < list.count; i++) {
      linePrefix(format, "A");
      peerFields(afi == AFI_IP6);
      appendPrefix4(list, i);
      out.append('/').decimal(list.bits[i]).append('|');
      if (addPath) {
        out.unsigned(list.pathId[i]).append('|');
      }
      appendAsPath();
      out.append('|');
      appendOrigin();
      if (mode != ONE_LINE_UNIX) {
        out.append('\n');
        continue;
      }
      out.append('|');
      if (slot == null) {
        out.ipv4(attrs.nextHop).append('|');
        out.unsigned(localPrefOrZero()).append('|').unsigned(medOrZero()).append('|');
      } else if (slot.nextHopLen == 4 || slot.nextHopLen == 16 || slot.nextHopLen == 32) {
        mpNextHop(slot);
        // %d here in bgpdump: values above 2^31 print negative.
        out.append('|').decimal(localPrefOrZero()).append('|').decimal(medOrZero()).append('|');
      }
      appendCommunityField();
      appendAggregateFields();
      out.append('\n');
    }
  }

  private void announce6Lines(MpSlot slot, boolean addPath) {
    String format = lineFormat();
    PrefixList list = slot.prefixes;
    boolean rx = receive();
    for (int i = 0; i < list.count; i++) {
      linePrefix(format, "A");
      if (afi == AFI_IP6) {
        out.ipv6(rx ? sourceIp : destinationIp, 0);
      } else {
        out.ipv4(ByteSink.readInt(rx ? sourceIp : destinationIp, 0));
      }
      out.append('|').unsigned(rx ? sourceAs : destinationAs).append('|');
      appendPrefix6(list, i);
      out.append('/').decimal(list.bits[i]).append('|');
      if (addPath) {
        out.unsigned(list.pathId[i]).append('|');
      }
      if (mode != ONE_LINE_UNIX) {
        appendAsPath();
        out.append('|');
        appendOrigin();
        out.append('\n');
        continue;
      }
      if (slot.nextHopLen == 4 || slot.nextHopLen == 16 || slot.nextHopLen == 32) {
        appendAsPath();
        out.append('|');
        appendOrigin();
        out.append('|');
        mpNextHop(slot);
        out.append('|').unsigned(localPrefOrZero()).append('|').unsigned(medOrZero()).append('|');
      }
      appendCommunityField();
      appendAggregateFields();
      out.append('\n');
    }
  }

  private void printUpdateMultiLine(boolean addPath) {
    BgpdumpAttributes a = attrs;
    messageHeader("Update");
    if (a.declaredLength != 0) {
      showAttributes();
    }
    if (cutBytes != 0) {
      out.append("   INCOMPLETE PACKET: ").decimal(cutBytes).append(" bytes cutted\n");
      out.append("   INCOMPLETE PART: ");
      if (incOrigLen != 0) {
        int cut = incLen / 8 + 1;
        out.hex2(incOrigLen).append(' ');
        for (int k = 1; k < cut && k - 1 < incAddr.length; k++) {
          int v = incAddr[k - 1] & 0xFF;
          if (v < 0x10) {
            out.append('0');
          }
          out.hex(v).append(' ');
        }
      }
      out.append('\n');
    }
    boolean anyWithdrawn = withdrawn.count > 0;
    for (int f = 1; f <= 2; f++) {
      for (int safi = 1; safi <= 3; safi++) {
        MpSlot slot = a.withdraw[f][safi];
        anyWithdrawn |= slot.present && slot.prefixes.count > 0;
      }
    }
    if (withdrawn.count > 0 || a.has(MP_UNREACH_NLRI)) {
      if (anyWithdrawn) {
        out.append("WITHDRAW\n");
      }
      showPrefixes4(withdrawn, addPath);
      showSlots(a.withdraw, addPath);
    }
    if (announced.count > 0 || a.has(MP_REACH_NLRI)) {
      out.append("ANNOUNCE\n");
      showPrefixes4(announced, addPath);
      showSlots(a.announce, addPath);
    }
    out.append('\n');
  }

  private void showSlots(MpSlot[][] slots, boolean addPath) {
    for (int safi = 1; safi <= 3; safi++) {
      MpSlot slot = slots[AFI_IP][safi];
      if (slot.present && slot.prefixes.count > 0) {
        showPrefixes4(slot.prefixes, addPath);
      }
    }
    for (int safi = 1; safi <= 3; safi++) {
      MpSlot slot = slots[AFI_IP6][safi];
      if (slot.present && slot.prefixes.count > 0) {
        PrefixList list = slot.prefixes;
        for (int i = 0; i < list.count; i++) {
          out.append("  ");
          appendPrefix6(list, i);
          out.append('/').decimal(list.bits[i]);
          if (addPath) {
            out.append(" PATH_ID: ").unsigned(list.pathId[i]);
          }
          out.append('\n');
        }
      }
    }
  }

  private void showPrefixes4(PrefixList list, boolean addPath) {
    for (int i = 0; i < list.count; i++) {
      out.append("  ");
      appendPrefix4(list, i);
      out.append('/').decimal(list.bits[i]);
      if (addPath) {
        out.append(" PATH_ID: ").unsigned(list.pathId[i]);
      }
      out.append('\n');
    }
  }

  /** bgpdump's multi-line attribute block. */
  private void showAttributes() {
    BgpdumpAttributes a = attrs;
    if (a.has(ORIGIN)) {
      if (a.origin == 0) {
        out.append("ORIGIN: IGP\n");
      } else if (a.origin == 1) {
        out.append("ORIGIN: EGP\n");
      } else if (a.origin == 2) {
        out.append("ORIGIN: INCOMPLETE\n");
      }
    }
    if (a.has(AS_PATH)) {
      out.append("ASPATH: ").append(a.asPath.text, 0, a.asPath.length).append('\n');
    }
    if (a.has(NEXT_HOP)) {
      out.append("NEXT_HOP: ").ipv4(a.nextHop).append('\n');
    }
    if (a.has(MULTI_EXIT_DISC)) {
      out.append("MULTI_EXIT_DISC: ").unsigned(a.med).append('\n');
    }
    if (a.has(LOCAL_PREF)) {
      out.append("LOCAL_PREF: ").unsigned(a.localPref).append('\n');
    }
    if (a.has(ATOMIC_AGGREGATE)) {
      out.append("ATOMIC_AGGREGATE\n");
    }
    if (a.has(AGGREGATOR)) {
      out.append("AGGREGATOR: AS")
          .unsigned(a.aggregatorAs)
          .append(' ')
          .ipv4(a.aggregatorAddr)
          .append('\n');
    }
    if (a.has(ORIGINATOR_ID)) {
      out.append("ORIGINATOR_ID: ").ipv4(a.originatorId).append('\n');
    }
    if (a.has(CLUSTER_LIST)) {
      out.append("CLUSTER_LIST: ");
      for (int i = 0; i < a.clusterCount; i++) {
        out.ipv4(ByteSink.readInt(b, a.clusterOff + 4 * i)).append(' ');
      }
      out.append('\n');
    }
    for (int i = 0; i < a.unknownCount; i++) {
      out.append("   UNKNOWN_ATTR(")
          .decimal(a.unknownFlag[i])
          .append(", ")
          .decimal(a.unknownType[i])
          .append(", ")
          .decimal(a.unknownLen[i])
          .append("):");
      for (int k = 0; k < a.unknownLen[i]; k++) {
        out.append(' ').hex2(b[a.unknownOff[i] + k]);
      }
      out.append('\n');
    }
    if (a.has(MP_REACH_NLRI)) {
      out.append("MP_REACH_NLRI");
      MpSlot[] v6 = a.announce[AFI_IP6];
      MpSlot[] v4 = a.announce[AFI_IP];
      if (v6[1].present || v6[2].present || v6[3].present) {
        int safi = v6[1].present ? 1 : v6[2].present ? 2 : 3;
        out.append(
            safi == 1
                ? "(IPv6 Unicast)\n"
                : safi == 2 ? "(IPv6 Multicast)\n" : "(IPv6 Both unicast and multicast)\n");
        mpNextHopLines(v6[safi]);
      } else if (v4[1].present || v4[2].present || v4[3].present) {
        int safi = v4[1].present ? 1 : v4[2].present ? 2 : 3;
        out.append(
            safi == 1
                ? "(IPv4 Unicast)\n"
                : safi == 2 ? "(IPv4 Multicast)\n" : "(IPv4 Both unicast and multicast)\n");
        mpNextHopLines(v4[safi]);
      }
    }
    if (a.has(MP_UNREACH_NLRI)) {
      out.append("MP_UNREACH_NLRI");
      MpSlot[] v6 = a.withdraw[AFI_IP6];
      MpSlot[] v4 = a.withdraw[AFI_IP];
      if (v6[1].present || v6[2].present || v6[3].present) {
        out.append(
            v6[1].present
                ? "(IPv6 Unicast)\n"
                : v6[2].present ? "(IPv6 Multicast)\n" : "(IPv6 Both unicast and multicast)\n");
      } else if (v4[1].present) {
        out.append("(IPv4 Unicast)\n");
      } else if (v4[2].present) {
        out.append("(IPv4 Multicast)\n");
      } else if (v4[3].present) {
        out.append("(IPv4 Both unicast and multicast)\n");
      }
    }
    if (a.has(COMMUNITIES)) {
      out.append("COMMUNITY:").append(communityText, 0, communityText()).append('\n');
    }
    if (a.has(LARGE_COMMUNITIES)) {
      if (!a.hasLargeCommunities) {
        throw new Abort(rec.pos, "attribute type 0 (bgpdump crashes printing it)");
      }
      out.append("LARGE_COMMUNITY:").append(communityText, 0, largeCommunityText()).append('\n');
    }
  }

  private void mpNextHopLines(MpSlot slot) {
    if (slot.nextHopLen == 4) {
      out.append("NEXT_HOP: ").ipv4(ByteSink.readInt(slot.nextHop, 0)).append('\n');
    }
    if (slot.nextHopLen == 16) {
      out.append("NEXT_HOP: ").ipv6(slot.nextHop, 0).append('\n');
    }
    if (slot.nextHopLen == 32) {
      out.append("NEXT_HOP: ").ipv6(slot.nextHop, 0).append('\n');
      out.append("NEXT_HOP: ").ipv6(slot.nextHopLocal, 0).append('\n');
    }
  }
}
