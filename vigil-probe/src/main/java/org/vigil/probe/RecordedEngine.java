// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An engine that replays scamper output recorded earlier, read through the same {@link
 * ScamperJsonReader} as live output, so a test drives the prober with real scamper records:
 * answered pings, unanswered ones and ICMP unreachables. A probe to an address sent at virtual time
 * {@code t} gets the outcome of that address's latest record started by the matching recorded time
 * (its earliest record before that); an address without records gets no result, as a target scamper
 * cannot route gets none. Runs on a virtual clock like {@link SimulatedEngine}.
 *
 * <pre>{@code
 * RecordedEngine engine = RecordedEngine.fromScamperJson(reader, "pings.json", problems::add,
 *     virtualStartNanos, recordedStartNanos);
 * Prober prober = Prober.create(targets, engine, engine.clock(), config);
 * }</pre>
 */
public final class RecordedEngine implements ProbeEngine {
  private final SimulatedEngine delegate;
  private final Map<Integer, long[]> records; // per address: start micros << 1 | replied, sorted
  private final ScamperJsonReader.Stats stats;
  private final long offsetMicros; // recorded time minus virtual time
  private final long firstRecordMicros;

  private RecordedEngine(
      Map<Integer, long[]> records,
      ScamperJsonReader.Stats stats,
      long startNanos,
      long recordedNanos,
      long firstRecordMicros) {
    this.records = records;
    this.stats = stats;
    this.offsetMicros = Math.floorDiv(recordedNanos - startNanos, 1000L);
    this.firstRecordMicros = firstRecordMicros;
    this.delegate =
        SimulatedEngine.create(
            this::answer, startNanos, Duration.ofMillis(1), Duration.ofSeconds(1));
  }

  /**
   * Reads recorded scamper JSON; malformed records go to {@code problems}. The virtual clock starts
   * at {@code startEpochNanos}, which stands for {@code recordedEpochNanos} in the recording.
   */
  public static RecordedEngine fromScamperJson(
      Reader json,
      String source,
      Consumer<Problem> problems,
      long startEpochNanos,
      long recordedEpochNanos)
      throws IOException {
    Map<Integer, List<ScamperPing>> byAddress = new HashMap<>();
    ScamperJsonReader.Stats stats =
        ScamperJsonReader.read(
            json,
            source,
            ping -> byAddress.computeIfAbsent(ping.destination(), a -> new ArrayList<>()).add(ping),
            problems);
    Map<Integer, long[]> records = new HashMap<>();
    long first = Long.MAX_VALUE;
    for (Map.Entry<Integer, List<ScamperPing>> e : byAddress.entrySet()) {
      long[] r = new long[e.getValue().size()];
      for (int i = 0; i < r.length; i++) {
        ScamperPing p = e.getValue().get(i);
        r[i] = (p.startMicros() << 1) | (p.replied() ? 1 : 0);
        first = Math.min(first, p.startMicros());
      }
      java.util.Arrays.sort(r);
      records.put(e.getKey(), r);
    }
    return new RecordedEngine(records, stats, startEpochNanos, recordedEpochNanos, first);
  }

  private SimulatedEngine.Outcome answer(int address, long sentNanos) {
    long[] r = records.get(address);
    if (r == null) {
      return SimulatedEngine.Outcome.NO_RECORD;
    }
    long recorded = Math.floorDiv(sentNanos, 1000L) + offsetMicros;
    int pick = 0;
    for (int i = 0; i < r.length && (r[i] >> 1) <= recorded; i++) {
      pick = i;
    }
    return (r[pick] & 1) != 0 ? SimulatedEngine.Outcome.REPLY : SimulatedEngine.Outcome.NO_REPLY;
  }

  /** What reading the recording found. */
  public ScamperJsonReader.Stats stats() {
    return stats;
  }

  /** When the earliest recorded ping started, epoch microseconds. */
  public long firstRecordMicros() {
    return firstRecordMicros;
  }

  /** The virtual clock: give it to the prober. */
  public InstantSource clock() {
    return delegate.clock();
  }

  /** The underlying simulated engine (for failure injection and the probe log). */
  public SimulatedEngine simulation() {
    return delegate;
  }

  @Override
  public void send(int id, int address) {
    delegate.send(id, address);
  }

  @Override
  public void poll(long deadlineNanos, ResultSink sink) {
    delegate.poll(deadlineNanos, sink);
  }

  @Override
  public void restart() {
    delegate.restart();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
