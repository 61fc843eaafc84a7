// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.TimeSeries;

class CusumDetectorTest {
  /** 2022-01-01T00:00:00Z. */
  static final long START = 1_640_995_200L;

  static final int H = 3600;
  static final int WEEK = 168;
  static final int BLOCK = 84;

  /** Hourly ratio and usable-count series: a few measurements an hour, each anomalous with p(h). */
  record Hours(TimeSeries ratio, TimeSeries counts) {
    static Hours generate(long seed, int hours, IntToDoubleFunction p, IntToDoubleFunction gap) {
      SplittableRandom random = new SplittableRandom(seed);
      double[] ratio = new double[hours];
      double[] counts = new double[hours];
      for (int h = 0; h < hours; h++) {
        int n = 3 + random.nextInt(6);
        int k = 0;
        for (int m = 0; m < n; m++) {
          if (random.nextDouble() < p.applyAsDouble(h)) {
            k++;
          }
        }
        boolean silent = gap.applyAsDouble(h) > 0;
        ratio[h] = silent ? Double.NaN : (double) k / n;
        counts[h] = silent ? Double.NaN : n;
      }
      return new Hours(TimeSeries.of(START, H, ratio), TimeSeries.of(START, H, counts));
    }

    CusumDetector.Result detect() {
      return CusumDetector.defaults().detect(ratio, counts);
    }
  }

  static IntToDoubleFunction blockedFrom(int from, int to) {
    return h -> h >= from && h < to ? 0.9 : 0.05;
  }

  static final IntToDoubleFunction NO_GAPS = h -> 0;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void blockingMidWeekGivesOneEventAtTheRightHour(long seed) {
    Hours w = Hours.generate(seed, WEEK, blockedFrom(BLOCK, WEEK), NO_GAPS);
    List<SeriesEvent> events = w.detect().events();
    assertThat(events).hasSize(1);
    SeriesEvent e = events.get(0);
    assertThat(e.start()).isBetween(START + (BLOCK - 1) * H, START + (BLOCK + 1) * H);
    assertThat(e.ongoing()).isTrue();
    assertThat(e.kind()).isEqualTo(CusumDetector.KIND).isEqualTo("platform-blocking");
    assertThat(e.peakLevel()).isEqualTo(Level.CRITICAL);
    assertThat(e.baseline()).isEqualTo(0.05);
    assertThat(e.score()).isGreaterThan(30);
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
  void blockingThatEndsClosesTheEventAtTheHourItEnded(long seed) {
    Hours w = Hours.generate(seed, WEEK, blockedFrom(60, 100), NO_GAPS);
    List<SeriesEvent> events = w.detect().events();
    assertThat(events).hasSize(1);
    SeriesEvent e = events.get(0);
    assertThat(e.start()).isBetween(START + 59L * H, START + 61L * H);
    assertThat(e.end()).isNotNull().isBetween(START + 99L * H, START + 101L * H);
    assertThat(e.lowestRatio()).isBetween(0.0, 0.7);
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
  void quietSeriesWithFivePercentAnomaliesNeverAlerts(long seed) {
    Hours w = Hours.generate(seed, 4 * WEEK, h -> 0.05, NO_GAPS);
    CusumDetector.Result r = w.detect();
    assertThat(r.events()).isEmpty();
    // the OK state is established within the first day
    assertThat(r.state().value(24)).isZero();
  }

  @Test
  void aBlackoutDuringBlockingNeitherEndsNorStartsAnEvent() {
    // blocked from hour 84; OONI silent for 30 hours from 100, then still blocked
    Hours w = Hours.generate(41, WEEK, blockedFrom(BLOCK, WEEK), h -> h >= 100 && h < 130 ? 1 : 0);
    CusumDetector.Result r = w.detect();
    assertThat(r.events()).hasSize(1);
    assertThat(r.events().get(0).start()).isBetween(START + 83L * H, START + 85L * H);
    assertThat(r.events().get(0).ongoing()).isTrue();
    for (int h = 100; h < 130; h++) {
      assertThat(r.state().value(h)).as("hour %d", h).isEqualTo(1.0);
    }
  }

  @Test
  void aBlackoutThatLastsToTheEndLeavesTheEventOngoing() {
    Hours w = Hours.generate(42, WEEK, blockedFrom(BLOCK, WEEK), h -> h >= 100 ? 1 : 0);
    List<SeriesEvent> events = w.detect().events();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).ongoing()).isTrue();
  }

  @Test
  void aBlackoutInQuietTimesStartsNothing() {
    Hours w = Hours.generate(43, WEEK, h -> 0.05, h -> h >= 50 && h < 110 ? 1 : 0);
    assertThat(w.detect().events()).isEmpty();
  }

  @Test
  void gapsDecayTheStatisticWithA24HourHalfLife() {
    double[] ratio = new double[80];
    double[] counts = new double[80];
    Arrays.fill(ratio, Double.NaN);
    Arrays.fill(counts, Double.NaN);
    // 24 quiet hours establish OK, then one hour with 3 of 5 anomalous, then silence
    for (int h = 0; h < 24; h++) {
      ratio[h] = 0;
      counts[h] = 10;
    }
    ratio[24] = 0.6;
    counts[24] = 5;
    CusumDetector.Result r =
        CusumDetector.defaults()
            .detect(TimeSeries.of(START, H, ratio), TimeSeries.of(START, H, counts));
    double s = 3 * Math.log(0.5 / 0.05) + 2 * Math.log(0.5 / 0.95);
    assertThat(r.sPos().value(24)).isCloseTo(s, within(1e-12));
    assertThat(r.sPos().value(48)).isCloseTo(s / 2, within(1e-12));
    assertThat(r.sPos().value(72)).isCloseTo(s / 4, within(1e-12));
    assertThat(r.state().value(72)).isZero();
  }

  @Test
  void hoursWithTooFewMeasurementsAreGaps() {
    double[] ratio = new double[WEEK];
    double[] one = new double[WEEK];
    double[] five = new double[WEEK];
    for (int h = 0; h < WEEK; h++) {
      ratio[h] = h < BLOCK ? 0 : 1;
      one[h] = h < BLOCK ? 5 : 1;
      five[h] = 5;
    }
    TimeSeries r = TimeSeries.of(START, H, ratio);
    assertThat(CusumDetector.defaults().detect(r, TimeSeries.of(START, H, one)).events()).isEmpty();
    List<SeriesEvent> events =
        CusumDetector.defaults().detect(r, TimeSeries.of(START, H, five)).events();
    assertThat(events).singleElement().extracting(SeriesEvent::start).isEqualTo(START + BLOCK * H);
    // one fully blocked hour of 5: 5 × ln 10 = 11.5; three hours cross 30
    assertThat(
            CusumDetector.defaults()
                .withMinMeasurements(1)
                .detect(r, TimeSeries.of(START, H, one))
                .events())
        .singleElement()
        .extracting(SeriesEvent::start)
        .isEqualTo(START + BLOCK * H);
  }

  @Test
  void blockedSinceBeforeTheSeriesHasNoChangepoint() {
    Hours w = Hours.generate(44, WEEK, h -> 0.9, NO_GAPS);
    CusumDetector.Result r = w.detect();
    assertThat(r.events()).isEmpty();
    assertThat(r.state().value(WEEK - 1)).isEqualTo(1.0);
  }

  @Test
  void countsAreMatchedByTime() {
    Hours w = Hours.generate(45, WEEK, blockedFrom(BLOCK, WEEK), NO_GAPS);
    // counts starting 10 hours later: the first 10 hours are gaps; the event is unchanged
    TimeSeries later = w.counts().slice(10, WEEK);
    SeriesEvent a = w.detect().events().get(0);
    SeriesEvent b = CusumDetector.defaults().detect(w.ratio(), later).events().get(0);
    assertThat(b.start()).isEqualTo(a.start());
  }

  @Test
  void rejectsBadParametersAndMismatchedSteps() {
    assertThatThrownBy(() -> CusumDetector.of(0.5, 0.05, 30, 24, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p0 < p1");
    assertThatThrownBy(() -> CusumDetector.of(0.05, 0.5, 0, 24, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CusumDetector.of(0.05, 0.5, 30, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CusumDetector.of(0.05, 0.5, 30, 24, 0))
        .isInstanceOf(IllegalArgumentException.class);
    TimeSeries a = TimeSeries.of(START, H, new double[] {0});
    TimeSeries b = TimeSeries.of(START, 300, new double[] {5});
    assertThatThrownBy(() -> CusumDetector.defaults().detect(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same step");
  }

  @Test
  void defaultsAreOonis() {
    CusumDetector d = CusumDetector.defaults();
    assertThat(d.p0()).isEqualTo(0.05);
    assertThat(d.p1()).isEqualTo(0.50);
    assertThat(d.h()).isEqualTo(30);
    assertThat(d.gapHalfLifeHours()).isEqualTo(24);
    assertThat(d.minMeasurements()).isEqualTo(3);
  }
}
