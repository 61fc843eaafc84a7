// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.time.Duration;

/**
 * How the {@link Prober} paces its rounds. Start from {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * ProberConfig c = ProberConfig.defaults().withRate(2000).withRound(Duration.ofMinutes(10));
 * }</pre>
 *
 * @param round the round length, whole seconds (IODA: 10 minutes); rounds start at multiples of it
 *     since the epoch, so each round is one bin of the {@code probe.*} signals
 * @param packetsPerSecond the global probe rate limit: no second ever holds more probes, periodic,
 *     adaptive and recovery together
 * @param probeTimeoutSeconds how long scamper waits for a reply ({@code ping -W}), whole seconds
 *     (trinarkular: 3)
 * @param grace how long after the timeout a probe without any record counts as missing data, and
 *     the engine as hung if it wrote nothing at all since the probe went out
 * @param periodicSpread the fraction of the round over which the periodic probes are spread evenly;
 *     the rest is left for adaptive probes to finish inside the round, so a round's states are
 *     final when it ends
 * @param tick the shortest wait between wake-ups; probes that fall due within one tick go together,
 *     and a burst never exceeds one tick's worth of the rate
 * @param seed orders the blocks within a round (a fixed pseudo-random order)
 */
public record ProberConfig(
    Duration round,
    int packetsPerSecond,
    int probeTimeoutSeconds,
    Duration grace,
    double periodicSpread,
    Duration tick,
    long seed) {

  public ProberConfig {
    if (round.isNegative()
        || round.toSeconds() < 1
        || round.toNanos() % 1_000_000_000L != 0
        || round.toSeconds() > 86_400) {
      throw new IllegalArgumentException(
          "the round must be a whole number of seconds, 1 s to 1 day; got " + round);
    }
    if (packetsPerSecond < 1) {
      throw new IllegalArgumentException(
          "the probe rate must be at least 1 packet per second, got " + packetsPerSecond);
    }
    if (probeTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "the probe timeout must be at least 1 s (scamper's -W takes whole seconds), got "
              + probeTimeoutSeconds);
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, got " + grace);
    }
    if (!(periodicSpread > 0 && periodicSpread <= 1)) {
      throw new IllegalArgumentException("periodicSpread must be in (0, 1], got " + periodicSpread);
    }
    if (tick.isNegative()) {
      throw new IllegalArgumentException("tick must not be negative, got " + tick);
    }
  }

  /**
   * IODA's rounds: 10 minutes, a 3 s probe timeout, 2 s grace, periodic probes over the first 90 %
   * of the round, 1000 probes per second.
   */
  public static ProberConfig defaults() {
    return new ProberConfig(
        Duration.ofMinutes(10), 1000, 3, Duration.ofSeconds(2), 0.9, Duration.ofMillis(1), 1L);
  }

  public ProberConfig withRound(Duration d) {
    return new ProberConfig(
        d, packetsPerSecond, probeTimeoutSeconds, grace, periodicSpread, tick, seed);
  }

  public ProberConfig withRate(int pps) {
    return new ProberConfig(round, pps, probeTimeoutSeconds, grace, periodicSpread, tick, seed);
  }

  public ProberConfig withProbeTimeout(int seconds) {
    return new ProberConfig(round, packetsPerSecond, seconds, grace, periodicSpread, tick, seed);
  }

  public ProberConfig withGrace(Duration d) {
    return new ProberConfig(
        round, packetsPerSecond, probeTimeoutSeconds, d, periodicSpread, tick, seed);
  }

  public ProberConfig withPeriodicSpread(double fraction) {
    return new ProberConfig(
        round, packetsPerSecond, probeTimeoutSeconds, grace, fraction, tick, seed);
  }

  public ProberConfig withTick(Duration d) {
    return new ProberConfig(
        round, packetsPerSecond, probeTimeoutSeconds, grace, periodicSpread, d, seed);
  }

  public ProberConfig withSeed(long s) {
    return new ProberConfig(
        round, packetsPerSecond, probeTimeoutSeconds, grace, periodicSpread, tick, s);
  }

  /**
   * Checks that the fields fit together: the last periodic probe, sent at the end of the periodic
   * window, must have its timeout and grace before the round ends. {@link Prober#create} calls it.
   *
   * @throws IllegalArgumentException when they do not
   */
  public ProberConfig validate() {
    long reserve = expiryNanos();
    if (windowNanos() + reserve > round.toNanos()) {
      throw new IllegalArgumentException(
          "a round of "
              + round.toSeconds()
              + " s with periodic probes over "
              + periodicSpread
              + " of it leaves no time for the last periodic probe's reply ("
              + probeTimeoutSeconds
              + " s timeout + "
              + grace.toMillis()
              + " ms grace): lower periodicSpread or lengthen the round");
    }
    return this;
  }

  /** The round length in seconds: the step of the signals. */
  public int roundSeconds() {
    return (int) round.toSeconds();
  }

  long roundNanos() {
    return round.toNanos();
  }

  /** The periodic window: periodic probes fall due at even steps over this much of the round. */
  long windowNanos() {
    return (long) (round.toNanos() * periodicSpread);
  }

  /** A probe's deadline after it was sent: the timeout plus the grace. */
  long expiryNanos() {
    return probeTimeoutSeconds * 1_000_000_000L + grace.toNanos();
  }

  /** The gap between consecutive probes at the rate limit, rounded up. */
  long spacingNanos() {
    return (1_000_000_000L + packetsPerSecond - 1) / packetsPerSecond;
  }
}
