// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link GramSearch} finds exactly the occurrences {@link AhoCorasick} finds. */
class GramSearchTest {
  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /** Every hit, as sorted ids. */
  static List<Integer> grams(GramSearch s, byte[] text, int from, int to) {
    List<Integer> out = new ArrayList<>();
    s.scan(text, from, to, out::add);
    out.sort(null);
    return out;
  }

  static List<Integer> automaton(AhoCorasick a, byte[] text, int from, int to) {
    List<Integer> out = new ArrayList<>();
    a.scan(text, from, to, out::add);
    out.sort(null);
    return out;
  }

  static int[] symbols(byte[] b) {
    int[] s = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      s[i] = b[i] & 0xff;
    }
    return s;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void findsWhatTheAutomatonFinds(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    // A small alphabet makes overlaps, shared windows and near misses common.
    byte[] alphabet = "abc<>\u00e9 ".getBytes(StandardCharsets.UTF_8);
    List<byte[]> patterns = new ArrayList<>();
    List<int[]> ids = new ArrayList<>();
    for (int p = 0, n = 1 + rnd.nextInt(40); p < n; p++) {
      byte[] pattern = new byte[4 + rnd.nextInt(8)];
      for (int i = 0; i < pattern.length; i++) {
        pattern[i] = alphabet[rnd.nextInt(alphabet.length)];
      }
      patterns.add(pattern);
      ids.add(rnd.nextInt(5) == 0 ? new int[] {p, 1000 + p} : new int[] {p});
    }
    byte[] text = new byte[rnd.nextInt(2000)];
    for (int i = 0; i < text.length; i++) {
      text[i] = alphabet[rnd.nextInt(alphabet.length)];
    }
    for (int k = rnd.nextInt(10); k > 0 && text.length > 12; k--) {
      byte[] pattern = patterns.get(rnd.nextInt(patterns.size()));
      System.arraycopy(pattern, 0, text, rnd.nextInt(text.length - pattern.length), pattern.length);
    }
    GramSearch grams = GramSearch.build(patterns, ids);
    AhoCorasick automaton =
        AhoCorasick.build(patterns.stream().map(GramSearchTest::symbols).toList(), ids, 256);
    int from = text.length == 0 ? 0 : rnd.nextInt(text.length);
    int to = from + (text.length == from ? 0 : rnd.nextInt(text.length - from + 1));
    assertThat(grams(grams, text, from, to)).isEqualTo(automaton(automaton, text, from, to));
    assertThat(grams(grams, text, 0, text.length))
        .isEqualTo(automaton(automaton, text, 0, text.length));
  }

  @Test
  void patternsAreFoundAtTheEdgesOfTheRange() {
    byte[] p = "<title>Blocked</title>".getBytes(StandardCharsets.US_ASCII);
    GramSearch s = GramSearch.build(List.of(p), List.of(new int[] {7}));
    byte[] text = "xx<title>Blocked</title>yy".getBytes(StandardCharsets.US_ASCII);
    assertThat(grams(s, text, 2, 24)).containsExactly(7);
    assertThat(grams(s, text, 3, 24)).isEmpty();
    assertThat(grams(s, text, 2, 23)).isEmpty();
    assertThat(grams(s, p, 0, p.length)).containsExactly(7);
  }

  @Test
  void theRarestWindowIsChosen() {
    // An upper-case letter and a rarer lower-case one: "Zuga", not "<tit" nor ">Zug".
    byte[] p = "<title>Zugang".getBytes(StandardCharsets.US_ASCII);
    assertThat(GramSearch.rarestWindow(p, java.util.Map.of())).isEqualTo(7);
    // A window other patterns already use is avoided: ">Zug".
    int zuga = 'Z' | 'u' << 8 | 'g' << 16 | 'a' << 24;
    assertThat(GramSearch.rarestWindow(p, java.util.Map.of(zuga, 3))).isEqualTo(6);
  }

  @Test
  void shortPatternsAreRefused() {
    assertThatThrownBy(
            () -> GramSearch.build(List.of(new byte[] {1, 2, 3}), List.of(new int[] {0})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
