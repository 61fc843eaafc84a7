// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

/**
 * Something that sends ICMP echo probes and reports what came back: {@link ScamperEngine} in
 * production, {@link SimulatedEngine} and {@link RecordedEngine} in tests. The {@link Prober} and
 * {@link Discovery} drive an engine from one thread: {@link #send} queues probes without blocking,
 * {@link #poll} is the only place they wait, so an engine that owns a virtual clock can make time
 * pass there.
 *
 * <p>A probe's result says whether an echo reply came back from the probed address itself. A probe
 * may also get no result at all (scamper writes no record for a target it cannot route): the caller
 * treats that as missing data once its own deadline passes.
 */
public interface ProbeEngine extends AutoCloseable {

  /** Receives probe results. */
  @FunctionalInterface
  interface ResultSink {
    /**
     * One probe's result.
     *
     * @param id the id the probe was sent with
     * @param address the probed address
     * @param replied whether an echo reply came from {@code address}
     * @param rttMicros the round-trip time of that reply in microseconds, or -1
     */
    void result(int id, int address, boolean replied, int rttMicros);
  }

  /**
   * Queues one ICMP echo probe to {@code address}, tagged with {@code id}. Does not block.
   *
   * @throws ProbeEngineException when the engine has failed (for example the process exited)
   */
  void send(int id, int address);

  /**
   * Delivers the results available now to {@code sink}, first waiting for at least one until the
   * clock reaches {@code deadlineNanos} (epoch nanoseconds of the clock the engine was made with).
   * Returns at the deadline if nothing came; returns at once if the deadline has passed.
   *
   * @throws ProbeEngineException when the engine has failed: results of probes still outstanding
   *     will never come
   */
  void poll(long deadlineNanos, ResultSink sink);

  /** Replaces a failed or hung engine with a fresh one; outstanding probes are forgotten. */
  void restart();

  /** Stops the engine. */
  @Override
  void close();
}
