// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.vigil.bgp.message.BgpFormatException;
import org.vigil.bgp.mrt.MrtFormatException;

/**
 * Cuts an uncompressed MRT stream into records (RFC 6396 §2: a 12-byte common header, four more
 * bytes of microseconds for the {@code _ET} types, then {@code length} bytes of message), without
 * interpreting them.
 *
 * <p>One buffer is reused for every record: the current record's bytes are {@link #buffer()} {@code
 * [}{@link #bodyStart()}, {@code bodyStart() + bodyLength())} and stay valid until the next call to
 * {@link #next()}. Input is read in large chunks; the buffer only grows when a record does not fit,
 * and then only as its bytes actually arrive, so a corrupt length field of 4 GB costs no more
 * memory than the bytes that follow it.
 */
public final class RecordFramer {
  /** BGP4MP_ET, ISIS_ET and OSPFv3_ET carry a microsecond field counted in the length (§3). */
  private static boolean extended(int type) {
    return type == 17 || type == 33 || type == 49;
  }

  private static final int MAX_RECORD = Integer.MAX_VALUE - 64;

  private final InputStream in;
  private final String source;
  private byte[] buf;
  private int start;
  private int limit;
  private long discarded;
  private boolean eof;

  private long offset;
  private long timestamp;
  private int type;
  private int subtype;
  private long length;
  private int microseconds;
  private boolean hasMicroseconds;
  private int bodyStart;
  private int bodyLength;

  public RecordFramer(InputStream in, String source, int initialBuffer) {
    this.in = in;
    this.source = source;
    this.buf = new byte[Math.max(64, initialBuffer)];
  }

  /**
   * Advances to the next record.
   *
   * @return false at the end of the stream (exactly between two records)
   * @throws MrtFormatException if the stream ends inside a record, or the compressed data is
   *     corrupt
   * @throws IOException if reading fails
   */
  public boolean next() throws IOException {
    start = bodyStart + bodyLength;
    bodyStart = start;
    bodyLength = 0;
    offset = discarded + start;
    int have = fill(12);
    if (have == 0) {
      return false;
    }
    if (have < 12) {
      throw new MrtFormatException(
          source,
          offset,
          offset,
          "incomplete MRT header: the stream ends after " + have + " of 12 bytes");
    }
    timestamp = u32(buf, start);
    type = u16(buf, start + 4);
    subtype = u16(buf, start + 6);
    length = u32(buf, start + 8);
    int header = 12;
    hasMicroseconds = extended(type);
    if (hasMicroseconds) {
      if (length < 4) {
        throw new MrtFormatException(
            source,
            offset,
            offset + 8,
            "record of type "
                + type
                + " has length "
                + length
                + ", too short for its microseconds");
      }
      header = 16;
    }
    if (12 + length > MAX_RECORD) {
      throw new MrtFormatException(
          source, offset, offset + 8, "record length " + length + " is too large to read");
    }
    int total = (int) (12 + length);
    have = fill(total);
    if (have < total) {
      throw new MrtFormatException(
          source,
          offset,
          offset + have,
          "incomplete record: type "
              + type
              + " subtype "
              + subtype
              + " declares "
              + length
              + " bytes after its header, the stream ends after "
              + Math.max(0, have - 12));
    }
    microseconds = hasMicroseconds ? (int) u32(buf, start + 12) : 0;
    bodyStart = start + header;
    bodyLength = total - header;
    return true;
  }

  /**
   * Makes {@code need} bytes from {@code start} available if the stream has them.
   *
   * @return how many bytes are available from {@code start} (less than {@code need} only at the
   *     end)
   */
  private int fill(int need) throws IOException {
    while (limit - start < need && !eof) {
      if (start > 0 && (start + need > buf.length || limit == buf.length)) {
        System.arraycopy(buf, start, buf, 0, limit - start);
        limit -= start;
        bodyStart -= start;
        discarded += start;
        start = 0;
      }
      if (limit == buf.length) {
        // Grow only when full of real data, so memory follows the bytes that actually arrived.
        int grown = (int) Math.min((long) need, Math.max(buf.length * 2L, 64));
        buf = Arrays.copyOf(buf, Math.max(grown, limit + 1));
      }
      int r;
      try {
        r = in.read(buf, limit, buf.length - limit);
      } catch (IOException e) {
        if (isCorruptData(e)) {
          long at = discarded + limit;
          throw new MrtFormatException(
              source,
              discarded + start,
              at,
              "the compressed data is truncated or corrupt here ("
                  + e.getMessage()
                  + "); the record at byte "
                  + (discarded + start)
                  + " is incomplete");
        }
        throw e;
      }
      if (r < 0) {
        eof = true;
      } else {
        limit += r;
      }
    }
    return Math.min(limit - start, need);
  }

  /**
   * Whether a decompressor's exception means bad or cut data rather than a failing device. The
   * decompressors throw plain {@link IOException}s (zip's EOFException and ZipException,
   * commons-compress's CompressorException and IOException, xz's CorruptedInputException), so
   * anything but a {@link java.nio.file.FileSystemException}-like device error counts as data.
   */
  private static boolean isCorruptData(IOException e) {
    return !(e instanceof java.nio.file.FileSystemException)
        && !(e instanceof java.nio.channels.ClosedChannelException);
  }

  static long u32(byte[] b, int i) {
    return ((b[i] & 0xFFL) << 24)
        | ((b[i + 1] & 0xFF) << 16)
        | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }

  static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  /** The file or stream name, for messages. */
  public String source() {
    return source;
  }

  /** Byte offset of the current record's header in the uncompressed stream. */
  public long offset() {
    return offset;
  }

  /** Byte offset of {@code buffer()[i]} in the uncompressed stream. */
  public long offsetOf(int i) {
    return discarded + i;
  }

  /** The error for a record of this framer's current type that would not decode. */
  public MrtFormatException malformed(BgpFormatException e) {
    return new MrtFormatException(
        source(),
        offset(),
        offsetOf(e.position()),
        e.getMessage()
            + " (record of type "
            + type()
            + " subtype "
            + subtype()
            + " at byte "
            + offset()
            + ")");
  }

  public long timestamp() {
    return timestamp;
  }

  public int type() {
    return type;
  }

  public int subtype() {
    return subtype;
  }

  /** The header's length field: the body plus, for the _ET types, the four microsecond bytes. */
  public long length() {
    return length;
  }

  /** Whether the record type has the extended-timestamp microseconds field (§3). */
  public boolean hasMicroseconds() {
    return hasMicroseconds;
  }

  public int microseconds() {
    return microseconds;
  }

  public byte[] buffer() {
    return buf;
  }

  public int bodyStart() {
    return bodyStart;
  }

  public int bodyLength() {
    return bodyLength;
  }
}
