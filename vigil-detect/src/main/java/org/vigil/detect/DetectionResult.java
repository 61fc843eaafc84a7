// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.List;

/**
 * What one detector run ({@link BaselineDetector#run}) produced: a per-bin assessment aligned with
 * the input bins, the alert transitions and the events of this run, and the state to resume from.
 *
 * <p>Bins the state had already seen ({@link #skipped()} leading bins) and bins that were not
 * assessed (gaps, warm-up, a baseline of zero) have ratio NaN and level {@link Level#NORMAL};
 * {@code expected} is given wherever a baseline exists, gaps included, so charts can draw it.
 */
public final class DetectionResult {
  private final long start;
  private final int step;
  private final int skipped;
  private final double[] expected;
  private final double[] ratio;
  private final Level[] level;
  private final List<Alert> alerts;
  private final List<SeriesEvent> events;
  private final DetectorState state;

  DetectionResult(
      long start,
      int step,
      int skipped,
      double[] expected,
      double[] ratio,
      Level[] level,
      List<Alert> alerts,
      List<SeriesEvent> events,
      DetectorState state) {
    this.start = start;
    this.step = step;
    this.skipped = skipped;
    this.expected = expected;
    this.ratio = ratio;
    this.level = level;
    this.alerts = List.copyOf(alerts);
    this.events = List.copyOf(events);
    this.state = state;
  }

  /** Epoch second of the first input bin. */
  public long start() {
    return start;
  }

  public int step() {
    return step;
  }

  /** Number of bins, as in the input. */
  public int length() {
    return expected.length;
  }

  /** Leading input bins that the state had already seen, and so were not processed again. */
  public int skipped() {
    return skipped;
  }

  public long timeAt(int i) {
    return start + (long) i * step;
  }

  /** The baseline of bin {@code i}, NaN where there is none. */
  public double expected(int i) {
    return expected[i];
  }

  /** {@code value / expected} of bin {@code i}, NaN where the bin was not assessed. */
  public double ratio(int i) {
    return ratio[i];
  }

  /** The level of bin {@code i} after hysteresis (before the minimum duration is applied). */
  public Level level(int i) {
    return level[i];
  }

  /** A copy of the per-bin baselines. */
  public double[] expected() {
    return expected.clone();
  }

  /** A copy of the per-bin ratios. */
  public double[] ratio() {
    return ratio.clone();
  }

  /** A copy of the per-bin levels. */
  public Level[] level() {
    return level.clone();
  }

  /**
   * The alert transitions emitted by this run, in time order. A run that confirms an alert held
   * back by the minimum duration emits it with its own time, which may lie in an earlier run.
   */
  public List<Alert> alerts() {
    return alerts;
  }

  /**
   * The events that closed during this run, in time order, followed by the one still open at the
   * end of the input (with a {@code null} end), if any. An event that was open at the end of the
   * previous run keeps its start, so callers can upsert by {@code (series, start)}.
   */
  public List<SeriesEvent> events() {
    return events;
  }

  /** The state to pass to the next run. */
  public DetectorState state() {
    return state;
  }
}
