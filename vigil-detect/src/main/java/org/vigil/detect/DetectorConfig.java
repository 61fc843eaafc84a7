// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.Objects;

/**
 * Settings of a detector ({@link MovingMedianDetector} or {@link SimilarDaysDetector}, chosen by
 * {@link #baseline()}) and its {@link AlertMachine}.
 *
 * <p>Defaults per source family come from IODA's published detection criteria (REFERENCE.md §1.3);
 * the seasonal baseline (a period of one day) is Vigil's, so that a strong daily rhythm does not
 * fire at night. {@link #forSignal(String, Baseline)} gives the same thresholds over Cloudflare's
 * "most similar days" baseline (REFERENCE.md §4.1): 28 days of history, 6 similar days.
 *
 * <pre>{@code
 * DetectorConfig c = DetectorConfig.forSignal("probe.up_slash24").withWarningRatio(0.7);
 * DetectorConfig traffic = DetectorConfig.forSignal("traffic.requests", Baseline.SIMILAR_DAYS);
 * }</pre>
 *
 * @param windowSeconds length of the history the baseline is taken from; for {@link
 *     Baseline#SIMILAR_DAYS}, the days searched for similar ones (28 days by default)
 * @param warningRatio a ratio (value / expected) below this is a warning
 * @param criticalRatio a ratio below this is critical
 * @param inpaintLow a ratio below this stores the expected value in history instead of the actual
 * @param inpaintHigh a ratio above this stores the expected value in history instead of the actual
 * @param periodSeconds length of the signal's rhythm (one day), or 0 for none: the baseline is then
 *     the plain median of the whole window; for {@link Baseline#SIMILAR_DAYS}, the length of a
 *     "day" (required)
 * @param warmupSeconds history needed before the first assessment
 * @param minDurationSeconds an alert counts only once it lasted this long; 0 means one bin
 * @param recoveryMargin hysteresis: a warning ends at {@code warningRatio + margin} (at most 1), a
 *     critical state steps down at {@code criticalRatio + margin}
 * @param maxInpaintSeconds IODA's in-painting {@code maxduration}: once the ratio has been outside
 *     {@code [inpaintLow, inpaintHigh]} for this long without a break, in-painting stops and the
 *     actual values go into the history, so the baseline follows a lasting level shift and its
 *     event ends; 0 for no limit (in-paint for ever). Counted in bins with data, rounded up to
 *     whole bins: gaps neither extend nor break the run (see {@link MovingMedianDetector})
 * @param baseline how the expected value is computed
 * @param similarDays for {@link Baseline#SIMILAR_DAYS}, how many of the most similar days the
 *     median is taken over (Cloudflare's 6); kept but unused by {@link Baseline#MOVING_MEDIAN}
 */
public record DetectorConfig(
    long windowSeconds,
    double warningRatio,
    double criticalRatio,
    double inpaintLow,
    double inpaintHigh,
    long periodSeconds,
    long warmupSeconds,
    long minDurationSeconds,
    double recoveryMargin,
    long maxInpaintSeconds,
    Baseline baseline,
    int similarDays) {

  static final long HOUR = 3_600;
  static final long DAY = 86_400;
  static final long WEEK = 7 * DAY;

  // IODA's MovingStat in-painting bounds (watchtower-sentry sentry-sample.yaml).
  static final double INPAINT_LOW = 0.8;
  static final double INPAINT_HIGH = 2.0;
  static final double RECOVERY_MARGIN = 0.05;

  // Cloudflare Radar: the 6 most similar 24-hour periods of the last 28 days (REFERENCE.md §4.1).
  static final int SIMILAR_DAYS = 6;
  static final long SIMILAR_DAYS_WINDOW = 28 * DAY;

  /** More similar days than this is a mistake: the median would be taken over months. */
  static final int MAX_SIMILAR_DAYS = 366;

  public DetectorConfig {
    if (windowSeconds <= 0) {
      throw new IllegalArgumentException("windowSeconds must be positive, got " + windowSeconds);
    }
    if (periodSeconds < 0 || warmupSeconds < 0 || minDurationSeconds < 0) {
      throw new IllegalArgumentException(
          "periodSeconds, warmupSeconds and minDurationSeconds must not be negative");
    }
    if (!(criticalRatio >= 0 && criticalRatio <= warningRatio && Double.isFinite(warningRatio))) {
      throw new IllegalArgumentException(
          "need 0 <= criticalRatio <= warningRatio, got critical "
              + criticalRatio
              + " and warning "
              + warningRatio);
    }
    if (!(inpaintLow <= inpaintHigh) || Double.isNaN(inpaintLow)) {
      throw new IllegalArgumentException(
          "need inpaintLow <= inpaintHigh, got " + inpaintLow + " and " + inpaintHigh);
    }
    if (!(recoveryMargin >= 0 && Double.isFinite(recoveryMargin))) {
      throw new IllegalArgumentException("recoveryMargin must be >= 0, got " + recoveryMargin);
    }
    if (maxInpaintSeconds < 0) {
      throw new IllegalArgumentException(
          "maxInpaintSeconds must not be negative (0 means no limit), got " + maxInpaintSeconds);
    }
    Objects.requireNonNull(baseline, "baseline");
    if (similarDays < 1 || similarDays > MAX_SIMILAR_DAYS) {
      throw new IllegalArgumentException(
          "similarDays must be between 1 and " + MAX_SIMILAR_DAYS + ", got " + similarDays);
    }
    if (baseline == Baseline.SIMILAR_DAYS
        && (periodSeconds == 0 || windowSeconds / periodSeconds < 2)) {
      throw new IllegalArgumentException(
          "the similar-days baseline needs a day length (periodSeconds > 0) and a window of at"
              + " least two days to compare; got period "
              + periodSeconds
              + " s and window "
              + windowSeconds
              + " s");
    }
  }

  /**
   * A moving-median configuration ({@link Baseline#MOVING_MEDIAN}), as before the baseline could be
   * chosen.
   */
  public DetectorConfig(
      long windowSeconds,
      double warningRatio,
      double criticalRatio,
      double inpaintLow,
      double inpaintHigh,
      long periodSeconds,
      long warmupSeconds,
      long minDurationSeconds,
      double recoveryMargin,
      long maxInpaintSeconds) {
    this(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        Baseline.MOVING_MEDIAN,
        SIMILAR_DAYS);
  }

  /**
   * A moving-median configuration whose in-painting limit is the default, one window ({@code
   * maxInpaintSeconds = windowSeconds}).
   */
  public DetectorConfig(
      long windowSeconds,
      double warningRatio,
      double criticalRatio,
      double inpaintLow,
      double inpaintHigh,
      long periodSeconds,
      long warmupSeconds,
      long minDurationSeconds,
      double recoveryMargin) {
    this(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        windowSeconds);
  }

  /**
   * Defaults for a signal, chosen by the first dotted word of its name: {@code bgp} (24 h window,
   * 0.99 / 0.5, no rhythm, 1 h warm-up), {@code probe} (7 days, 0.8 / 0.5), {@code telescope} (7
   * days, 0.25 / 0.10); anything else gets 7 days, 0.8 / 0.5. All but {@code bgp} use a daily
   * rhythm and warm up for one day. Every family in-paints for at most one window, as IODA's
   * MovingStat does ({@code inpainting maxduration: 604800} with a 7-day history).
   */
  public static DetectorConfig forSignal(String signalName) {
    Objects.requireNonNull(signalName, "signalName");
    int dot = signalName.indexOf('.');
    String family = dot < 0 ? signalName : signalName.substring(0, dot);
    switch (family) {
      case "bgp":
        // IODA: 24 h window, warning 99 %, critical 50 %; MovingStat warmup 3600 s.
        return new DetectorConfig(
            DAY, 0.99, 0.5, INPAINT_LOW, INPAINT_HIGH, 0, HOUR, 0, RECOVERY_MARGIN, DAY);
      case "telescope":
        return seasonal(0.25, 0.10);
      case "probe":
      default:
        // IODA's active probing: 7 days, 80 % / 50 %; user series get the same.
        return seasonal(0.8, 0.5);
    }
  }

  private static DetectorConfig seasonal(double warning, double critical) {
    return new DetectorConfig(
        WEEK, warning, critical, INPAINT_LOW, INPAINT_HIGH, DAY, DAY, 0, RECOVERY_MARGIN, WEEK);
  }

  /**
   * Defaults for a signal over the given baseline. {@link Baseline#MOVING_MEDIAN} is {@link
   * #forSignal(String)}. {@link Baseline#SIMILAR_DAYS} keeps that family's thresholds, warm-up and
   * in-painting limit, and searches the last 28 days for the 6 most similar to today (Cloudflare
   * Radar, REFERENCE.md §4.1), days being 24 h from midnight UTC.
   */
  public static DetectorConfig forSignal(String signalName, Baseline baseline) {
    DetectorConfig c = forSignal(signalName);
    Objects.requireNonNull(baseline, "baseline");
    if (baseline == Baseline.MOVING_MEDIAN) {
      return c;
    }
    return new DetectorConfig(
        SIMILAR_DAYS_WINDOW,
        c.warningRatio,
        c.criticalRatio,
        c.inpaintLow,
        c.inpaintHigh,
        DAY,
        c.warmupSeconds,
        c.minDurationSeconds,
        c.recoveryMargin,
        c.maxInpaintSeconds,
        Baseline.SIMILAR_DAYS,
        SIMILAR_DAYS);
  }

  /**
   * The ratio at or above which a warning returns to normal: {@code warningRatio + margin}, capped
   * at 1 (but never below {@code warningRatio}).
   */
  public double warningExitRatio() {
    return Math.max(warningRatio, Math.min(decimalSum(warningRatio, recoveryMargin), 1.0));
  }

  /**
   * The ratio at or above which a critical state steps down: {@code criticalRatio + margin}, but
   * not above {@link #warningExitRatio()}.
   */
  public double criticalExitRatio() {
    return Math.min(decimalSum(criticalRatio, recoveryMargin), warningExitRatio());
  }

  /**
   * {@code a + b} rounded to 9 decimals. Thresholds are written in decimal, and 0.8 + 0.05 in
   * binary is 0.8500000000000001: without the rounding a ratio of exactly 0.85 would not end a
   * warning whose documented exit is 0.85.
   */
  private static double decimalSum(double a, double b) {
    return Math.rint((a + b) * 1e9) / 1e9;
  }

  public DetectorConfig withWindowSeconds(long v) {
    return new DetectorConfig(
        v,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withWarningRatio(double v) {
    return new DetectorConfig(
        windowSeconds,
        v,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withCriticalRatio(double v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        v,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withInpaintLow(double v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        v,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withInpaintHigh(double v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        v,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withPeriodSeconds(long v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        v,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withWarmupSeconds(long v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        v,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withMinDurationSeconds(long v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        v,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withRecoveryMargin(double v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        v,
        maxInpaintSeconds,
        baseline,
        similarDays);
  }

  public DetectorConfig withMaxInpaintSeconds(long v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        v,
        baseline,
        similarDays);
  }

  /**
   * The same settings over another baseline. Switching to {@link Baseline#SIMILAR_DAYS} needs a day
   * length and a window of two days or more; {@link #forSignal(String, Baseline)} gives the usual
   * 28 days.
   */
  public DetectorConfig withBaseline(Baseline v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        v,
        similarDays);
  }

  public DetectorConfig withSimilarDays(int v) {
    return new DetectorConfig(
        windowSeconds,
        warningRatio,
        criticalRatio,
        inpaintLow,
        inpaintHigh,
        periodSeconds,
        warmupSeconds,
        minDurationSeconds,
        recoveryMargin,
        maxInpaintSeconds,
        baseline,
        v);
  }
}
