// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.vigil.detect.Synthetic.DAY;
import static org.vigil.detect.Synthetic.HOUR;
import static org.vigil.detect.Synthetic.T0;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.TimeSeries;

/** Labelled scenarios: onset and end must be found within one step of the truth. */
class MovingMedianDetectorTest {
  static final DetectorConfig PROBE = DetectorConfig.forSignal("probe.up_slash24");
  static final double RHYTHM = 0.4;
  static final double NOISE = 0.02;

  static SeriesEvent onlyEvent(DetectionResult r) {
    assertThat(r.events()).hasSize(1);
    return r.events().get(0);
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void findsBlackoutToTwoPercent(int step) {
    long from = T0 + 10 * DAY + 3 * HOUR;
    long to = from + 6 * HOUR;
    Synthetic s = Synthetic.daily(14, step, RHYTHM, NOISE, 1).scale(from, to, 0.02);

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    assertThat(e.peakLevel()).isEqualTo(Level.CRITICAL);
    assertThat(e.kind()).isEqualTo(SeriesEvent.BLACKOUT);
    assertThat(e.lowestRatio()).isLessThan(0.05);
    // In-painting kept the outage out of the baseline: it stays at the rhythm's mean level.
    assertThat(e.baseline()).isCloseTo(Synthetic.BASE, within(0.45 * Synthetic.BASE));
    assertThat(r.alerts())
        .extracting(Alert::time, Alert::level)
        .containsExactly(tuple(e.start(), Level.CRITICAL), tuple(e.end(), Level.NORMAL));
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void findsPartialDropToFortyPercent(int step) {
    long from = T0 + 9 * DAY + 17 * HOUR;
    long to = from + 30 * HOUR;
    Synthetic s = Synthetic.daily(15, step, RHYTHM, NOISE, 2).scale(from, to, 0.4);

    SeriesEvent e = onlyEvent(MovingMedianDetector.detect(s.series(), PROBE));

    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    assertThat(e.peakLevel()).isEqualTo(Level.CRITICAL);
    assertThat(e.kind()).isEqualTo(SeriesEvent.OUTAGE);
    assertThat(e.lowestRatio()).isBetween(0.3, 0.5);
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void aDropToSeventyPercentIsOnlyAWarning(int step) {
    long from = T0 + 8 * DAY;
    long to = from + 5 * HOUR;
    Synthetic s = Synthetic.daily(14, step, RHYTHM, NOISE, 3).scale(from, to, 0.7);

    SeriesEvent e = onlyEvent(MovingMedianDetector.detect(s.series(), PROBE));

    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    assertThat(e.peakLevel()).isEqualTo(Level.WARNING);
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void endsASlowRecoveryWhenTheRatioClearsTheWarningMargin(int step) {
    long from = T0 + 10 * DAY + 6 * HOUR;
    long rampFrom = from + 4 * HOUR;
    long rampTo = rampFrom + 24L * step;
    Synthetic s =
        Synthetic.daily(14, step, RHYTHM, 0.01, 4)
            .scale(from, rampFrom, 0.02)
            .ramp(rampFrom, rampTo, 0.02, 1.0);
    // Hysteresis: a warning ends only once the ratio is back at warningRatio + margin.
    long labelledEnd = s.firstAtLeast(rampFrom, PROBE.warningExitRatio());

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(labelledEnd, within((long) step));
    // The ramp steps down through warning on its way back.
    assertThat(r.alerts())
        .extracting(Alert::level)
        .containsExactly(Level.CRITICAL, Level.WARNING, Level.NORMAL);
  }

  @ParameterizedTest(name = "step {0} s, collapse after {1} h")
  @CsvSource({"300, 55", "3600, 55", "300, 72", "3600, 72"})
  void findsACollapseWithOnlyTwoToThreeDaysOfHistory(int step, int hours) {
    long from = T0 + hours * HOUR;
    long to = from + 4 * HOUR;
    Synthetic s = Synthetic.daily(hours / 24.0 + 1, step, RHYTHM, NOISE, 5).scale(from, to, 0.02);

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    assertThat(e.end()).isCloseTo(to, within((long) step));
    // Honest cold start: nothing is assessed during the first day.
    int firstDay = (int) (DAY / step);
    for (int i = 0; i < firstDay; i++) {
      assertThat(r.ratio(i)).isNaN();
      assertThat(r.expected(i)).isNaN();
    }
    assertThat(r.ratio(firstDay + 1)).isCloseTo(1.0, within(0.15));
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void quietRhythmicDataRaisesNothingInThirtyDays(int step) {
    Synthetic s = Synthetic.daily(30, step, RHYTHM, NOISE, 6);

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE);

    assertThat(r.events()).isEmpty();
    assertThat(r.alerts()).isEmpty();
  }

  @Test
  void withoutTheSeasonalBaselineTheDailyRhythmFiresAtNight() {
    // Why periodSeconds exists: the plain median of a week sits at the rhythm's mean, and each
    // trough falls to 60 % of it.
    Synthetic s = Synthetic.daily(14, 300, RHYTHM, NOISE, 6);

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE.withPeriodSeconds(0));

    assertThat(r.events()).hasSizeGreaterThan(10);
  }

  @Test
  void inPaintingKeepsAFiveDayOutageOneEvent() {
    long from = T0 + 9 * DAY;
    long to = from + 5 * DAY;
    Synthetic s = Synthetic.daily(20, 3600, RHYTHM, NOISE, 7).scale(from, to, 0.3);

    SeriesEvent painted = onlyEvent(MovingMedianDetector.detect(s.series(), PROBE));
    assertThat(painted.start()).isEqualTo(from);
    assertThat(painted.end()).isEqualTo(to);

    // Without in-painting the outage becomes its own baseline after half a window: the event
    // ends early, and the recovery itself looks like a surge.
    DetectionResult unpainted =
        MovingMedianDetector.detect(
            s.series(),
            PROBE
                .withInpaintLow(Double.NEGATIVE_INFINITY)
                .withInpaintHigh(Double.POSITIVE_INFINITY));
    assertThat(unpainted.events()).isNotEmpty();
    assertThat(unpainted.events().get(0).end()).isLessThan(to - 12 * HOUR);
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void aPermanentDropEndsOnceInPaintingStopsAndTheMedianMoves(int step) {
    long from = T0 + 9 * DAY + 5 * HOUR;
    long until = T0 + 40 * DAY;
    Synthetic s = Synthetic.daily(40, step, RHYTHM, NOISE, 9).scale(from, until, 0.5);
    long limit = PROBE.maxInpaintSeconds();
    assertThat(limit).isEqualTo(PROBE.windowSeconds());

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    // In-painted for the limit (one week), then the actual values go into the history; the median
    // of the 21 same-phase samples (7 days × 3) moves once 11 of them are new, at the first bin of
    // the fourth day after that.
    assertThat(e.end()).isBetween(from + limit, from + limit + 4 * DAY + step);
    // From then on the new level is normal: nothing in the 29 days that follow.
    Alert last = r.alerts().get(r.alerts().size() - 1);
    assertThat(last.time()).isEqualTo(e.end());
    assertThat(last.level()).isEqualTo(Level.NORMAL);
    for (int i = s.index(e.end()); i < r.length(); i++) {
      assertThat(r.level(i)).isEqualTo(Level.NORMAL);
    }
    assertThat(r.state().inpaintRun).isZero();

    // With no limit the drop is in-painted for ever, and the event never ends.
    SeriesEvent forever =
        onlyEvent(MovingMedianDetector.detect(s.series(), PROBE.withMaxInpaintSeconds(0)));
    assertThat(forever.start()).isEqualTo(e.start());
    assertThat(forever.ongoing()).isTrue();
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void aPermanentBgpDropEndsAfterADayAndHalfTheWindow(int step) {
    DetectorConfig bgp = DetectorConfig.forSignal("bgp.visible_slash24");
    long from = T0 + 3 * DAY + 5 * HOUR;
    long until = T0 + 12 * DAY;
    // BGP has no rhythm, and warns at 99 %: a quiet series.
    Synthetic s = Synthetic.daily(12, step, 0, 0.002, 10).scale(from, until, 0.5);

    DetectionResult r = MovingMedianDetector.detect(s.series(), bgp);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isCloseTo(from, within((long) step));
    // In-painted for one day; the plain median of the last day moves once half of it is the new
    // level, and a warning ends only at a ratio of 1.0, which the noise reaches within hours.
    assertThat(e.end()).isBetween(from + DAY + 12 * HOUR, from + DAY + 18 * HOUR);
    for (int i = s.index(e.end()); i < r.length(); i++) {
      assertThat(r.level(i)).isEqualTo(Level.NORMAL);
    }
  }

  @ParameterizedTest(name = "step {0} s")
  @ValueSource(ints = {300, 3600})
  void aFiveDayBlackoutIsShorterThanTheLimitAndStaysOneEvent(int step) {
    long from = T0 + 9 * DAY + 7 * HOUR;
    long to = from + 5 * DAY;
    Synthetic s = Synthetic.daily(20, step, RHYTHM, NOISE, 11).scale(from, to, 0.02);

    DetectionResult r = MovingMedianDetector.detect(s.series(), PROBE);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isEqualTo(from);
    assertThat(e.end()).isEqualTo(to);
    assertThat(e.kind()).isEqualTo(SeriesEvent.BLACKOUT);
    assertThat(r.alerts())
        .extracting(Alert::time, Alert::level)
        .containsExactly(tuple(from, Level.CRITICAL), tuple(to, Level.NORMAL));

    // It is the limit that keeps it whole: with half a day the blackout becomes the baseline four
    // days later, and the event ends half a day early.
    DetectionResult shortLimit =
        MovingMedianDetector.detect(s.series(), PROBE.withMaxInpaintSeconds(12 * HOUR));
    assertThat(shortLimit.events()).isNotEmpty();
    assertThat(shortLimit.events().get(0).end())
        .isBetween(from + 12 * HOUR, from + 12 * HOUR + 4 * DAY + step)
        .isLessThan(to);
  }

  @Test
  void inPaintingStopsAfterTheLimitAndTheMedianThenMoves() {
    // 12 bins of 100, then 50 for good; in-paint for at most 15 minutes: 3 bins.
    DetectorConfig c = flat().withMaxInpaintSeconds(900);
    double[] v = new double[40];
    java.util.Arrays.fill(v, 0, 12, 100);
    java.util.Arrays.fill(v, 12, 40, 50);

    DetectionResult r = MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), c);

    // Bins 12-14 are in-painted with 100; from bin 15 the 50s go into the history. The median of
    // 12 moves half-way with 6 of them (bin 21) and all the way with 7 (bin 22).
    for (int i = 12; i <= 20; i++) {
      assertThat(r.expected(i)).isEqualTo(100);
    }
    assertThat(r.expected(21)).isEqualTo(75);
    assertThat(r.expected(22)).isEqualTo(50);
    assertThat(onlyEvent(r))
        .satisfies(
            e -> {
              assertThat(e.start()).isEqualTo(T0 + 12 * 300);
              assertThat(e.end()).isEqualTo(T0 + 22 * 300);
            });
    assertThat(r.state().inpaintRun).isZero();

    // A limit that is not a whole number of bins rounds up: 601 s in-paints 3 bins too.
    DetectionResult rounded =
        MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), flat().withMaxInpaintSeconds(601));
    assertThat(rounded.expected()).isEqualTo(r.expected());
  }

  @Test
  void gapsNeitherExtendNorEndAnInpaintingRun() {
    DetectorConfig c = flat().withMaxInpaintSeconds(900); // 3 bins
    double nan = Double.NaN;
    // Two bins at 50, four gaps, a third 50: all three in-painted, the run is full.
    double[] v = {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50, 50};
    DetectionResult a = MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), c);
    assertThat(a.state().inpaintRun).isEqualTo(2);
    DetectionResult b =
        MovingMedianDetector.run(
            TimeSeries.of(T0 + 14 * 300, 300, new double[] {nan, nan, nan, nan, 50}), a.state());
    DetectorState s = b.state();
    assertThat(s.inpaintRun).isEqualTo(3);
    assertThat(s.history[s.slot(T0 / 300 + 18)]).isEqualTo(100); // in-painted
    // The fourth 50 goes in as it is; the run stays at the limit.
    DetectionResult c4 =
        MovingMedianDetector.run(TimeSeries.of(T0 + 19 * 300, 300, new double[] {50}), s);
    assertThat(c4.state().history[s.slot(T0 / 300 + 19)]).isEqualTo(50);
    assertThat(c4.state().inpaintRun).isEqualTo(3);
    // A bin within the bounds ends the run.
    DetectionResult back =
        MovingMedianDetector.run(TimeSeries.of(T0 + 20 * 300, 300, new double[] {100}), c4.state());
    assertThat(back.ratio(0)).isEqualTo(1.0);
    assertThat(back.state().inpaintRun).isZero();

    // A value without a baseline goes into the history as it is, and ends the run too.
    double[] sparse = new double[16];
    java.util.Arrays.fill(sparse, nan);
    sparse[0] = 100;
    sparse[1] = 100;
    sparse[2] = 100;
    sparse[3] = 50; // in-painted: run 1
    DetectionResult open = MovingMedianDetector.detect(TimeSeries.of(T0, 300, sparse), c);
    assertThat(open.state().inpaintRun).isEqualTo(1);
    DetectionResult lone =
        MovingMedianDetector.run(
            TimeSeries.of(T0 + 16 * 300, 300, new double[] {50}), open.state());
    assertThat(lone.expected(0)).isNaN(); // only one value left in the window
    assertThat(lone.state().inpaintRun).isZero();
  }

  @Test
  void aGapInsideAnOutageDoesNotSplitIt() {
    long from = T0 + 9 * DAY;
    Synthetic s = Synthetic.daily(12, 600, RHYTHM, NOISE, 8).scale(from, from + 8 * HOUR, 0.02);
    double[] v = s.series().values();
    int gap = s.index(from + 2 * HOUR);
    for (int i = gap; i < gap + 12; i++) {
      v[i] = Double.NaN;
    }

    DetectionResult r = MovingMedianDetector.detect(TimeSeries.of(s.start, 600, v), PROBE);

    SeriesEvent e = onlyEvent(r);
    assertThat(e.start()).isEqualTo(from);
    assertThat(e.end()).isEqualTo(from + 8 * HOUR);
    assertThat(r.level(gap)).isEqualTo(Level.NORMAL);
    assertThat(r.ratio(gap)).isNaN();
    assertThat(r.expected(gap)).isPositive(); // the baseline is still drawn under the gap
  }

  @Test
  void scoresTheAlertAreaAndReportsTheBaseline() {
    // Flat 100 at 5-minute bins, then 40 for three bins: 60 % drop × 5 min × 3 = 900.
    DetectorConfig c = flat();
    double[] v = {100, 100, 100, 100, 100, 100, 40, 40, 40, 100};
    DetectionResult r = MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), c);

    SeriesEvent e = onlyEvent(r);
    assertThat(e)
        .isEqualTo(new SeriesEvent(T0 + 1800, T0 + 2700L, Level.CRITICAL, 100, 0.4, 900, "outage"));
  }

  @Test
  void aBlackoutIsALowestRatioOfAtMostATenth() {
    double[] v = {100, 100, 100, 100, 10, 100};
    SeriesEvent e = onlyEvent(MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), flat()));
    assertThat(e.kind()).isEqualTo(SeriesEvent.BLACKOUT);
    assertThat(e.score()).isEqualTo(90 * 5.0);

    double[] w = {100, 100, 100, 100, 11, 100};
    assertThat(onlyEvent(MovingMedianDetector.detect(TimeSeries.of(T0, 300, w), flat())).kind())
        .isEqualTo(SeriesEvent.OUTAGE);
  }

  @Test
  void anOngoingEventKeepsItsStartWhenItClosesInALaterRun() {
    DetectorConfig c = flat();
    DetectionResult first =
        MovingMedianDetector.detect(
            TimeSeries.of(T0, 300, new double[] {100, 100, 100, 100, 30, 30}), c);
    assertThat(first.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.start()).isEqualTo(T0 + 1200);
              assertThat(e.ongoing()).isTrue();
              assertThat(e.end()).isNull();
            });

    DetectionResult second =
        MovingMedianDetector.run(
            TimeSeries.of(T0 + 1800, 300, new double[] {30, 100, 100}),
            DetectorState.fromBytes(first.state().toBytes()));
    assertThat(second.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.start()).isEqualTo(T0 + 1200);
              assertThat(e.end()).isEqualTo(T0 + 2100);
              assertThat(e.score()).isEqualTo(3 * 70 * 5.0);
            });
    assertThat(second.alerts()).extracting(Alert::level).containsExactly(Level.NORMAL);
  }

  @Test
  void binsAlreadySeenAreSkippedAndAGapBeforeNewBinsIsNoData() {
    DetectorConfig c = flat();
    DetectionResult first =
        MovingMedianDetector.detect(TimeSeries.of(T0, 300, new double[] {100, 100, 100, 100}), c);
    // Overlaps the first run by two bins; they are not processed twice.
    DetectionResult again =
        MovingMedianDetector.run(
            TimeSeries.of(T0 + 600, 300, new double[] {5, 5, 100}), first.state());
    assertThat(again.skipped()).isEqualTo(2);
    assertThat(again.ratio(0)).isNaN();
    assertThat(again.ratio(2)).isEqualTo(1.0);
    assertThat(again.events()).isEmpty();
    assertThat(again.state().nextTime()).isEqualTo(T0 + 1500);

    // Six bins later: the window of 12 bins still holds 5 values.
    DetectionResult later =
        MovingMedianDetector.run(TimeSeries.of(T0 + 3300, 300, new double[] {50}), again.state());
    assertThat(later.expected(0)).isEqualTo(100);
    assertThat(later.level(0)).isEqualTo(Level.WARNING);
    // Twelve bins later the window has only gaps: no baseline, no assessment.
    DetectionResult muchLater =
        MovingMedianDetector.run(TimeSeries.of(T0 + 7200, 300, new double[] {50}), again.state());
    assertThat(muchLater.expected(0)).isNaN();
    assertThat(muchLater.alerts()).isEmpty();
    // The input state was not changed by either run.
    assertThat(first.state().nextTime()).isEqualTo(T0 + 1200);
  }

  @Test
  void aBaselineOfZeroCannotFall() {
    double[] v = new double[40];
    v[30] = 5;
    DetectionResult r = MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), flat());
    assertThat(r.alerts()).isEmpty();
    assertThat(r.expected(31)).isZero();
    assertThat(r.ratio(31)).isNaN();
  }

  @Test
  void leadingGapsAreNoHistory() {
    // A series that starts with a day of nothing: the one-hour BGP warm-up begins at the first
    // value, not at the first bin.
    DetectorConfig bgp = DetectorConfig.forSignal("bgp.visible_slash24");
    double[] v = new double[300];
    java.util.Arrays.fill(v, 0, 288, Double.NaN);
    java.util.Arrays.fill(v, 288, 300, 1000);
    DetectionResult r = MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), bgp);
    assertThat(r.expected(299)).isNaN();
    DetectionResult later =
        MovingMedianDetector.run(
            TimeSeries.of(T0 + 300 * 300, 300, new double[] {1000, 1000}), r.state());
    assertThat(later.expected(0)).isEqualTo(1000);
  }

  @Test
  void bgpUsesThePlainMedianOfTheLastDay() {
    DetectorConfig bgp = DetectorConfig.forSignal("bgp.visible_slash24");
    double[] v = new double[400];
    for (int i = 0; i < v.length; i++) {
      v[i] = 1000 + (i % 7); // median of any 288 consecutive values is 1003
    }
    v[350] = 985; // 98.2 %: below IODA's 99 % for BGP
    DetectionResult r = MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), bgp);
    // Warm-up of one hour: 12 bins, then the median of what there is.
    assertThat(r.expected(11)).isNaN();
    assertThat(r.expected(12)).isEqualTo(1002.5); // even count: the mean of the middle two
    assertThat(r.expected(350)).isEqualTo(1003);
    assertThat(r.events())
        .singleElement()
        .satisfies(e -> assertThat(e.peakLevel()).isEqualTo(Level.WARNING));
  }

  /** A flat-series config: 1 h window (12 bins at 5 min), no rhythm, no warm-up. */
  static DetectorConfig flat() {
    return DetectorConfig.forSignal("traffic.test")
        .withWindowSeconds(HOUR)
        .withPeriodSeconds(0)
        .withWarmupSeconds(0);
  }
}
