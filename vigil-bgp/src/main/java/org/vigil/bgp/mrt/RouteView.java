// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.vigil.bgp.message.BgpCodec;
import org.vigil.bgp.message.PathAttributes;
import org.vigil.bgp.message.Prefix;

/**
 * One route event as {@link MrtRouteReader} sees it: a RIB entry, an announcement or a withdrawal,
 * with the fields a route table needs in primitive form. The object is reused for every event and
 * valid only during the {@link RouteVisitor} call; copy what must outlive it ({@link #prefix()},
 * {@link #attributes()} allocate, everything else does not).
 */
public final class RouteView {
  long recordOffset;
  long timestamp;
  int microseconds;
  boolean rib;
  boolean local;
  int peerIndex;
  long peerAs;
  boolean peerIpv6;
  final byte[] peerAddress = new byte[16];
  int afi;
  int safi;
  int prefixLength;
  final byte[] prefixBytes = new byte[16];
  long pathId;
  long originAs;
  int asPathLength;
  byte[] buf;
  int attrOff;
  int attrLen;
  boolean fourOctetAsns;
  boolean addPath;

  RouteView() {}

  /** Byte offset of the MRT record this event came from. */
  public long recordOffset() {
    return recordOffset;
  }

  /** The record's timestamp, seconds since 1970. */
  public long timestamp() {
    return timestamp;
  }

  public int microseconds() {
    return microseconds;
  }

  /** Whether this is a RIB dump entry (TABLE_DUMP or TABLE_DUMP_V2) rather than an UPDATE. */
  public boolean isRib() {
    return rib;
  }

  /** Whether the collector sent the UPDATE (BGP4MP *_LOCAL) rather than received it. */
  public boolean isLocal() {
    return local;
  }

  /** Index into the peer index table for TABLE_DUMP_V2 entries, else -1. */
  public int peerIndex() {
    return peerIndex;
  }

  public long peerAs() {
    return peerAs;
  }

  public boolean peerIsIpv6() {
    return peerIpv6;
  }

  /** The peer address: 4 bytes (IPv4) or 16, copied into {@code dst} from index 0. */
  public void peerAddress(byte[] dst) {
    System.arraycopy(peerAddress, 0, dst, 0, peerIpv6 ? 16 : 4);
  }

  /** For an IPv4 peer, its address as a big-endian int. */
  public int peerIpv4() {
    return readInt(peerAddress, 0);
  }

  /** {@link org.vigil.bgp.message.Afi#IPV4} or {@link org.vigil.bgp.message.Afi#IPV6}. */
  public int afi() {
    return afi;
  }

  public int safi() {
    return safi;
  }

  public int prefixLength() {
    return prefixLength;
  }

  /** For an IPv4 prefix, its address (host bits as sent) as a big-endian int. */
  public int prefixIpv4() {
    return readInt(prefixBytes, 0);
  }

  /** For an IPv6 prefix, the first 64 bits of its address. */
  public long prefixIpv6High() {
    return ((long) readInt(prefixBytes, 0) << 32) | (readInt(prefixBytes, 4) & 0xFFFFFFFFL);
  }

  /** For an IPv6 prefix, the last 64 bits of its address. */
  public long prefixIpv6Low() {
    return ((long) readInt(prefixBytes, 8) << 32) | (readInt(prefixBytes, 12) & 0xFFFFFFFFL);
  }

  /** The prefix as a value (allocates). */
  public Prefix prefix() {
    return Prefix.of(afi, prefixBytes, 0, prefixLength);
  }

  /** The RFC 7911 / RFC 8050 path identifier, or -1. */
  public long pathId() {
    return pathId;
  }

  /**
   * The originating AS of the path (RFC 6793 §4.2.3 merge applied; see {@link
   * org.vigil.bgp.message.AsPath#originAs()}), or -1 for none: a withdrawal, an empty path, or one
   * ending in a multi-AS set.
   */
  public long originAs() {
    return originAs;
  }

  /** RFC 4271 §9.1.2.2 length of the AS_PATH as received, or -1 without one. */
  public int asPathLength() {
    return asPathLength;
  }

  /** The path attributes, decoded strictly (allocates); null for a withdrawal. */
  public PathAttributes attributes() {
    if (attrLen < 0) {
      return null;
    }
    return BgpCodec.decodeAttributes(
        ByteBuffer.wrap(buf), attrOff, attrOff + attrLen, fourOctetAsns, addPath, rib);
  }

  void clearPrefix() {
    Arrays.fill(prefixBytes, (byte) 0);
  }

  private static int readInt(byte[] a, int i) {
    return ((a[i] & 0xFF) << 24)
        | ((a[i + 1] & 0xFF) << 16)
        | ((a[i + 2] & 0xFF) << 8)
        | (a[i + 3] & 0xFF);
  }

  @Override
  public String toString() {
    return (rib ? "rib " : "update ")
        + prefix()
        + (pathId >= 0 ? " path " + pathId : "")
        + " peer AS"
        + peerAs
        + " origin "
        + (originAs < 0 ? "-" : "AS" + originAs);
  }
}
