// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.vigil.bgp.message.Afi;
import org.vigil.bgp.message.BgpCodec;
import org.vigil.bgp.message.BgpFormatException;
import org.vigil.bgp.message.BgpMessage;
import org.vigil.bgp.message.Bytes;
import org.vigil.bgp.message.PathAttributes;
import org.vigil.bgp.message.Prefix;
import org.vigil.bgp.mrt.MrtRecord.Peer;
import org.vigil.bgp.mrt.internal.RecordFramer;

/**
 * Reads an MRT file (RFC 6396) as a stream of typed records: TABLE_DUMP, TABLE_DUMP_V2 (peer index
 * table, RIB records for IPv4/IPv6 unicast and multicast, RIB_GENERIC, and the RFC 8050 ADD-PATH
 * forms), and BGP4MP / BGP4MP_ET messages and state changes in their AS4, LOCAL and ADDPATH
 * variants. Compression (gzip, bzip2, xz) is recognised by its magic bytes.
 *
 * <pre>{@code
 * try (MrtReader reader = MrtReader.open(Path.of("rib.20140523.0600.bz2"))) {
 *   for (MrtRecord r : reader) {
 *     if (r instanceof MrtRecord.Rib rib) {
 *       for (MrtRecord.RibEntry e : rib.entries()) { ... e.attributes().originAs() ... }
 *     }
 *   }
 *   System.out.println(reader.stats());
 * }
 * }</pre>
 *
 * <p>One record is in memory at a time (plus the peer index table); a record over 64 KiB is read
 * like any other. Decoding is strict: a record that breaks its format throws {@link
 * MrtFormatException} with the file and byte offset, or with {@link OnMalformed#SKIP} is skipped
 * and counted. Records of unknown types, BGP messages of unknown types and unknown path attributes
 * are carried as raw bytes and counted; RIB records that come before any peer index table cannot be
 * interpreted and are skipped and counted. A stream that ends inside a record, or compressed data
 * that is cut or corrupt, always throws, after every complete record before it was returned.
 */
public final class MrtReader implements Closeable, Iterable<MrtRecord> {
  /** What to do with a record whose framing is intact but whose content is malformed. */
  public enum OnMalformed {
    /** Throw {@link MrtFormatException}. */
    FAIL,
    /** Skip the record, count it in {@link Stats#malformed()}, and read on. */
    SKIP
  }

  /**
   * Counts so far.
   *
   * @param records records read, including skipped ones
   * @param unknownRecords records of types or subtypes not decoded ({@link MrtRecord.Unknown})
   * @param unknownMessages BGP messages of unknown types ({@link BgpMessage.Unknown})
   * @param unknownAttributes path attributes not decoded (in {@link PathAttributes#unknown()})
   * @param skipped records that could not be interpreted, by reason
   * @param malformed records skipped as malformed under {@link OnMalformed#SKIP}
   */
  public record Stats(
      long records,
      long unknownRecords,
      long unknownMessages,
      long unknownAttributes,
      Map<String, Long> skipped,
      long malformed) {
    public long skippedTotal() {
      return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static final String NO_PEER_TABLE = "RIB record before any PEER_INDEX_TABLE";

  private final InputStream in;
  private final RecordFramer framer;
  private final OnMalformed onMalformed;
  private ByteBuffer wrapped;
  private byte[] wrappedArray;
  private List<Peer> peers;

  private long records;
  private long unknownRecords;
  private long unknownMessages;
  private long unknownAttributes;
  private long malformed;
  private final Map<String, Long> skipped = new LinkedHashMap<>();

  private MrtReader(InputStream in, String source, OnMalformed onMalformed) {
    this.in = in;
    this.framer = new RecordFramer(in, source, 1 << 18);
    this.onMalformed = onMalformed;
  }

  /** Opens a file, failing on malformed records. */
  public static MrtReader open(Path file) throws IOException {
    return open(file, OnMalformed.FAIL);
  }

  public static MrtReader open(Path file, OnMalformed onMalformed) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return new MrtReader(Compression.openMrt(raw, file.toString()), file.toString(), onMalformed);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Reads a (possibly compressed) stream; {@link #close()} closes it. */
  public static MrtReader of(InputStream raw, String sourceName, OnMalformed onMalformed)
      throws IOException {
    return new MrtReader(Compression.openMrt(raw, sourceName), sourceName, onMalformed);
  }

  /**
   * The next record, or null at the end of the stream.
   *
   * @throws MrtFormatException if the stream is truncated or corrupt, or (with {@link
   *     OnMalformed#FAIL}) a record is malformed
   */
  public MrtRecord read() throws IOException {
    while (framer.next()) {
      records++;
      try {
        MrtRecord r = decode();
        if (r != null) {
          return r;
        }
      } catch (BgpFormatException e) {
        if (onMalformed == OnMalformed.FAIL) {
          throw framer.malformed(e);
        }
        malformed++;
      }
    }
    return null;
  }

  /** Reads every remaining record into {@code consumer}. */
  public void read(Consumer<? super MrtRecord> consumer) throws IOException {
    for (MrtRecord r = read(); r != null; r = read()) {
      consumer.accept(r);
    }
  }

  /**
   * The remaining records; {@link IOException}s are rethrown as {@link UncheckedIOException}. There
   * is one iteration only.
   */
  @Override
  public Iterator<MrtRecord> iterator() {
    return new Iterator<>() {
      private MrtRecord next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          try {
            next = read();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          done = next == null;
        }
        return next != null;
      }

      @Override
      public MrtRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        MrtRecord r = next;
        next = null;
        return r;
      }
    };
  }

  public Stats stats() {
    return new Stats(
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

  // ------------------------------------------------------------------------------------ decoding

  private ByteBuffer buffer() {
    if (framer.buffer() != wrappedArray) {
      wrappedArray = framer.buffer();
      wrapped = ByteBuffer.wrap(wrappedArray);
    }
    return wrapped;
  }

  private MrtRecord decode() {
    MrtHeader h =
        new MrtHeader(
            framer.offset(),
            framer.timestamp(),
            framer.microseconds(),
            framer.type(),
            framer.subtype());
    ByteBuffer b = buffer();
    int p = framer.bodyStart();
    int end = p + framer.bodyLength();
    switch (h.type()) {
      case MrtHeader.TABLE_DUMP:
        if (h.subtype() >= 1 && h.subtype() <= 4) {
          return tableDump(h, b, p, end);
        }
        break;
      case MrtHeader.TABLE_DUMP_V2:
        switch (h.subtype()) {
          case 1:
            return peerIndexTable(h, b, p, end);
          case 2:
          case 3:
          case 8:
          case 9:
            return rib(h, b, p, end, Afi.IPV4, h.subtype() == 2 || h.subtype() == 8 ? 1 : 2);
          case 4:
          case 5:
          case 10:
          case 11:
            return rib(h, b, p, end, Afi.IPV6, h.subtype() == 4 || h.subtype() == 10 ? 1 : 2);
          case 6:
          case 12:
            return rib(h, b, p, end, 0, 0);
          default:
            break;
        }
        break;
      case MrtHeader.BGP4MP:
      case MrtHeader.BGP4MP_ET:
        switch (h.subtype()) {
          case 0:
          case 5:
            return stateChange(h, b, p, end, h.subtype() == 5);
          case 1:
          case 4:
          case 6:
          case 7:
          case 8:
          case 9:
          case 10:
          case 11:
            return message(h, b, p, end);
          default:
            break;
        }
        break;
      default:
        break;
    }
    unknownRecords++;
    return new MrtRecord.Unknown(h, Bytes.of(b, p, end - p));
  }

  static void need(int p, int end, int n, String what) {
    if (end - p < n) {
      throw new BgpFormatException(
          p, what + " needs " + n + " bytes, " + Math.max(0, end - p) + " remain");
    }
  }

  private static void exactEnd(int p, int end) {
    if (p != end) {
      throw new BgpFormatException(p, (end - p) + " bytes left over at the end of the record");
    }
  }

  private PathAttributes attributes(
      ByteBuffer b, int p, int end, boolean fourOctetAsns, boolean addPath, boolean rib) {
    PathAttributes a = BgpCodec.decodeAttributes(b, p, end, fourOctetAsns, addPath, rib);
    unknownAttributes += a.unknown().size();
    return a;
  }

  private static InetAddress address(ByteBuffer b, int p, boolean v6) {
    return v6 ? BgpCodec.ipv6(b, p) : BgpCodec.ipv4(b, p);
  }

  private static Prefix prefix(ByteBuffer b, int p, int afi, int bits, int at) {
    int max = Afi.addressLength(afi) * 8;
    if (bits > max) {
      throw new BgpFormatException(at, "prefix length " + bits + " exceeds " + max + " bits");
    }
    byte[] a = new byte[16];
    b.get(p, a, 0, (bits + 7) >>> 3);
    return Prefix.of(afi, a, 0, bits);
  }

  /** RFC 6396 §4.2 TABLE_DUMP (subtypes 3 and 4: 4-octet peer AS and AS_PATH, as Quagga wrote). */
  private MrtRecord tableDump(MrtHeader h, ByteBuffer b, int p, int end) {
    boolean v6 = h.subtype() == 2 || h.subtype() == 4;
    boolean as4 = h.subtype() >= 3;
    int alen = v6 ? 16 : 4;
    int asLen = as4 ? 4 : 2;
    need(p, end, 4 + alen + 6 + alen + asLen + 2, "TABLE_DUMP entry");
    int view = b.getShort(p) & 0xFFFF;
    int seq = b.getShort(p + 2) & 0xFFFF;
    int q = p + 4;
    int bits = b.get(q + alen) & 0xFF;
    Prefix prefix = prefix(b, q, v6 ? Afi.IPV6 : Afi.IPV4, bits, q + alen);
    q += alen + 1;
    int status = b.get(q) & 0xFF;
    long originated = b.getInt(q + 1) & 0xFFFFFFFFL;
    q += 5;
    InetAddress peer = address(b, q, v6);
    q += alen;
    long peerAs = as4 ? b.getInt(q) & 0xFFFFFFFFL : b.getShort(q) & 0xFFFF;
    q += asLen;
    int attrLen = b.getShort(q) & 0xFFFF;
    q += 2;
    if (q + attrLen > end) {
      throw new BgpFormatException(q - 2, "TABLE_DUMP attributes overrun the record");
    }
    PathAttributes attrs = attributes(b, q, q + attrLen, as4, false, true);
    exactEnd(q + attrLen, end);
    return new MrtRecord.TableDump(h, view, seq, prefix, status, originated, peer, peerAs, attrs);
  }

  private MrtRecord peerIndexTable(MrtHeader h, ByteBuffer b, int p, int end) {
    MrtRecord.PeerIndexTable t = decodePeerIndexTable(h, b, p, end);
    peers = t.peers();
    return t;
  }

  /** RFC 6396 §4.3.1 PEER_INDEX_TABLE. */
  static MrtRecord.PeerIndexTable decodePeerIndexTable(MrtHeader h, ByteBuffer b, int p, int end) {
    need(p, end, 6, "PEER_INDEX_TABLE header");
    Inet4Address collector = BgpCodec.ipv4(b, p);
    int nameLen = b.getShort(p + 4) & 0xFFFF;
    int q = p + 6;
    need(q, end, nameLen + 2, "PEER_INDEX_TABLE view name and peer count");
    byte[] name = new byte[nameLen];
    b.get(q, name);
    q += nameLen;
    int count = b.getShort(q) & 0xFFFF;
    q += 2;
    List<Peer> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      need(q, end, 1, "peer entry");
      int type = b.get(q) & 0xFF;
      boolean v6 = (type & 1) != 0;
      boolean as4 = (type & 2) != 0;
      need(q, end, 1 + 4 + (v6 ? 16 : 4) + (as4 ? 4 : 2), "peer entry");
      Inet4Address id = BgpCodec.ipv4(b, q + 1);
      InetAddress addr = address(b, q + 5, v6);
      q += 5 + (v6 ? 16 : 4);
      long as = as4 ? b.getInt(q) & 0xFFFFFFFFL : b.getShort(q) & 0xFFFF;
      q += as4 ? 4 : 2;
      list.add(new Peer(id, addr, as));
    }
    exactEnd(q, end);
    return new MrtRecord.PeerIndexTable(
        h, collector, new String(name, StandardCharsets.UTF_8), list);
  }

  /**
   * RFC 6396 §4.3.2 and §4.3.3 RIB records, RFC 8050 §4 ADD-PATH forms ({@code afi} 0: RIB_GENERIC,
   * family in the record).
   */
  private MrtRecord rib(MrtHeader h, ByteBuffer b, int p, int end, int afi, int safi) {
    boolean addPath = h.subtype() >= 8;
    need(p, end, 4, "RIB sequence number");
    long seq = b.getInt(p) & 0xFFFFFFFFL;
    int q = p + 4;
    if (afi == 0) {
      need(q, end, 3, "RIB_GENERIC AFI and SAFI");
      afi = b.getShort(q) & 0xFFFF;
      safi = b.get(q + 2) & 0xFF;
      q += 3;
    }
    need(q, end, 1, "RIB prefix length");
    int bits = b.get(q) & 0xFF;
    int bytes = (bits + 7) >>> 3;
    need(q + 1, end, bytes + 2, "RIB prefix and entry count");
    Prefix prefix = null;
    Bytes nlri = null;
    if (Afi.isIpPrefix(afi, safi)) {
      prefix = prefix(b, q + 1, afi, bits, q);
    } else {
      nlri = Bytes.of(b, q, 1 + bytes);
    }
    q += 1 + bytes;
    int count = b.getShort(q) & 0xFFFF;
    q += 2;
    if (count > 0 && peers == null) {
      skipped.merge(NO_PEER_TABLE, 1L, Long::sum);
      return null;
    }
    List<MrtRecord.RibEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      need(q, end, addPath ? 12 : 8, "RIB entry");
      int peerIndex = b.getShort(q) & 0xFFFF;
      if (peerIndex >= peers.size()) {
        throw new BgpFormatException(
            q, "peer index " + peerIndex + " outside the table of " + peers.size() + " peers");
      }
      long originated = b.getInt(q + 2) & 0xFFFFFFFFL;
      long pathId = -1;
      q += 6;
      if (addPath) {
        pathId = b.getInt(q) & 0xFFFFFFFFL;
        q += 4;
      }
      int attrLen = b.getShort(q) & 0xFFFF;
      q += 2;
      if (q + attrLen > end) {
        throw new BgpFormatException(q - 2, "RIB entry attributes overrun the record");
      }
      // §4.3.4: AS_PATH in RIB entries always has 4-octet ASNs.
      PathAttributes attrs = attributes(b, q, q + attrLen, true, false, true);
      q += attrLen;
      entries.add(
          new MrtRecord.RibEntry(peerIndex, peers.get(peerIndex), originated, pathId, attrs));
    }
    exactEnd(q, end);
    return new MrtRecord.Rib(h, seq, afi, safi, prefix, nlri, addPath, entries);
  }

  /** RFC 6396 §4.4.1 STATE_CHANGE, §4.4.4 STATE_CHANGE_AS4. */
  static MrtRecord.Bgp4mpStateChange stateChange(
      MrtHeader h, ByteBuffer b, int p, int end, boolean as4) {
    int asLen = as4 ? 4 : 2;
    need(p, end, 2 * asLen + 4, "BGP4MP state change header");
    long peerAs = as4 ? b.getInt(p) & 0xFFFFFFFFL : b.getShort(p) & 0xFFFF;
    long localAs = as4 ? b.getInt(p + 4) & 0xFFFFFFFFL : b.getShort(p + 2) & 0xFFFF;
    int q = p + 2 * asLen;
    int ifIndex = b.getShort(q) & 0xFFFF;
    int afi = b.getShort(q + 2) & 0xFFFF;
    q += 4;
    if (afi != Afi.IPV4 && afi != Afi.IPV6) {
      throw new BgpFormatException(q - 2, "BGP4MP address family " + afi);
    }
    boolean v6 = afi == Afi.IPV6;
    int alen = v6 ? 16 : 4;
    need(q, end, 2 * alen + 4, "BGP4MP state change");
    InetAddress peer = address(b, q, v6);
    InetAddress local = address(b, q + alen, v6);
    q += 2 * alen;
    int oldState = b.getShort(q) & 0xFFFF;
    int newState = b.getShort(q + 2) & 0xFFFF;
    exactEnd(q + 4, end);
    return new MrtRecord.Bgp4mpStateChange(
        h, peerAs, localAs, ifIndex, peer, local, oldState, newState);
  }

  /** RFC 6396 §4.4.2/3/5/6 and RFC 8050 §3 BGP4MP messages. */
  private MrtRecord message(MrtHeader h, ByteBuffer b, int p, int end) {
    int st = h.subtype();
    boolean as4 = st == 4 || st == 7 || st == 9 || st == 11;
    boolean local = st == 6 || st == 7 || st == 10 || st == 11;
    boolean addPath = st >= 8;
    int asLen = as4 ? 4 : 2;
    need(p, end, 2 * asLen + 4, "BGP4MP message header");
    long peerAs = as4 ? b.getInt(p) & 0xFFFFFFFFL : b.getShort(p) & 0xFFFF;
    long localAs = as4 ? b.getInt(p + 4) & 0xFFFFFFFFL : b.getShort(p + 2) & 0xFFFF;
    int q = p + 2 * asLen;
    int ifIndex = b.getShort(q) & 0xFFFF;
    int afi = b.getShort(q + 2) & 0xFFFF;
    q += 4;
    if (afi != Afi.IPV4 && afi != Afi.IPV6) {
      throw new BgpFormatException(q - 2, "BGP4MP address family " + afi);
    }
    boolean v6 = afi == Afi.IPV6;
    int alen = v6 ? 16 : 4;
    need(q, end, 2 * alen, "BGP4MP addresses");
    InetAddress peer = address(b, q, v6);
    InetAddress localAddress = address(b, q + alen, v6);
    q += 2 * alen;
    BgpMessage m = BgpCodec.decodeMessage(b, q, end, as4, addPath);
    if (m instanceof BgpMessage.Unknown) {
      unknownMessages++;
    } else if (m instanceof BgpMessage.Update) {
      unknownAttributes += ((BgpMessage.Update) m).attributes().unknown().size();
    }
    return new MrtRecord.Bgp4mpMessage(
        h, peerAs, localAs, ifIndex, peer, localAddress, local, as4, addPath, m);
  }
}
