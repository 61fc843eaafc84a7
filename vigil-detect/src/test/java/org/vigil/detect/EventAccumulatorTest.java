// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventAccumulatorTest {
  @Test
  void baselineIsExactUpToTheSampleCap() {
    EventAccumulator a = new EventAccumulator(300);
    a.open(0);
    for (int i = 0; i < EventAccumulator.SAMPLE_CAP; i++) {
      a.add(Level.CRITICAL, 0, 1000 + i, 0);
    }
    // Median of 1000..3047.
    assertThat(a.toEvent(1L).baseline()).isEqualTo(2023.5);
  }

  @Test
  void longEventsKeepAnEvenlySpacedSample() {
    EventAccumulator a = new EventAccumulator(300);
    a.open(0);
    for (int i = 0; i < 5000; i++) {
      a.add(Level.WARNING, 0, 1000 + i, 0);
    }
    // Two halvings: every 4th bin, 0, 4, ..., 4996 (1250 values), whose median is 2498; the
    // exact median of 0..4999 would be 2499.5.
    assertThat(a.stride).isEqualTo(4);
    assertThat(a.sampleSize).isEqualTo(1250);
    SeriesEvent e = a.toEvent(null);
    assertThat(e.baseline()).isEqualTo(1000 + 2498.0);
    assertThat(e.score()).isEqualTo(5000 * 100.0 * 5);
    assertThat(e.peakLevel()).isEqualTo(Level.WARNING);
    assertThat(e.ongoing()).isTrue();
  }
}
