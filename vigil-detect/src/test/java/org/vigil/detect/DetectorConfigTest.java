// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetectorConfigTest {
  @Test
  void bgpFollowsIoda() {
    assertThat(DetectorConfig.forSignal("bgp.visible_slash24"))
        .isEqualTo(new DetectorConfig(86_400, 0.99, 0.5, 0.8, 2.0, 0, 3_600, 0, 0.05, 86_400));
    assertThat(DetectorConfig.forSignal("bgp")).isEqualTo(DetectorConfig.forSignal("bgp.updates"));
  }

  @Test
  void probingAndTelescopeFollowIodaWithADailyRhythm() {
    assertThat(DetectorConfig.forSignal("probe.up_slash24"))
        .isEqualTo(
            new DetectorConfig(604_800, 0.8, 0.5, 0.8, 2.0, 86_400, 86_400, 0, 0.05, 604_800));
    assertThat(DetectorConfig.forSignal("telescope.unique_sources"))
        .isEqualTo(
            new DetectorConfig(604_800, 0.25, 0.10, 0.8, 2.0, 86_400, 86_400, 0, 0.05, 604_800));
  }

  @ParameterizedTest
  @ValueSource(strings = {"traffic.requests", "index.latency", "ooni.whatsapp.blocked_ratio", "x"})
  void everythingElseGetsTheProbingDefaults(String signal) {
    assertThat(DetectorConfig.forSignal(signal))
        .isEqualTo(DetectorConfig.forSignal("probe.up_slash24"));
  }

  @Test
  void withersChangeOneFieldEach() {
    DetectorConfig c = DetectorConfig.forSignal("probe.x");
    assertThat(
            c.withWindowSeconds(1)
                .withWarningRatio(0.9)
                .withCriticalRatio(0.2)
                .withInpaintLow(0.5)
                .withInpaintHigh(3)
                .withPeriodSeconds(7)
                .withWarmupSeconds(8)
                .withMinDurationSeconds(9)
                .withRecoveryMargin(0.1)
                .withMaxInpaintSeconds(10))
        .isEqualTo(new DetectorConfig(1, 0.9, 0.2, 0.5, 3, 7, 8, 9, 0.1, 10));
  }

  @Test
  void theInpaintingLimitDefaultsToOneWindow() {
    // IODA's MovingStat: history 604800, inpainting maxduration 604800.
    assertThat(DetectorConfig.forSignal("probe.x").maxInpaintSeconds()).isEqualTo(604_800);
    assertThat(DetectorConfig.forSignal("telescope.x").maxInpaintSeconds()).isEqualTo(604_800);
    assertThat(DetectorConfig.forSignal("bgp.x").maxInpaintSeconds()).isEqualTo(86_400);
    // The constructor without the limit gives the default, one window.
    assertThat(new DetectorConfig(3_600, 0.8, 0.5, 0.8, 2.0, 0, 0, 0, 0.05))
        .isEqualTo(new DetectorConfig(3_600, 0.8, 0.5, 0.8, 2.0, 0, 0, 0, 0.05, 3_600));
    // 0 is no limit, and valid.
    assertThat(DetectorConfig.forSignal("probe.x").withMaxInpaintSeconds(0).maxInpaintSeconds())
        .isZero();
  }

  @Test
  void exitRatiosAddTheMarginInDecimal() {
    DetectorConfig probe = DetectorConfig.forSignal("probe.x");
    assertThat(probe.warningExitRatio()).isEqualTo(0.85);
    assertThat(probe.criticalExitRatio()).isEqualTo(0.55);
    assertThat(DetectorConfig.forSignal("bgp.x").warningExitRatio()).isEqualTo(1.0);
    DetectorConfig telescope = DetectorConfig.forSignal("telescope.x");
    assertThat(telescope.warningExitRatio()).isEqualTo(0.3);
    assertThat(telescope.criticalExitRatio()).isEqualTo(0.15);
    // Critical never needs more than warning to step down.
    assertThat(probe.withRecoveryMargin(0.9).criticalExitRatio()).isEqualTo(1.0);
  }

  @Test
  void rejectsNonsense() {
    DetectorConfig c = DetectorConfig.forSignal("probe.x");
    assertThatThrownBy(() -> c.withWindowSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withCriticalRatio(0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("criticalRatio <= warningRatio");
    assertThatThrownBy(() -> c.withWarningRatio(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withInpaintLow(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withPeriodSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withRecoveryMargin(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.withMaxInpaintSeconds(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInpaintSeconds");
  }

  @Test
  void levelsHaveIodaKeys() {
    assertThat(Level.NORMAL.key()).isEqualTo("normal");
    assertThat(Level.WARNING.key()).isEqualTo("warning");
    assertThat(Level.CRITICAL.key()).isEqualTo("critical");
    for (Level l : Level.values()) {
      assertThat(Level.fromKey(l.key())).isSameAs(l);
    }
    assertThatThrownBy(() -> Level.fromKey("error")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBaselineDefaultsToTheMovingMedianAndSimilarDaysToSix() {
    DetectorConfig c = DetectorConfig.forSignal("probe.x");
    assertThat(c.baseline()).isEqualTo(Baseline.MOVING_MEDIAN);
    assertThat(c.similarDays()).isEqualTo(6);
    assertThat(DetectorConfig.forSignal("probe.x", Baseline.MOVING_MEDIAN)).isEqualTo(c);
  }

  @Test
  void similarDaysKeepsTheFamilysThresholdsOverTwentyEightDays() {
    assertThat(DetectorConfig.forSignal("bgp.visible_slash24", Baseline.SIMILAR_DAYS))
        .isEqualTo(
            new DetectorConfig(
                28 * 86_400,
                0.99,
                0.5,
                0.8,
                2.0,
                86_400,
                3_600,
                0,
                0.05,
                86_400,
                Baseline.SIMILAR_DAYS,
                6));
    assertThat(DetectorConfig.forSignal("telescope.x", Baseline.SIMILAR_DAYS).warningRatio())
        .isEqualTo(0.25);
    assertThat(
            DetectorConfig.forSignal("probe.x")
                .withBaseline(Baseline.SIMILAR_DAYS)
                .withSimilarDays(4)
                .similarDays())
        .isEqualTo(4);
  }

  @Test
  void similarDaysNeedsADayAndTwoOfThemAndSensibleCounts() {
    DetectorConfig bgp = DetectorConfig.forSignal("bgp.x"); // no period
    assertThatThrownBy(() -> bgp.withBaseline(Baseline.SIMILAR_DAYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("day length");
    DetectorConfig sd = DetectorConfig.forSignal("probe.x", Baseline.SIMILAR_DAYS);
    assertThatThrownBy(() -> sd.withWindowSeconds(86_400 + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two days");
    assertThatThrownBy(() -> sd.withPeriodSeconds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sd.withSimilarDays(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("similarDays");
    assertThatThrownBy(() -> sd.withSimilarDays(367)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sd.withBaseline(null)).isInstanceOf(NullPointerException.class);
    // The moving median does not use the count, but it must still be valid.
    assertThatThrownBy(() -> DetectorConfig.forSignal("probe.x").withSimilarDays(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void baselinesHaveKeys() {
    assertThat(Baseline.MOVING_MEDIAN.key()).isEqualTo("moving-median");
    assertThat(Baseline.SIMILAR_DAYS.key()).isEqualTo("similar-days");
    assertThat(Baseline.fromKey(" Similar_Days ")).isEqualTo(Baseline.SIMILAR_DAYS);
    for (Baseline b : Baseline.values()) {
      assertThat(Baseline.fromKey(b.key())).isSameAs(b);
    }
    assertThatThrownBy(() -> Baseline.fromKey("sarima"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("similar-days");
  }
}
