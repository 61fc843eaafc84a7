// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import org.vigil.core.InputFormatException;

/** Rows of a CSV or TSV file whose first line names the columns. Not API. */
public final class DelimitedRows implements RowSource {
  private final DelimitedTokenizer tokenizer;
  private final String source;
  private final char separator;
  private final String[] slotNames;
  private String[] header;
  private final int[] slotColumn = new int[Row.SLOTS];
  private long blankLines;

  /**
   * @param slotNames the column name for each {@link Row} slot, {@code null} for unused slots
   */
  public DelimitedRows(Reader in, char separator, String source, String[] slotNames) {
    this.tokenizer = new DelimitedTokenizer(in, separator, source);
    this.source = source;
    this.separator = separator;
    this.slotNames = slotNames.clone();
  }

  /**
   * Reads the header and finds the columns the slots name; done by the first {@link #next}, so that
   * construction reads nothing.
   *
   * @throws InputFormatException if there is no header or a named column is missing
   */
  private void readHeader() throws IOException {
    String kind = separator == '\t' ? "TSV" : "CSV";
    do {
      if (!tokenizer.next()) {
        throw new InputFormatException(
            source,
            tokenizer.line(),
            null,
            "empty file: expected a " + kind + " header line naming the columns");
      }
    } while (tokenizer.isBlank());
    header = new String[tokenizer.fieldCount()];
    for (int i = 0; i < header.length; i++) {
      header[i] = tokenizer.field(i);
    }
    tokenizer.columnNames(header);
    for (int slot = 0; slot < Row.SLOTS; slot++) {
      slotColumn[slot] = slotNames[slot] == null ? -1 : column(slotNames[slot]);
    }
  }

  /** Exact name first; else the one column equal to it ignoring case and surrounding spaces. */
  private int column(String name) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].equals(name)) {
        return i;
      }
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    int found = -1;
    for (int i = 0; i < header.length; i++) {
      if (header[i].trim().toLowerCase(Locale.ROOT).equals(wanted)) {
        if (found >= 0) {
          throw new InputFormatException(
              source,
              tokenizer.recordLine(),
              name,
              "no column '"
                  + name
                  + "', and two columns differ from it only in case: '"
                  + header[found]
                  + "' and '"
                  + header[i]
                  + "'; give the exact name");
        }
        found = i;
      }
    }
    if (found >= 0) {
      return found;
    }
    StringBuilder message =
        new StringBuilder("no column '").append(name).append("'; the header has ");
    message.append(header.length).append(header.length == 1 ? " column: " : " columns: ");
    for (int i = 0; i < header.length; i++) {
      message.append(i == 0 ? "" : ", ").append(header[i]);
    }
    if (looksLikeData()) {
      message.append(
          " (that line looks like data: the file needs a header line naming the columns)");
    } else if (header.length == 1
        && (header[0].indexOf(',') >= 0 || header[0].indexOf('\t') >= 0)) {
      message.append(" (is the separator right? check --format)");
    }
    throw new InputFormatException(source, tokenizer.recordLine(), name, message.toString());
  }

  private boolean looksLikeData() {
    for (int i = 0; i < header.length; i++) {
      if (Decimals.isNumber(tokenizer.chars(), tokenizer.start(i), tokenizer.end(i))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean next(Row row) throws IOException {
    if (header == null) {
      readHeader();
    }
    while (tokenizer.next()) {
      if (tokenizer.isBlank()) {
        blankLines++;
        continue;
      }
      int n = tokenizer.fieldCount();
      if (n != header.length) {
        if (n < header.length) {
          throw new InputFormatException(
              source,
              tokenizer.recordLine(),
              header[n],
              "expected " + header.length + " fields as the header has, found " + n);
        }
        throw new InputFormatException(
            source,
            tokenizer.recordLine(),
            Integer.toString(header.length + 1),
            "found "
                + n
                + " fields, but the header has "
                + header.length
                + "; a field holding the separator must be quoted");
      }
      row.chars = tokenizer.chars();
      row.line = tokenizer.recordLine();
      for (int slot = 0; slot < Row.SLOTS; slot++) {
        int c = slotColumn[slot];
        if (c >= 0) {
          row.start[slot] = tokenizer.start(c);
          row.end[slot] = tokenizer.end(c);
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public long line() {
    return tokenizer.line();
  }

  @Override
  public long skipped() {
    return blankLines;
  }
}
