// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route.internal;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} to {@code int} on two primitive arrays: no boxing,
 * no entry objects, 12 bytes a slot. Linear probing with backward-shift deletion, so there are no
 * tombstones and lookups stay short. The key {@link Long#MIN_VALUE} is reserved (it marks empty
 * slots).
 */
public final class LongIntHashMap {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private int[] values;
  private int mask;
  private int size;
  private int resizeAt;

  public LongIntHashMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, (int) Math.min(1 << 30, expected * 4L / 3 + 1)));
    if (cap < expected * 4L / 3 + 1) {
      cap <<= 1;
    }
    allocate(cap);
  }

  private void allocate(int cap) {
    keys = new long[cap];
    Arrays.fill(keys, EMPTY);
    values = new int[cap];
    mask = cap - 1;
    resizeAt = (int) (cap * 0.75);
  }

  private static int hash(long k) {
    long h = k * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  public int size() {
    return size;
  }

  /** The value for {@code key}, or {@code missing}. */
  public int get(long key, int missing) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return missing;
      }
      i = (i + 1) & mask;
    }
  }

  public boolean containsKey(long key) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        return true;
      }
      if (k == EMPTY) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** Sets the value; returns the previous one, or {@code missing} if the key was new. */
  public int put(long key, int value, int missing) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("reserved key");
    }
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
      if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size > resizeAt) {
          grow();
        }
        return missing;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes the key; returns its value, or {@code missing} if it was absent. */
  public int remove(long key, int missing) {
    int i = hash(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == EMPTY) {
        return missing;
      }
      if (k == key) {
        int old = values[i];
        shiftBack(i);
        size--;
        return old;
      }
      i = (i + 1) & mask;
    }
  }

  private void shiftBack(int gap) {
    int i = gap;
    while (true) {
      i = (i + 1) & mask;
      long k = keys[i];
      if (k == EMPTY) {
        keys[gap] = EMPTY;
        return;
      }
      int home = hash(k) & mask;
      // move k into the gap if its home is not cyclically in (gap, i]
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        keys[gap] = k;
        values[gap] = values[i];
        gap = i;
      }
    }
  }

  public void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    allocate(keys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i], 0);
      }
    }
  }

  /** Bytes held by the arrays (for memory accounting). */
  public long footprint() {
    return keys.length * 12L;
  }
}
