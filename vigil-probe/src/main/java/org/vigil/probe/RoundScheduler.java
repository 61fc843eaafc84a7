// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

/**
 * Decides which block to probe next and when, within one round: the periodic probe of every block,
 * spread evenly over the periodic window, and the adaptive and recovery probes the belief updates
 * ask for, first come first served, all under one global rate limit. Pure and deterministic: it is
 * given the time and never reads a clock.
 *
 * <p>The rate limit is a pacer, not a token bucket: every probe gets a slot at least {@code
 * spacing} after the previous one's, so no window of one second ever holds more than the rate.
 * Periodic probes take precedence when due, which keeps them within one slot of their due time
 * whenever the rate leaves room for them; adaptive probes use the slots left over. A slot may lie
 * up to one tick in the past (the caller woke late), which bounds a burst to one tick's worth.
 */
final class RoundScheduler {
  static final byte PERIODIC = 1;
  static final byte ADAPTIVE = 2;
  static final byte RECOVERY = 3;

  private final long spacing;
  private final long catchUp;
  private static final long NONE = Long.MIN_VALUE;
  private long lastSlot = NONE; // carried across rounds: the rate holds at the seam

  private int[] order = new int[0];
  private int periodicCount;
  private int nextPeriodic;
  private long start;
  private double periodicStep;
  private long cutoff;

  // FIFO of (block, kind, ready time) for adaptive and recovery probes
  private int[] queue = new int[64];
  private byte[] queueKinds = new byte[64];
  private long[] queueReady = new long[64];
  private int qHead;
  private int qSize;

  private long slot;
  private byte kind;

  RoundScheduler(long spacingNanos, long catchUpNanos) {
    this.spacing = spacingNanos;
    this.catchUp = catchUpNanos;
  }

  /**
   * Starts a round: the blocks of {@code order} get their periodic probes at {@code start + k ×
   * window / n}; adaptive probes are taken until {@code cutoff}.
   */
  void startRound(int[] order, long start, long window, long cutoff) {
    this.order = order;
    this.periodicCount = order.length;
    this.nextPeriodic = 0;
    this.start = start;
    this.periodicStep = order.length == 0 ? 0 : (double) window / order.length;
    this.cutoff = cutoff;
    this.qHead = 0;
    this.qSize = 0;
  }

  /** When the {@code k}-th periodic probe of the round falls due. */
  long periodicDue(int k) {
    return start + (long) (k * periodicStep);
  }

  /** Queues an adaptive or recovery probe of {@code block}, ready from {@code now}. */
  void enqueue(int block, byte probeKind, long now) {
    if (qSize == queue.length) {
      int cap = queue.length * 2;
      int[] q = new int[cap];
      byte[] k = new byte[cap];
      long[] r = new long[cap];
      for (int i = 0; i < qSize; i++) {
        int from = (qHead + i) % queue.length;
        q[i] = queue[from];
        k[i] = queueKinds[from];
        r[i] = queueReady[from];
      }
      queue = q;
      queueKinds = k;
      queueReady = r;
      qHead = 0;
    }
    int at = (qHead + qSize) % queue.length;
    queue[at] = block;
    queueKinds[at] = probeKind;
    queueReady[at] = now;
    qSize++;
  }

  /** Drops the queued adaptive probes (after an engine failure). */
  void clearQueue() {
    qHead = 0;
    qSize = 0;
  }

  /**
   * The next probe whose slot has come by {@code now}: returns its block and sets {@link #slot()}
   * and {@link #kind()}, or returns -1 when nothing may go yet. Queued probes that could no longer
   * go before the cutoff are dropped.
   */
  int take(long now) {
    long pacer = lastSlot == NONE ? now : lastSlot + spacing;
    if (pacer > now) {
      return -1;
    }
    long floor = Math.max(pacer, now - catchUp);
    if (nextPeriodic < periodicCount) {
      long due = periodicDue(nextPeriodic);
      if (due <= now) {
        slot = Math.max(floor, due);
        kind = PERIODIC;
        lastSlot = slot;
        return order[nextPeriodic++];
      }
    }
    if (qSize > 0) {
      long s = Math.max(floor, queueReady[qHead]);
      if (s >= cutoff) {
        clearQueue(); // too late for a reply to arrive within the round
        return -1;
      }
      int block = queue[qHead];
      kind = queueKinds[qHead];
      qHead = (qHead + 1) % queue.length;
      qSize--;
      slot = s;
      lastSlot = slot;
      return block;
    }
    return -1;
  }

  /** The slot of the probe {@link #take} returned last. */
  long slot() {
    return slot;
  }

  /** The kind of the probe {@link #take} returned last. */
  byte kind() {
    return kind;
  }

  /** When {@link #take} will next return a probe, or {@link Long#MAX_VALUE} if nothing waits. */
  long nextWake() {
    long pacer = lastSlot == NONE ? Long.MIN_VALUE / 4 : lastSlot + spacing;
    long wake = Long.MAX_VALUE;
    if (qSize > 0) {
      wake = Math.max(pacer, queueReady[qHead]);
    }
    if (nextPeriodic < periodicCount) {
      wake = Math.min(wake, Math.max(pacer, periodicDue(nextPeriodic)));
    }
    return wake;
  }

  /** Periodic probes not yet handed out this round. */
  int periodicLeft() {
    return periodicCount - nextPeriodic;
  }
}
