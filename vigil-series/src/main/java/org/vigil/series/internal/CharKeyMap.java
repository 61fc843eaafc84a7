// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.util.Arrays;

/**
 * A hash map from a run of characters to a value, looked up without making a {@code String}. Not
 * API.
 *
 * <p>Used for the entity column: a file sorted by time names a different entity on every row, so
 * the "same as the last row" shortcut misses, and a {@code String} per row for a {@code HashMap}
 * lookup would be the largest allocation of the import. Open addressing, linear probing, no
 * removal.
 */
final class CharKeyMap<V> {
  private char[][] keys = new char[64][];
  private int[] hashes = new int[64];
  private Object[] values = new Object[64];
  private int size;

  @SuppressWarnings("unchecked")
  V get(char[] b, int length) {
    int h = hash(b, length);
    int mask = keys.length - 1;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      char[] k = keys[i];
      if (k == null) {
        return null;
      }
      if (hashes[i] == h && k.length == length && Arrays.equals(k, 0, length, b, 0, length)) {
        return (V) values[i];
      }
    }
  }

  void put(char[] b, int length, V value) {
    if ((size + 1) * 2 > keys.length) {
      resize();
    }
    if (insert(Arrays.copyOf(b, length), hash(b, length), value)) {
      size++;
    }
  }

  /** True if the key was new, false if its value was replaced. */
  private boolean insert(char[] key, int h, Object value) {
    int mask = keys.length - 1;
    int i = h & mask;
    while (keys[i] != null) {
      if (hashes[i] == h && Arrays.equals(keys[i], key)) {
        values[i] = value;
        return false;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    hashes[i] = h;
    values[i] = value;
    return true;
  }

  private void resize() {
    char[][] oldKeys = keys;
    int[] oldHashes = hashes;
    Object[] oldValues = values;
    keys = new char[oldKeys.length * 2][];
    hashes = new int[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        insert(oldKeys[i], oldHashes[i], oldValues[i]);
      }
    }
  }

  private static int hash(char[] b, int length) {
    int h = 0;
    for (int i = 0; i < length; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16); // spread high bits into the low bits the mask keeps
  }
}
