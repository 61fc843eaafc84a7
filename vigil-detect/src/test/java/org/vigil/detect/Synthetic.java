// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.vigil.core.TimeSeries;

/**
 * Labelled synthetic series: a daily rhythm, optionally a weekly one (weekend dips), seeded
 * multiplicative Gaussian noise, and outages written as a factor on the noise-free signal, so the
 * true ratio of every bin is known.
 */
final class Synthetic {
  static final long DAY = 86_400;
  static final long HOUR = 3_600;

  /** 2022-01-01T00:00:00Z. */
  static final long T0 = 1_640_995_200L;

  static final double BASE = 1000;

  final long start;
  final int step;
  final double amplitude;
  final double[] factor;
  final double[] noise;

  /** Saturday and Sunday (UTC) lose this fraction; 0 for no weekly rhythm. */
  double weekendDip;

  /**
   * True: the weekend dip is a step over the whole day, from midnight UTC. False: it scales the
   * daytime hump only ({@code max(0, sin)} of the daily phase), so weekend nights are like weekday
   * nights, as people who do not commute still sleep.
   */
  boolean abruptWeekend;

  private Synthetic(long start, int step, int bins, double amplitude, double sd, long seed) {
    this.start = start;
    this.step = step;
    this.amplitude = amplitude;
    this.factor = new double[bins];
    Arrays.fill(factor, 1.0);
    this.noise = new double[bins];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < bins; i++) {
      noise[i] = sd * r.nextGaussian();
    }
  }

  /**
   * {@code days} days from {@link #T0} of {@code BASE·(1 + amplitude·sin)} with noise {@code sd}.
   */
  static Synthetic daily(double days, int step, double amplitude, double sd, long seed) {
    return new Synthetic(T0, step, (int) Math.round(days * DAY / step), amplitude, sd, seed);
  }

  /** Adds a weekly rhythm: weekends lose {@code dip} of the signal (see {@link #weekendDip}). */
  Synthetic weekly(double dip, boolean abrupt) {
    this.weekendDip = dip;
    this.abruptWeekend = abrupt;
    return this;
  }

  /** 0 for Monday ... 5 for Saturday, 6 for Sunday (1970-01-01 was a Thursday). */
  static int dayOfWeek(long t) {
    return (int) Math.floorMod(Math.floorDiv(t, DAY) + 3, 7L);
  }

  int index(long t) {
    return (int) ((t - start) / step);
  }

  long time(int i) {
    return start + (long) i * step;
  }

  /** Multiplies the signal by {@code f} over {@code [from, to)}. */
  Synthetic scale(long from, long to, double f) {
    for (int i = index(from); i < index(to); i++) {
      factor[i] = f;
    }
    return this;
  }

  /**
   * A linear ramp of the factor from {@code f0} at {@code from} towards {@code f1} at {@code to}.
   */
  Synthetic ramp(long from, long to, double f0, double f1) {
    int a = index(from);
    int b = index(to);
    for (int i = a; i < b; i++) {
      factor[i] = f0 + (f1 - f0) * (i - a) / (b - a);
    }
    return this;
  }

  double nominal(int i) {
    double phase = 2 * Math.PI * Math.floorMod(time(i), DAY) / DAY;
    double v = BASE * (1 + amplitude * Math.sin(phase));
    if (weekendDip > 0 && dayOfWeek(time(i)) >= 5) {
      v *= 1 - weekendDip * (abruptWeekend ? 1 : Math.max(0, Math.sin(phase)));
    }
    return v;
  }

  TimeSeries series() {
    double[] v = new double[factor.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = nominal(i) * factor[i] * (1 + noise[i]);
    }
    return TimeSeries.of(start, step, v);
  }

  /** Time of the first bin at or after {@code from} whose true ratio is at least {@code r}. */
  long firstAtLeast(long from, double r) {
    for (int i = index(from); i < factor.length; i++) {
      if (factor[i] >= r) {
        return time(i);
      }
    }
    throw new IllegalStateException("never recovers");
  }
}
