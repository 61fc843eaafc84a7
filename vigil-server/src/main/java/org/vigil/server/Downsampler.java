// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import org.vigil.core.TimeSeries;

/**
 * {@code maxPoints} for {@code /v2/signals/raw}: wider bins whose value is the mean of the native
 * values present in them ({@code null} when none is). The wider step is a whole multiple of the
 * native step and bins are aligned to it (a bin starts at a multiple of the step), so the same bins
 * come back whatever window a chart asks for.
 */
final class Downsampler {
  private Downsampler() {}

  /**
   * How many native bins go into one output bin so that {@code [from, until)} takes at most {@code
   * maxPoints} aligned bins; 1 when the native series is short enough.
   */
  static int factor(long from, long until, int nativeStep, int maxPoints) {
    long native0 = Math.floorDiv(from, nativeStep) * nativeStep;
    long nativeBins = ceilDiv(until - native0, nativeStep);
    if (nativeBins <= maxPoints) {
      return 1;
    }
    // The first guess may straddle one aligned boundary too many; a few larger factors fix that
    // (for maxPoints >= 2 at most doubling it). The step stays an int, as TimeSeries needs.
    int largest = Integer.MAX_VALUE / nativeStep;
    for (long f = ceilDiv(nativeBins, maxPoints); f < largest; f++) {
      long step = nativeStep * f;
      long start = Math.floorDiv(from, step) * step;
      if (ceilDiv(until - start, step) <= maxPoints) {
        return (int) f;
      }
    }
    return largest;
  }

  /** Where the aligned bins of {@code factor} native steps start for a window from {@code from}. */
  static long alignedStart(long from, int nativeStep, int factor) {
    long step = (long) nativeStep * factor;
    return Math.floorDiv(from, step) * step;
  }

  /**
   * Means of every {@code factor} consecutive bins; {@code series} must start at a multiple of the
   * wider step (see {@link #alignedStart}).
   */
  static TimeSeries mean(TimeSeries series, int factor) {
    if (factor == 1) {
      return series;
    }
    int n = (int) ceilDiv(series.length(), factor);
    double[] out = new double[n];
    for (int j = 0; j < n; j++) {
      double sum = 0;
      int count = 0;
      int end = Math.min(series.length(), (j + 1) * factor);
      for (int i = j * factor; i < end; i++) {
        double v = series.value(i);
        if (!Double.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      out[j] = count == 0 ? Double.NaN : sum / count;
    }
    return TimeSeries.of(series.start(), series.step() * factor, out);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
