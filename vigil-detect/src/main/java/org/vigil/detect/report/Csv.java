// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.core.InputFormatException;

/**
 * A small RFC 4180 reader for the spreadsheets this package reads: quoted fields may hold commas,
 * quotes ({@code ""}) and line breaks. Each record carries the line it starts on, for errors.
 */
final class Csv {
  private Csv() {}

  /** One record: its fields and the 1-based line it starts on. */
  record Row(int line, List<String> fields) {}

  static List<Row> parse(Reader in, String source) throws IOException {
    BufferedReader r = new BufferedReader(in);
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    int line = 1;
    int start = 1;
    int c = r.read();
    if (c == 0xFEFF) {
      c = r.read(); // a byte order mark, as spreadsheet exports write
    }
    for (; c != -1; c = r.read()) {
      any = true;
      if (quoted) {
        if (c == '"') {
          r.mark(1);
          int next = r.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              r.reset();
            }
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\r') {
        continue;
      } else if (c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        rows.add(new Row(start, fields));
        fields = new ArrayList<>();
        line++;
        start = line;
        any = false;
      } else {
        field.append((char) c);
      }
    }
    if (quoted) {
      throw new InputFormatException(
          source, start, null, "a quoted field is not closed before the end of the file");
    }
    if (any) {
      fields.add(field.toString());
      rows.add(new Row(start, fields));
    }
    return rows;
  }

  /** The records after the header line as maps by column name (test data, small files). */
  static List<Map<String, String>> read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<Row> rows = parse(in, file.toString());
      List<Map<String, String>> out = new ArrayList<>();
      List<String> header = rows.get(0).fields();
      for (Row row : rows.subList(1, rows.size())) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          m.put(header.get(i), i < row.fields().size() ? row.fields().get(i) : "");
        }
        out.add(m);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
