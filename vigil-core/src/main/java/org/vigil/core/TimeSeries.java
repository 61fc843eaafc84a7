// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * A fixed-step series of doubles: value {@code i} is the value of the bin starting at {@code start
 * + i * step}. Gaps are {@code NaN}. Values live in a primitive array, never boxed.
 *
 * <p>Instances are immutable: factories copy their input and {@link #values()} returns a copy; hot
 * loops use {@link #value(int)}.
 */
public final class TimeSeries {
  private final long start;
  private final int step;
  private final double[] values;

  private TimeSeries(long start, int step, double[] values) {
    if (step <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    if (Math.floorMod(start, step) != 0) {
      throw new IllegalArgumentException(
          "start " + start + " is not aligned to the step of " + step + " s");
    }
    this.start = start;
    this.step = step;
    this.values = values;
  }

  /**
   * A series of {@code values} from {@code start} (epoch seconds, a multiple of {@code step}).
   *
   * <pre>{@code
   * TimeSeries s = TimeSeries.of(1_641_340_800L, 300, new double[] {10, 11, Double.NaN, 9});
   * }</pre>
   */
  public static TimeSeries of(long start, int step, double[] values) {
    return new TimeSeries(start, step, values.clone());
  }

  /** An all-gap series of {@code length} bins. */
  public static TimeSeries empty(long start, int step, int length) {
    double[] v = new double[length];
    Arrays.fill(v, Double.NaN);
    return new TimeSeries(start, step, v);
  }

  /** Epoch second at which the first bin starts. */
  public long start() {
    return start;
  }

  /** Epoch second just after the last bin: {@code start + length * step}. */
  public long end() {
    return start + (long) values.length * step;
  }

  /** Bin width in seconds. */
  public int step() {
    return step;
  }

  public Duration stepDuration() {
    return Duration.ofSeconds(step);
  }

  public int length() {
    return values.length;
  }

  public double value(int i) {
    return values[i];
  }

  /** Epoch second at which bin {@code i} starts. */
  public long timeAt(int i) {
    return start + (long) i * step;
  }

  public Instant instantAt(int i) {
    return Instant.ofEpochSecond(timeAt(i));
  }

  /** The bin holding epoch second {@code t}, or -1 outside the series. */
  public int indexOf(long t) {
    if (t < start || t >= end()) {
      return -1;
    }
    return (int) ((t - start) / step);
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** Number of bins that hold a value (not {@code NaN}). */
  public int presentCount() {
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  /** The same values with every time moved by {@code seconds} (a multiple of the step). */
  public TimeSeries shifted(long seconds) {
    return new TimeSeries(start + seconds, step, values);
  }

  /** Bins {@code [from, to)} of this series. */
  public TimeSeries slice(int from, int to) {
    return new TimeSeries(timeAt(from), step, Arrays.copyOfRange(values, from, to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSeries other
        && start == other.start
        && step == other.step
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + step * 17 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TimeSeries[" + instantAt(0) + ", step " + step + " s, " + values.length + " bins]";
  }
}
