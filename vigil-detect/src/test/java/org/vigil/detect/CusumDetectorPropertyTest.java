// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.vigil.core.TimeSeries;

/** Properties of {@link CusumDetector} over seeded random inputs (seed = repetition). */
class CusumDetectorPropertyTest {
  static final long START = 1_640_995_200L;

  private static double anyValue(SplittableRandom r) {
    return switch (r.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> Double.POSITIVE_INFINITY;
      case 2 -> -r.nextDouble() * 10;
      case 3 -> r.nextDouble() * 5;
      case 4 -> r.nextBoolean() ? 0 : 1;
      case 5 -> r.nextDouble() * 1e300;
      default -> r.nextDouble();
    };
  }

  @RepeatedTest(200)
  void neverThrowsAndKeepsItsInvariants(RepetitionInfo info) {
    SplittableRandom r = new SplittableRandom(info.getCurrentRepetition());
    int len = r.nextInt(400);
    double[] ratio = new double[len];
    double[] counts = new double[len + r.nextInt(5)];
    for (int i = 0; i < len; i++) {
      ratio[i] = r.nextInt(3) == 0 ? anyValue(r) : (r.nextDouble() < 0.5 ? 0.9 : 0.05);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] = r.nextInt(3) == 0 ? anyValue(r) : r.nextInt(20);
    }
    int offset = r.nextInt(20) - 10;
    CusumDetector d =
        CusumDetector.of(
            0.01 + r.nextDouble() * 0.2,
            0.3 + r.nextDouble() * 0.6,
            1 + r.nextInt(60),
            1 + r.nextInt(48),
            1 + r.nextInt(5));
    CusumDetector.Result result =
        d.detect(
            TimeSeries.of(START, 3600, ratio), TimeSeries.of(START + offset * 3600L, 3600, counts));
    assertThat(result.sPos().length()).isEqualTo(len);
    for (int i = 0; i < len; i++) {
      assertThat(result.sPos().value(i)).isNotNaN().isGreaterThanOrEqualTo(0);
      assertThat(result.sNeg().value(i)).isNotNaN().isGreaterThanOrEqualTo(0);
    }
    List<SeriesEvent> events = result.events();
    long previousEnd = Long.MIN_VALUE;
    for (int k = 0; k < events.size(); k++) {
      SeriesEvent e = events.get(k);
      assertThat(e.start()).isGreaterThanOrEqualTo(previousEnd);
      if (e.end() == null) {
        assertThat(k).isEqualTo(events.size() - 1);
      } else {
        assertThat(e.end()).isGreaterThan(e.start());
        previousEnd = e.end();
      }
    }
  }

  @RepeatedTest(100)
  void constantSeriesNeverAlert(RepetitionInfo info) {
    SplittableRandom r = new SplittableRandom(1000 + info.getCurrentRepetition());
    int len = 1 + r.nextInt(2000);
    double c = r.nextInt(4) == 0 ? r.nextInt(2) : r.nextDouble();
    double n = 1 + r.nextInt(50);
    double[] ratio = new double[len];
    double[] counts = new double[len];
    java.util.Arrays.fill(ratio, c);
    java.util.Arrays.fill(counts, n);
    CusumDetector.Result result =
        CusumDetector.defaults()
            .withMinMeasurements(1)
            .detect(TimeSeries.of(START, 3600, ratio), TimeSeries.of(START, 3600, counts));
    assertThat(result.events()).as("ratio %s, n %s", c, n).isEmpty();
  }

  @RepeatedTest(50)
  void shiftingTimeShiftsEvents(RepetitionInfo info) {
    long seed = 2000 + info.getCurrentRepetition();
    CusumDetectorTest.Hours w =
        CusumDetectorTest.Hours.generate(
            seed, 168, CusumDetectorTest.blockedFrom(84, 130), CusumDetectorTest.NO_GAPS);
    long shift = 3600L * (1 + new SplittableRandom(seed).nextInt(10_000));
    List<SeriesEvent> a = w.detect().events();
    List<SeriesEvent> b =
        CusumDetector.defaults()
            .detect(w.ratio().shifted(shift), w.counts().shifted(shift))
            .events();
    assertThat(b).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).start()).isEqualTo(a.get(i).start() + shift);
      assertThat(b.get(i).score()).isEqualTo(a.get(i).score());
    }
  }
}
