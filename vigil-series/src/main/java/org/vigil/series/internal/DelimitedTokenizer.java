// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import org.vigil.core.InputFormatException;

/**
 * Splits CSV (RFC 4180) or TSV text into records of fields. Not API.
 *
 * <p>RFC 4180 §2: records end with CRLF (LF and a lone CR are accepted too); a field may be quoted
 * with {@code "}, and then holds separators, line breaks and doubled quotes {@code ""}. A quote
 * inside an unquoted field is kept as a character, as most writers expect. The same rules serve TSV
 * with a tab as separator, because spreadsheet exports quote TSV fields the same way.
 *
 * <p>Why hand-written: the field contents of a record are copied once into one reusable {@code
 * char[]} and addressed by offsets, so a row costs no objects at all; unquoted runs are found with
 * a tight scan and moved with {@link System#arraycopy}. A general CSV library would build a {@code
 * String} per field, which dominates the cost of a 26-million-row import.
 */
public final class DelimitedTokenizer {
  /**
   * Longest record accepted. Far beyond any real row; it stops a quote that never closes (or a
   * binary file without line breaks) from reading the whole input into memory.
   */
  public static final int MAX_RECORD_CHARS = 1 << 20;

  private final Reader in;
  private final char separator;
  private final String source;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int lim;

  private char[] record = new char[256];
  private int recordLength;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int fields;
  private boolean anyQuoted;

  private long line = 1; // line of the next unread character
  private long recordLine;
  private String[] columnNames;

  public DelimitedTokenizer(Reader in, char separator, String source) {
    this.in = in;
    this.separator = separator;
    this.source = source;
  }

  /** Names fields in error messages once the header is known. */
  public void columnNames(String[] names) {
    this.columnNames = names.clone();
  }

  /** The line the current record starts on (1-based). */
  public long recordLine() {
    return recordLine;
  }

  /** The line being read: the best line number for a decoding error. */
  public long line() {
    return line;
  }

  public int fieldCount() {
    return fields;
  }

  /** The characters of the current record; field {@code i} is {@code [start(i), end(i))}. */
  public char[] chars() {
    return record;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  public String field(int i) {
    return new String(record, starts[i], ends[i] - starts[i]);
  }

  /** True if the record is an empty line. */
  public boolean isBlank() {
    return fields == 1 && ends[0] == starts[0] && !anyQuoted;
  }

  /**
   * Reads the next record.
   *
   * @return false at the end of the input
   */
  public boolean next() throws IOException {
    recordLength = 0;
    fields = 0;
    anyQuoted = false;
    if (pos >= lim && !fill()) {
      return false;
    }
    recordLine = line;
    while (true) {
      if (fields == starts.length) {
        starts = Arrays.copyOf(starts, fields * 2);
        ends = Arrays.copyOf(ends, fields * 2);
      }
      starts[fields] = recordLength;
      if (pos >= lim && !fill()) {
        ends[fields++] = recordLength; // input ends right after a separator: one empty field
        return true;
      }
      boolean quoted = buf[pos] == '"';
      if (quoted) {
        pos++;
        anyQuoted = true;
        readQuoted();
      } else {
        scanUnquoted();
      }
      ends[fields++] = recordLength;
      if (pos >= lim && !fill()) {
        return true;
      }
      char t = buf[pos++];
      if (t == separator) {
        continue;
      }
      if (t == '\n') {
        line++;
        return true;
      }
      if (t == '\r') {
        line++;
        if ((pos < lim || fill()) && buf[pos] == '\n') {
          pos++;
        }
        return true;
      }
      if (t == 0) {
        throw binary();
      }
      // Only reachable after a closing quote.
      throw error(
          fields - 1,
          "unexpected '"
              + printable(t)
              + "' after the closing quote of a quoted field; a quote inside a quoted field is"
              + " written twice (\"\")");
    }
  }

  private void scanUnquoted() throws IOException {
    final char sep = separator;
    while (true) {
      final char[] b = buf;
      final int l = lim;
      int p = pos;
      while (p < l) {
        char c = b[p];
        if (c == sep || c == '\n' || c == '\r' || c == 0) {
          break;
        }
        p++;
      }
      append(b, pos, p - pos);
      pos = p;
      if (p < l || !fill()) {
        return; // at the terminator (not consumed) or at the end of input
      }
    }
  }

  private void readQuoted() throws IOException {
    long opened = line;
    while (true) {
      if (pos >= lim && !fill()) {
        throw new InputFormatException(
            source,
            opened,
            columnName(fields),
            "a quoted field opened on line " + opened + " is never closed (missing '\"')");
      }
      final char[] b = buf;
      final int l = lim;
      int p = pos;
      while (p < l) {
        char c = b[p];
        if (c == '"') {
          break;
        }
        if (c == '\n') {
          line++;
        } else if (c == 0) {
          pos = p;
          throw binary();
        }
        p++;
      }
      append(b, pos, p - pos);
      pos = p;
      if (p == l) {
        continue; // refill and keep reading the field
      }
      pos++; // the quote
      if ((pos < lim || fill()) && buf[pos] == '"') {
        append(buf, pos, 1); // RFC 4180 §2.7: "" is one quote
        pos++;
        continue;
      }
      return;
    }
  }

  private void append(char[] b, int from, int n) {
    if (n == 0) {
      return;
    }
    int need = recordLength + n;
    if (need > record.length) {
      if (need > MAX_RECORD_CHARS) {
        throw new InputFormatException(
            source,
            recordLine,
            columnName(fields),
            "a record longer than "
                + MAX_RECORD_CHARS
                + " characters: this is not a delimited text file, or a quoted field is never"
                + " closed");
      }
      record = Arrays.copyOf(record, Math.min(Math.max(need, record.length * 2), MAX_RECORD_CHARS));
    }
    System.arraycopy(b, from, record, recordLength, n);
    recordLength = need;
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      pos = 0;
      lim = 0;
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  private InputFormatException binary() {
    return new InputFormatException(
        source,
        line,
        null,
        "a NUL character: this is binary data, not "
            + (separator == '\t' ? "TSV" : "CSV")
            + " text (gzip is recognised by its first bytes; other compressions are not)");
  }

  private InputFormatException error(int field, String message) {
    return new InputFormatException(source, line, columnName(field), message);
  }

  private String columnName(int field) {
    if (columnNames != null && field < columnNames.length) {
      return columnNames[field];
    }
    return Integer.toString(field + 1);
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
