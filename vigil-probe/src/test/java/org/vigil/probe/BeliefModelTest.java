// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// Parameters: REFERENCE.md §3 (CAIDA/trinarkular lib/trinarkular_prober.c).
class BeliefModelTest {

  @Test
  void usesIodaParameters() {
    assertThat(BeliefModel.PRIOR).isEqualTo(0.99);
    assertThat(BeliefModel.P_REPLY_DOWN).isEqualTo(0.99 / 256);
    assertThat(BeliefModel.UP_THRESHOLD).isEqualTo(0.9);
    assertThat(BeliefModel.DOWN_THRESHOLD).isEqualTo(0.1);
    assertThat(BeliefModel.MIN_BELIEF).isEqualTo(0.01);
    assertThat(BeliefModel.MAX_BELIEF).isEqualTo(0.99);
    assertThat(BeliefModel.MIN_RESPONSIVE).isEqualTo(15);
    assertThat(BeliefModel.MIN_AVAILABILITY).isEqualTo(0.1);
    assertThat(BeliefModel.ADAPTIVE_BUDGET).isEqualTo(14);
  }

  @ParameterizedTest(name = "B={0} A={1} replied={2} -> {3}")
  @CsvSource({
    // values worked by hand from Bayes' rule, P(p|U)=A, P(p|~U)=0.99/256
    "0.99, 0.6, false, 0.975462371819976",
    "0.975462371819976, 0.6, false, 0.9410489520172343",
    "0.5, 0.6, false, 0.2865056937410817",
    "0.01, 0.9, true, 0.7015620718004932",
    // clamped above
    "0.5, 0.6, true, 0.99",
    // A = 1 is used as 0.99: one lost packet makes a block uncertain, not down
    "0.99, 1.0, false, 0.49845609204444885",
    // clamped below
    "0.02, 0.9, false, 0.01",
  })
  void updatesByBayesRule(double before, double a, boolean replied, double after) {
    assertThat(BeliefModel.update(before, a, replied)).isCloseTo(after, within(1e-12));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "0.99, UP",
    "0.9000001, UP",
    "0.9, UNCERTAIN",
    "0.5, UNCERTAIN",
    "0.1, UNCERTAIN",
    "0.0999999, DOWN",
    "0.01, DOWN"
  })
  void classifiesBeliefWithStrictThresholds(double belief, BlockState state) {
    assertThat(BeliefModel.state(belief)).isEqualTo(state);
  }

  @ParameterizedTest(name = "|E(b)|={0} A={1}: {2}")
  @CsvSource({
    "15, 0.1, true",
    "14, 0.9, false",
    "15, 0.0999, false",
    "256, 1.0, true",
    "0, 0.5, false"
  })
  void decidesEligibility(int responsive, double a, boolean eligible) {
    assertThat(BeliefModel.eligible(responsive, a)).isEqualTo(eligible);
  }

  @ParameterizedTest(name = "A={0}: {1} recovery probes")
  @CsvSource({
    // ceil(log 0.2 / log(1 - A)), capped at the 15 probes of a round
    "0.1, 15",
    "0.2, 8",
    "0.3, 5",
    "0.5, 3",
    "0.6, 2",
    "0.8, 1",
    "0.9, 1",
    "1.0, 1"
  })
  void sizesRecoveryProbing(double a, int probes) {
    assertThat(BeliefModel.recoveryProbes(a)).isEqualTo(probes);
  }

  @Test
  void backsOffRecoveryRounds() {
    StringBuilder rounds = new StringBuilder();
    for (int r = 1; r <= 64; r++) {
      if (BeliefModel.recoveryRound(r)) {
        rounds.append(r).append(' ');
      }
    }
    assertThat(rounds.toString().trim()).isEqualTo("1 2 3 4 8 16 32 48 64");
  }

  @Test
  void movesTowardUncertaintyAsIodaDefinesIt() {
    assertThat(BeliefModel.towardUncertainty(0.99, 0.97)).isTrue(); // up, falling
    assertThat(BeliefModel.towardUncertainty(0.99, 0.99)).isFalse(); // up, steady
    assertThat(BeliefModel.towardUncertainty(0.01, 0.70)).isTrue(); // down, rising
    assertThat(BeliefModel.towardUncertainty(0.01, 0.01)).isFalse(); // down, steady
    assertThat(BeliefModel.towardUncertainty(0.5, 0.6)).isTrue(); // uncertain, stays
    assertThat(BeliefModel.towardUncertainty(0.5, 0.99)).isFalse(); // uncertain, resolved
    assertThat(BeliefModel.towardUncertainty(0.5, 0.01)).isFalse();
  }

  @Test
  void aDeadBlockWithHighAvailabilityGoesDownOnItsThirdSilence() {
    double b = BeliefModel.PRIOR;
    int probes = 0;
    while (BeliefModel.state(b) != BlockState.DOWN) {
      b = BeliefModel.update(b, 0.9, false);
      probes++;
    }
    // 0.99 -> 0.909 (still up) -> 0.500 -> 0.092 (down)
    assertThat(probes).isEqualTo(3);
  }

  // Property: over random beliefs, availabilities and reply sequences, the belief stays clamped,
  // a reply never lowers it and silence never raises it.
  @RepeatedTest(50)
  void updatesStayClampedAndMonotone(RepetitionInfo info) {
    SplittableRandom random = new SplittableRandom(info.getCurrentRepetition() * 7919L);
    double a = 0.1 + random.nextDouble() * 0.9;
    double b = BeliefModel.clamp(random.nextDouble());
    for (int i = 0; i < 200; i++) {
      boolean replied = random.nextDouble() < 0.5;
      double next = BeliefModel.update(b, a, replied);
      assertThat(next).isBetween(BeliefModel.MIN_BELIEF, BeliefModel.MAX_BELIEF);
      if (replied) {
        assertThat(next).isGreaterThanOrEqualTo(b);
      } else {
        assertThat(next).isLessThanOrEqualTo(b);
      }
      b = next;
    }
  }

  // Property: for any eligible availability, a run of replies makes a block up and a long enough
  // run of silence makes it down.
  @RepeatedTest(50)
  void convergesOnConsistentEvidence(RepetitionInfo info) {
    SplittableRandom random = new SplittableRandom(info.getCurrentRepetition() * 104729L);
    double a = 0.1 + random.nextDouble() * 0.9;
    double b = BeliefModel.clamp(random.nextDouble());
    for (int i = 0; i < 3; i++) {
      b = BeliefModel.update(b, a, true);
    }
    assertThat(BeliefModel.state(b)).isEqualTo(BlockState.UP);
    for (int i = 0; i < 200; i++) {
      b = BeliefModel.update(b, a, false);
    }
    assertThat(BeliefModel.state(b)).isEqualTo(BlockState.DOWN);
  }
}
