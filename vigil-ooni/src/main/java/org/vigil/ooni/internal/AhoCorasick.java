// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of many literal patterns occur in a text in one pass (Aho and Corasick, "Efficient
 * string matching", CACM 1975). OONI's fastpath tests each of its ~1,300 body fingerprints with
 * {@code body.find(pattern)}; doing the same here would cost 1,300 scans of every HTTP body, while
 * the automaton reads each character once.
 *
 * <p>Symbols are UTF-16 chars ({@link #scan(String, Hits)}) or bytes ({@link #scan(byte[], int,
 * Hits)}); an automaton is built for one or the other.
 *
 * <p>Layout, for speed: reading a character is a chain of dependent memory loads, so the cost is
 * their latency. States are numbered breadth-first, so the shallow ones (where HTML keeps the
 * automaton nearly all the time) are the first rows of a dense table indexed by state and symbol,
 * holding the complete transition (failures already followed), with the sign bit marking states
 * where a pattern ends. A character then costs one load from a table small enough for the L2 cache.
 * Deeper states and symbols beyond the table keep sorted edge lists and failure links. Immutable
 * and safe to share between threads.
 */
public final class AhoCorasick {
  /** Receives the ids given with the patterns, each time one of them ends in the text. */
  @FunctionalInterface
  public interface Hits {
    void hit(int id);
  }

  /** States this deep or shallower get dense rows. */
  private static final int DENSE_DEPTH = 2;

  private static final int OUTPUT = Integer.MIN_VALUE;

  private final int width; // symbols below this use the dense rows
  private final int rows; // states below this have dense rows
  private final int[] dense; // [state * width + symbol] -> next state, | OUTPUT if it has output
  private final int[] edgeStart;
  private final int[] edgeSymbol;
  private final int[] edgeTarget;
  private final int[] fail;
  private final int[][] output;

  private AhoCorasick(
      int width,
      int rows,
      int[] dense,
      int[] edgeStart,
      int[] edgeSymbol,
      int[] edgeTarget,
      int[] fail,
      int[][] output) {
    this.width = width;
    this.rows = rows;
    this.dense = dense;
    this.edgeStart = edgeStart;
    this.edgeSymbol = edgeSymbol;
    this.edgeTarget = edgeTarget;
    this.fail = fail;
    this.output = output;
  }

  /**
   * Builds an automaton over non-empty patterns of symbols below {@code alphabet} (65,536 for
   * chars, 256 for bytes); {@code ids[i]} is reported when {@code patterns[i]} occurs. Equal
   * patterns report all their ids.
   */
  public static AhoCorasick build(List<int[]> patterns, List<int[]> ids, int alphabet) {
    // The trie, with states numbered in insertion order.
    List<Map<Integer, Integer>> children = new ArrayList<>();
    List<int[]> own = new ArrayList<>();
    children.add(new HashMap<>());
    own.add(null);
    for (int p = 0; p < patterns.size(); p++) {
      int[] pattern = patterns.get(p);
      if (pattern.length == 0) {
        throw new IllegalArgumentException("empty pattern");
      }
      int s = 0;
      for (int symbol : pattern) {
        if (symbol < 0 || symbol >= alphabet) {
          throw new IllegalArgumentException("symbol out of range: " + symbol);
        }
        Integer next = children.get(s).get(symbol);
        if (next == null) {
          next = children.size();
          children.get(s).put(symbol, next);
          children.add(new HashMap<>());
          own.add(null);
        }
        s = next;
      }
      own.set(s, concat(own.get(s), ids.get(p)));
    }
    int states = children.size();

    // Renumber breadth-first: root 0, then depth 1, depth 2, ...
    int[] newId = new int[states];
    int[] oldId = new int[states];
    int[] depth = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    int count = 0;
    int rows = 0;
    while (!queue.isEmpty()) {
      int s = queue.poll();
      newId[s] = count;
      oldId[count] = s;
      count++;
      if (depth[s] <= DENSE_DEPTH) {
        rows = count;
      }
      int[] symbols = sortedSymbols(children.get(s));
      for (int symbol : symbols) {
        int child = children.get(s).get(symbol);
        depth[child] = depth[s] + 1;
        queue.add(child);
      }
    }

    // Sparse edges, in the new numbering.
    int[] edgeStart = new int[states + 1];
    int edges = 0;
    for (int n = 0; n < states; n++) {
      edgeStart[n] = edges;
      edges += children.get(oldId[n]).size();
    }
    edgeStart[states] = edges;
    int[] edgeSymbol = new int[edges];
    int[] edgeTarget = new int[edges];
    for (int n = 0; n < states; n++) {
      Map<Integer, Integer> c = children.get(oldId[n]);
      int at = edgeStart[n];
      for (int symbol : sortedSymbols(c)) {
        edgeSymbol[at] = symbol;
        edgeTarget[at] = newId[c.get(symbol)];
        at++;
      }
    }

    // Failure links and outputs, breadth-first (new ids are already in that order).
    int[] fail = new int[states];
    int[][] output = new int[states][];
    AhoCorasick sparse =
        new AhoCorasick(0, 0, new int[0], edgeStart, edgeSymbol, edgeTarget, fail, output);
    for (int n = 0; n < states; n++) {
      output[n] = n == 0 ? null : concat(own.get(oldId[n]), output[fail[n]]);
      for (int e = edgeStart[n]; e < edgeStart[n + 1]; e++) {
        int child = edgeTarget[e];
        if (n == 0) {
          fail[child] = 0;
          continue;
        }
        int f = fail[n];
        int next;
        while ((next = sparse.step(f, edgeSymbol[e])) < 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = Math.max(next, 0);
      }
    }

    // Dense rows for the shallow states, complete transitions with output marks.
    int width = Math.min(alphabet, 128);
    int[] dense = new int[rows * width];
    for (int n = 0; n < rows; n++) {
      for (int c = 0; c < width; c++) {
        int t = sparse.step(n, c);
        if (t < 0) {
          t = n == 0 ? 0 : dense[fail[n] * width + c] & ~OUTPUT; // fail[n] < n: row done
        }
        dense[n * width + c] = output[t] == null ? t : t | OUTPUT;
      }
    }
    return new AhoCorasick(width, rows, dense, edgeStart, edgeSymbol, edgeTarget, fail, output);
  }

  private static int[] sortedSymbols(Map<Integer, Integer> children) {
    int[] symbols = children.keySet().stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(symbols);
    return symbols;
  }

  private static int[] concat(int[] a, int[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** The edge from {@code s} on {@code symbol}, or -1 if there is none. */
  private int step(int s, int symbol) {
    int lo = edgeStart[s];
    int hi = edgeStart[s + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int v = edgeSymbol[mid];
      if (v < symbol) {
        lo = mid + 1;
      } else if (v > symbol) {
        hi = mid - 1;
      } else {
        return edgeTarget[mid];
      }
    }
    return -1;
  }

  /** The next state, with {@link #OUTPUT} set if a pattern ends there. */
  private int next(int s, int symbol) {
    while (true) {
      if (s < rows && symbol < width) {
        return dense[s * width + symbol];
      }
      int t = step(s, symbol);
      if (t >= 0) {
        return output[t] == null ? t : t | OUTPUT;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /** Reports every pattern occurrence in {@code text} (an id once per occurrence). */
  public void scan(String text, Hits hits) {
    int s = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int t = s < rows && c < width ? dense[s * width + c] : next(s, c);
      s = t & ~OUTPUT;
      if (t < 0) {
        report(s, hits);
      }
    }
  }

  /** Reports every pattern occurrence in {@code bytes[0..length)}. */
  public void scan(byte[] bytes, int length, Hits hits) {
    scan(bytes, 0, length, hits);
  }

  /** Reports every pattern occurrence in {@code bytes[from..to)}. */
  public void scan(byte[] bytes, int from, int to, Hits hits) {
    int s = 0;
    for (int i = from; i < to; i++) {
      int c = bytes[i] & 0xff;
      int t = s < rows && c < width ? dense[s * width + c] : next(s, c);
      s = t & ~OUTPUT;
      if (t < 0) {
        report(s, hits);
      }
    }
  }

  private void report(int s, Hits hits) {
    for (int id : output[s]) {
      hits.hit(id);
    }
  }
}
