// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.vigil.detect.Synthetic.T0;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.core.TimeSeries;

/**
 * The alert machine through the detector, on a flat series of 100 whose baseline stays 100: each
 * value below is then its own ratio in percent.
 */
class AlertMachineTest {
  static final DetectorConfig FLAT = MovingMedianDetectorTest.flat(); // 0.8 / 0.5, margin 0.05

  /** Four bins of 100 to warm up, then {@code tail}; bins are 5 minutes. */
  static DetectionResult feed(DetectorConfig c, double... tail) {
    double[] v = new double[4 + tail.length];
    java.util.Arrays.fill(v, 0, 4, 100);
    System.arraycopy(tail, 0, v, 4, tail.length);
    return MovingMedianDetector.detect(TimeSeries.of(T0, 300, v), c);
  }

  static long t(int tailIndex) {
    return T0 + (4L + tailIndex) * 300;
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource({
    "0.79, NORMAL, WARNING",
    "0.80, NORMAL, NORMAL",
    "0.49, NORMAL, CRITICAL",
    "0.50, NORMAL, WARNING",
    "0.84, WARNING, WARNING", // below 0.8 + 0.05: the warning holds
    "0.85, WARNING, NORMAL",
    "0.49, WARNING, CRITICAL",
    "0.54, CRITICAL, CRITICAL", // below 0.5 + 0.05: still critical
    "0.55, CRITICAL, WARNING",
    "0.85, CRITICAL, NORMAL"
  })
  void classifiesWithHysteresis(double ratio, Level current, Level expected) {
    assertThat(AlertMachine.classify(ratio, current, FLAT)).isEqualTo(expected);
  }

  @Test
  void bgpRecoveryThresholdIsCappedAtOne() {
    DetectorConfig bgp = DetectorConfig.forSignal("bgp.visible_slash24");
    assertThat(bgp.warningExitRatio()).isEqualTo(1.0);
    assertThat(AlertMachine.classify(0.995, Level.WARNING, bgp)).isEqualTo(Level.WARNING);
    assertThat(AlertMachine.classify(1.0, Level.WARNING, bgp)).isEqualTo(Level.NORMAL);
  }

  @Test
  void aWarningEndsOnlyWhenTheRatioClearsTheMargin() {
    DetectionResult r = feed(FLAT, 79, 82, 84, 86, 100);
    assertThat(r.alerts())
        .extracting(Alert::time, Alert::level)
        .containsExactly(tuple(t(0), Level.WARNING), tuple(t(3), Level.NORMAL));
    assertThat(r.level(4 + 2)).isEqualTo(Level.WARNING);
  }

  @Test
  void criticalStepsDownToWarningThenNormal() {
    DetectionResult r = feed(FLAT, 40, 52, 56, 83, 90);
    assertThat(r.alerts())
        .extracting(Alert::time, Alert::level, Alert::value, Alert::ratio)
        .containsExactly(
            tuple(t(0), Level.CRITICAL, 40.0, 0.4),
            tuple(t(2), Level.WARNING, 56.0, 0.56),
            tuple(t(4), Level.NORMAL, 90.0, 0.9));
    assertThat(r.events()).singleElement().extracting(SeriesEvent::end).isEqualTo(t(4));
  }

  @Test
  void minimumDurationDropsShortDips() {
    DetectorConfig c = FLAT.withMinDurationSeconds(1800); // six 5-minute bins
    DetectionResult r = feed(c, 40, 40, 40, 40, 40, 100, 100);
    assertThat(r.alerts()).isEmpty();
    assertThat(r.events()).isEmpty();
    // The per-bin levels still show the dip: the minimum duration applies to alerts.
    assertThat(r.level(4)).isEqualTo(Level.CRITICAL);
  }

  @Test
  void aConfirmedAlertIsBackdatedToItsFirstBin() {
    DetectorConfig c = FLAT.withMinDurationSeconds(1800);
    DetectionResult r = feed(c, 40, 40, 70, 70, 70, 70, 70, 100);
    // Confirmed at the sixth bin, but both held-back transitions keep their own times.
    assertThat(r.alerts())
        .extracting(Alert::time, Alert::level)
        .containsExactly(
            tuple(t(0), Level.CRITICAL), tuple(t(2), Level.WARNING), tuple(t(7), Level.NORMAL));
    assertThat(r.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.start()).isEqualTo(t(0));
              assertThat(e.end()).isEqualTo(t(7));
              assertThat(e.peakLevel()).isEqualTo(Level.CRITICAL);
            });
  }

  @Test
  void anUnconfirmedRunAtTheEndIsNotReportedButResumesLater() {
    DetectorConfig c = FLAT.withMinDurationSeconds(1800);
    DetectionResult first = feed(c, 40, 40, 40);
    assertThat(first.events()).isEmpty();
    assertThat(first.state().alertMachine().level()).isEqualTo(Level.CRITICAL);
    assertThat(first.state().alertMachine().alerting()).isFalse();

    DetectionResult second =
        MovingMedianDetector.run(
            TimeSeries.of(t(3), 300, new double[] {40, 40, 40}),
            DetectorState.fromBytes(first.state().toBytes()));
    assertThat(second.alerts()).extracting(Alert::time).containsExactly(t(0));
    assertThat(second.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.start()).isEqualTo(t(0));
              assertThat(e.ongoing()).isTrue();
              assertThat(e.score()).isEqualTo(6 * 60 * 5.0);
            });
  }

  @Test
  void zeroMinimumDurationMeansOneBin() {
    DetectionResult r = feed(FLAT, 100, 40, 100);
    assertThat(r.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.start()).isEqualTo(t(1));
              assertThat(e.end()).isEqualTo(t(2));
            });
  }

  @Test
  void gapsKeepTheState() {
    DetectionResult r = feed(FLAT, 40, Double.NaN, Double.NaN, 90, Double.NaN, 40);
    assertThat(r.alerts())
        .extracting(Alert::time, Alert::level)
        .containsExactly(
            tuple(t(0), Level.CRITICAL), tuple(t(3), Level.NORMAL), tuple(t(5), Level.CRITICAL));
  }
}
