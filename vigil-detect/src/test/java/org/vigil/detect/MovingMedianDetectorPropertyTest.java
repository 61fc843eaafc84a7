// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.vigil.core.TimeSeries;

/** Properties over seeded random series; each repetition's seed is its number. */
class MovingMedianDetectorPropertyTest {
  static final long DAY = Synthetic.DAY;

  static SplittableRandom random(RepetitionInfo info, int salt) {
    return new SplittableRandom(salt * 1_000_003L + info.getCurrentRepetition());
  }

  @RepeatedTest(400)
  void neverThrowsAndKeepsItsInvariantsOnAnySeries(RepetitionInfo info) {
    SplittableRandom r = random(info, 1);
    TimeSeries s = RandomSeries.pathological(r);
    DetectorConfig c = RandomSeries.anyConfig(r);

    DetectionResult result = MovingMedianDetector.detect(s, c);

    assertThat(result.length()).isEqualTo(s.length());
    assertThat(result.skipped()).isZero();
    for (int i = 0; i < s.length(); i++) {
      if (Double.isNaN(result.ratio(i))) {
        assertThat(result.level(i)).isEqualTo(Level.NORMAL);
      } else {
        assertThat(result.expected(i)).isPositive();
        assertThat(Double.isFinite(s.value(i))).isTrue();
      }
    }
    long previousEnd = Long.MIN_VALUE;
    for (SeriesEvent e : result.events()) {
      assertThat(e.start()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(Math.floorMod(e.start(), s.step())).isZero();
      assertThat(e.peakLevel()).isNotEqualTo(Level.NORMAL);
      assertThat(e.score()).isGreaterThanOrEqualTo(0);
      assertThat(e.baseline()).isPositive();
      assertThat(e.lowestRatio()).isLessThan(c.warningRatio());
      if (e.ongoing()) {
        assertThat(e).isSameAs(result.events().get(result.events().size() - 1));
      } else {
        assertThat(e.end()).isGreaterThan(e.start());
        previousEnd = e.end();
      }
    }
    // Transitions alternate between alerting and normal, and never repeat a level.
    Level last = Level.NORMAL;
    for (Alert a : result.alerts()) {
      assertThat(a.level()).isNotEqualTo(last);
      last = a.level();
    }
    // And the same series in random chunks does not throw either.
    assertThat(chunked(s, c, r).events).isEqualTo(result.events());
  }

  @RepeatedTest(200)
  void aConstantSeriesNeverAlerts(RepetitionInfo info) {
    SplittableRandom r = random(info, 2);
    int step = RandomSeries.STEPS[r.nextInt(RandomSeries.STEPS.length)];
    double c =
        RandomSeries.pickDouble(
            r, 0, 1, 1e-300, 1e300, -7, r.nextDouble(0, 1e6), Math.rint(r.nextDouble(0, 1e4)));
    double[] v = new double[r.nextInt(5000)];
    Arrays.fill(v, c);
    if (r.nextBoolean()) {
      for (int k = r.nextInt(10); k > 0 && v.length > 0; k--) {
        int from = r.nextInt(v.length);
        Arrays.fill(v, from, Math.min(v.length, from + r.nextInt(500)), Double.NaN);
      }
    }
    // Any configuration that does not ask for more than the baseline itself.
    DetectorConfig config = RandomSeries.anyConfig(r);
    double warning = Math.min(1.0, config.warningRatio());
    config =
        config
            .withCriticalRatio(Math.min(config.criticalRatio(), warning))
            .withWarningRatio(warning);

    DetectionResult result = MovingMedianDetector.detect(TimeSeries.of(0, step, v), config);

    assertThat(result.alerts()).isEmpty();
    assertThat(result.events()).isEmpty();
    assertThat(result.level()).containsOnly(Level.NORMAL);
  }

  @RepeatedTest(150)
  void shiftingTimeByWholeDaysShiftsEventsByExactlyThatMuch(RepetitionInfo info) {
    SplittableRandom r = random(info, 3);
    int step = (int) RandomSeries.pickLong(r, 300, 600, 3600);
    TimeSeries s = RandomSeries.withOutages(r, step);
    DetectorConfig c = RandomSeries.config(r, r.nextBoolean() ? "probe.x" : "bgp.x");
    long shift = r.nextInt(-400, 401) * DAY;

    DetectionResult a = MovingMedianDetector.detect(s, c);
    DetectionResult b = MovingMedianDetector.detect(s.shifted(shift), c);

    List<SeriesEvent> expected = new ArrayList<>();
    for (SeriesEvent e : a.events()) {
      expected.add(
          new SeriesEvent(
              e.start() + shift,
              e.end() == null ? null : e.end() + shift,
              e.peakLevel(),
              e.baseline(),
              e.lowestRatio(),
              e.score(),
              e.kind()));
    }
    List<Alert> expectedAlerts = new ArrayList<>();
    for (Alert x : a.alerts()) {
      expectedAlerts.add(
          new Alert(x.time() + shift, x.level(), x.value(), x.expected(), x.ratio()));
    }
    assertThat(b.events()).isEqualTo(expected);
    assertThat(b.alerts()).isEqualTo(expectedAlerts);
    assertThat(bits(b.expected())).isEqualTo(bits(a.expected()));
    assertThat(bits(b.ratio())).isEqualTo(bits(a.ratio()));
  }

  @RepeatedTest(200)
  void chunkedRunsWithSerialisedStateGiveExactlyTheSameAlertsAndEvents(RepetitionInfo info) {
    SplittableRandom r = random(info, 4);
    TimeSeries s;
    DetectorConfig c;
    if (r.nextInt(3) == 0) {
      s = RandomSeries.pathological(r);
      c = RandomSeries.anyConfig(r);
    } else {
      s = RandomSeries.withOutages(r, (int) RandomSeries.pickLong(r, 300, 600, 3600));
      c = RandomSeries.config(r, RandomSeries.pickString(r, "probe.x", "bgp.x", "telescope.x"));
    }

    DetectionResult whole = MovingMedianDetector.detect(s, c);
    Chunked parts = chunked(s, c, r);

    assertThat(parts.alerts).isEqualTo(whole.alerts());
    assertThat(parts.events).isEqualTo(whole.events());
    assertThat(parts.state.toBytes()).isEqualTo(whole.state().toBytes());
    for (int i = 0; i < s.length(); i++) {
      if (parts.produced[i]) {
        assertThat(bits(parts.expected[i])).isEqualTo(bits(whole.expected(i)));
        assertThat(bits(parts.ratio[i])).isEqualTo(bits(whole.ratio(i)));
        assertThat(parts.level[i]).isEqualTo(whole.level(i));
      }
    }
  }

  @RepeatedTest(200)
  void baselineAndRatioMatchANaiveReference(RepetitionInfo info) {
    SplittableRandom r = random(info, 5);
    TimeSeries s =
        r.nextBoolean()
            ? RandomSeries.withOutages(r, (int) RandomSeries.pickLong(r, 300, 3600))
            : RandomSeries.pathological(r);
    DetectorConfig c = RandomSeries.anyConfig(r);

    DetectionResult result = MovingMedianDetector.detect(s, c);
    double[][] ref = reference(s, c);

    assertThat(bits(result.expected())).isEqualTo(bits(ref[0]));
    assertThat(bits(result.ratio())).isEqualTo(bits(ref[1]));
  }

  /**
   * The baseline as specified, written as plainly as possible: for each bin, collect the cleaned
   * values of the window (or of the same phase of earlier periods, ±1 bin), take the median, and
   * in-paint unless the bins with data just before it were already outside the bounds for the whole
   * in-painting limit.
   */
  static double[][] reference(TimeSeries s, DetectorConfig c) {
    int n = s.length();
    int step = s.step();
    long w = Math.max(1, c.windowSeconds() / step);
    long warm = (c.warmupSeconds() + step - 1) / step;
    int firstValue = 0;
    while (firstValue < n && !Double.isFinite(s.value(firstValue))) {
      firstValue++;
    }
    long p = c.periodSeconds() == 0 ? 0 : Math.round((double) c.periodSeconds() / step);
    boolean seasonal = p >= 3 && p <= w;
    List<Long> offsets = new ArrayList<>();
    if (seasonal) {
      for (long k = 1; k <= w / p; k++) {
        for (long j = -1; j <= 1; j++) {
          if (k * p + j >= 1 && k * p + j <= w) {
            offsets.add(k * p + j);
          }
        }
      }
    } else {
      for (long d = 1; d <= w; d++) {
        offsets.add(d);
      }
    }
    // The limit in bins, rounded up; 0 is none.
    long limit =
        c.maxInpaintSeconds() == 0 ? Long.MAX_VALUE : (c.maxInpaintSeconds() + step - 1) / step;
    long outside = 0; // bins with data in a row outside the bounds, gaps skipped
    double[] clean = new double[n];
    double[] expected = new double[n];
    double[] ratio = new double[n];
    Arrays.fill(expected, Double.NaN);
    Arrays.fill(ratio, Double.NaN);
    for (int i = 0; i < n; i++) {
      if (i - firstValue >= warm) {
        List<Double> sample = new ArrayList<>();
        for (long d : offsets) {
          if (i - d >= 0 && !Double.isNaN(clean[(int) (i - d)])) {
            sample.add(clean[(int) (i - d)]);
          }
        }
        if (sample.size() >= 3) {
          double[] a = sample.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          int m = a.length / 2;
          // The mean of the middle two, computed so that it neither overflows nor underflows.
          double lo = a[m - 1];
          double hi = a[m];
          double mean = (lo < 0) == (hi < 0) ? lo + (hi - lo) / 2 : (lo + hi) / 2;
          expected[i] = a.length % 2 == 1 ? a[m] : mean;
        }
      }
      double v = s.value(i);
      clean[i] = Double.isFinite(v) ? v + 0.0 : Double.NaN;
      double e = expected[i];
      if (Double.isFinite(v) && e > 0) {
        ratio[i] = v / e;
        if (ratio[i] < c.inpaintLow() || ratio[i] > c.inpaintHigh()) {
          if (outside < limit) {
            clean[i] = e;
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

  static final class Chunked {
    final List<Alert> alerts = new ArrayList<>();
    List<SeriesEvent> events;
    DetectorState state;
    double[] expected;
    double[] ratio;
    Level[] level;
    boolean[] produced;
  }

  /**
   * Runs {@code s} in random chunks, serialising the state between them; some chunks overlap the
   * previous one, some start late by dropping leading NaN bins (a gap). Events are upserted by
   * start, as a store would.
   */
  static Chunked chunked(TimeSeries s, DetectorConfig c, SplittableRandom r) {
    int n = s.length();
    Chunked out = new Chunked();
    out.expected = new double[n];
    out.ratio = new double[n];
    out.level = new Level[n];
    out.produced = new boolean[n];
    Map<Long, SeriesEvent> events = new LinkedHashMap<>();
    DetectorState state = DetectorState.initial(c, s.step());
    int maxChunk = 1 + r.nextInt(Math.max(1, n / 3) + 1);
    int pos = 0;
    while (pos < n) {
      int end = Math.min(n, pos + 1 + r.nextInt(maxChunk));
      int from = pos;
      if (r.nextInt(5) == 0) {
        from = Math.max(0, pos - r.nextInt(6)); // overlap: these bins must be skipped
      } else if (r.nextInt(3) == 0) {
        while (from < end - 1 && Double.isNaN(s.value(from))) {
          from++; // a gap: these bins must count as missing
        }
      }
      state = DetectorState.fromBytes(state.toBytes());
      DetectionResult part = BaselineDetector.run(s.slice(from, end), state);
      assertThat(part.skipped()).isEqualTo(Math.max(0, pos - from));
      for (int i = part.skipped(); i < part.length(); i++) {
        out.expected[from + i] = part.expected(i);
        out.ratio[from + i] = part.ratio(i);
        out.level[from + i] = part.level(i);
        out.produced[from + i] = true;
      }
      out.alerts.addAll(part.alerts());
      for (SeriesEvent e : part.events()) {
        events.put(e.start(), e);
      }
      state = part.state();
      pos = end;
    }
    out.events = new ArrayList<>(events.values());
    out.state = state;
    return out;
  }

  static long[] bits(double[] a) {
    long[] b = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Double.doubleToLongBits(a[i]);
    }
    return b;
  }

  static long bits(double a) {
    return Double.doubleToLongBits(a);
  }
}
