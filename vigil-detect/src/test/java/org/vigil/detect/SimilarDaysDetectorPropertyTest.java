// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.detect.MovingMedianDetectorPropertyTest.bits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.vigil.core.TimeSeries;

/** Properties of the similar-days baseline over seeded random series and configurations. */
class SimilarDaysDetectorPropertyTest {
  static final long DAY = Synthetic.DAY;

  static SplittableRandom random(RepetitionInfo info, int salt) {
    return new SplittableRandom(salt * 1_000_033L + info.getCurrentRepetition());
  }

  @RepeatedTest(300)
  void neverThrowsAndKeepsItsInvariantsOnAnySeries(RepetitionInfo info) {
    SplittableRandom r = random(info, 1);
    TimeSeries s = RandomSeries.pathological(r);
    DetectorConfig c = RandomSeries.anySimilarDaysConfig(r);

    DetectionResult result = SimilarDaysDetector.detect(s, c);

    assertThat(result.length()).isEqualTo(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (Double.isNaN(result.ratio(i))) {
        assertThat(result.level(i)).isEqualTo(Level.NORMAL);
      } else {
        assertThat(result.expected(i)).isPositive();
      }
    }
    for (SeriesEvent e : result.events()) {
      assertThat(e.peakLevel()).isNotEqualTo(Level.NORMAL);
      assertThat(e.lowestRatio()).isLessThan(c.warningRatio());
    }
    assertThat(MovingMedianDetectorPropertyTest.chunked(s, c, r).events).isEqualTo(result.events());
  }

  @RepeatedTest(150)
  void aConstantSeriesNeverAlerts(RepetitionInfo info) {
    SplittableRandom r = random(info, 2);
    int step = (int) RandomSeries.pickLong(r, 300, 600, 3600);
    double c = RandomSeries.pickDouble(r, 0, 1, 1e-300, 1e300, -7, r.nextDouble(0, 1e6));
    double[] v = new double[r.nextInt(30 * (int) (DAY / step))];
    Arrays.fill(v, c);
    for (int k = r.nextInt(10); k > 0 && v.length > 0; k--) {
      int from = r.nextInt(v.length);
      Arrays.fill(v, from, Math.min(v.length, from + r.nextInt(500)), Double.NaN);
    }
    DetectorConfig config = RandomSeries.anySimilarDaysConfig(r);
    double warning = Math.min(1.0, config.warningRatio());
    config =
        config
            .withCriticalRatio(Math.min(config.criticalRatio(), warning))
            .withWarningRatio(warning);

    DetectionResult result = SimilarDaysDetector.detect(TimeSeries.of(0, step, v), config);

    assertThat(result.alerts()).isEmpty();
    assertThat(result.level()).containsOnly(Level.NORMAL);
  }

  @RepeatedTest(100)
  void shiftingTimeByWholeDaysShiftsEventsByExactlyThatMuch(RepetitionInfo info) {
    SplittableRandom r = random(info, 3);
    int step = (int) RandomSeries.pickLong(r, 300, 600, 3600);
    TimeSeries s = RandomSeries.withOutages(r, step);
    DetectorConfig c = DetectorConfig.forSignal("traffic.x", Baseline.SIMILAR_DAYS);
    long shift = r.nextInt(-400, 401) * DAY;

    DetectionResult a = SimilarDaysDetector.detect(s, c);
    DetectionResult b = SimilarDaysDetector.detect(s.shifted(shift), c);

    assertThat(b.events())
        .extracting(SeriesEvent::start)
        .containsExactlyElementsOf(a.events().stream().map(e -> e.start() + shift).toList());
    assertThat(b.events())
        .extracting(SeriesEvent::score)
        .containsExactlyElementsOf(a.events().stream().map(SeriesEvent::score).toList());
    assertThat(bits(b.expected())).isEqualTo(bits(a.expected()));
  }

  @RepeatedTest(150)
  void chunkedRunsWithSerialisedStateGiveExactlyTheSameAlertsAndEvents(RepetitionInfo info) {
    SplittableRandom r = random(info, 4);
    TimeSeries s;
    DetectorConfig c;
    if (r.nextInt(3) == 0) {
      s = RandomSeries.pathological(r);
      c = RandomSeries.anySimilarDaysConfig(r);
    } else {
      s = RandomSeries.withOutages(r, (int) RandomSeries.pickLong(r, 300, 600, 3600));
      c = DetectorConfig.forSignal("probe.x", Baseline.SIMILAR_DAYS);
      if (r.nextBoolean()) {
        c = c.withMaxInpaintSeconds(RandomSeries.pickLong(r, 0, 3600, DAY));
      }
    }

    DetectionResult whole = SimilarDaysDetector.detect(s, c);
    MovingMedianDetectorPropertyTest.Chunked parts =
        MovingMedianDetectorPropertyTest.chunked(s, c, r);

    assertThat(parts.alerts).isEqualTo(whole.alerts());
    assertThat(parts.events).isEqualTo(whole.events());
    assertThat(parts.state.toBytes()).isEqualTo(whole.state().toBytes());
    for (int i = 0; i < s.length(); i++) {
      if (parts.produced[i]) {
        assertThat(bits(parts.expected[i])).isEqualTo(bits(whole.expected(i)));
        assertThat(parts.level[i]).isEqualTo(whole.level(i));
      }
    }
  }

  @RepeatedTest(80)
  void baselineAndRatioMatchANaiveReference(RepetitionInfo info) {
    SplittableRandom r = random(info, 5);
    TimeSeries s =
        r.nextBoolean()
            ? RandomSeries.withOutages(r, (int) RandomSeries.pickLong(r, 1800, 3600))
            : RandomSeries.pathological(r);
    DetectorConfig c = RandomSeries.anySimilarDaysConfig(r);

    DetectionResult result = SimilarDaysDetector.detect(s, c);
    double[][] ref = reference(s, c);

    assertThat(bits(result.expected())).isEqualTo(bits(ref[0]));
    assertThat(bits(result.ratio())).isEqualTo(bits(ref[1]));
  }

  /**
   * The baseline as specified, recomputed from scratch for every bin: candidate days d = 1..D with
   * a value at the same time of day, each as cleaned and, where in-painting changed it, as
   * measured; their mean squared difference to today's cleaned bins before this one (ascending
   * time, gaps skipped); the K closest (recent first, cleaned first, on ties); their median;
   * in-painting as in {@link MovingMedianDetectorPropertyTest#reference}, except that reaching the
   * limit puts the run's in-painted bins back to their measured values.
   */
  static double[][] reference(TimeSeries s, DetectorConfig c) {
    int n = s.length();
    int step = s.step();
    long p = Math.max(1, Math.round((double) c.periodSeconds() / step));
    long w = Math.max(1, c.windowSeconds() / step);
    long days = w / p;
    long warm = (c.warmupSeconds() + step - 1) / step;
    int firstValue = 0;
    while (firstValue < n && !Double.isFinite(s.value(firstValue))) {
      firstValue++;
    }
    long limit =
        c.maxInpaintSeconds() == 0 ? Long.MAX_VALUE : (c.maxInpaintSeconds() + step - 1) / step;
    long outside = 0;
    double[] clean = new double[n];
    double[] meas = new double[n];
    double[] expected = new double[n];
    double[] ratio = new double[n];
    Arrays.fill(expected, Double.NaN);
    Arrays.fill(ratio, Double.NaN);
    long firstBin = Math.floorDiv(s.start(), step);
    long keptBins = p * (days + 1); // the history the state keeps: the days searched and today
    for (int i = 0; i < n; i++) {
      if (i - firstValue >= warm) {
        int pos = (int) Math.min(i, Math.floorMod(firstBin + i, p));
        long shape = 0;
        for (int j = i - pos; j < i; j++) {
          if (!Double.isNaN(clean[j])) {
            shape++;
          }
        }
        List<double[]> candidates = new ArrayList<>(); // {distance, value}
        int eligible = 0;
        for (long d = 1; d <= days; d++) {
          long at = i - d * p;
          if (at < 0 || Double.isNaN(clean[(int) at])) {
            continue;
          }
          eligible++;
          double cleanSum = 0;
          double measSum = 0;
          long count = 0;
          boolean differs = meas[(int) at] != clean[(int) at];
          for (int j = i - pos; j < i; j++) {
            long cj = j - d * p;
            if (cj >= 0 && !Double.isNaN(clean[j]) && !Double.isNaN(clean[(int) cj])) {
              double diff = clean[j] - clean[(int) cj];
              cleanSum += diff * diff;
              diff = clean[j] - meas[(int) cj];
              measSum += diff * diff;
              count++;
              differs |= meas[(int) cj] != clean[(int) cj];
            }
          }
          double none = shape > 0 ? Double.POSITIVE_INFINITY : 0;
          candidates.add(new double[] {count > 0 ? cleanSum / count : none, clean[(int) at]});
          if (differs && shape > 0) {
            candidates.add(new double[] {count > 0 ? measSum / count : none, meas[(int) at]});
          }
        }
        // A stable sort keeps the more recent day, then the cleaned version, first on ties.
        candidates.sort((x, y) -> Double.compare(x[0], y[0]));
        if (eligible >= 2) {
          int k = Math.min(c.similarDays(), candidates.size());
          double[] a = new double[k];
          for (int j = 0; j < k; j++) {
            a[j] = candidates.get(j)[1];
          }
          Arrays.sort(a);
          int m = k / 2;
          double lo = a[Math.max(0, m - 1)];
          double hi = a[m];
          double mean = (lo < 0) == (hi < 0) ? lo + (hi - lo) / 2 : (lo + hi) / 2;
          expected[i] = k % 2 == 1 ? a[m] : mean;
        }
      }
      double v = s.value(i);
      clean[i] = Double.isFinite(v) ? v + 0.0 : Double.NaN;
      meas[i] = clean[i];
      double e = expected[i];
      if (Double.isFinite(v) && e > 0 && e < Double.POSITIVE_INFINITY) {
        ratio[i] = v / e;
        if (ratio[i] < c.inpaintLow() || ratio[i] > c.inpaintHigh()) {
          if (outside < limit) {
            clean[i] = e;
          } else {
            // At the limit, the run's in-painted bins (those kept) go back to what was measured.
            for (int j = i - 1; j >= 0 && j > i - keptBins; j--) {
              if (Double.isNaN(clean[j])) {
                continue;
              }
              if (clean[j] == meas[j]) {
                break;
              }
              clean[j] = meas[j];
            }
          }
          outside++;
        } else {
          outside = 0;
        }
      } else if (Double.isFinite(v)) {
        outside = 0;
      }
    }
    return new double[][] {expected, ratio};
  }
}
