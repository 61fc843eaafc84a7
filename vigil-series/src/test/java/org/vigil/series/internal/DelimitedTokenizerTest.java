// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelimitedTokenizerTest {
  static List<List<String>> tokenize(Reader in, char sep) throws IOException {
    DelimitedTokenizer t = new DelimitedTokenizer(in, sep, "test");
    List<List<String>> records = new ArrayList<>();
    while (t.next()) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < t.fieldCount(); i++) {
        fields.add(t.field(i));
      }
      records.add(fields);
    }
    return records;
  }

  static List<List<String>> tokenize(String text) throws IOException {
    return tokenize(new StringReader(text), ',');
  }

  // https://www.rfc-editor.org/rfc/rfc4180#section-2
  @Test
  void readsTheRfc4180Examples() throws IOException {
    assertThat(tokenize("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n"))
        .containsExactly(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx"));
    assertThat(tokenize("aaa,bbb,ccc\r\nzzz,yyy,xxx"))
        .containsExactly(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx"));
    assertThat(tokenize("\"aaa\",\"bbb\",\"ccc\"\r\nzzz,yyy,xxx"))
        .containsExactly(List.of("aaa", "bbb", "ccc"), List.of("zzz", "yyy", "xxx"));
    assertThat(tokenize("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx"))
        .containsExactly(List.of("aaa", "b\r\nbb", "ccc"), List.of("zzz", "yyy", "xxx"));
    assertThat(tokenize("\"aaa\",\"b\"\"bb\",\"ccc\""))
        .containsExactly(List.of("aaa", "b\"bb", "ccc"));
  }

  @Test
  void keepsEmptyFieldsAndLineNumbers() throws IOException {
    DelimitedTokenizer t =
        new DelimitedTokenizer(new StringReader("a,,\n\"x\ny\",\"\"\n\nlast,"), ',', "t");
    assertThat(t.next()).isTrue();
    assertThat(t.fieldCount()).isEqualTo(3);
    assertThat(t.recordLine()).isEqualTo(1);
    assertThat(t.next()).isTrue();
    assertThat(t.field(0)).isEqualTo("x\ny");
    assertThat(t.field(1)).isEmpty();
    assertThat(t.isBlank()).isFalse();
    assertThat(t.recordLine()).isEqualTo(2);
    assertThat(t.next()).isTrue();
    assertThat(t.isBlank()).isTrue();
    assertThat(t.recordLine()).isEqualTo(4);
    assertThat(t.next()).isTrue();
    assertThat(t.recordLine()).isEqualTo(5);
    assertThat(t.fieldCount()).isEqualTo(2);
    assertThat(t.next()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64})
  void givesTheSameRecordsWhateverTheReadSizes(int chunk) throws IOException {
    SplittableRandom rnd = new SplittableRandom(chunk);
    for (int round = 0; round < 200; round++) {
      List<List<String>> records = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      int n = 1 + rnd.nextInt(20);
      for (int r = 0; r < n; r++) {
        List<String> fields = new ArrayList<>();
        int m = 1 + rnd.nextInt(6);
        for (int f = 0; f < m; f++) {
          String field = randomField(rnd);
          fields.add(field);
          if (f > 0) {
            text.append(',');
          }
          boolean quote =
              field.isEmpty() && m == 1
                  || field.startsWith("\"")
                  || field.contains(",")
                  || field.contains("\n")
                  || field.contains("\r")
                  || rnd.nextInt(3) == 0;
          text.append(quote ? '"' + field.replace("\"", "\"\"") + '"' : field);
        }
        records.add(fields);
        text.append(rnd.nextBoolean() ? "\r\n" : "\n");
      }
      assertThat(tokenize(new ChunkedReader(text.toString(), chunk), ','))
          .as(text.toString())
          .isEqualTo(records);
    }
  }

  private static String randomField(SplittableRandom rnd) {
    String[] parts = {"a", "bc", ",", "\"", "\n", "\r\n", " ", "é", "𝄞", "1.5", "x\"y"};
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(parts[rnd.nextInt(parts.length)]);
    }
    return sb.toString();
  }

  /** Hands out at most {@code chunk} characters a read, to cross every buffer boundary. */
  static final class ChunkedReader extends Reader {
    private final String text;
    private final int chunk;
    private int pos;

    ChunkedReader(String text, int chunk) {
      this.text = text;
      this.chunk = chunk;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos == text.length()) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), text.length() - pos);
      text.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
