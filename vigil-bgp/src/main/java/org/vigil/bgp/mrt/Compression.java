// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;
import org.vigil.bgp.mrt.internal.ReadAheadInputStream;

/**
 * The compressions MRT archives come in, told apart by their magic bytes (never by the file name):
 * RouteViews publishes bzip2, RIPE RIS gzip, and some mirrors xz.
 *
 * <pre>{@code
 * InputStream raw = new BufferedInputStream(Files.newInputStream(path));
 * InputStream mrt = Compression.detect(raw).decompress(raw);
 * }</pre>
 */
public enum Compression {
  /** Uncompressed MRT. */
  PLAIN,
  /** gzip (RFC 1952), {@code 1f 8b}; concatenated members are read as one stream. */
  GZIP,
  /** bzip2, {@code "BZh"}; concatenated streams (as pbzip2 writes) are read as one stream. */
  BZIP2,
  /** xz, {@code fd 37 7a 58 5a 00}. */
  XZ;

  /**
   * Tells the compression from the first bytes of a stream, without consuming them.
   *
   * @param in a stream that supports {@link InputStream#mark(int)}
   */
  public static Compression detect(InputStream in) throws IOException {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("the stream must support mark/reset");
    }
    in.mark(6);
    byte[] head = new byte[6];
    int n = 0;
    try {
      while (n < head.length) {
        int r = in.read(head, n, head.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } finally {
      in.reset();
    }
    return detect(head, n);
  }

  /** Tells the compression from the first {@code n} bytes of a stream. */
  public static Compression detect(byte[] head, int n) {
    if (n >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
      return GZIP;
    }
    if (n >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return BZIP2;
    }
    if (n >= 6
        && (head[0] & 0xFF) == 0xfd
        && head[1] == '7'
        && head[2] == 'z'
        && head[3] == 'X'
        && head[4] == 'Z'
        && head[5] == 0) {
      return XZ;
    }
    return PLAIN;
  }

  /** Wraps {@code in} (positioned at the magic bytes) in this compression's decoder. */
  public InputStream decompress(InputStream in) throws IOException {
    switch (this) {
      case GZIP:
        // java.util.zip inflates with the JDK's native zlib, several times faster than pure Java.
        return new GZIPInputStream(in, 1 << 16);
      case BZIP2:
        return new SalvagingBzip2(new BZip2CompressorInputStream(in, true));
      case XZ:
        return new XZInputStream(in); // reads concatenated streams too
      case PLAIN:
      default:
        return in;
    }
  }

  /**
   * Delivers every byte the bzip2 decoder produced before it failed, then the failure. The decoder
   * fills the caller's array byte by byte and loses the partial count when it throws (for example
   * at the cut end of a truncated file); its uncompressed-byte counter tells how many arrived.
   */
  private static final class SalvagingBzip2 extends FilterInputStream {
    private final BZip2CompressorInputStream bz;
    private IOException pending;

    SalvagingBzip2(BZip2CompressorInputStream bz) {
      super(bz);
      this.bz = bz;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pending != null) {
        IOException e = pending;
        pending = null;
        throw e;
      }
      long before = bz.getUncompressedCount();
      try {
        return bz.read(b, off, len);
      } catch (IOException e) {
        int delivered = (int) (bz.getUncompressedCount() - before);
        if (delivered > 0) {
          pending = e;
          return delivered;
        }
        throw e;
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }
  }

  /**
   * Opens {@code raw} for reading MRT: detects the compression and returns the decompressed stream.
   */
  public static InputStream open(InputStream raw) throws IOException {
    InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
    return detect(in).decompress(in);
  }

  /**
   * {@link #open(InputStream)} for readers: a compressed stream whose header is cut or corrupt (the
   * decoders read it at once) is bad input, reported as such.
   */
  static InputStream openMrt(InputStream raw, String sourceName) throws IOException {
    InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
    Compression c = detect(in);
    try {
      InputStream d = c.decompress(in);
      // Decompression on a second thread overlaps with parsing (bzip2 is the slow part).
      return c == PLAIN ? d : new ReadAheadInputStream(d, 1 << 20, 4, sourceName);
    } catch (IOException e) {
      throw new MrtFormatException(
          sourceName,
          0,
          0,
          "the "
              + c.name().toLowerCase(java.util.Locale.ROOT)
              + " header is truncated or corrupt ("
              + e.getMessage()
              + ")");
    }
  }
}
