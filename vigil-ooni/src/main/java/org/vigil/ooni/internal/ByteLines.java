// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code '\n'} without decoding it, so that each line can be
 * handed to the JSON parser as it lies in the buffer. A line's bytes are valid until the next call
 * to {@link #next()}. A UTF-8 byte order mark at the start is skipped. Lines of any length are read
 * (the buffer grows to hold the longest).
 */
public final class ByteLines {
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 16;

  // Reads eight bytes at once, to look for a newline a word at a time.
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';

  private final InputStream in;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean started;
  private long number;
  private int start;
  private int end;
  private int terminatedEnd;

  public ByteLines(InputStream in, int bufferSize) {
    this.in = in;
    this.buf = new byte[Math.max(16, bufferSize)];
  }

  /**
   * Moves to the next line.
   *
   * @return false at the end of the input
   */
  public boolean next() throws IOException {
    if (!started) {
      started = true;
      while (limit < 3 && fill()) {
        // read until three bytes are there or the input ends
      }
      if (limit >= 3
          && (buf[0] & 0xff) == 0xef
          && (buf[1] & 0xff) == 0xbb
          && (buf[2] & 0xff) == 0xbf) {
        pos = 3;
      }
    }
    int scan = pos;
    while (true) {
      int i = newline(buf, scan, limit);
      if (i >= 0) {
        start = pos;
        end = i;
        terminatedEnd = i + 1;
        pos = i + 1;
        number++;
        return true;
      }
      scan = limit;
      if (eof) {
        if (pos < limit) {
          start = pos;
          end = limit;
          terminatedEnd = limit;
          pos = limit;
          number++;
          return true;
        }
        return false;
      }
      int shift = pos; // fill() moves the unread bytes down by this much
      fill();
      scan -= shift;
    }
  }

  /**
   * The index of the first {@code '\n'} in {@code b[from..to)}, or -1. Words of eight bytes are
   * tested at once (a zero byte of {@code w ^ NEWLINES} is a newline: "determine if a word has a
   * zero byte", Hacker's Delight §6-1), which makes the search several times faster than a byte
   * loop over long JSON lines.
   */
  static int newline(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i) ^ NEWLINES;
      long found = (w - ONES) & ~w & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Reads more input, first moving unread bytes to the front; false when the input ended. */
  private boolean fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_BUFFER) {
        throw new IOException("line longer than " + MAX_BUFFER + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) Math.min(MAX_BUFFER, buf.length * 2L));
    }
    int r = in.read(buf, limit, buf.length - limit);
    if (r < 0) {
      eof = true;
      return false;
    }
    limit += r;
    return true;
  }

  /** The buffer holding the current line. */
  public byte[] buffer() {
    return buf;
  }

  /** Offset of the current line's first byte. */
  public int start() {
    return start;
  }

  /** Offset just past the current line's last byte, before its {@code '\n'}. */
  public int end() {
    return end;
  }

  /** Offset just past the current line's {@code '\n'} ({@link #end()} for an unterminated line). */
  public int terminatedEnd() {
    return terminatedEnd;
  }

  /** The current line's 1-based number. */
  public long number() {
    return number;
  }

  /** Whether the current line holds only JSON whitespace (space, tab, carriage return). */
  public boolean blank() {
    for (int i = start; i < end; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
