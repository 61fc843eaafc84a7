// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes BGP-4 messages and path attributes (RFC 4271, RFC 4760 multiprotocol, RFC 6793 4-octet
 * ASNs, RFC 7911 ADD-PATH) strictly: anything that does not fit its declared length, or that the
 * RFCs call malformed, throws {@link BgpFormatException} naming the position.
 *
 * <pre>{@code
 * BgpMessage m = BgpCodec.decodeMessage(buf, start, end, true, false);
 * if (m instanceof BgpMessage.Update u) { ... u.attributes().effectiveAsPath() ... }
 * }</pre>
 *
 * <p>Positions are absolute indexes into the buffer, which is never moved ({@code position} and
 * {@code limit} are ignored), so a caller can report file offsets.
 */
public final class BgpCodec {
  private BgpCodec() {}

  /** The fixed header: 16-byte marker, 2-byte length, 1-byte type (RFC 4271 §4.1). */
  public static final int HEADER_LENGTH = 19;

  public static final int OPEN = 1;
  public static final int UPDATE = 2;
  public static final int NOTIFICATION = 3;
  public static final int KEEPALIVE = 4;
  public static final int ROUTE_REFRESH = 5;

  // RFC 4271 §4.3, RFC 4760, RFC 1997, RFC 4360, RFC 6793, RFC 8092, RFC 4456 attribute types
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
  static final int EXTENDED_COMMUNITIES = 16;
  static final int AS4_PATH = 17;
  static final int AS4_AGGREGATOR = 18;
  static final int LARGE_COMMUNITIES = 32;

  /**
   * Decodes the message in {@code buf[start, end)}, from its marker on.
   *
   * @param fourOctetAsns whether the session uses 4-octet ASNs in AS_PATH and AGGREGATOR
   * @param addPath whether NLRI carry RFC 7911 path identifiers
   */
  public static BgpMessage decodeMessage(
      ByteBuffer buf, int start, int end, boolean fourOctetAsns, boolean addPath) {
    if (end - start < HEADER_LENGTH) {
      throw new BgpFormatException(
          start, "BGP message of " + (end - start) + " bytes, shorter than its 19-byte header");
    }
    for (int i = 0; i < 16; i++) {
      if (buf.get(start + i) != (byte) 0xFF) {
        throw new BgpFormatException(start + i, "BGP marker is not all ones");
      }
    }
    int length = u16(buf, start + 16);
    if (length != end - start) {
      throw new BgpFormatException(
          start + 16,
          "BGP length field says " + length + " bytes, the message has " + (end - start));
    }
    int type = buf.get(start + 18) & 0xFF;
    int p = start + HEADER_LENGTH;
    switch (type) {
      case OPEN:
        {
          need(buf, p, end, 10, "OPEN");
          int optLen = buf.get(p + 9) & 0xFF;
          if (p + 10 + optLen > end) {
            throw new BgpFormatException(p + 9, "OPEN optional parameters overrun the message");
          }
          return new BgpMessage.Open(
              buf.get(p) & 0xFF,
              u16(buf, p + 1),
              u16(buf, p + 3),
              ipv4(buf, p + 5),
              Bytes.of(buf, p + 10, end - p - 10));
        }
      case UPDATE:
        return decodeUpdate(buf, p, end, fourOctetAsns, addPath);
      case NOTIFICATION:
        need(buf, p, end, 2, "NOTIFICATION");
        return new BgpMessage.Notification(
            buf.get(p) & 0xFF, buf.get(p + 1) & 0xFF, Bytes.of(buf, p + 2, end - p - 2));
      case KEEPALIVE:
        if (p != end) {
          throw new BgpFormatException(p, "KEEPALIVE with a body");
        }
        return new BgpMessage.Keepalive();
      case ROUTE_REFRESH:
        if (end - p != 4) {
          throw new BgpFormatException(p, "ROUTE-REFRESH body is not 4 bytes");
        }
        return new BgpMessage.RouteRefresh(
            u16(buf, p), buf.get(p + 2) & 0xFF, buf.get(p + 3) & 0xFF);
      default:
        return new BgpMessage.Unknown(type, Bytes.of(buf, p, end - p));
    }
  }

  /** RFC 4271 §4.3: the UPDATE body in {@code buf[p, end)}, after the message header. */
  public static BgpMessage.Update decodeUpdate(
      ByteBuffer buf, int p, int end, boolean fourOctetAsns, boolean addPath) {
    need(buf, p, end, 2, "UPDATE withdrawn routes length");
    int wlen = u16(buf, p);
    int w = p + 2;
    if (w + wlen + 2 > end) {
      throw new BgpFormatException(p, "UPDATE withdrawn routes overrun the message");
    }
    List<Nlri> withdrawn = decodeNlri(buf, w, w + wlen, Afi.IPV4, addPath);
    int a = w + wlen;
    int alen = u16(buf, a);
    if (a + 2 + alen > end) {
      throw new BgpFormatException(a, "UPDATE path attributes overrun the message");
    }
    PathAttributes attrs =
        decodeAttributes(buf, a + 2, a + 2 + alen, fourOctetAsns, addPath, false);
    List<Nlri> announced = decodeNlri(buf, a + 2 + alen, end, Afi.IPV4, addPath);
    return new BgpMessage.Update(withdrawn, attrs, announced);
  }

  /**
   * RFC 4271 §4.3 NLRI encoding (length in bits, then the significant bytes), with RFC 7911 path
   * identifiers in front when {@code addPath}.
   */
  public static List<Nlri> decodeNlri(ByteBuffer buf, int p, int end, int afi, boolean addPath) {
    List<Nlri> out = new ArrayList<>();
    int max = Afi.addressLength(afi) * 8;
    byte[] scratch = new byte[16];
    while (p < end) {
      long pathId = -1;
      if (addPath) {
        need(buf, p, end, 4, "path identifier");
        pathId = u32(buf, p);
        p += 4;
      }
      need(buf, p, end, 1, "prefix length");
      int bits = buf.get(p) & 0xFF;
      if (bits > max) {
        throw new BgpFormatException(p, "prefix length " + bits + " exceeds " + max + " bits");
      }
      int bytes = (bits + 7) >>> 3;
      if (p + 1 + bytes > end) {
        throw new BgpFormatException(
            p, "prefix /" + bits + " needs " + bytes + " bytes, " + (end - p - 1) + " remain");
      }
      buf.get(p + 1, scratch, 0, bytes);
      out.add(new Nlri(Prefix.of(afi, scratch, 0, bits), pathId));
      p += 1 + bytes;
    }
    return out;
  }

  /**
   * Decodes the path attributes in {@code buf[p, end)}.
   *
   * @param ribEntry whether this is an MRT RIB entry, whose MP_REACH_NLRI may be the abbreviated
   *     next-hop-only form of RFC 6396 §4.3.4
   */
  public static PathAttributes decodeAttributes(
      ByteBuffer buf, int p, int end, boolean fourOctetAsns, boolean addPath, boolean ribEntry) {
    int origin = -1;
    AsPath asPath = null;
    AsPath as4Path = null;
    InetAddress nextHop = null;
    long med = -1;
    long localPref = -1;
    boolean atomic = false;
    Aggregator aggregator = null;
    Aggregator as4Aggregator = null;
    List<Community> communities = List.of();
    List<LargeCommunity> large = List.of();
    List<Long> extended = List.of();
    Inet4Address originatorId = null;
    List<Inet4Address> clusterList = List.of();
    MpReach reach = null;
    MpUnreach unreach = null;
    List<RawAttribute> unknown = new ArrayList<>(0);
    long seen0 = 0;
    long seen1 = 0;
    int asnSize = fourOctetAsns ? 4 : 2;
    while (p < end) {
      int at = p;
      need(buf, p, end, 3, "attribute header");
      int flags = buf.get(p) & 0xFF;
      int type = buf.get(p + 1) & 0xFF;
      int len;
      if ((flags & 0x10) != 0) {
        need(buf, p, end, 4, "attribute header");
        len = u16(buf, p + 2);
        p += 4;
      } else {
        len = buf.get(p + 2) & 0xFF;
        p += 3;
      }
      if (p + len > end) {
        throw new BgpFormatException(
            at, "attribute " + type + " declares " + len + " bytes, " + (end - p) + " remain");
      }
      int v = p;
      int vend = p + len;
      p = vend;
      boolean dup = type < 64 ? (seen0 & (1L << type)) != 0 : (seen1 & (1L << (type - 64))) != 0;
      if (dup && isKnown(type)) {
        throw new BgpFormatException(at, "duplicate attribute of type " + type);
      }
      if (type < 64) {
        seen0 |= 1L << type;
      } else if (type < 128) {
        seen1 |= 1L << (type - 64);
      }
      switch (type) {
        case ORIGIN:
          exact(at, type, len, 1);
          origin = buf.get(v) & 0xFF;
          if (origin > 2) {
            throw new BgpFormatException(v, "ORIGIN value " + origin);
          }
          break;
        case AS_PATH:
          asPath = decodeAsPath(buf, v, vend, asnSize);
          break;
        case NEXT_HOP:
          exact(at, type, len, 4);
          nextHop = ipv4(buf, v);
          break;
        case MULTI_EXIT_DISC:
          exact(at, type, len, 4);
          med = u32(buf, v);
          break;
        case LOCAL_PREF:
          exact(at, type, len, 4);
          localPref = u32(buf, v);
          break;
        case ATOMIC_AGGREGATE:
          exact(at, type, len, 0);
          atomic = true;
          break;
        case AGGREGATOR:
          if (len != 6 && len != 8) {
            throw new BgpFormatException(at, "AGGREGATOR of " + len + " bytes");
          }
          // The length, not the session, tells 2- from 4-octet ASNs (RFC 6793 §4.2.3).
          aggregator = new Aggregator(len == 8 ? u32(buf, v) : u16(buf, v), ipv4(buf, v + len - 4));
          break;
        case COMMUNITIES:
          multiple(at, type, len, 4);
          {
            List<Community> c = new ArrayList<>(len / 4);
            for (int i = v; i < vend; i += 4) {
              c.add(Community.of(buf.getInt(i)));
            }
            communities = c;
          }
          break;
        case ORIGINATOR_ID:
          exact(at, type, len, 4);
          originatorId = ipv4(buf, v);
          break;
        case CLUSTER_LIST:
          multiple(at, type, len, 4);
          {
            List<Inet4Address> c = new ArrayList<>(len / 4);
            for (int i = v; i < vend; i += 4) {
              c.add(ipv4(buf, i));
            }
            clusterList = c;
          }
          break;
        case MP_REACH_NLRI:
          reach = decodeMpReach(buf, v, vend, addPath, ribEntry);
          break;
        case MP_UNREACH_NLRI:
          unreach = decodeMpUnreach(buf, v, vend, addPath);
          break;
        case EXTENDED_COMMUNITIES:
          multiple(at, type, len, 8);
          {
            List<Long> c = new ArrayList<>(len / 8);
            for (int i = v; i < vend; i += 8) {
              c.add(buf.getLong(i));
            }
            extended = c;
          }
          break;
        case AS4_PATH:
          as4Path = decodeAsPath(buf, v, vend, 4);
          break;
        case AS4_AGGREGATOR:
          exact(at, type, len, 8);
          as4Aggregator = new Aggregator(u32(buf, v), ipv4(buf, v + 4));
          break;
        case LARGE_COMMUNITIES:
          multiple(at, type, len, 12);
          {
            List<LargeCommunity> c = new ArrayList<>(len / 12);
            for (int i = v; i < vend; i += 12) {
              c.add(new LargeCommunity(u32(buf, i), u32(buf, i + 4), u32(buf, i + 8)));
            }
            large = c;
          }
          break;
        default:
          unknown.add(new RawAttribute(flags, type, Bytes.of(buf, v, len)));
      }
    }
    return new PathAttributes(
        origin,
        asPath,
        as4Path,
        nextHop,
        med,
        localPref,
        atomic,
        aggregator,
        as4Aggregator,
        communities,
        large,
        extended,
        originatorId,
        clusterList,
        reach,
        unreach,
        unknown,
        fourOctetAsns);
  }

  private static boolean isKnown(int type) {
    return (type >= ORIGIN && type <= CLUSTER_LIST)
        || (type >= MP_REACH_NLRI && type <= AS4_AGGREGATOR)
        || type == LARGE_COMMUNITIES;
  }

  /** RFC 4271 §4.3 AS_PATH segments (RFC 6793 §3 AS4_PATH with 4-octet ASNs). */
  public static AsPath decodeAsPath(ByteBuffer buf, int p, int end, int asnSize) {
    List<AsPathSegment> segments = new ArrayList<>();
    while (p < end) {
      need(buf, p, end, 2, "AS path segment header");
      int type = buf.get(p) & 0xFF;
      int count = buf.get(p + 1) & 0xFF;
      if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) {
        throw new BgpFormatException(p, "AS path segment type " + type);
      }
      if (p + 2 + count * asnSize > end) {
        throw new BgpFormatException(
            p, "AS path segment of " + count + " ASes overruns the attribute");
      }
      List<Long> asns = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int q = p + 2 + i * asnSize;
        asns.add(asnSize == 4 ? u32(buf, q) : u16(buf, q));
      }
      segments.add(new AsPathSegment(type, asns));
      p += 2 + count * asnSize;
    }
    return new AsPath(segments);
  }

  /** RFC 4760 §3, or the RFC 6396 §4.3.4 abbreviated form (next hop length and next hop). */
  static MpReach decodeMpReach(ByteBuffer buf, int p, int end, boolean addPath, boolean ribEntry) {
    if (ribEntry && p < end && (buf.get(p) & 0xFF) == end - p - 1) {
      return new MpReach(
          0,
          0,
          nextHops(buf, p + 1, end - p - 1),
          Bytes.of(buf, p + 1, end - p - 1),
          List.of(),
          null);
    }
    need(buf, p, end, 5, "MP_REACH_NLRI");
    int afi = u16(buf, p);
    int safi = buf.get(p + 2) & 0xFF;
    int nhLen = buf.get(p + 3) & 0xFF;
    int nh = p + 4;
    if (nh + nhLen + 1 > end) {
      throw new BgpFormatException(p + 3, "MP_REACH_NLRI next hop overruns the attribute");
    }
    int q = nh + nhLen;
    // RFC 4760 §3: one reserved byte; RFC 2858 had SNPAs there, skip them if present.
    int snpas = buf.get(q) & 0xFF;
    q++;
    for (int i = 0; i < snpas; i++) {
      need(buf, q, end, 1, "SNPA length");
      int l = buf.get(q) & 0xFF;
      q += 1 + (l + 1) / 2;
      if (q > end) {
        throw new BgpFormatException(q, "SNPA overruns MP_REACH_NLRI");
      }
    }
    List<InetAddress> hops = nextHops(buf, nh, nhLen);
    if (Afi.isIpPrefix(afi, safi)) {
      return new MpReach(
          afi, safi, hops, Bytes.of(buf, nh, nhLen), decodeNlri(buf, q, end, afi, addPath), null);
    }
    return new MpReach(
        afi, safi, hops, Bytes.of(buf, nh, nhLen), List.of(), Bytes.of(buf, q, end - q));
  }

  /** RFC 4760 §4. */
  static MpUnreach decodeMpUnreach(ByteBuffer buf, int p, int end, boolean addPath) {
    need(buf, p, end, 3, "MP_UNREACH_NLRI");
    int afi = u16(buf, p);
    int safi = buf.get(p + 2) & 0xFF;
    if (Afi.isIpPrefix(afi, safi)) {
      return new MpUnreach(afi, safi, decodeNlri(buf, p + 3, end, afi, addPath), null);
    }
    return new MpUnreach(afi, safi, List.of(), Bytes.of(buf, p + 3, end - p - 3));
  }

  /** Next hops of 4 (IPv4), 16 (IPv6) or 32 bytes (IPv6 global and link-local, RFC 2545 §3). */
  private static List<InetAddress> nextHops(ByteBuffer buf, int p, int len) {
    switch (len) {
      case 4:
        return List.of(ipv4(buf, p));
      case 16:
        return List.of(ipv6(buf, p));
      case 32:
        return List.of(ipv6(buf, p), ipv6(buf, p + 16));
      default:
        return List.of();
    }
  }

  private static void need(ByteBuffer buf, int p, int end, int n, String what) {
    if (end - p < n) {
      throw new BgpFormatException(
          p, what + " needs " + n + " bytes, " + Math.max(0, end - p) + " remain");
    }
  }

  private static void exact(int at, int type, int len, int want) {
    if (len != want) {
      throw new BgpFormatException(
          at, "attribute " + type + " has length " + len + ", expected " + want);
    }
  }

  private static void multiple(int at, int type, int len, int unit) {
    if (len % unit != 0) {
      throw new BgpFormatException(
          at, "attribute " + type + " has length " + len + ", not a multiple of " + unit);
    }
  }

  static int u16(ByteBuffer b, int i) {
    return b.getShort(i) & 0xFFFF;
  }

  static long u32(ByteBuffer b, int i) {
    return b.getInt(i) & 0xFFFFFFFFL;
  }

  /** An IPv4 address from 4 bytes at {@code i}. */
  public static Inet4Address ipv4(ByteBuffer b, int i) {
    byte[] a = new byte[4];
    b.get(i, a);
    try {
      return (Inet4Address) InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * An IPv6 address from 16 bytes at {@code i}. (Java maps IPv4-mapped IPv6 addresses to IPv4; use
   * the bytes if the distinction matters.)
   */
  public static InetAddress ipv6(ByteBuffer b, int i) {
    byte[] a = new byte[16];
    b.get(i, a);
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
