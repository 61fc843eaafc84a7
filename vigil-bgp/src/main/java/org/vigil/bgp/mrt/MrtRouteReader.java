// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.bgp.message.Afi;
import org.vigil.bgp.message.BgpFormatException;
import org.vigil.bgp.mrt.MrtReader.OnMalformed;
import org.vigil.bgp.mrt.internal.RecordFramer;

/**
 * Reads the routes out of MRT files (RIB dumps and UPDATE files) without building objects: every
 * RIB entry, announcement and withdrawal is handed to a {@link RouteVisitor} as one reused {@link
 * RouteView} with prefix, peer, origin AS and path length in primitive fields. This is the path
 * route tables and the visibility aggregator read with; {@link MrtReader} is the one to use for
 * everything else in a record.
 *
 * <pre>{@code
 * try (MrtRouteReader reader = MrtRouteReader.open(Path.of("rib.20140523.0600.bz2"))) {
 *   reader.read(route -> table.add(route.peerIndex(), route.prefixIpv4(), route.prefixLength(),
 *       route.originAs()));
 * }
 * }</pre>
 *
 * <p>Same formats, same strictness and same errors as {@link MrtReader}: framing problems throw
 * {@link MrtFormatException}; malformed records throw it too, or with {@link OnMalformed#SKIP} are
 * counted and skipped (events of that record before the fault may already have been delivered).
 * Only IPv4 and IPv6 unicast and multicast routes are delivered; other families (VPN, flowspec) are
 * passed over.
 *
 * <p>Why a second reader: decoding a RIB entry into records allocates addresses, lists and boxed
 * ASNs, about 200 bytes per entry; this reader allocates nothing per entry, which is what makes
 * full tables of a million prefixes times dozens of peers fast to load.
 */
public final class MrtRouteReader implements Closeable {
  private static final int AS_TRANS = 23456;

  private final InputStream in;
  private final RecordFramer framer;
  private final OnMalformed onMalformed;
  private final RouteView view = new RouteView();
  private ByteBuffer wrapped;

  private int peerCount = -1;
  private long[] peerAs = new long[0];
  private boolean[] peerV6 = new boolean[0];
  private byte[][] peerAddress = new byte[0][];

  private long records;
  private long unknownRecords;
  private long unknownMessages;
  private long unknownAttributes;
  private long malformed;
  private final Map<String, Long> skipped = new LinkedHashMap<>();

  // attribute scan results
  private int asPathOff;
  private int asPathLen;
  private int as4PathOff;
  private int as4PathLen;
  private long aggregatorAs;
  private int reachOff;
  private int reachEnd;
  private int reachAfi;
  private int reachSafi;
  private int unreachOff;
  private int unreachEnd;
  private int unreachAfi;
  private int unreachSafi;
  private long pathOrigin;
  private int pathLength;
  private int pathSegments;

  private MrtRouteReader(InputStream in, String source, OnMalformed onMalformed) {
    this.in = in;
    this.framer = new RecordFramer(in, source, 1 << 20);
    this.onMalformed = onMalformed;
  }

  public static MrtRouteReader open(Path file) throws IOException {
    return open(file, OnMalformed.FAIL);
  }

  public static MrtRouteReader open(Path file, OnMalformed onMalformed) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return new MrtRouteReader(
          Compression.openMrt(raw, file.toString()), file.toString(), onMalformed);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Reads a (possibly compressed) stream; {@link #close()} closes it. */
  public static MrtRouteReader of(InputStream raw, String sourceName, OnMalformed onMalformed)
      throws IOException {
    return new MrtRouteReader(Compression.openMrt(raw, sourceName), sourceName, onMalformed);
  }

  /**
   * Reads the rest of the stream into {@code visitor}.
   *
   * @throws MrtFormatException on truncated or corrupt input, or a malformed record under {@link
   *     OnMalformed#FAIL}
   */
  public void read(RouteVisitor visitor) throws IOException {
    while (next()) {
      deliver(visitor);
    }
  }

  /**
   * Frames the next record without interpreting it, so that several files can be merged in time
   * order: look at {@link #timestamp()}, then {@link #deliver} it.
   *
   * @return false at the end of the stream
   * @throws MrtFormatException on truncated or corrupt input
   */
  public boolean next() throws IOException {
    if (!framer.next()) {
      return false;
    }
    records++;
    return true;
  }

  /** The timestamp of the record {@link #next()} framed, seconds since 1970. */
  public long timestamp() {
    return framer.timestamp();
  }

  /** Whether the record {@link #next()} framed is a RIB dump record (TABLE_DUMP or _V2). */
  public boolean isRibRecord() {
    return framer.type() == MrtHeader.TABLE_DUMP_V2 || framer.type() == MrtHeader.TABLE_DUMP;
  }

  /**
   * Hands the routes of the record {@link #next()} framed to {@code visitor}.
   *
   * @throws MrtFormatException on a malformed record under {@link OnMalformed#FAIL}
   */
  public void deliver(RouteVisitor visitor) {
    try {
      record(visitor);
    } catch (BgpFormatException e) {
      if (onMalformed == OnMalformed.FAIL) {
        throw framer.malformed(e);
      }
      malformed++;
    }
  }

  /** Counts so far (records, unknown and skipped ones), as {@link MrtReader#stats()}. */
  public MrtReader.Stats stats() {
    return new MrtReader.Stats(
        records,
        unknownRecords,
        unknownMessages,
        unknownAttributes,
        Collections.unmodifiableMap(new LinkedHashMap<>(skipped)),
        malformed);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private ByteBuffer buffer() {
    if (wrapped == null || wrapped.array() != framer.buffer()) {
      wrapped = ByteBuffer.wrap(framer.buffer());
    }
    return wrapped;
  }

  private MrtHeader header() {
    return new MrtHeader(
        framer.offset(),
        framer.timestamp(),
        framer.microseconds(),
        framer.type(),
        framer.subtype());
  }

  private void record(RouteVisitor v) {
    byte[] b = framer.buffer();
    int p = framer.bodyStart();
    int end = p + framer.bodyLength();
    RouteView r = view;
    r.buf = b;
    r.recordOffset = framer.offset();
    r.timestamp = framer.timestamp();
    r.microseconds = framer.microseconds();
    int type = framer.type();
    int st = framer.subtype();
    if (type == MrtHeader.TABLE_DUMP_V2) {
      switch (st) {
        case 1:
          MrtRecord.PeerIndexTable t = MrtReader.decodePeerIndexTable(header(), buffer(), p, end);
          setPeers(t);
          v.peerTable(t);
          return;
        case 2:
        case 3:
        case 8:
        case 9:
          rib(v, b, p, end, Afi.IPV4, (st == 2 || st == 8) ? 1 : 2, st >= 8);
          return;
        case 4:
        case 5:
        case 10:
        case 11:
          rib(v, b, p, end, Afi.IPV6, (st == 4 || st == 10) ? 1 : 2, st >= 8);
          return;
        case 6:
        case 12:
          rib(v, b, p, end, 0, 0, st == 12);
          return;
        default:
          break;
      }
    } else if (type == MrtHeader.TABLE_DUMP && st >= 1 && st <= 4) {
      tableDump(v, b, p, end, st);
      return;
    } else if (type == MrtHeader.BGP4MP || type == MrtHeader.BGP4MP_ET) {
      switch (st) {
        case 0:
        case 5:
          v.stateChange(MrtReader.stateChange(header(), buffer(), p, end, st == 5));
          return;
        case 1:
        case 4:
        case 6:
        case 7:
        case 8:
        case 9:
        case 10:
        case 11:
          message(v, b, p, end, st);
          return;
        default:
          break;
      }
    }
    unknownRecords++;
  }

  private void setPeers(MrtRecord.PeerIndexTable t) {
    int n = t.peers().size();
    peerAs = new long[n];
    peerV6 = new boolean[n];
    peerAddress = new byte[n][];
    for (int i = 0; i < n; i++) {
      MrtRecord.Peer peer = t.peers().get(i);
      peerAs[i] = peer.asn();
      byte[] a = peer.address().getAddress();
      byte[] full = new byte[16];
      System.arraycopy(a, 0, full, 0, a.length);
      peerV6[i] = a.length == 16;
      peerAddress[i] = full;
    }
    peerCount = n;
  }

  private static void need(int p, int end, int n, String what) {
    if (end - p < n) {
      throw new BgpFormatException(
          p, what + " needs " + n + " bytes, " + Math.max(0, end - p) + " remain");
    }
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  private static long u32(byte[] b, int i) {
    return (((b[i] & 0xFF) << 24)
            | ((b[i + 1] & 0xFF) << 16)
            | ((b[i + 2] & 0xFF) << 8)
            | (b[i + 3] & 0xFF))
        & 0xFFFFFFFFL;
  }

  /** Copies a prefix of {@code bits} from {@code b[p]} into the view, after checking it fits. */
  private void prefix(byte[] b, int p, int end, int afi, int bits, int at) {
    int max = afi == Afi.IPV4 ? 32 : 128;
    if (bits > max) {
      throw new BgpFormatException(at, "prefix length " + bits + " exceeds " + max + " bits");
    }
    int bytes = (bits + 7) >>> 3;
    if (p + bytes > end) {
      throw new BgpFormatException(
          at, "prefix /" + bits + " needs " + bytes + " bytes, " + (end - p) + " remain");
    }
    RouteView r = view;
    r.clearPrefix();
    System.arraycopy(b, p, r.prefixBytes, 0, bytes);
    r.afi = afi;
    r.prefixLength = bits;
  }

  /** RFC 6396 §4.3.2/§4.3.3 and RFC 8050 §4, entries straight to the visitor. */
  private void rib(RouteVisitor v, byte[] b, int p, int end, int afi, int safi, boolean addPath) {
    need(p, end, 4, "RIB sequence number");
    int q = p + 4;
    if (afi == 0) {
      need(q, end, 3, "RIB_GENERIC AFI and SAFI");
      afi = u16(b, q);
      safi = b[q + 2] & 0xFF;
      q += 3;
      if (!Afi.isIpPrefix(afi, safi)) {
        skipped.merge("RIB_GENERIC of a family other than IP unicast/multicast", 1L, Long::sum);
        return;
      }
    }
    need(q, end, 1, "RIB prefix length");
    int bits = b[q] & 0xFF;
    prefix(b, q + 1, end, afi, bits, q);
    q += 1 + ((bits + 7) >>> 3);
    need(q, end, 2, "RIB entry count");
    int count = u16(b, q);
    q += 2;
    if (count > 0 && peerCount < 0) {
      skipped.merge("RIB record before any PEER_INDEX_TABLE", 1L, Long::sum);
      return;
    }
    RouteView r = view;
    r.rib = true;
    r.local = false;
    r.safi = safi;
    r.fourOctetAsns = true;
    r.addPath = false;
    for (int i = 0; i < count; i++) {
      need(q, end, addPath ? 12 : 8, "RIB entry");
      int peer = u16(b, q);
      if (peer >= peerCount) {
        throw new BgpFormatException(
            q, "peer index " + peer + " outside the table of " + peerCount + " peers");
      }
      q += 6;
      long pathId = -1;
      if (addPath) {
        pathId = u32(b, q);
        q += 4;
      }
      int alen = u16(b, q);
      q += 2;
      if (q + alen > end) {
        throw new BgpFormatException(q - 2, "RIB entry attributes overrun the record");
      }
      scanAttributes(b, q, q + alen, true, true);
      r.peerIndex = peer;
      r.peerAs = peerAs[peer];
      r.peerIpv6 = peerV6[peer];
      System.arraycopy(peerAddress[peer], 0, r.peerAddress, 0, 16);
      r.pathId = pathId;
      r.attrOff = q;
      r.attrLen = alen;
      origin(b, true);
      v.route(r);
      q += alen;
    }
    if (q != end) {
      throw new BgpFormatException(q, (end - q) + " bytes left over at the end of the record");
    }
  }

  /** RFC 6396 §4.2 TABLE_DUMP. */
  private void tableDump(RouteVisitor v, byte[] b, int p, int end, int st) {
    boolean v6 = st == 2 || st == 4;
    boolean as4 = st >= 3;
    int alen = v6 ? 16 : 4;
    need(p, end, 4 + alen + 6 + alen + (as4 ? 4 : 2) + 2, "TABLE_DUMP entry");
    int q = p + 4;
    int bits = b[q + alen] & 0xFF;
    prefix(b, q, q + alen, v6 ? Afi.IPV6 : Afi.IPV4, bits, q + alen);
    q += alen + 6;
    RouteView r = view;
    r.peerIpv6 = v6;
    java.util.Arrays.fill(r.peerAddress, (byte) 0);
    System.arraycopy(b, q, r.peerAddress, 0, alen);
    q += alen;
    r.peerAs = as4 ? u32(b, q) : u16(b, q);
    q += as4 ? 4 : 2;
    int attrLen = u16(b, q);
    q += 2;
    if (q + attrLen != end) {
      throw new BgpFormatException(q - 2, "TABLE_DUMP attributes do not end the record");
    }
    scanAttributes(b, q, end, as4, true);
    r.rib = true;
    r.local = false;
    r.safi = 1;
    r.peerIndex = -1;
    r.pathId = -1;
    r.attrOff = q;
    r.attrLen = attrLen;
    r.fourOctetAsns = as4;
    r.addPath = false;
    origin(b, as4);
    v.route(r);
  }

  /** RFC 6396 §4.4 BGP4MP messages: UPDATEs become events, other messages are passed over. */
  private void message(RouteVisitor v, byte[] b, int p, int end, int st) {
    boolean as4 = st == 4 || st == 7 || st == 9 || st == 11;
    boolean addPath = st >= 8;
    int asLen = as4 ? 4 : 2;
    need(p, end, 2 * asLen + 4, "BGP4MP message header");
    RouteView r = view;
    r.peerAs = as4 ? u32(b, p) : u16(b, p);
    int q = p + 2 * asLen;
    int afi = u16(b, q + 2);
    if (afi != Afi.IPV4 && afi != Afi.IPV6) {
      throw new BgpFormatException(q + 2, "BGP4MP address family " + afi);
    }
    q += 4;
    int alen = afi == Afi.IPV6 ? 16 : 4;
    need(q, end, 2 * alen + 19, "BGP4MP addresses and BGP header");
    r.peerIpv6 = afi == Afi.IPV6;
    java.util.Arrays.fill(r.peerAddress, (byte) 0);
    System.arraycopy(b, q, r.peerAddress, 0, alen);
    q += 2 * alen;
    for (int i = 0; i < 16; i++) {
      if (b[q + i] != (byte) 0xFF) {
        throw new BgpFormatException(q + i, "BGP marker is not all ones");
      }
    }
    int length = u16(b, q + 16);
    if (length != end - q) {
      throw new BgpFormatException(
          q + 16, "BGP length field says " + length + " bytes, the message has " + (end - q));
    }
    int msgType = b[q + 18] & 0xFF;
    if (msgType != 2) {
      if (msgType < 1 || msgType > 5) {
        unknownMessages++;
      }
      return;
    }
    q += 19;
    r.rib = false;
    r.local = st == 6 || st == 7 || st == 10 || st == 11;
    r.peerIndex = -1;
    r.fourOctetAsns = as4;
    r.addPath = addPath;
    need(q, end, 2, "UPDATE withdrawn routes length");
    int wlen = u16(b, q);
    int w = q + 2;
    if (w + wlen + 2 > end) {
      throw new BgpFormatException(q, "UPDATE withdrawn routes overrun the message");
    }
    int a = w + wlen;
    int alen2 = u16(b, a);
    if (a + 2 + alen2 > end) {
      throw new BgpFormatException(a, "UPDATE path attributes overrun the message");
    }
    // Attributes first: a malformed UPDATE should deliver nothing.
    scanAttributes(b, a + 2, a + 2 + alen2, as4, false);
    r.attrLen = -1;
    r.originAs = -1;
    r.asPathLength = -1;
    nlri(v, b, w, w + wlen, Afi.IPV4, 1, addPath, false);
    if (unreachOff >= 0 && Afi.isIpPrefix(unreachAfi, unreachSafi)) {
      nlri(v, b, unreachOff, unreachEnd, unreachAfi, unreachSafi, addPath, false);
    }
    r.attrOff = a + 2;
    r.attrLen = alen2;
    origin(b, as4);
    nlri(v, b, a + 2 + alen2, end, Afi.IPV4, 1, addPath, true);
    if (reachOff >= 0 && Afi.isIpPrefix(reachAfi, reachSafi)) {
      nlri(v, b, reachOff, reachEnd, reachAfi, reachSafi, addPath, true);
    }
  }

  private void nlri(
      RouteVisitor v,
      byte[] b,
      int p,
      int end,
      int afi,
      int safi,
      boolean addPath,
      boolean announce) {
    RouteView r = view;
    r.safi = safi;
    while (p < end) {
      long pathId = -1;
      if (addPath) {
        need(p, end, 4, "path identifier");
        pathId = u32(b, p);
        p += 4;
      }
      need(p, end, 1, "prefix length");
      int bits = b[p] & 0xFF;
      prefix(b, p + 1, end, afi, bits, p);
      p += 1 + ((bits + 7) >>> 3);
      r.pathId = pathId;
      if (announce) {
        v.route(r);
      } else {
        v.withdrawal(r);
      }
    }
  }

  /** Finds the attributes routes need, checking only that each attribute fits its block. */
  private void scanAttributes(byte[] b, int p, int end, boolean fourOctet, boolean ribEntry) {
    asPathOff = -1;
    as4PathOff = -1;
    aggregatorAs = -1;
    reachOff = -1;
    unreachOff = -1;
    long seen = 0;
    while (p < end) {
      int at = p;
      need(p, end, 3, "attribute header");
      int flags = b[p] & 0xFF;
      int type = b[p + 1] & 0xFF;
      int len;
      if ((flags & 0x10) != 0) {
        need(p, end, 4, "attribute header");
        len = u16(b, p + 2);
        p += 4;
      } else {
        len = b[p + 2] & 0xFF;
        p += 3;
      }
      if (p + len > end) {
        throw new BgpFormatException(
            at, "attribute " + type + " declares " + len + " bytes, " + (end - p) + " remain");
      }
      if (type < 64) {
        if ((seen & (1L << type)) != 0 && (type <= 18 || type == 32)) {
          throw new BgpFormatException(at, "duplicate attribute of type " + type);
        }
        seen |= 1L << type;
      }
      switch (type) {
        case 2:
          asPathOff = p;
          asPathLen = len;
          break;
        case 17:
          as4PathOff = p;
          as4PathLen = len;
          break;
        case 7:
          if (len == 6 || len == 8) {
            aggregatorAs = len == 8 ? u32(b, p) : u16(b, p);
          }
          break;
        case 14:
          mpReach(b, p, p + len, ribEntry);
          break;
        case 15:
          if (len < 3) {
            throw new BgpFormatException(at, "MP_UNREACH_NLRI of " + len + " bytes");
          }
          unreachAfi = u16(b, p);
          unreachSafi = b[p + 2] & 0xFF;
          unreachOff = p + 3;
          unreachEnd = p + len;
          break;
        case 1:
        case 3:
        case 4:
        case 5:
        case 6:
        case 8:
        case 9:
        case 10:
        case 16:
        case 18:
        case 32:
          break;
        default:
          unknownAttributes++;
      }
      p += len;
    }
  }

  private void mpReach(byte[] b, int p, int end, boolean ribEntry) {
    if (ribEntry && p < end && (b[p] & 0xFF) == end - p - 1) {
      return; // RFC 6396 §4.3.4 abbreviated form: next hop only
    }
    need(p, end, 5, "MP_REACH_NLRI");
    int nhLen = b[p + 3] & 0xFF;
    int q = p + 4 + nhLen;
    need(q, end, 1, "MP_REACH_NLRI reserved byte");
    int snpas = b[q] & 0xFF;
    q++;
    for (int i = 0; i < snpas; i++) {
      need(q, end, 1, "SNPA length");
      q += 1 + ((b[q] & 0xFF) + 1) / 2;
      if (q > end) {
        throw new BgpFormatException(q, "SNPA overruns MP_REACH_NLRI");
      }
    }
    reachAfi = u16(b, p);
    reachSafi = b[p + 2] & 0xFF;
    reachOff = q;
    reachEnd = end;
  }

  /** Sets originAs and asPathLength on the view (RFC 6793 §4.2.3 when 2-octet). */
  private void origin(byte[] b, boolean fourOctet) {
    RouteView r = view;
    if (asPathOff < 0) {
      r.originAs = -1;
      r.asPathLength = -1;
      return;
    }
    walkPath(b, asPathOff, asPathLen, fourOctet ? 4 : 2);
    long origin = pathOrigin;
    int length = pathLength;
    if (!fourOctet && as4PathOff >= 0 && (aggregatorAs < 0 || aggregatorAs == AS_TRANS)) {
      walkPath(b, as4PathOff, as4PathLen, 4);
      if (length >= pathLength && pathSegments > 0) {
        origin = pathOrigin;
      }
    }
    r.originAs = origin;
    r.asPathLength = length;
  }

  /** RFC 4271 §4.3 segments: sets pathOrigin, pathLength, pathSegments; checks the structure. */
  private void walkPath(byte[] b, int p, int len, int asn) {
    int end = p + len;
    long origin = -1;
    int length = 0;
    int segments = 0;
    while (p < end) {
      need(p, end, 2, "AS path segment header");
      int type = b[p] & 0xFF;
      int count = b[p + 1] & 0xFF;
      if (type < 1 || type > 4) {
        throw new BgpFormatException(p, "AS path segment type " + type);
      }
      int next = p + 2 + count * asn;
      if (next > end) {
        throw new BgpFormatException(
            p, "AS path segment of " + count + " ASes overruns the attribute");
      }
      segments++;
      if (type == 2) {
        length += count;
        origin = count == 0 ? -1 : asn == 4 ? u32(b, next - 4) : u16(b, next - 2);
      } else if (type == 1) {
        length++;
        origin = count == 1 ? (asn == 4 ? u32(b, p + 2) : u16(b, p + 2)) : -1;
      } else {
        origin = -1;
      }
      p = next;
    }
    pathOrigin = origin;
    pathLength = length;
    pathSegments = segments;
  }
}
