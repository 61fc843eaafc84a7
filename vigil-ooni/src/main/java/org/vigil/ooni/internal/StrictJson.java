// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over one JSON text in a byte array that reads strictly less than Jackson accepts: RFC
 * 8259 JSON in well-formed UTF-8 (no overlong forms, no encoded surrogates), no lone surrogates in
 * {@code \}{@code u} escapes, no escapes in member names, nesting at most {@value #MAX_DEPTH} deep,
 * numbers at most {@value #MAX_NUMBER} characters. Whatever it does not accept, or is not sure of,
 * it throws {@link Unsupported} for, and the caller reads the text the general way (with Jackson),
 * which then either reads it the same or reports the problem. So anything read here is read as
 * Jackson reads it.
 *
 * <p>Values the caller does not need are validated and skipped without being decoded; strings are
 * scanned eight bytes at a time. Not thread-safe; reusable with {@link #reset}.
 */
public final class StrictJson {
  /** Thrown for whatever this cursor does not read; carries no stack trace. */
  public static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Unsupported() {
      super("not read by the strict JSON cursor", null, false, false);
    }
  }

  /** The one instance thrown: nothing about it is specific to the place. */
  public static final Unsupported UNSUPPORTED = new Unsupported();

  static final int MAX_DEPTH = 200;
  static final int MAX_NUMBER = 100;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

  private byte[] b;
  private int pos;
  private int end;
  private int depth;

  // The last string read: its UTF-8 bytes are text[textStart..textEnd), either the input itself
  // (no escapes) or the scratch buffer (escapes decoded).
  private byte[] text;
  private int textStart;
  private int textEnd;
  private boolean textAscii;
  private byte[] scratch = new byte[256];

  // The last member name read: raw bytes b[nameStart..nameEnd), never escaped.
  private int nameStart;
  private int nameEnd;

  /** Points the cursor at {@code bytes[start..end)}. */
  public void reset(byte[] bytes, int start, int end) {
    this.b = bytes;
    this.pos = start;
    this.end = end;
    this.depth = 0;
  }

  static Unsupported unsupported() {
    return UNSUPPORTED;
  }

  /** Skips whitespace; returns the next byte (unsigned), or -1 at the end. */
  public int peek() {
    int p = pos;
    while (p < end) {
      byte c = b[p];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        p++;
      } else {
        pos = p;
        return c & 0xff;
      }
    }
    pos = p;
    return -1;
  }

  /** Whether only whitespace is left. */
  public boolean atEnd() {
    return peek() < 0;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw UNSUPPORTED;
    }
    pos++;
  }

  /** Consumes {@code '{'}; true if a member follows (its name read), false for {@code {}}. */
  public boolean firstMember() {
    expect('{');
    enter();
    if (peek() == '}') {
      pos++;
      depth--;
      return false;
    }
    name();
    return true;
  }

  /** After a member's value: true if another member follows (its name read), false at {@code }}. */
  public boolean nextMember() {
    int c = peek();
    if (c == '}') {
      pos++;
      depth--;
      return false;
    }
    if (c != ',') {
      throw UNSUPPORTED;
    }
    pos++;
    name();
    return true;
  }

  /** Consumes {@code '['}; true if an element follows, false for {@code []}. */
  public boolean firstElement() {
    expect('[');
    enter();
    if (peek() == ']') {
      pos++;
      depth--;
      return false;
    }
    return true;
  }

  /** After an element: true if another follows, false at {@code ]}. */
  public boolean nextElement() {
    int c = peek();
    if (c == ']') {
      pos++;
      depth--;
      return false;
    }
    if (c != ',') {
      throw UNSUPPORTED;
    }
    pos++;
    return true;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw UNSUPPORTED;
    }
  }

  private void name() {
    if (peek() != '"') {
      throw UNSUPPORTED;
    }
    int start = pos + 1;
    int close = plainEnd(start);
    if (b[close] != '"') {
      throw UNSUPPORTED; // an escape in a name: the general way decodes it
    }
    nameStart = start;
    nameEnd = close;
    pos = close + 1;
    expect(':');
  }

  /** Whether the last member name is {@code key} (ASCII). */
  public boolean nameIs(byte[] key) {
    int n = nameEnd - nameStart;
    return n == key.length && Arrays.equals(b, nameStart, nameEnd, key, 0, n);
  }

  /** Whether the last member name ends with {@code suffix} (ASCII). */
  public boolean nameEndsWith(byte[] suffix) {
    int n = suffix.length;
    return nameEnd - nameStart >= n && Arrays.equals(b, nameEnd - n, nameEnd, suffix, 0, n);
  }

  /** Whether the last member name equals the bytes {@code other[from..to)}. */
  public boolean nameEquals(byte[] other, int from, int to) {
    return Arrays.equals(b, nameStart, nameEnd, other, from, to);
  }

  /** The input array (for {@link #nameStart()} and {@link #nameEnd()}). */
  public byte[] input() {
    return b;
  }

  public int nameStart() {
    return nameStart;
  }

  public int nameEnd() {
    return nameEnd;
  }

  /** The last member name, decoded. */
  public String nameString() {
    return new String(b, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
  }

  /** Reads {@code null}, {@code true} or {@code false} (whichever is next). */
  public int literal() {
    int c = peek();
    byte[] word;
    if (c == 'n') {
      word = NULL;
    } else if (c == 't') {
      word = TRUE;
    } else if (c == 'f') {
      word = FALSE;
    } else {
      throw UNSUPPORTED;
    }
    int stop = pos + word.length;
    if (stop > end || !Arrays.equals(b, pos, stop, word, 0, word.length)) {
      throw UNSUPPORTED;
    }
    pos = stop;
    delimiter();
    return c;
  }

  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  /** A scalar must be followed by whitespace, a separator, a closing bracket or the end. */
  private void delimiter() {
    if (pos < end) {
      byte c = b[pos];
      if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        throw UNSUPPORTED;
      }
    }
  }

  /** Skips one value of any kind, validating it. */
  public void skip() {
    int c = peek();
    switch (c) {
      case '"' -> string();
      case '{' -> {
        if (firstMember()) {
          do {
            skip();
          } while (nextMember());
        }
      }
      case '[' -> {
        if (firstElement()) {
          do {
            skip();
          } while (nextElement());
        }
      }
      case 'n', 't', 'f' -> literal();
      default -> number();
    }
  }

  private void number() {
    int p = pos;
    int start = p;
    if (p < end && b[p] == '-') {
      p++;
    }
    if (p >= end) {
      throw UNSUPPORTED;
    }
    if (b[p] == '0') {
      p++;
    } else if (b[p] >= '1' && b[p] <= '9') {
      p = digits(p);
    } else {
      throw UNSUPPORTED;
    }
    if (p < end && b[p] == '.') {
      int q = digits(p + 1);
      if (q == p + 1) {
        throw UNSUPPORTED;
      }
      p = q;
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      int q = digits(p);
      if (q == p) {
        throw UNSUPPORTED;
      }
      p = q;
    }
    if (p - start > MAX_NUMBER) {
      throw UNSUPPORTED;
    }
    pos = p;
    delimiter();
  }

  private int digits(int p) {
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    return p;
  }

  /**
   * Reads a string value; its UTF-8 bytes are then {@link #text()}{@code [}{@link #textStart()}
   * {@code ..}{@link #textEnd()}{@code )}.
   */
  public void string() {
    if (peek() != '"') {
      throw UNSUPPORTED;
    }
    int start = pos + 1;
    int stop = plainEnd(start);
    if (b[stop] == '"') {
      text = b;
      textStart = start;
      textEnd = stop;
      pos = stop + 1;
      return;
    }
    unescape(start, stop);
  }

  /** Reads a string value and returns it decoded. */
  public String stringValue() {
    string();
    int n = textEnd - textStart;
    return new String(
        text, textStart, n, textAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  public byte[] text() {
    return text;
  }

  public int textStart() {
    return textStart;
  }

  public int textEnd() {
    return textEnd;
  }

  /**
   * The index of the first byte from {@code p} that is a quote or a backslash, validating the UTF-8
   * and refusing control characters on the way; sets {@link #textAscii}.
   */
  private int plainEnd(int p) {
    boolean ascii = true;
    while (true) {
      while (p + 8 <= end) {
        long w = (long) LONGS.get(b, p);
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        long special = ((q - ONES) & ~q) | ((s - ONES) & ~s) | ((w - SPACES) & ~w) | w; // high bits
        special &= HIGHS;
        if (special != 0) {
          // the lowest flagged byte is a true one (borrows only flag bytes above it)
          p += Long.numberOfTrailingZeros(special) >>> 3;
          break;
        }
        p += 8;
      }
      if (p >= end) {
        throw UNSUPPORTED; // unterminated
      }
      int c = b[p];
      if (c == '"' || c == '\\') {
        textAscii = ascii;
        return p;
      }
      if (c >= 0x20) {
        p++;
      } else if (c < 0) {
        ascii = false;
        p = utf8(p);
      } else {
        throw UNSUPPORTED; // a control character
      }
    }
  }

  /** Validates the multi-byte UTF-8 sequence at {@code p}; returns the index after it. */
  private int utf8(int p) {
    int c = b[p] & 0xff;
    int n;
    int lo = 0x80;
    int hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c == 0xe0) {
        lo = 0xa0;
      } else if (c == 0xed) {
        hi = 0x9f; // no encoded surrogates
      }
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c == 0xf0) {
        lo = 0x90;
      } else if (c == 0xf4) {
        hi = 0x8f;
      }
    } else {
      throw UNSUPPORTED;
    }
    if (p + n >= end) {
      throw UNSUPPORTED;
    }
    int c1 = b[p + 1] & 0xff;
    if (c1 < lo || c1 > hi) {
      throw UNSUPPORTED;
    }
    for (int i = 2; i <= n; i++) {
      int ci = b[p + i] & 0xff;
      if (ci < 0x80 || ci > 0xbf) {
        throw UNSUPPORTED;
      }
    }
    return p + n + 1;
  }

  /** Decodes a string with escapes into the scratch buffer; {@code p} is at its first escape. */
  private void unescape(int start, int p) {
    int n = 0;
    boolean ascii = textAscii;
    n = copy(start, p, n);
    while (true) {
      int c = b[p];
      if (c == '"') {
        break;
      }
      // at a backslash
      if (p + 1 >= end) {
        throw UNSUPPORTED;
      }
      int e = b[p + 1];
      int unit;
      p += 2;
      switch (e) {
        case '"' -> unit = '"';
        case '\\' -> unit = '\\';
        case '/' -> unit = '/';
        case 'b' -> unit = '\b';
        case 'f' -> unit = '\f';
        case 'n' -> unit = '\n';
        case 'r' -> unit = '\r';
        case 't' -> unit = '\t';
        case 'u' -> {
          unit = hex4(p);
          p += 4;
        }
        default -> throw UNSUPPORTED;
      }
      int cp = unit;
      if (unit >= 0xd800 && unit <= 0xdfff) {
        // a surrogate pair must be two escapes; a lone surrogate is left to the general way
        if (unit > 0xdbff || p + 6 > end || b[p] != '\\' || b[p + 1] != 'u') {
          throw UNSUPPORTED;
        }
        int low = hex4(p + 2);
        if (low < 0xdc00 || low > 0xdfff) {
          throw UNSUPPORTED;
        }
        p += 6;
        cp = Character.toCodePoint((char) unit, (char) low);
      }
      if (cp >= 0x80) {
        ascii = false;
      }
      n = put(cp, n);
      int stop = plainEnd(p);
      ascii &= textAscii;
      n = copy(p, stop, n);
      p = stop;
    }
    text = scratch;
    textStart = 0;
    textEnd = n;
    textAscii = ascii;
    pos = p + 1;
  }

  private int hex4(int p) {
    if (p + 4 > end) {
      throw UNSUPPORTED;
    }
    int v = 0;
    for (int i = p; i < p + 4; i++) {
      int d = Character.digit(b[i], 16);
      if (d < 0) {
        throw UNSUPPORTED;
      }
      v = v << 4 | d;
    }
    return v;
  }

  private int copy(int from, int to, int n) {
    int len = to - from;
    ensure(n + len);
    System.arraycopy(b, from, scratch, n, len);
    return n + len;
  }

  private int put(int cp, int n) {
    ensure(n + 4);
    byte[] s = scratch;
    if (cp < 0x80) {
      s[n++] = (byte) cp;
    } else if (cp < 0x800) {
      s[n++] = (byte) (0xc0 | cp >> 6);
      s[n++] = (byte) (0x80 | cp & 0x3f);
    } else if (cp < 0x10000) {
      s[n++] = (byte) (0xe0 | cp >> 12);
      s[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
      s[n++] = (byte) (0x80 | cp & 0x3f);
    } else {
      s[n++] = (byte) (0xf0 | cp >> 18);
      s[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
      s[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
      s[n++] = (byte) (0x80 | cp & 0x3f);
    }
    return n;
  }

  private void ensure(int capacity) {
    if (capacity > scratch.length) {
      scratch = Arrays.copyOf(scratch, Math.max(capacity, scratch.length * 2));
    }
  }
}
