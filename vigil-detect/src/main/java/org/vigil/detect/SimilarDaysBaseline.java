// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.Arrays;

/**
 * The arithmetic of Cloudflare's "most similar days" baseline over a {@link DetectorState}'s
 * history rings (REFERENCE.md §4.1): for bin t, the current day so far is compared with each of the
 * last {@code days} days over the same times of day, and the median of the {@code similar} closest
 * days' values at t's time of day is the expected value.
 *
 * <p>Days are {@code dayBins} bins long and start at multiples of {@code dayBins} bins since the
 * epoch (midnight UTC for one-day periods). The current day is taken as cleaned (in-painted), so an
 * outage under way does not steer the choice towards days that had one. Each earlier day competes
 * twice where in-painting changed it: as cleaned (what it should have been) and as measured (what
 * it was). Without the measured version, a recurring pattern that first shows as a drop of more
 * than the in-painting bound, a weekend, would be in-painted as a weekday every week and never
 * learnt; without the cleaned one, the days of a long outage would become the days most similar to
 * its continuation. Where the two versions agree, over the bins compared and at t, the day is one
 * candidate; and while the current day has no value yet, only the cleaned versions compete, since
 * nothing then says that today resembles what a day was rather than what it should have been.
 *
 * <p>The distance is the mean squared difference over the bins both days have (Euclidean distance
 * with gaps skipped, scaled by the number of pairs so that a day with gaps is neither favoured nor
 * penalised). A day with no bin in common with a current day that has values ranks after all
 * comparable days; at the first bin of a day, or while the day has no value yet, all days tie. Ties
 * go to the more recent day, then to the cleaned version. A day needs a value at t's time of day,
 * and two such days are needed: with less history there is no baseline.
 *
 * <p>The per-candidate sums of squares for the current day are kept incrementally (one pass over
 * the days per stored bin) and rebuilt from the history, adding the same terms in the same order,
 * after a state is copied or read: the two give bit-identical baselines.
 */
final class SimilarDaysBaseline {
  /** Fewer candidate days than this is no baseline: "use what exists once ≥ 2 days". */
  static final int MIN_DAYS = 2;

  final int dayBins;
  final int days;
  final int similar;
  private final int ring;

  // Index d (1..days) is the day d days before the current one.
  private final double[] cleanSum;
  private final double[] measuredSum;
  private final long[] count;

  /** Whether the day's measured and cleaned versions differ on a bin compared so far. */
  private final boolean[] differs;

  /** Bin number of the first bin of the day the sums describe; MIN_VALUE when invalid. */
  private long sumsDayStart = Long.MIN_VALUE;

  /** The next bin number the sums expect; they cover [sumsDayStart, sumsNext). */
  private long sumsNext = Long.MIN_VALUE;

  /** Bins of the current day before sumsNext that have a value. */
  private long shape;

  // Scratch for one bin's candidates: at most two per day.
  private final double[] candidateDistance;
  private final double[] candidateValue;

  SimilarDaysBaseline(DetectorConfig config, int step, int ring) {
    this.ring = ring;
    this.dayBins = (int) Math.min(dayBins(config, step), ring);
    this.days = ring / dayBins - 1;
    this.similar = config.similarDays();
    this.cleanSum = new double[days + 1];
    this.measuredSum = new double[days + 1];
    this.count = new long[days + 1];
    this.differs = new boolean[days + 1];
    this.candidateDistance = new double[2 * days];
    this.candidateValue = new double[2 * days];
  }

  /** The length of a day in bins: the period rounded to whole bins, at least one. */
  static long dayBins(DetectorConfig config, int step) {
    return Math.max(1, Math.round((double) config.periodSeconds() / step));
  }

  private int slot(long bin) {
    return (int) Math.floorMod(bin, (long) ring);
  }

  void invalidate() {
    sumsDayStart = Long.MIN_VALUE;
    sumsNext = Long.MIN_VALUE;
  }

  /** The expected value of bin number {@code bin}, before it is stored; NaN when there is none. */
  double baseline(double[] clean, double[] measured, long bin) {
    long dayStart = bin - Math.floorMod(bin, (long) dayBins);
    if (sumsDayStart != dayStart || sumsNext != bin) {
      rebuild(clean, measured, dayStart, bin);
    }
    int n = 0;
    int eligibleDays = 0;
    for (int d = 1; d <= days; d++) {
      int at = slot(bin - (long) d * dayBins);
      double c = clean[at];
      if (c != c) { // NaN: the day has no value at this time of day
        continue;
      }
      eligibleDays++;
      n = insert(n, distance(cleanSum[d], d), c);
      double m = measured[at];
      if (shape > 0 && (differs[d] || m != c)) {
        n = insert(n, distance(measuredSum[d], d), m);
      }
    }
    if (eligibleDays < MIN_DAYS) {
      return Double.NaN;
    }
    return Medians.ofSmall(candidateValue, Math.min(similar, n));
  }

  private double distance(double sum, int d) {
    if (count[d] > 0) {
      return sum / count[d];
    }
    return shape > 0 ? Double.POSITIVE_INFINITY : 0;
  }

  /**
   * Inserts a candidate in order of distance after the {@code n} already there. Candidates arrive
   * most recent day first, cleaned before measured, and go after equal distances, so ties keep that
   * order. Returns the new count.
   */
  private int insert(int n, double distance, double value) {
    int i = n;
    while (i > 0 && candidateDistance[i - 1] > distance) {
      candidateDistance[i] = candidateDistance[i - 1];
      candidateValue[i] = candidateValue[i - 1];
      i--;
    }
    candidateDistance[i] = distance;
    candidateValue[i] = value;
    return n + 1;
  }

  /** Accounts for bin number {@code bin}, just written to the history. */
  void stored(double[] clean, double[] measured, long bin) {
    if (sumsNext == bin && bin - sumsDayStart < dayBins) {
      add(clean, measured, bin);
    } else if (Math.floorMod(bin, (long) dayBins) == 0) {
      reset(bin);
      add(clean, measured, bin);
    } else {
      invalidate(); // rebuilt when next needed
    }
  }

  private void reset(long dayStart) {
    Arrays.fill(cleanSum, 0);
    Arrays.fill(measuredSum, 0);
    Arrays.fill(count, 0);
    Arrays.fill(differs, false);
    shape = 0;
    sumsDayStart = dayStart;
    sumsNext = dayStart;
  }

  private void rebuild(double[] clean, double[] measured, long dayStart, long bin) {
    reset(dayStart);
    for (long b = dayStart; b < bin; b++) {
      add(clean, measured, b);
    }
  }

  private void add(double[] clean, double[] measured, long bin) {
    sumsNext = bin + 1;
    double a = clean[slot(bin)];
    if (a != a) {
      return;
    }
    shape++;
    for (int d = 1; d <= days; d++) {
      int at = slot(bin - (long) d * dayBins);
      double c = clean[at];
      if (c == c) {
        double m = measured[at];
        double diff = a - c;
        cleanSum[d] += diff * diff;
        diff = a - m;
        measuredSum[d] += diff * diff;
        count[d]++;
        if (m != c) {
          differs[d] = true;
        }
      }
    }
  }
}
