// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.SplittableRandom;
import org.vigil.core.TimeSeries;

/** Seeded random series and configurations for the property tests. */
final class RandomSeries {
  static final long DAY = Synthetic.DAY;
  static final int[] STEPS = {60, 300, 600, 3600, 86_400};

  private RandomSeries() {}

  /** Up to 20 days of daily rhythm and noise with random outages and NaN runs. */
  static TimeSeries withOutages(SplittableRandom r, int step) {
    int bins = r.nextInt((int) (20 * DAY / step) + 1);
    double amplitude = r.nextDouble(0, 0.5);
    double sd = r.nextDouble(0, 0.05);
    long start = Synthetic.T0 + r.nextInt(-1000, 1000) * DAY;
    double[] v = new double[bins];
    for (int i = 0; i < bins; i++) {
      double phase = 2 * Math.PI * Math.floorMod(start + (long) i * step, DAY) / DAY;
      v[i] = 1000 * (1 + amplitude * Math.sin(phase)) * (1 + sd * r.nextGaussian());
    }
    overlay(r, v, step);
    return TimeSeries.of(start, step, v);
  }

  /** Outages (any depth, one bin to two days) and gaps laid over {@code v}. */
  static void overlay(SplittableRandom r, double[] v, int step) {
    if (v.length == 0) {
      return;
    }
    int maxRun = (int) Math.max(1, 2 * DAY / step);
    for (int k = r.nextInt(5); k > 0; k--) {
      int from = r.nextInt(v.length);
      int to = Math.min(v.length, from + 1 + r.nextInt(maxRun));
      double f = r.nextInt(4) == 0 ? 0 : r.nextDouble(0, 1.1);
      for (int i = from; i < to; i++) {
        v[i] *= f;
      }
    }
    for (int k = r.nextInt(4); k > 0; k--) {
      int from = r.nextInt(v.length);
      int to = Math.min(v.length, from + 1 + r.nextInt(maxRun / 4 + 1));
      for (int i = from; i < to; i++) {
        v[i] = Double.NaN;
      }
    }
  }

  /** Anything: constants, zeros, negatives, spikes, infinities, NaN runs, very short series. */
  static TimeSeries pathological(SplittableRandom r, int step, long start) {
    int n =
        switch (r.nextInt(4)) {
          case 0 -> r.nextInt(6);
          case 1 -> r.nextInt(60);
          case 2 -> r.nextInt(600);
          default -> r.nextInt(4000);
        };
    double[] v = new double[n];
    switch (r.nextInt(8)) {
      case 0 -> {
        double c = pickDouble(r, 0, 1, -5, 1e300, 1e-300, r.nextDouble(0, 1e4));
        java.util.Arrays.fill(v, c);
      }
      case 1 -> {} // zeros
      case 2 -> {
        for (int i = 0; i < n; i++) {
          v[i] = 100 * (1 + 0.4 * Math.sin(i * 2 * Math.PI * step / DAY)) + r.nextGaussian();
        }
      }
      case 3 -> {
        double x = 0;
        for (int i = 0; i < n; i++) {
          x += r.nextGaussian();
          v[i] = x;
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          v[i] =
              pickDouble(
                  r,
                  Double.NaN,
                  Double.POSITIVE_INFINITY,
                  Double.NEGATIVE_INFINITY,
                  0.0,
                  -0.0,
                  Double.MAX_VALUE,
                  -Double.MAX_VALUE,
                  Double.MIN_VALUE,
                  r.nextGaussian() * 1e6);
        }
      }
      case 5 -> java.util.Arrays.fill(v, Double.NaN);
      case 6 -> {
        for (int i = 0; i < n; i++) {
          v[i] = r.nextInt(20) == 0 ? pickDouble(r, 0, 1e5, 1e9) : 100;
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          v[i] = -100 + r.nextGaussian();
        }
      }
    }
    if (r.nextBoolean()) {
      overlay(r, v, step);
    }
    return TimeSeries.of(start, step, v);
  }

  static TimeSeries pathological(SplittableRandom r) {
    int step = STEPS[r.nextInt(STEPS.length)];
    return pathological(
        r, step, Math.floorDiv(Synthetic.T0 + r.nextLong(-DAY * 1000, DAY * 1000), step) * step);
  }

  /**
   * The defaults of {@code family}, sometimes with a minimum duration, sometimes with an
   * in-painting limit short enough for the outages of {@link #withOutages} (up to two days) to
   * reach it.
   */
  static DetectorConfig config(SplittableRandom r, String signal) {
    DetectorConfig c = DetectorConfig.forSignal(signal);
    if (r.nextInt(3) == 0) {
      c = c.withMinDurationSeconds(pickLong(r, 600, 1800, 3 * 3600));
    }
    if (r.nextInt(3) == 0) {
      c = c.withMaxInpaintSeconds(pickLong(r, 0, 3600, 6 * 3600, DAY, 2 * DAY));
    }
    return c;
  }

  /** Any valid configuration, including odd windows, periods and margins. */
  static DetectorConfig anyConfig(SplittableRandom r) {
    DetectorConfig c =
        DetectorConfig.forSignal(
            pickString(r, "bgp.x", "probe.x", "telescope.x", "traffic.x", "ooni.x"));
    if (r.nextBoolean()) {
      c = c.withWindowSeconds(pickLong(r, 1, 3600, 6 * 3600, DAY, 2 * DAY, 7 * DAY, 1234));
    }
    if (r.nextBoolean()) {
      c = c.withPeriodSeconds(pickLong(r, 0, 3600, DAY, 7 * DAY, 17 * 60, 1));
    }
    if (r.nextBoolean()) {
      c = c.withWarmupSeconds(pickLong(r, 0, 3600, DAY, 3 * DAY));
    }
    if (r.nextBoolean()) {
      c = c.withMinDurationSeconds(pickLong(r, 0, 60, 1800, DAY));
    }
    if (r.nextBoolean()) {
      c = c.withRecoveryMargin(pickDouble(r, 0, 0.05, 0.3, 2));
    }
    if (r.nextBoolean()) {
      c = c.withMaxInpaintSeconds(pickLong(r, 0, 1, 600, 3600, 6 * 3600, DAY, 7 * DAY, 1234));
    }
    if (r.nextBoolean()) {
      double crit = r.nextDouble(0, 1.2);
      c =
          c.withCriticalRatio(0)
              .withWarningRatio(crit + r.nextDouble(0, 0.5))
              .withCriticalRatio(crit);
    }
    return c;
  }

  /** Any valid similar-days configuration, including odd days, windows and numbers of days. */
  static DetectorConfig anySimilarDaysConfig(SplittableRandom r) {
    DetectorConfig c =
        DetectorConfig.forSignal(
            pickString(r, "bgp.x", "probe.x", "telescope.x", "traffic.x"), Baseline.SIMILAR_DAYS);
    long period = c.periodSeconds();
    if (r.nextBoolean()) {
      period = pickLong(r, DAY, 3600, 6 * 3600, 17 * 60, 1, 7 * DAY);
      c = c.withWindowSeconds(Math.max(c.windowSeconds(), 2 * period)).withPeriodSeconds(period);
    }
    if (r.nextBoolean()) {
      c = c.withWindowSeconds(period * pickLong(r, 2, 3, 7, 14, 28) + pickLong(r, 0, 0, 1, 1234));
    }
    if (r.nextBoolean()) {
      c = c.withSimilarDays((int) pickLong(r, 1, 2, 3, 6, 7, 40));
    }
    if (r.nextBoolean()) {
      c = c.withWarmupSeconds(pickLong(r, 0, 3600, DAY, 3 * DAY));
    }
    if (r.nextBoolean()) {
      c = c.withMinDurationSeconds(pickLong(r, 0, 60, 1800, DAY));
    }
    if (r.nextBoolean()) {
      c = c.withRecoveryMargin(pickDouble(r, 0, 0.05, 0.3, 2));
    }
    if (r.nextBoolean()) {
      c = c.withMaxInpaintSeconds(pickLong(r, 0, 1, 600, 3600, 6 * 3600, DAY, 7 * DAY, 1234));
    }
    if (r.nextBoolean()) {
      double crit = r.nextDouble(0, 1.2);
      c =
          c.withCriticalRatio(0)
              .withWarningRatio(crit + r.nextDouble(0, 0.5))
              .withCriticalRatio(crit);
    }
    return c;
  }

  static String pickString(SplittableRandom r, String... options) {
    return options[r.nextInt(options.length)];
  }

  static double pickDouble(SplittableRandom r, double... options) {
    return options[r.nextInt(options.length)];
  }

  static long pickLong(SplittableRandom r, long... options) {
    return options[r.nextInt(options.length)];
  }
}
