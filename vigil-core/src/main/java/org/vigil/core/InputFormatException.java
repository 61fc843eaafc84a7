// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

/**
 * Input that is not what its format says: names the file, the line (or byte offset) and the column,
 * and what was expected. Readers throw it; commands print its message and exit non-zero.
 */
public final class InputFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String column;

  /**
   * @param source the file (or stream) name
   * @param line 1-based line number, or a byte offset where the format has no lines; 0 if unknown
   * @param column the column name or number, or {@code null}
   * @param message what was wrong and what was expected
   */
  public InputFormatException(String source, long line, String column, String message) {
    super(format(source, line, column, message));
    this.source = source;
    this.line = line;
    this.column = column;
  }

  private static String format(String source, long line, String column, String message) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(", line ").append(line);
    }
    if (column != null) {
      sb.append(", column ").append(column);
    }
    return sb.append(": ").append(message).toString();
  }

  public String source() {
    return source;
  }

  public long line() {
    return line;
  }

  public String column() {
    return column;
  }
}
