// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.core.InputFormatException;

/**
 * Rows of a JSON lines file: one flat object per line, fields holding strings, numbers or {@code
 * null}. A JSON array of such objects is read too, since {@code .json} exports often are one.
 * Nested objects and arrays are skipped unless the import asks for them. Not API.
 *
 * <p>Jackson's token stream is used rather than a tree: a row costs a few token reads and one copy
 * of each wanted field's characters into a reusable buffer.
 */
public final class JsonRows implements RowSource {
  // NaN is not JSON, but Python's json module writes it; read it (as a gap) rather than fail.
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final JsonParser parser;
  private final String source;
  private final String[] slotNames;
  private final Map<String, int[]> slotsByField = new HashMap<>();
  private final List<String> fieldNames = new ArrayList<>();
  private char[] chars = new char[256];
  private boolean started;
  private boolean inArray;
  private long rowLine; // line where the object being read starts

  /**
   * @param slotNames the field name for each {@link Row} slot, {@code null} for unused slots
   */
  public JsonRows(Reader in, String source, String[] slotNames) throws IOException {
    this.parser = FACTORY.createParser(in);
    this.source = source;
    this.slotNames = slotNames.clone();
    for (int slot = 0; slot < Row.SLOTS; slot++) {
      String name = slotNames[slot];
      if (name != null) {
        int[] old = slotsByField.get(name);
        int[] slots = old == null ? new int[] {slot} : Arrays.copyOf(old, old.length + 1);
        slots[slots.length - 1] = slot;
        slotsByField.put(name, slots);
      }
    }
  }

  @Override
  public boolean next(Row row) throws IOException {
    try {
      return read(row);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      long line = at == null ? parser.currentLocation().getLineNr() : at.getLineNr();
      if (!inArray && rowLine > 0 && line > rowLine) {
        // JSON lines: an object left open runs into the next line; the fault is where it began.
        throw new InputFormatException(
            source,
            rowLine,
            null,
            "invalid JSON: the object on this line is not closed before line "
                + line
                + " ("
                + e.getOriginalMessage()
                + ")");
      }
      throw new InputFormatException(
          source, Math.max(line, 0), null, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  private boolean read(Row row) throws IOException {
    JsonToken t = parser.nextToken();
    if (!started) {
      started = true;
      if (t == null) {
        return false;
      }
      if (t == JsonToken.START_ARRAY) {
        inArray = true;
        t = parser.nextToken();
      }
    }
    if (inArray && t == JsonToken.END_ARRAY) {
      if (parser.nextToken() != null) {
        throw new InputFormatException(
            source, tokenLine(), null, "more JSON after the array of rows has closed");
      }
      inArray = false;
      t = null;
    }
    if (t == null) {
      parser.close(); // hands Jackson's buffers back for the next file
      return false;
    }
    long line = tokenLine();
    rowLine = line;
    if (t != JsonToken.START_OBJECT) {
      throw new InputFormatException(
          source, line, null, "expected a JSON object (one per line), found " + describe(t));
    }
    int seen = 0;
    int length = 0;
    fieldNames.clear();
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      fieldNames.add(name);
      int[] slots = slotsByField.get(name);
      t = parser.nextToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        if (slots != null) {
          throw new InputFormatException(
              source,
              line,
              name,
              "field '" + name + "' holds " + describe(t) + "; expected a string or a number");
        }
        parser.skipChildren();
        continue;
      }
      if (slots == null) {
        continue;
      }
      boolean isNull = t == JsonToken.VALUE_NULL;
      int from = length;
      if (!isNull) {
        int n = parser.getTextLength();
        if (length + n > chars.length) {
          chars = Arrays.copyOf(chars, Math.max(length + n, chars.length * 2));
        }
        System.arraycopy(parser.getTextCharacters(), parser.getTextOffset(), chars, length, n);
        length += n;
      }
      for (int slot : slots) {
        row.start[slot] = from;
        row.end[slot] = length;
        row.isNull[slot] = isNull;
        seen |= 1 << slot;
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw new InputFormatException(source, line, null, "malformed JSON object");
    }
    for (int slot = 0; slot < Row.SLOTS; slot++) {
      if (slotNames[slot] != null && (seen & (1 << slot)) == 0) {
        throw missing(line, slotNames[slot]);
      }
    }
    row.chars = chars;
    row.line = line;
    return true;
  }

  private InputFormatException missing(long line, String name) {
    StringBuilder m = new StringBuilder("no field '").append(name).append("' in this object; ");
    if (fieldNames.isEmpty()) {
      m.append("it is empty");
    } else {
      m.append("it has ").append(String.join(", ", fieldNames));
    }
    return new InputFormatException(source, line, name, m.toString());
  }

  private long tokenLine() {
    return Math.max(parser.currentTokenLocation().getLineNr(), 0);
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }

  @Override
  public long line() {
    return Math.max(parser.currentLocation().getLineNr(), 0);
  }

  @Override
  public long skipped() {
    return 0;
  }
}
