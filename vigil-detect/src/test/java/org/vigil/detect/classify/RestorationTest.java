// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RestorationTest {
  static final long T0 = Kz.utc(5, 0, 0);
  static final int H = 3_600;

  /** Hourly ratios from T0: {@code runs} is pairs of (hours, ratio). */
  static RatioTrack track(double... runs) {
    int n = 0;
    for (int i = 0; i < runs.length; i += 2) {
      n += (int) runs[i];
    }
    double[] r = new double[n];
    int at = 0;
    for (int i = 0; i < runs.length; i += 2) {
      Arrays.fill(r, at, at + (int) runs[i], runs[i + 1]);
      at += (int) runs[i];
    }
    return new RatioTrack(T0, H, r);
  }

  @Test
  void backToNormalForADayIsFull() {
    RatioTrack t = track(10, 1.0, 20, 0.02, 30, 0.98);
    assertThat(Restoration.classify(t, T0)).contains(Restoration.FULL);
  }

  @Test
  void backToHalfOrMoreButUnderNinetyPercentIsPartial() {
    // Jan 7-10: infrastructure networks back, end users not.
    RatioTrack t = track(10, 1.0, 20, 0.02, 30, 0.6);
    assertThat(Restoration.classify(t, T0)).contains(Restoration.PARTIAL);
    assertThat(Restoration.classify(track(10, 1.0, 20, 0.02, 30, 0.89), T0))
        .contains(Restoration.PARTIAL);
  }

  @Test
  void backThenDownAgainWithinADayIsUnstable() {
    // Jan 6, RIPE Atlas: partially restored for about 3 h, then down again.
    RatioTrack t = track(10, 1.0, 14, 0.02, 3, 0.7, 10, 0.02);
    assertThat(Restoration.classify(t, T0)).contains(Restoration.UNSTABLE);
    // Decided as soon as it falls: no need to wait for the day.
    assertThat(Restoration.classify(track(2, 0.02, 3, 1.0, 1, 0.1), T0))
        .contains(Restoration.UNSTABLE);
  }

  @Test
  void aFallMoreThanADayAfterTheReturnIsAnotherCut() {
    RatioTrack t = track(2, 0.02, 25, 1.0, 5, 0.02);
    assertThat(Restoration.classify(t, T0)).contains(Restoration.FULL);
  }

  @Test
  void aSlowRampBackToNormalIsFull() {
    RatioTrack t = track(5, 0.02, 1, 0.5, 1, 0.6, 1, 0.7, 1, 0.8, 1, 0.9, 30, 1.0);
    assertThat(Restoration.classify(t, T0)).contains(Restoration.FULL);
  }

  @Test
  void tooEarlyNotReturnedOrNeverCutIsNotKnown() {
    assertThat(Restoration.classify(track(5, 0.02, 10, 1.0), T0)).isEmpty(); // 10 h seen
    assertThat(Restoration.classify(track(5, 1.0, 30, 0.02), T0)).isEmpty(); // still cut
    assertThat(Restoration.classify(track(5, 1.0, 30, 0.6, 30, 1.0), T0)).isEmpty(); // partial
    assertThat(Restoration.classify(track(), T0)).isEmpty();
  }

  @Test
  void gapsAreSkippedAndTheCutIsTheFirstFromItsStart() {
    double nan = Double.NaN;
    RatioTrack gappy = track(2, 0.02, 3, nan, 1, 1.0, 10, nan, 14, 0.97);
    assertThat(Restoration.classify(gappy, T0)).contains(Restoration.FULL);
    // Less than half of the day after the return assessed says nothing.
    assertThat(Restoration.classify(track(2, 0.02, 1, 1.0, 30, nan), T0)).isEmpty();
    assertThat(Restoration.classify(track(2, 0.02, 11, 1.0, 30, nan), T0)).isEmpty();
    assertThat(Restoration.classify(track(2, 0.02, 12, 1.0, 30, nan), T0))
        .contains(Restoration.FULL);
    // Two cuts: the first returns at hour 2 and falls again at hour 10 (unstable); the second,
    // from hour 10, returns to 0.6 and stays there.
    RatioTrack two = track(2, 0.02, 8, 1.0, 5, 0.02, 30, 0.6);
    assertThat(Restoration.classify(two, T0)).contains(Restoration.UNSTABLE);
    assertThat(Restoration.classify(two, T0 + 10 * H)).contains(Restoration.PARTIAL);
    assertThat(Restoration.classify(two, T0 + 10 * H + 1)).contains(Restoration.PARTIAL);
  }

  @Test
  void keysAreTheApiNames() {
    assertThat(Restoration.FULL.key()).isEqualTo("full");
    assertThat(Restoration.PARTIAL.key()).isEqualTo("partial");
    assertThat(Restoration.UNSTABLE.key()).isEqualTo("unstable");
  }
}
