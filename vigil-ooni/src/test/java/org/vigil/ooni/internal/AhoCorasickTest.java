// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AhoCorasickTest {
  static AhoCorasick chars(List<String> patterns) {
    List<int[]> p = new ArrayList<>();
    List<int[]> ids = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      p.add(patterns.get(i).chars().toArray());
      ids.add(new int[] {i});
    }
    return AhoCorasick.build(p, ids, 65_536);
  }

  static AhoCorasick bytes(List<String> patterns) {
    List<int[]> p = new ArrayList<>();
    List<int[]> ids = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      byte[] b = patterns.get(i).getBytes(StandardCharsets.UTF_8);
      int[] s = new int[b.length];
      for (int k = 0; k < b.length; k++) {
        s[k] = b[k] & 0xff;
      }
      p.add(s);
      ids.add(new int[] {i});
    }
    return AhoCorasick.build(p, ids, 256);
  }

  static TreeSet<Integer> found(AhoCorasick ac, String text) {
    TreeSet<Integer> out = new TreeSet<>();
    ac.scan(text, out::add);
    return out;
  }

  static TreeSet<Integer> foundBytes(AhoCorasick ac, String text) {
    TreeSet<Integer> out = new TreeSet<>();
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ac.scan(b, b.length, out::add);
    return out;
  }

  @Test
  void findsOverlappingAndNestedPatterns() {
    AhoCorasick ac = chars(List.of("he", "she", "his", "hers", "blocked page", "صفحه"));
    assertThat(found(ac, "ushers")).containsExactly(0, 1, 3);
    assertThat(found(ac, "this blocked page صفحه")).containsExactly(2, 4, 5);
    assertThat(found(ac, "nothing")).isEmpty();
  }

  @Test
  void reportsEveryOccurrence() {
    List<Integer> hits = new ArrayList<>();
    chars(List.of("aa")).scan("aaaa", hits::add);
    assertThat(hits).containsExactly(0, 0, 0);
  }

  @Test
  void equalPatternsReportAllTheirIds() {
    List<int[]> p = List.of("x".chars().toArray(), "x".chars().toArray());
    AhoCorasick ac = AhoCorasick.build(p, List.of(new int[] {7}, new int[] {9}), 65_536);
    TreeSet<Integer> out = new TreeSet<>();
    ac.scan("x", out::add);
    assertThat(out).containsExactly(7, 9);
  }

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void findsWhatIndexOfFinds(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String alphabet = rnd.nextBoolean() ? "ab" : "abc<>/é€\uD83D\uDE00 ";
    List<String> patterns = new ArrayList<>();
    for (int i = 1 + rnd.nextInt(40); i > 0; i--) {
      patterns.add(random(rnd, alphabet, 1 + rnd.nextInt(8)));
    }
    String text = random(rnd, alphabet, rnd.nextInt(300));
    TreeSet<Integer> expected = new TreeSet<>();
    TreeSet<Integer> expectedBytes = new TreeSet<>();
    byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < patterns.size(); i++) {
      if (text.contains(patterns.get(i))) {
        expected.add(i);
      }
      if (indexOf(textBytes, patterns.get(i).getBytes(StandardCharsets.UTF_8)) >= 0) {
        expectedBytes.add(i);
      }
    }
    assertThat(found(chars(patterns), text)).isEqualTo(expected);
    assertThat(foundBytes(bytes(patterns), text)).isEqualTo(expectedBytes);
  }

  static String random(SplittableRandom rnd, String alphabet, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static int indexOf(byte[] text, byte[] p) {
    outer:
    for (int i = 0; i + p.length <= text.length; i++) {
      for (int k = 0; k < p.length; k++) {
        if (text[i + k] != p[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
