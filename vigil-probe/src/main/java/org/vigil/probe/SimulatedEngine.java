// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * An engine over a simulated network with its own virtual clock: time passes only inside {@link
 * #poll}, jumping straight to the next result or the deadline, so a day of rounds runs in
 * milliseconds and tests never sleep. Give the prober {@link #clock()} as its clock.
 *
 * <p>A reply comes back after a fixed round-trip time, an unanswered probe's record after the
 * timeout, as scamper's would; {@link Outcome#NO_RECORD} models a target scamper writes nothing
 * for. {@link #crashAt} and {@link #hangAt} inject engine failures. With {@link #recordSends} on,
 * every probe sent is logged for property tests.
 *
 * <pre>{@code
 * SimulatedEngine engine = SimulatedEngine.create(
 *     (address, t) -> SimulatedEngine.Outcome.REPLY, 0L, Duration.ofMillis(20), Duration.ofSeconds(3));
 * Prober prober = Prober.create(targets, engine, engine.clock(), config);
 * }</pre>
 */
public final class SimulatedEngine implements ProbeEngine {

  /** What happens to one probe. */
  public enum Outcome {
    /** An echo reply from the probed address. */
    REPLY,
    /** A record with nothing heard. */
    NO_REPLY,
    /** No record at all. */
    NO_RECORD
  }

  /** The simulated network: decides each probe's fate. */
  @FunctionalInterface
  public interface Network {
    /** The outcome of a probe to {@code address} sent at {@code sentNanos} (epoch nanoseconds). */
    Outcome probe(int address, long sentNanos);
  }

  private final Network network;
  private final long rttNanos;
  private final long timeoutNanos;
  private final InstantSource clock;
  private long now;
  private final Fifo replies = new Fifo();
  private final Fifo silences = new Fifo();
  private long crashAt = Long.MAX_VALUE;
  private long hangAt = Long.MAX_VALUE;
  private boolean crashed;
  private int restarts;
  private boolean logging;
  private long[] logTimes = new long[0];
  private int[] logAddresses = new int[0];
  private int[] logIds = new int[0];
  private int logSize;

  private SimulatedEngine(Network network, long startNanos, long rttNanos, long timeoutNanos) {
    this.network = network;
    this.now = startNanos;
    this.rttNanos = rttNanos;
    this.timeoutNanos = timeoutNanos;
    this.clock = () -> Instant.ofEpochSecond(0, now);
  }

  /**
   * An engine whose clock starts at {@code startEpochNanos}.
   *
   * @param rtt how long a reply takes
   * @param timeout how long an unanswered probe takes to be reported
   */
  public static SimulatedEngine create(
      Network network, long startEpochNanos, java.time.Duration rtt, java.time.Duration timeout) {
    return new SimulatedEngine(network, startEpochNanos, rtt.toNanos(), timeout.toNanos());
  }

  /** The virtual clock: give it to the prober. */
  public InstantSource clock() {
    return clock;
  }

  /** The virtual time, epoch nanoseconds. */
  public long nowNanos() {
    return now;
  }

  /** Moves the virtual clock forward (never back). */
  public void advanceTo(long epochNanos) {
    now = Math.max(now, epochNanos);
  }

  /** The engine fails at {@code epochNanos}: the next poll at or after it throws. */
  public void crashAt(long epochNanos) {
    crashAt = epochNanos;
  }

  /** From {@code epochNanos} the engine writes nothing more until it is restarted. */
  public void hangAt(long epochNanos) {
    hangAt = epochNanos;
  }

  /** Times {@link #restart} was called. */
  public int restarts() {
    return restarts;
  }

  /** Logs every probe sent from now on (time, address, id). */
  public void recordSends(boolean on) {
    logging = on;
  }

  /** Probes logged. */
  public int sentCount() {
    return logSize;
  }

  /** When logged probe {@code i} was sent, epoch nanoseconds. */
  public long sentAt(int i) {
    return logTimes[i];
  }

  /** The address of logged probe {@code i}. */
  public int sentTo(int i) {
    return logAddresses[i];
  }

  /** The id of logged probe {@code i}. */
  public int sentId(int i) {
    return logIds[i];
  }

  @Override
  public void send(int id, int address) {
    if (crashed) {
      throw new ProbeEngineException("simulated engine crashed; restart it first");
    }
    if (logging) {
      if (logSize == logTimes.length) {
        int cap = Math.max(1024, logSize * 2);
        logTimes = Arrays.copyOf(logTimes, cap);
        logAddresses = Arrays.copyOf(logAddresses, cap);
        logIds = Arrays.copyOf(logIds, cap);
      }
      logTimes[logSize] = now;
      logAddresses[logSize] = address;
      logIds[logSize] = id;
      logSize++;
    }
    if (now >= hangAt) {
      return;
    }
    switch (network.probe(address, now)) {
      case REPLY -> replies.add(id, address, now + rttNanos);
      case NO_REPLY -> silences.add(id, address, now + timeoutNanos);
      case NO_RECORD -> {}
    }
  }

  @Override
  public void poll(long deadlineNanos, ResultSink sink) {
    if (crashed) {
      throw new ProbeEngineException("simulated engine crashed; restart it first");
    }
    long next = Math.min(replies.nextDue(), silences.nextDue());
    if (next >= hangAt) {
      next = Long.MAX_VALUE; // hung: nothing more comes out
    }
    long until = Math.max(now, Math.min(next, deadlineNanos));
    if (crashAt <= until) {
      now = Math.max(now, crashAt);
      crashAt = Long.MAX_VALUE;
      crashed = true;
      replies.clear();
      silences.clear();
      throw new ProbeEngineException("simulated engine exited with status 139");
    }
    now = until;
    if (next > now) {
      return;
    }
    // deliver everything due by now, in time order
    while (true) {
      long r = replies.nextDue();
      long s = silences.nextDue();
      long due = Math.min(r, s);
      if (due > now || due >= hangAt) {
        break;
      }
      Fifo f = r <= s ? replies : silences;
      int id = f.headId();
      int address = f.headAddress();
      f.pop();
      sink.result(id, address, f == replies, f == replies ? (int) (rttNanos / 1000) : -1);
    }
  }

  @Override
  public void restart() {
    crashed = false;
    hangAt = Long.MAX_VALUE;
    replies.clear();
    silences.clear();
    restarts++;
  }

  @Override
  public void close() {
    replies.clear();
    silences.clear();
  }

  /** A growable ring of (id, address, due) in due order. */
  private static final class Fifo {
    private int[] ids = new int[256];
    private int[] addresses = new int[256];
    private long[] dues = new long[256];
    private int head;
    private int size;

    void add(int id, int address, long due) {
      if (size == ids.length) {
        int cap = size * 2;
        int[] i2 = new int[cap];
        int[] a2 = new int[cap];
        long[] d2 = new long[cap];
        for (int k = 0; k < size; k++) {
          int from = (head + k) % ids.length;
          i2[k] = ids[from];
          a2[k] = addresses[from];
          d2[k] = dues[from];
        }
        ids = i2;
        addresses = a2;
        dues = d2;
        head = 0;
      }
      int at = (head + size) % ids.length;
      ids[at] = id;
      addresses[at] = address;
      dues[at] = due;
      size++;
    }

    long nextDue() {
      return size == 0 ? Long.MAX_VALUE : dues[head];
    }

    int headId() {
      return ids[head];
    }

    int headAddress() {
      return addresses[head];
    }

    void pop() {
      head = (head + 1) % ids.length;
      size--;
    }

    void clear() {
      head = 0;
      size = 0;
    }
  }
}
