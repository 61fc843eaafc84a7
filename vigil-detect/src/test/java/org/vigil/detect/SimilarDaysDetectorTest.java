// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.vigil.detect.Synthetic.DAY;
import static org.vigil.detect.Synthetic.HOUR;
import static org.vigil.detect.Synthetic.T0;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.TimeSeries;

/** Labelled scenarios for the similar-days baseline; onset and end within one step of the truth. */
class SimilarDaysDetectorTest {
  static final DetectorConfig SIMILAR =
      DetectorConfig.forSignal("traffic.requests", Baseline.SIMILAR_DAYS);
  static final DetectorConfig MOVING = DetectorConfig.forSignal("traffic.requests");
  static final double RHYTHM = 0.4;
  static final double NOISE = 0.02;

  static SeriesEvent onlyEvent(DetectionResult r) {
    assertThat(r.events()).hasSize(1);
    return r.events().get(0);
  }

  @Test
  void defaultsAreCloudflaresSixOfTwentyEightDays() {
    assertThat(SIMILAR.baseline()).isEqualTo(Baseline.SIMILAR_DAYS);
    assertThat(SIMILAR.similarDays()).isEqualTo(6);
    assertThat(SIMILAR.windowSeconds()).isEqualTo(28 * DAY);
    assertThat(SIMILAR.periodSeconds()).isEqualTo(DAY);
    // The family's thresholds and in-painting limit are kept.
    assertThat(SIMILAR.warningRatio()).isEqualTo(MOVING.warningRatio());
    assertThat(SIMILAR.criticalRatio()).isEqualTo(MOVING.criticalRatio());
    assertThat(SIMILAR.maxInpaintSeconds()).isEqualTo(MOVING.maxInpaintSeconds());
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void findsBlackoutToTwoPercent(int step) {
    long from = T0 + 30 * DAY + 3 * HOUR;
    long to = from + 6 * HOUR;
    Synthetic s = Synthetic.daily(35, step, RHYTHM, NOISE, 1).scale(from, to, 0.02);

    DetectionResult r = SimilarDaysDetector.detect(s.series(), SIMILAR);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    assertThat(e.kind()).isEqualTo(SeriesEvent.BLACKOUT);
    assertThat(e.peakLevel()).isEqualTo(Level.CRITICAL);
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void findsPartialDropToFortyPercent(int step) {
    long from = T0 + 20 * DAY + 17 * HOUR;
    long to = from + 30 * HOUR;
    Synthetic s = Synthetic.daily(26, step, RHYTHM, NOISE, 2).scale(from, to, 0.4);

    SeriesEvent e = onlyEvent(SimilarDaysDetector.detect(s.series(), SIMILAR));

    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    assertThat(e.kind()).isEqualTo(SeriesEvent.OUTAGE);
    assertThat(e.lowestRatio()).isBetween(0.3, 0.5);
  }

  @Test
  void weekendDipsAreExpectedOnceTwoWeeksAreKnownWhileTheMovingMedianFiresEveryWeekend() {
    // Weekends lose 30 % of the daytime hump: a weekday baseline sees ratios near 0.7 at noon.
    Synthetic s = Synthetic.daily(56, 300, RHYTHM, NOISE, 3).weekly(0.3, false);

    DetectionResult similar = SimilarDaysDetector.detect(s.series(), SIMILAR);
    DetectionResult moving = MovingMedianDetector.detect(s.series(), MOVING);

    // With fewer than two weeks of history, the 6 closest days include weekdays; after that, the
    // 6 closest to a weekend day are weekend days.
    assertThat(similar.events()).allSatisfy(e -> assertThat(e.start()).isLessThan(T0 + 15 * DAY));
    assertThat(moving.events()).hasSizeGreaterThanOrEqualTo(14);
  }

  @Test
  void aHolidayShapedLikeASundayIsExpected() {
    // Wednesday of week 6 is a public holiday with a weekend shape.
    long holiday = T0 + 39 * DAY;
    assertThat(Synthetic.dayOfWeek(holiday)).isEqualTo(2);
    Synthetic s = Synthetic.daily(42, 300, RHYTHM, NOISE, 4).weekly(0.3, false);
    s.ramp(holiday, holiday + DAY, 1, 1); // the holiday itself is no outage
    double[] v = s.series().values();
    for (int i = s.index(holiday); i < s.index(holiday + DAY); i++) {
      double phase = 2 * Math.PI * Math.floorMod(s.time(i), DAY) / DAY;
      v[i] *= 1 - 0.3 * Math.max(0, Math.sin(phase));
    }
    TimeSeries series = TimeSeries.of(s.start, 300, v);

    DetectionResult similar = SimilarDaysDetector.detect(series, SIMILAR);
    DetectionResult moving = MovingMedianDetector.detect(series, MOVING);

    assertThat(similar.events()).noneMatch(e -> e.start() >= holiday && e.start() < holiday + DAY);
    assertThat(moving.events()).anyMatch(e -> e.start() >= holiday && e.start() < holiday + DAY);
  }

  @ParameterizedTest(name = "step {0} s, collapse after {1} h")
  @CsvSource({"300, 55", "3600, 55", "300, 72", "3600, 80"})
  void coldStartNeedsTwoDaysThenUsesWhatExists(int step, int hours) {
    long from = T0 + hours * HOUR;
    long to = from + 4 * HOUR;
    Synthetic s = Synthetic.daily(hours / 24.0 + 1, step, RHYTHM, NOISE, 5).scale(from, to, 0.02);

    DetectionResult r = SimilarDaysDetector.detect(s.series(), SIMILAR);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    int twoDays = (int) (2 * DAY / step);
    for (int i = 0; i < twoDays; i++) {
      assertThat(r.expected(i)).isNaN();
    }
    // From the third day on, the median of the two days there are.
    assertThat(r.ratio(twoDays)).isCloseTo(1.0, within(0.1));
  }

  @Test
  void aFiveDayBlackoutStaysOneEventThanksToInpainting() {
    long from = T0 + 20 * DAY + 7 * HOUR;
    long to = from + 5 * DAY;
    Synthetic s = Synthetic.daily(30, 3600, RHYTHM, NOISE, 6).scale(from, to, 0.02);

    SeriesEvent e = onlyEvent(SimilarDaysDetector.detect(s.series(), SIMILAR));

    assertThat(e.start()).isEqualTo(from);
    assertThat(e.end()).isEqualTo(to);
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void aPermanentDropEndsWhenInpaintingReachesItsLimit(int step) {
    long from = T0 + 20 * DAY + 5 * HOUR;
    Synthetic s = Synthetic.daily(45, step, RHYTHM, NOISE, 7).scale(from, T0 + 45 * DAY, 0.5);
    long limit = SIMILAR.maxInpaintSeconds();

    DetectionResult r = SimilarDaysDetector.detect(s.series(), SIMILAR);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isEqualTo(from);
    // In-painted for a week; at the limit the week goes back to what was measured, and those days
    // are the closest to a day at the new level: the event ends within a step, and nothing
    // follows in the two weeks after (midnight, with no shape yet, picks the recent days).
    assertThat(e.end()).isBetween(from + limit, from + limit + 2L * step);
    for (int i = s.index(e.end()); i < r.length(); i++) {
      assertThat(r.level(i)).isEqualTo(Level.NORMAL);
    }
    // A bit-for-bit state after the shift: the history holds the new level as measured.
    DetectorState st = r.state();
    assertThat(st.history).isEqualTo(st.measured);
  }

  @Test
  void quietRhythmicDataRaisesNothingInFiftyDays() {
    Synthetic s = Synthetic.daily(50, 300, RHYTHM, NOISE, 8);

    DetectionResult r = SimilarDaysDetector.detect(s.series(), SIMILAR);

    assertThat(r.events()).isEmpty();
  }

  @Test
  void closestDaysWinAndTiesGoToTheMostRecent() {
    // Days of 3 bins (30-minute days at 10-minute bins), 4 days searched, 2 similar days.
    DetectorConfig c = noInpainting(tiny().withWindowSeconds(4 * 1800));
    // Day 0: 10 20 30, day 1: 12 60 70, day 2: 10 21 40, day 3: 12 61 80, day 4: 10 ? ?
    double[] v = {10, 20, 30, 12, 60, 70, 10, 21, 40, 12, 61, 80, 10, 24, 12};
    DetectionResult r = SimilarDaysDetector.detect(TimeSeries.of(T0, 600, v), c);

    // Day 4, first bin: no shape yet, all four days tie: the two most recent, 12 and 10.
    assertThat(r.expected(12)).isEqualTo(11);
    // Second bin: today began at 10, like days 0 and 2: median of 20 and 21.
    assertThat(r.expected(13)).isEqualTo(20.5);
    // Third bin: 10, 24 is closer to day 2 (10, 21) than to day 0 (10, 20): median of 40, 30.
    assertThat(r.expected(14)).isEqualTo(35);
    assertThat(r.ratio(14)).isEqualTo(12 / 35.0);
  }

  @Test
  void gapsAreSkippedInTheDistanceAndADayWithoutAValueAtThatTimeIsNoCandidate() {
    DetectorConfig c = noInpainting(tiny().withWindowSeconds(3 * 1800));
    double nan = Double.NaN;
    // Day 0: 10 20 30, day 1: nan 90 70, day 2: 10 25 nan, day 3: 10 ? ?
    double[] v = {10, 20, 30, nan, 90, 70, 10, 25, nan, 10, 24, 30};
    DetectionResult r = SimilarDaysDetector.detect(TimeSeries.of(T0, 600, v), c);

    // Second bin of day 3: day 1 has no bin in common with today's 10: it ranks last; days 2 and
    // 0 are at distance 0: 25 and 20.
    assertThat(r.expected(10)).isEqualTo(22.5);
    // Third bin: day 2 has no value here; days 0 (20 vs 24) and 1 (90 vs 24, 10 vs nothing).
    assertThat(r.expected(11)).isEqualTo(50);
  }

  @Test
  void withFewerThanTwoCandidateDaysThereIsNoBaseline() {
    DetectorConfig c = tiny();
    double[] v = {10, 20, 30, 10, 20, 30, 10, 20, 30};
    DetectionResult r = SimilarDaysDetector.detect(TimeSeries.of(T0, 600, v), c);
    for (int i = 0; i < 6; i++) {
      assertThat(r.expected(i)).isNaN();
    }
    assertThat(r.expected(6)).isEqualTo(10);
    assertThat(r.ratio(8)).isEqualTo(1);
  }

  @Test
  void encodesASimilarDaysStateExactly() {
    String expected =
        String.join(
            "",
            "5644", // magic "VD"
            "03", // format 3
            "0000000000001518", // window 5400 s: three days of 1800 s
            "3fe999999999999a", // warning 0.8
            "3fe0000000000000", // critical 0.5
            "3fe999999999999a", // in-paint below 0.8
            "4000000000000000", // in-paint above 2.0
            "0000000000000708", // day 1800 s
            "0000000000000000", // warm-up 0
            "0000000000000000", // minimum duration 0
            "3fa999999999999a", // recovery margin 0.05
            "0000000000093a80", // in-paint for at most 604800 s
            "01", // baseline: similar days
            "00000002", // 2 similar days
            "00000258", // step 600 s
            "0000000061d4f948", // next bin: START + 11 × 600
            "0000000000000000", // warm-up bins seen
            "0000000000000001", // in-painting run: one bin (the 4)
            "0000000c", // 12 slots: the current day and three before it, 3 bins each
            "4024000000000000", // 10
            "4034000000000000", // 20
            "403e000000000000", // 30
            "4024000000000000",
            "4034000000000000",
            "403e000000000000",
            "4024000000000000",
            "4034000000000000",
            "403e000000000000",
            "4024000000000000", // 10
            "4034000000000000", // 20: the 4 in-painted with its baseline
            "7ff8000000000000", // not seen yet
            "4024000000000000", // the measured history: the same...
            "4034000000000000",
            "403e000000000000",
            "4024000000000000",
            "4034000000000000",
            "403e000000000000",
            "4024000000000000",
            "4034000000000000",
            "403e000000000000",
            "4024000000000000",
            "4010000000000000", // ...but for the 4 as it was measured
            "7ff8000000000000",
            "02", // critical
            "0000000061d4f6f0", // run start: START + 10 × 600
            "01", // confirmed
            "00000000", // nothing held back
            "0000000061d4f6f0", // event start
            "02", // peak critical
            "3fc999999999999a", // lowest ratio 0.2
            "4089000000000000", // score: 80 % × 10 min
            "0000000000000001", // one bin
            "0000000000000001", // stride 1
            "00000001", // one sampled baseline
            "4034000000000000"); // 20
    DetectorConfig c = tiny().withWindowSeconds(5400);
    long start = DetectorStateTest.START;
    double[] v = {10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 4};

    DetectorState s = SimilarDaysDetector.detect(TimeSeries.of(start, 600, v), c).state();

    assertThat(HexFormat.of().formatHex(s.toBytes())).isEqualTo(expected);
    DetectorState back = DetectorState.fromBytes(HexFormat.of().parseHex(expected));
    assertThat(back.config()).isEqualTo(c);
    assertThat(back.toBytes()).isEqualTo(s.toBytes());
  }

  @Test
  void rejectsAnUnknownBaselineCode() {
    byte[] b = DetectorStateTest.openEventState().toBytes();
    int at = 3 + 80; // after magic, format and the 80 bytes of the moving-median configuration
    assertThat(b[at]).isZero();
    b[at] = 2;
    assertThatThrownBy(() -> DetectorState.fromBytes(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseline code 2");
  }

  @Test
  void eachDetectorRefusesTheOthersStateAndBaselineDetectorRunsEither() {
    Synthetic s = Synthetic.daily(10, 3600, RHYTHM, NOISE, 9).scale(T0 + 8 * DAY, T0 + 9 * DAY, 0);
    DetectorState similar = DetectorState.initial(SIMILAR, 3600);
    DetectorState moving = DetectorState.initial(MOVING, 3600);

    assertThatThrownBy(() -> MovingMedianDetector.run(s.series(), similar))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("similar-days");
    assertThatThrownBy(() -> SimilarDaysDetector.run(s.series(), moving))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("moving-median");
    assertThatThrownBy(() -> MovingMedianDetector.detect(s.series(), SIMILAR))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(BaselineDetector.run(s.series(), similar).events())
        .isEqualTo(SimilarDaysDetector.run(s.series(), similar).events())
        .hasSize(1);
    assertThat(BaselineDetector.detect(s.series(), MOVING).events())
        .isEqualTo(MovingMedianDetector.detect(s.series(), MOVING).events())
        .hasSize(1);
  }

  @Test
  void afterAGapOnlyTheDaysStillInTheWindowAreCandidates() {
    DetectorConfig c = tiny().withWindowSeconds(5400); // three days searched, 12 bins kept
    double[] v = {10, 20, 30, 10, 20, 30, 10, 20, 30};
    DetectionResult first = SimilarDaysDetector.detect(TimeSeries.of(T0, 600, v), c);
    long next = T0 + 9 * 600;
    // A day of gap: days 1 and 2 are still two candidates.
    DetectionResult near =
        SimilarDaysDetector.run(
            TimeSeries.of(next + 1800, 600, new double[] {10, 20}), first.state());
    assertThat(near.expected()).containsExactly(10, 20);
    // Two days of gap: one candidate is left, and one is not enough.
    DetectionResult later =
        SimilarDaysDetector.run(
            TimeSeries.of(next + 2 * 1800, 600, new double[] {10, 20, 30, 10}), first.state());
    assertThat(later.expected()).containsOnly(Double.NaN);
    // A gap longer than the history forgets everything.
    DetectionResult forgotten =
        SimilarDaysDetector.run(
            TimeSeries.of(next + 4 * 1800, 600, new double[] {10, 20, 30, 10}), first.state());
    assertThat(forgotten.expected()).containsOnly(Double.NaN);
    assertThat(forgotten.state().history).containsOnly(Double.NaN, 10.0, 20.0, 30.0);
  }

  static DetectorConfig noInpainting(DetectorConfig c) {
    return c.withInpaintLow(0).withInpaintHigh(100);
  }

  /** Days of 30 minutes at 10-minute bins, two days searched, two similar days, no warm-up. */
  static DetectorConfig tiny() {
    return DetectorConfig.forSignal("probe.up_slash24", Baseline.SIMILAR_DAYS)
        .withPeriodSeconds(1800)
        .withWindowSeconds(3600)
        .withWarmupSeconds(0)
        .withSimilarDays(2);
  }
}
