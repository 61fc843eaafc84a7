// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.util.Arrays;

/**
 * Turns possibly nested or overlapping ranges, each with a value, into sorted disjoint segments
 * that cover the whole domain, where each point takes the value of the most specific range holding
 * it (the one that starts last, then the shorter one, then the one added last). Points no range
 * holds get -1. Adjacent segments with equal values are merged.
 *
 * <p>Keys are signed {@code long}s: callers map their address space onto {@code [min, max]} in an
 * order-preserving way (plain values for IPv4, the sign bit flipped for unsigned 64-bit IPv6
 * halves).
 */
final class RangeFlattener {
  private final long min;
  private final long max;
  private long[] starts = new long[64];
  private long[] ends = new long[64];
  private int[] values = new int[64];
  private int size;

  // output
  private long[] outStarts;
  private int[] outValues;
  private int outSize;

  RangeFlattener(long min, long max) {
    this.min = min;
    this.max = max;
  }

  int size() {
    return size;
  }

  void add(long start, long end, int value) {
    if (start > end || start < min || end > max) {
      throw new IllegalArgumentException("bad range " + start + ".." + end);
    }
    if (size == starts.length) {
      int n = size * 2;
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      values = Arrays.copyOf(values, n);
    }
    starts[size] = start;
    ends[size] = end;
    values[size] = value;
    size++;
  }

  /** The segment starts (ascending, the first is {@code min}). */
  long[] segmentStarts() {
    return Arrays.copyOf(outStarts, outSize);
  }

  /** The value of each segment, -1 where no range applies. */
  int[] segmentValues() {
    return Arrays.copyOf(outValues, outSize);
  }

  /**
   * Computes the segments; read them with {@link #segmentStarts()} and {@link #segmentValues()}.
   */
  void flatten() {
    int[] order = sortedOrder();
    outStarts = new long[Math.max(16, size * 2 + 1)];
    outValues = new int[outStarts.length];
    outSize = 0;
    int[] stack = new int[Math.max(16, size)];
    int sp = 0;
    long pos = min;
    boolean done = false;
    for (int k = 0; k <= size && !done; k++) {
      long last = k < size ? starts[order[k]] - 1 : max;
      boolean through = k == size || starts[order[k]] > pos;
      // emit [pos, last]
      while (through && !done && pos <= last) {
        while (sp > 0 && ends[stack[sp - 1]] < pos) {
          sp--;
        }
        int value;
        long segEnd;
        if (sp == 0) {
          value = -1;
          segEnd = last;
        } else {
          int top = stack[sp - 1];
          value = values[top];
          segEnd = Math.min(ends[top], last);
        }
        emit(pos, value);
        if (segEnd == max) {
          done = true;
        } else {
          pos = segEnd + 1;
        }
      }
      if (k < size) {
        stack[sp++] = order[k];
      }
    }
  }

  private void emit(long start, int value) {
    if (outSize > 0 && outValues[outSize - 1] == value) {
      return;
    }
    if (outSize == outStarts.length) {
      outStarts = Arrays.copyOf(outStarts, outSize * 2);
      outValues = Arrays.copyOf(outValues, outSize * 2);
    }
    outStarts[outSize] = start;
    outValues[outSize] = value;
    outSize++;
  }

  /** Indices by start ascending, then end descending, then insertion order. */
  private int[] sortedOrder() {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    // Merge sort on indices: stable, so equal ranges keep insertion order (the later one wins).
    int[] tmp = new int[size];
    mergeSort(order, tmp, 0, size);
    return order;
  }

  private void mergeSort(int[] a, int[] tmp, int from, int to) {
    if (to - from < 2) {
      return;
    }
    if (to - from < 24) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid);
    mergeSort(a, tmp, mid, to);
    if (compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0)) {
        a[k] = tmp[i++];
      } else {
        a[k] = tmp[j++];
      }
    }
  }

  private int compare(int x, int y) {
    int c = Long.compare(starts[x], starts[y]);
    if (c != 0) {
      return c;
    }
    return Long.compare(ends[y], ends[x]);
  }
}
