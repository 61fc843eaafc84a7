// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Bytes to strict UTF-8 text: gunzips when the input starts with the gzip magic bytes, skips a
 * byte-order mark, and keeps the first characters so the format can be guessed. Not API.
 *
 * <p>Gzip is recognised by content (RFC 1952 §2.3.1: ID1 = 0x1f, ID2 = 0x8b), not by name, because
 * downloads are often compressed in transit and saved without {@code .gz}, or named {@code .gz} and
 * already inflated. Malformed UTF-8 is an error rather than replacement characters: a binary file
 * must fail, not import as junk.
 */
public final class TextInput extends Reader {
  private static final int HEAD = 4096;

  private final Reader in;
  private final boolean gzip;
  private final char[] head;
  private int headLength;
  private int headPos;
  private IOException pending; // a failure while reading the head, raised where it happened

  private TextInput(Reader in, boolean gzip) {
    this.in = in;
    this.gzip = gzip;
    this.head = new char[HEAD];
  }

  /** Opens {@code raw} as text; reads the first few thousand characters at once. */
  public static TextInput open(InputStream raw) throws IOException {
    // The caller owns raw and closes it; closing this reader must still free the inflater.
    InputStream unclosable =
        new FilterInputStream(raw) {
          @Override
          public void close() {}
        };
    BufferedInputStream buffered = new BufferedInputStream(unclosable, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    InputStream bytes = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
    Reader reader = new StrictUtf8Reader(bytes);
    TextInput text = new TextInput(reader, gzip);
    text.readHead();
    return text;
  }

  private void readHead() {
    try {
      while (headLength < HEAD) {
        int n = in.read(head, headLength, HEAD - headLength);
        if (n < 0) {
          break;
        }
        headLength += n;
      }
    } catch (IOException e) {
      // Raise it when the parser gets there, so the error carries that line number.
      pending = e;
    }
    if (headLength > 0 && head[0] == '\uFEFF') {
      headPos = 1; // a UTF-8 byte-order mark, as spreadsheet programs write
    }
  }

  /** True if the input was gzip-compressed. */
  public boolean gzip() {
    return gzip;
  }

  /** The first non-blank character, or -1 if the head is blank. */
  public int firstNonBlank() {
    for (int i = headPos; i < headLength; i++) {
      if (!Character.isWhitespace(head[i])) {
        return head[i];
      }
    }
    return -1;
  }

  /** The first line of the head. */
  public String firstLine() {
    int end = headPos;
    while (end < headLength && head[end] != '\n' && head[end] != '\r') {
      end++;
    }
    return new String(head, headPos, end - headPos);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (headPos < headLength) {
      int n = Math.min(len, headLength - headPos);
      System.arraycopy(head, headPos, cbuf, off, n);
      headPos += n;
      return n;
    }
    if (pending != null) {
      IOException e = pending;
      pending = null;
      throw e;
    }
    return in.read(cbuf, off, len);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * UTF-8 that fails on malformed bytes, but only after handing over every character before them.
   * {@link java.io.InputStreamReader} throws as soon as its buffer holds a bad byte, losing the
   * text before it, and with it the line number an error message should carry.
   */
  private static final class StrictUtf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private boolean eof;
    private CharacterCodingException pending;

    StrictUtf8Reader(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      CharBuffer chars = CharBuffer.wrap(cbuf, off, len);
      while (pending == null) {
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isOverflow()) {
          break;
        }
        if (result.isError()) {
          try {
            result.throwException();
          } catch (CharacterCodingException e) {
            pending = e;
          }
          break;
        }
        if (eof || chars.position() > off) {
          break; // everything decoded, or something to return before blocking on more input
        }
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
      }
      int n = chars.position() - off;
      if (n > 0) {
        return n;
      }
      if (pending != null) {
        throw pending;
      }
      return -1;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
