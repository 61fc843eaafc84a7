// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.TimeSeries;

class DownsamplerTest {
  @Test
  void aShortEnoughSeriesKeepsItsNativeStep() {
    assertThat(Downsampler.factor(0, 3600 * 10, 3600, 10)).isEqualTo(1);
    TimeSeries s = TimeSeries.of(0, 3600, new double[] {1, 2});
    assertThat(Downsampler.mean(s, 1)).isSameAs(s);
  }

  @Test
  void meansSkipGapsAndAnEmptyBinIsAGap() {
    TimeSeries s = TimeSeries.of(0, 60, new double[] {1, Double.NaN, 3, Double.NaN, Double.NaN, 7});
    TimeSeries m = Downsampler.mean(s, 2);
    assertThat(m.step()).isEqualTo(120);
    assertThat(m.values()).containsExactly(1, 3, 7);
    TimeSeries gaps = Downsampler.mean(s, 3);
    assertThat(gaps.values()).containsExactly(2, 7);
    TimeSeries s2 = TimeSeries.of(0, 60, new double[] {1, 2, Double.NaN, Double.NaN});
    assertThat(Downsampler.mean(s2, 2).value(1)).isNaN();
  }

  @Test
  void anUnalignedWindowTakesOneBinMoreSoTheFactorGrows() {
    // 96 hours from 01:00: 10 bins of 10 h would start at 00:00 and need 10, which fits; 9 need 11
    // h.
    long from = 3600;
    long until = from + 96 * 3600;
    int f = Downsampler.factor(from, until, 3600, 10);
    long step = 3600L * f;
    long start = Downsampler.alignedStart(from, 3600, f);
    assertThat((until - start + step - 1) / step).isLessThanOrEqualTo(10);
    assertThat(f).isEqualTo(10);
  }

  /** Whatever the window and limit, at most maxPoints aligned bins cover the whole window. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void binsNeverExceedMaxPointsAndCoverTheWindow(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      int nativeStep = new int[] {60, 300, 600, 1800, 3600}[r.nextInt(5)];
      long from = 1_600_000_000L + r.nextLong(1_000_000);
      long until = from + 1 + r.nextLong(100L * 86_400 - 1);
      int maxPoints = 2 + r.nextInt(2000);
      int f = Downsampler.factor(from, until, nativeStep, maxPoints);
      long step = (long) nativeStep * f;
      long start = Downsampler.alignedStart(from, nativeStep, f);
      long bins = (until - start + step - 1) / step;
      assertThat(start % step).isZero();
      assertThat(start).isLessThanOrEqualTo(from);
      assertThat(start + bins * step).isGreaterThanOrEqualTo(until);
      assertThat(bins).isLessThanOrEqualTo(maxPoints);
      // Not wastefully wide: half the factor would not have fitted (or it is 1).
      if (f > 1) {
        long native0 = Math.floorDiv(from, nativeStep) * nativeStep;
        assertThat((until - native0 + nativeStep - 1) / nativeStep).isGreaterThan(maxPoints);
        assertThat((long) f)
            .isLessThanOrEqualTo(2 * ((until - native0) / nativeStep / maxPoints + 1));
      }
    }
  }

  @Test
  void oneBinCoversAWholeWindow() {
    int f = Downsampler.factor(1_641_168_000L, 1_641_168_000L + 86_400, 300, 1);
    long step = 300L * f;
    long start = Downsampler.alignedStart(1_641_168_000L, 300, f);
    assertThat(start + step).isGreaterThanOrEqualTo(1_641_168_000L + 86_400);
  }
}
