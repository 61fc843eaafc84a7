// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which of many literal byte patterns (each at least four bytes long) occur in a text, for
 * texts where they are rare, as in blockpage fingerprints and ordinary web pages. Each pattern is
 * represented by one four-byte window of it, the one made of the rarest bytes (by a fixed estimate
 * of byte frequencies in web pages); the text's four-byte windows are looked up in a bit filter
 * that fits the L1 cache, and only where a window's bit is set are the patterns with that window
 * compared in full. Unlike an automaton, whose every step waits on the load of the step before, the
 * lookups are independent and overlap, so a text costs a fraction of a nanosecond per byte.
 *
 * <p>It reports the same occurrences as {@link AhoCorasick} built over the same patterns: each
 * occurrence once (in another order). Immutable and safe to share between threads.
 */
public final class GramSearch {
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  /** The shortest pattern this can search for. */
  public static final int GRAM = 4;

  private static final int FILTER_BITS = 17; // 16 KiB
  private static final int FILTER_SHIFT = 32 - FILTER_BITS;
  private static final int MIX = 0x9E3779B1;

  private final long[] filter = new long[(1 << FILTER_BITS) / 64];
  // Open addressing from a window's four bytes to its patterns: keys[slot] (if used[slot]), and
  // the entries entryStart[slot]..entryEnd[slot] of entryPattern and entryOffset.
  private final int[] keys;
  private final boolean[] used;
  private final int[] entryStart;
  private final int[] entryEnd;
  private final int[] entryPattern;
  private final int[] entryOffset;
  private final int mask;
  private final byte[][] patterns;
  private final int[][] ids;

  private GramSearch(List<byte[]> patterns, List<int[]> ids) {
    int n = patterns.size();
    this.patterns = patterns.toArray(new byte[0][]);
    this.ids = ids.toArray(new int[0][]);
    int capacity = Integer.highestOneBit(Math.max(4, n * 4) - 1) << 1;
    this.mask = capacity - 1;
    this.keys = new int[capacity];
    this.used = new boolean[capacity];
    // Group the patterns by window, keeping each group's entries together.
    int[] gram = new int[n];
    int[] offset = new int[n];
    int[] slotOf = new int[n];
    int[] count = new int[capacity];
    Map<Integer, Integer> uses = new HashMap<>();
    for (int p = 0; p < n; p++) {
      byte[] pattern = this.patterns[p];
      if (pattern.length < GRAM) {
        throw new IllegalArgumentException("pattern shorter than " + GRAM + " bytes");
      }
      offset[p] = rarestWindow(pattern, uses);
      uses.merge((int) INTS.get(pattern, offset[p]), 1, Integer::sum);
      gram[p] = (int) INTS.get(pattern, offset[p]);
      int slot = slot(gram[p]);
      keys[slot] = gram[p];
      used[slot] = true;
      slotOf[p] = slot;
      count[slot]++;
      int h = hash(gram[p]);
      filter[h >>> 6] |= 1L << h;
    }
    this.entryStart = new int[capacity];
    this.entryEnd = new int[capacity];
    int at = 0;
    for (int s = 0; s < capacity; s++) {
      entryStart[s] = at;
      at += count[s];
      entryEnd[s] = entryStart[s];
    }
    this.entryPattern = new int[n];
    this.entryOffset = new int[n];
    for (int p = 0; p < n; p++) {
      int e = entryEnd[slotOf[p]]++;
      entryPattern[e] = p;
      entryOffset[e] = offset[p];
    }
  }

  /**
   * A search for {@code patterns}, {@code ids.get(i)} being reported for {@code patterns.get(i)}.
   *
   * @throws IllegalArgumentException if a pattern is shorter than {@value #GRAM} bytes
   */
  public static GramSearch build(List<byte[]> patterns, List<int[]> ids) {
    if (patterns.size() != ids.size()) {
      throw new IllegalArgumentException("one id list per pattern");
    }
    return new GramSearch(new ArrayList<>(patterns), new ArrayList<>(ids));
  }

  private static int hash(int gram) {
    return (gram * MIX) >>> FILTER_SHIFT;
  }

  /** The slot of {@code gram}: where it is, or the free one where it goes. */
  private int slot(int gram) {
    int s = (gram * MIX) & mask;
    while (used[s] && keys[s] != gram) {
      s = (s + 1) & mask;
    }
    return s;
  }

  /** Reports every pattern occurrence in {@code text[from..to)}. */
  public void scan(byte[] text, int from, int to, AhoCorasick.Hits hits) {
    if (to - from < GRAM) {
      return;
    }
    long[] f = filter;
    // The window at i, as a little-endian int, rolled on a byte at a time.
    int g =
        (text[from] & 0xff) << 8 | (text[from + 1] & 0xff) << 16 | (text[from + 2] & 0xff) << 24;
    for (int i = from, last = to - GRAM; i <= last; i++) {
      g = g >>> 8 | text[i + 3] << 24;
      int h = (g * MIX) >>> FILTER_SHIFT;
      if ((f[h >>> 6] & (1L << h)) != 0) {
        verify(text, from, to, i, g, hits);
      }
    }
  }

  private void verify(byte[] text, int from, int to, int at, int gram, AhoCorasick.Hits hits) {
    int s = (gram * MIX) & mask;
    while (used[s]) {
      if (keys[s] == gram) {
        for (int e = entryStart[s]; e < entryEnd[s]; e++) {
          byte[] pattern = patterns[entryPattern[e]];
          int start = at - entryOffset[e];
          int end = start + pattern.length;
          if (start >= from
              && end <= to
              && Arrays.equals(text, start, end, pattern, 0, pattern.length)) {
            for (int id : ids[entryPattern[e]]) {
              hits.hit(id);
            }
          }
        }
        return;
      }
      s = (s + 1) & mask;
    }
  }

  /**
   * The offset of the pattern's rarest four-byte window (the first of equals): the one of the
   * rarest bytes, avoiding words common in pages and windows already chosen for other patterns
   * ({@code uses}), which would all be compared wherever the window occurs.
   */
  static int rarestWindow(byte[] pattern, Map<Integer, Integer> uses) {
    int best = 0;
    int bestScore = Integer.MAX_VALUE;
    for (int o = 0; o + GRAM <= pattern.length; o++) {
      int score = 0;
      for (int k = 0; k < GRAM; k++) {
        score += FREQUENCY[pattern[o + k] & 0xff];
      }
      int gram = (int) INTS.get(pattern, o);
      score += COMMON.contains(gram) ? 40 : 0;
      score += 4 * uses.getOrDefault(gram, 0);
      if (score < bestScore) {
        bestScore = score;
        best = o;
      }
    }
    return best;
  }

  /** Four-byte windows that are everywhere in web pages. */
  private static final Set<Integer> COMMON = common();

  private static Set<Integer> common() {
    Set<Integer> out = new HashSet<>();
    String text =
        "http ttp: tp:/ p:// ://w //ww /www www. .com html href body titl itle tle> <tit The  This"
            + " play styl clas lass scri crip ript text cont onte nten tent type name cript";
    for (String w : text.split(" ")) {
      if (w.length() == GRAM) {
        byte[] b = w.getBytes(StandardCharsets.US_ASCII);
        out.add((int) INTS.get(b, 0));
      }
    }
    out.add((int) INTS.get("The ".getBytes(StandardCharsets.US_ASCII), 0));
    return out;
  }

  /** A rough rank of how common each byte is in web pages (higher is more common). */
  private static final int[] FREQUENCY = frequencies();

  private static int[] frequencies() {
    int[] f = new int[256];
    Arrays.fill(f, 1);
    for (int c = 'A'; c <= 'Z'; c++) {
      f[c] = 4;
    }
    for (int c = '0'; c <= '9'; c++) {
      f[c] = 5;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      f[c] = 7;
    }
    for (int c = 0x80; c <= 0xbf; c++) {
      f[c] = 6; // UTF-8 continuation bytes
    }
    String common = "etaoinsrhldcum";
    for (int i = 0; i < common.length(); i++) {
      f[common.charAt(i)] = 10;
    }
    for (char c : "fpgwyb".toCharArray()) {
      f[c] = 8;
    }
    for (char c : "xjqz".toCharArray()) {
      f[c] = 3;
    }
    for (char c : " <>/\"=-.:;_'\n\t\r".toCharArray()) {
      f[c] = 12;
    }
    for (int c : new int[] {0xd0, 0xd1, 0xd8, 0xd9, 0xdb, 0xe0, 0xe2, 0xe3}) {
      f[c] = 9; // lead bytes of Cyrillic, Arabic, Indic and CJK text
    }
    return f;
  }
}
