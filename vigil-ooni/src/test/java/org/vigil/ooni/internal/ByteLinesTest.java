// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ByteLinesTest {
  static List<String> lines(byte[] bytes, int buffer, int chunk) throws IOException {
    InputStream in =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk)); // short reads, as from a pipe
          }
        };
    ByteLines lines = new ByteLines(in, buffer);
    List<String> out = new ArrayList<>();
    while (lines.next()) {
      out.add(
          new String(
              lines.buffer(), lines.start(), lines.end() - lines.start(), StandardCharsets.UTF_8));
      assertThat(lines.number()).isEqualTo(out.size());
    }
    return out;
  }

  @Test
  void splitsAtNewlinesAndSkipsAByteOrderMark() throws IOException {
    byte[] b = "\uFEFFa\nbb\n\nccc".getBytes(StandardCharsets.UTF_8);
    assertThat(lines(b, 16, 3)).containsExactly("a", "bb", "", "ccc");
    assertThat(lines("x\n".getBytes(StandardCharsets.UTF_8), 16, 100)).containsExactly("x");
    assertThat(lines(new byte[0], 16, 100)).isEmpty();
  }

  static LongStream seeds() {
    return LongStream.range(0, 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void splitsLikeStringSplitWhateverTheBufferAndReadSizes(long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] b = new byte[rnd.nextInt(3000)];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextInt(20) == 0 ? (byte) '\n' : (byte) ('a' + rnd.nextInt(26));
    }
    String text = new String(b, StandardCharsets.US_ASCII);
    List<String> expected = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
      expected.remove(expected.size() - 1); // a final newline ends the last line
    }
    assertThat(lines(b, 1 + rnd.nextInt(64), 1 + rnd.nextInt(100))).isEqualTo(expected);
  }

  @Test
  void newlineSearchFindsTheFirstInEveryPosition() {
    for (int len = 0; len < 40; len++) {
      for (int at = 0; at < len; at++) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) 0x8a); // bytes that borrow in the word-wise test
        b[at] = '\n';
        if (at + 1 < len) {
          b[len - 1] = '\n';
        }
        assertThat(ByteLines.newline(b, 0, len)).isEqualTo(at);
      }
    }
  }
}
