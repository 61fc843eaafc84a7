// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.util.Arrays;

/**
 * Probes sent and not yet answered, keyed by their id (a sequence number). Ids are handed out in
 * order and deadlines are sent time plus a constant, so the table is a ring: the oldest outstanding
 * probe is always at the tail, expiry walks from there, and memory is bounded by the probes in
 * flight (rate × timeout), not by the number of blocks.
 */
final class InflightTable {
  private static final int DONE = -1;

  private int[] ids;
  private int[] owners; // a block (or address) index, DONE when answered or expired
  private int[] addresses;
  private long[] sent;
  private byte[] kinds;
  private int mask;
  private int head; // the next id to hand out
  private int tail; // the oldest id that may still be outstanding
  private int outstanding;

  InflightTable(int initialCapacity) {
    this(initialCapacity, 0);
  }

  /** A table whose first id is {@code firstId}: ids wrap around after 2^32 probes. */
  InflightTable(int initialCapacity, int firstId) {
    int cap = Integer.highestOneBit(Math.max(16, initialCapacity - 1)) << 1;
    allocate(cap);
    head = firstId;
    tail = firstId;
  }

  private void allocate(int cap) {
    ids = new int[cap];
    owners = new int[cap];
    Arrays.fill(owners, DONE);
    addresses = new int[cap];
    sent = new long[cap];
    kinds = new byte[cap];
    mask = cap - 1;
  }

  /** Records a probe; returns its id. */
  int add(int owner, int address, long sentNanos, byte kind) {
    if (head - tail > mask) {
      grow();
    }
    int id = head++;
    int slot = id & mask;
    ids[slot] = id;
    owners[slot] = owner;
    addresses[slot] = address;
    sent[slot] = sentNanos;
    kinds[slot] = kind;
    outstanding++;
    return id;
  }

  private void grow() {
    int[] oIds = ids;
    int[] oOwners = owners;
    int[] oAddresses = addresses;
    long[] oSent = sent;
    byte[] oKinds = kinds;
    int oMask = mask;
    allocate((mask + 1) * 2);
    for (int id = tail; id != head; id++) {
      int o = id & oMask;
      int n = id & mask;
      ids[n] = oIds[o];
      owners[n] = oOwners[o];
      addresses[n] = oAddresses[o];
      sent[n] = oSent[o];
      kinds[n] = oKinds[o];
    }
  }

  /**
   * The slot of outstanding probe {@code id} to {@code address}, or -1 when no such probe is
   * outstanding (answered already, expired, or from before a restart).
   */
  int find(int id, int address) {
    if (id - tail < 0 || id - head >= 0) {
      return -1;
    }
    int slot = id & mask;
    if (ids[slot] != id || owners[slot] == DONE || addresses[slot] != address) {
      return -1;
    }
    return slot;
  }

  int owner(int slot) {
    return owners[slot];
  }

  byte kind(int slot) {
    return kinds[slot];
  }

  /** Marks a probe answered. */
  void complete(int slot) {
    owners[slot] = DONE;
    outstanding--;
    advanceTail();
  }

  private void advanceTail() {
    while (tail != head && owners[tail & mask] == DONE) {
      tail++;
    }
  }

  int outstanding() {
    return outstanding;
  }

  /** The slot of the oldest outstanding probe, or -1 if none. */
  int oldest() {
    return tail == head ? -1 : tail & mask;
  }

  long sentNanos(int slot) {
    return sent[slot];
  }

  /** Forgets every outstanding probe. */
  void clear() {
    for (int id = tail; id != head; id++) {
      owners[id & mask] = DONE;
    }
    tail = head;
    outstanding = 0;
  }
}
