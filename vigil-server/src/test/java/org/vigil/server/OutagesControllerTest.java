// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutagesControllerTest {
  @Test
  void conditionsNameTheThresholdCrossed() {
    double[] probe = StoreView.parseThresholds(Fixture.PROBE_CONFIG);
    assertThat(probe).containsExactly(0.8, 0.5);
    assertThat(OutagesController.condition("warning", probe)).isEqualTo("< 0.8");
    assertThat(OutagesController.condition("critical", probe)).isEqualTo("< 0.5");
    assertThat(OutagesController.condition("normal", probe)).isEqualTo("normal");
    assertThat(
            OutagesController.condition("warning", StoreView.parseThresholds(Fixture.BGP_CONFIG)))
        .isEqualTo("< 0.99");
  }

  @Test
  void withoutThresholdsConditionsNameTheLevel() {
    assertThat(StoreView.parseThresholds("custom detector")).isNull();
    assertThat(StoreView.parseThresholds("warningRatio=abc, criticalRatio=0.5")).isNull();
    assertThat(OutagesController.condition("warning", null)).isEqualTo("< warning");
    assertThat(OutagesController.condition("critical", null)).isEqualTo("< critical");
  }

  @Test
  void theMethodComesFromTheSavedBaseline() {
    assertThat(StoreView.parseMethod(Fixture.PROBE_CONFIG)).isEqualTo("median");
    assertThat(StoreView.parseMethod("DetectorConfig[warningRatio=0.8, baseline=MOVING_MEDIAN]"))
        .isEqualTo("median");
    assertThat(StoreView.parseMethod("DetectorConfig[warningRatio=0.8, baseline=SIMILAR_DAYS]"))
        .isEqualTo("similar_days");
    assertThat(StoreView.parseMethod("custom detector")).isEqualTo("median");
  }
}
