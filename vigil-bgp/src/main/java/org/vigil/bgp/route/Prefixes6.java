// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.util.Arrays;

/** Interns IPv6 prefixes as dense ids, like {@link Prefixes4}; host bits are cleared. */
final class Prefixes6 {
  private int[] slots = new int[1 << 12]; // id + 1, 0 = empty
  long[] high = new long[1 << 10];
  long[] low = new long[1 << 10];
  byte[] length = new byte[1 << 10];
  int size;

  static long mask(int bits) {
    if (bits <= 0) {
      return 0;
    }
    return bits >= 64 ? -1L : -1L << (64 - bits);
  }

  private static int hash(long hi, long lo, int len) {
    long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ len;
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32));
  }

  int id(long hi, long lo, int len) {
    long h = hi & mask(len);
    long l = lo & mask(len - 64);
    int m = slots.length - 1;
    int i = hash(h, l, len) & m;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        break;
      }
      int id = s - 1;
      if (high[id] == h && low[id] == l && length[id] == len) {
        return id;
      }
      i = (i + 1) & m;
    }
    int id = size++;
    if (id == high.length) {
      int n = id + (id >> 1);
      high = Arrays.copyOf(high, n);
      low = Arrays.copyOf(low, n);
      length = Arrays.copyOf(length, n);
    }
    high[id] = h;
    low[id] = l;
    length[id] = (byte) len;
    slots[i] = id + 1;
    if (size * 4L > slots.length * 3L) {
      rehash();
    }
    return id;
  }

  int find(long hi, long lo, int len) {
    long h = hi & mask(len);
    long l = lo & mask(len - 64);
    int m = slots.length - 1;
    int i = hash(h, l, len) & m;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return -1;
      }
      int id = s - 1;
      if (high[id] == h && low[id] == l && length[id] == len) {
        return id;
      }
      i = (i + 1) & m;
    }
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int m = slots.length - 1;
    for (int id = 0; id < size; id++) {
      int i = hash(high[id], low[id], length[id]) & m;
      while (slots[i] != 0) {
        i = (i + 1) & m;
      }
      slots[i] = id + 1;
    }
  }

  long footprint() {
    return slots.length * 4L + high.length * 17L;
  }
}
