// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.util.Arrays;
import org.vigil.bgp.route.internal.LongIntHashMap;

/**
 * Interns IPv4 prefixes as dense ids (0, 1, 2, ...), so that per-peer tables are plain arrays
 * indexed by id. Host bits are cleared: 10.0.0.1/8 is 10.0.0.0/8. Ids are never reused.
 */
final class Prefixes4 {
  private final LongIntHashMap ids = new LongIntHashMap(1 << 16);
  int[] address = new int[1 << 12];
  byte[] length = new byte[1 << 12];
  int size;
  // the entries of one RIB record all name the same prefix: skip the hash lookup for them
  private int lastAddress;
  private int lastLength = -1;
  private int lastId;

  static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** Sort and hash key: the address (unsigned) then the length. */
  static long key(int maskedAddress, int length) {
    return ((maskedAddress & 0xFFFF_FFFFL) << 6) | length;
  }

  int id(int address, int length) {
    int a = address & mask(length);
    if (a == lastAddress && length == lastLength) {
      return lastId;
    }
    long k = key(a, length);
    int id = ids.get(k, -1);
    if (id >= 0) {
      lastAddress = a;
      lastLength = length;
      lastId = id;
      return id;
    }
    id = size++;
    if (id == this.address.length) {
      int n = id + (id >> 1);
      this.address = Arrays.copyOf(this.address, n);
      this.length = Arrays.copyOf(this.length, n);
    }
    this.address[id] = a;
    this.length[id] = (byte) length;
    ids.put(k, id, -1);
    lastAddress = a;
    lastLength = length;
    lastId = id;
    return id;
  }

  int find(int address, int length) {
    return ids.get(key(address & mask(length), length), -1);
  }

  long key(int id) {
    return key(address[id], length[id]);
  }

  long footprint() {
    return ids.footprint() + address.length * 5L;
  }
}
