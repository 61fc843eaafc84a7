// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that text output is built in, byte by byte, and written out in large
 * chunks. Formatting numbers and addresses here instead of through {@code String.format} is what
 * makes one-line output cheap: no strings, no boxing, no locale lookups per field.
 */
public final class ByteSink {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** "0".."255" as bytes, for dotted-quad addresses. */
  private static final byte[][] OCTETS = new byte[256][];

  static {
    for (int i = 0; i < 256; i++) {
      OCTETS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private byte[] buf;
  private int len;
  private final int[] words = new int[8];

  public ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int length() {
    return len;
  }

  /**
   * The backing array; bytes {@code [0, length())} are the content. Valid until the next append.
   */
  public byte[] array() {
    return buf;
  }

  /** Drops everything after {@code mark} (a value of {@link #length()} taken earlier). */
  public void truncate(int mark) {
    len = mark;
  }

  public void writeTo(OutputStream out) throws IOException {
    if (len > 0) {
      out.write(buf, 0, len);
      len = 0;
    }
  }

  /** The content as a string (tests and small outputs only). */
  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  public ByteSink append(byte b) {
    ensure(1);
    buf[len++] = b;
    return this;
  }

  public ByteSink append(char c) {
    return append((byte) c);
  }

  public ByteSink append(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  public ByteSink append(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** Appends an ASCII string (used for rare, non-hot-path text). */
  public ByteSink append(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  /** Appends a non-negative decimal number ({@code %u} of a 32-bit value, {@code %lld}). */
  public ByteSink decimal(long v) {
    if (v < 0) {
      ensure(1);
      buf[len++] = '-';
      if (v == Long.MIN_VALUE) {
        return append("9223372036854775808");
      }
      v = -v;
    }
    ensure(20);
    if (v < 10) {
      buf[len++] = (byte) ('0' + v);
      return this;
    }
    int digits = 0;
    for (long t = v; t != 0; t /= 10) {
      digits++;
    }
    int end = len + digits;
    for (int i = end - 1; i >= len; i--) {
      buf[i] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    len = end;
    return this;
  }

  /** {@code %u} of a 32-bit value held in an int. */
  public ByteSink unsigned(int v) {
    return decimal(v & 0xFFFFFFFFL);
  }

  /**
   * Appends {@code v} zero-padded to at least {@code width} digits ({@code %02d}, {@code %06ld}).
   */
  public ByteSink padded(long v, int width) {
    int digits = 1;
    for (long t = v / 10; t != 0; t /= 10) {
      digits++;
    }
    ensure(width);
    for (int i = digits; i < width; i++) {
      buf[len++] = '0';
    }
    return decimal(v);
  }

  /** Two lower-case hex digits. */
  public ByteSink hex2(int b) {
    ensure(2);
    buf[len++] = HEX[(b >> 4) & 0xF];
    buf[len++] = HEX[b & 0xF];
    return this;
  }

  /** {@code %x} of a non-negative value. */
  public ByteSink hex(int v) {
    if (v == 0) {
      return append((byte) '0');
    }
    int shift = 28;
    while (((v >>> shift) & 0xF) == 0) {
      shift -= 4;
    }
    ensure(8);
    for (; shift >= 0; shift -= 4) {
      buf[len++] = HEX[(v >>> shift) & 0xF];
    }
    return this;
  }

  /** Dotted quad of a big-endian IPv4 address held in an int. */
  public ByteSink ipv4(int a) {
    ensure(15);
    octet(a >>> 24);
    buf[len++] = '.';
    octet((a >>> 16) & 0xFF);
    buf[len++] = '.';
    octet((a >>> 8) & 0xFF);
    buf[len++] = '.';
    octet(a & 0xFF);
    return this;
  }

  private void octet(int b) {
    byte[] o = OCTETS[b];
    for (byte c : o) {
      buf[len++] = c;
    }
  }

  /**
   * An IPv6 address as bgpdump 1.6's {@code fmt_ipv6} writes it: IPv4-mapped ({@code
   * ::ffff:a.b.c.d}) and IPv4-compatible ({@code ::a.b.c.d}, last word above 1) forms; otherwise
   * hex words without leading zeros, with the longest run of zero words (the first of equal runs,
   * even a single word) written as {@code ::}. This differs from RFC 5952 only in compressing a
   * single zero word.
   */
  public ByteSink ipv6(byte[] a, int off) {
    boolean zero10 = true;
    for (int i = 0; i < 10; i++) {
      if (a[off + i] != 0) {
        zero10 = false;
        break;
      }
    }
    if (zero10) {
      int w5 = ((a[off + 10] & 0xFF) << 8) | (a[off + 11] & 0xFF);
      int last = readInt(a, off + 12);
      if (w5 == 0xFFFF) {
        append("::ffff:");
        return ipv4(last);
      }
      if (w5 == 0 && Integer.compareUnsigned(last, 1) > 0) {
        append("::");
        return ipv4(last);
      }
    }
    int[] words = this.words;
    for (int i = 0; i < 8; i++) {
      words[i] = ((a[off + 2 * i] & 0xFF) << 8) | (a[off + 2 * i + 1] & 0xFF);
    }
    // The longest run of zero words; the leftmost wins a tie.
    int best = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (words[i] == 0) {
        int j = i;
        while (j < 8 && words[j] == 0) {
          j++;
        }
        if (j - i > bestLen) {
          best = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    ensure(41);
    for (int i = 0; i < 8; i++) {
      if (i == best) {
        if (i == 0) {
          buf[len++] = ':';
        }
        buf[len++] = ':';
        i += bestLen - 1;
        continue;
      }
      hex(words[i]);
      if (i != 7) {
        buf[len++] = ':';
      }
    }
    return this;
  }

  static int readInt(byte[] a, int off) {
    return ((a[off] & 0xFF) << 24)
        | ((a[off + 1] & 0xFF) << 16)
        | ((a[off + 2] & 0xFF) << 8)
        | (a[off + 3] & 0xFF);
  }
}
