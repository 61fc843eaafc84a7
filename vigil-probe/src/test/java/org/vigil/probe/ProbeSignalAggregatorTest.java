// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.probe.TestTargets.block;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.core.Entity;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

class ProbeSignalAggregatorTest {
  static final Entity KZ = TestTargets.country("KZ");
  static final Entity AS = TestTargets.asn(9198);
  static final long T = 1_700_000_400L; // a multiple of 600
  static final BlockState U = BlockState.UP;
  static final BlockState D = BlockState.DOWN;
  static final BlockState Q = BlockState.UNCERTAIN;
  static final BlockState M = BlockState.MISSING;

  // blocks 0 and 1: KZ and AS9198; block 2: KZ; block 3: no entity
  final TargetList targets = TestTargets.uniform(4, 20, 1.0);
  final BlockEntities entities =
      network ->
          network == block(0) || network == block(1)
              ? List.of(KZ, AS)
              : network == block(2) ? List.of(KZ) : List.of();

  RoundResult round(long start, boolean complete, BlockState... states) {
    byte[] s = new byte[states.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) states[i].ordinal();
    }
    return new RoundResult(
        targets,
        start,
        600,
        complete,
        s,
        new RoundResult.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0),
        List.of());
  }

  static double[] values(Map<SignalKey, TimeSeries> m, Entity e, String signal) {
    return m.get(new SignalKey(e, signal)).values();
  }

  @Test
  void countsUpDownAndUncertainBlocksPerEntityPerRound() {
    ProbeSignalAggregator agg = ProbeSignalAggregator.create(targets, entities);
    assertThat(agg.entities()).containsExactly(KZ, AS);
    agg.add(round(T, true, U, U, U, U));
    agg.add(round(T + 600, false, U, D, D, U)); // the engine failed: a gap
    agg.add(round(T + 1200, true, U, D, Q, U));
    // T + 1800 never added: a gap
    agg.add(round(T + 2400, true, U, U, M, D)); // KZ: 1 of 3 blocks without data: a gap
    Map<SignalKey, TimeSeries> s = agg.series();

    assertThat(s).hasSize(6);
    TimeSeries up = s.get(new SignalKey(KZ, ProbeSignalAggregator.UP));
    assertThat(up.start()).isEqualTo(T);
    assertThat(up.step()).isEqualTo(600);
    double nan = Double.NaN;
    assertThat(up.values()).containsExactly(3, nan, 1, nan, nan);
    assertThat(values(s, KZ, ProbeSignalAggregator.DOWN)).containsExactly(0, nan, 1, nan, nan);
    assertThat(values(s, KZ, ProbeSignalAggregator.UNCERTAIN)).containsExactly(0, nan, 1, nan, nan);
    assertThat(values(s, AS, ProbeSignalAggregator.UP)).containsExactly(2, nan, 1, nan, 2);
    assertThat(values(s, AS, ProbeSignalAggregator.DOWN)).containsExactly(0, nan, 1, nan, 0);
  }

  @Test
  void givesOneRoundOnItsOwn() {
    ProbeSignalAggregator agg = ProbeSignalAggregator.create(targets, entities, 0.5);
    Map<SignalKey, TimeSeries> s = agg.series(round(T, true, U, D, M, U));
    assertThat(values(s, KZ, ProbeSignalAggregator.UP)).containsExactly(1);
    assertThat(values(s, KZ, ProbeSignalAggregator.DOWN)).containsExactly(1);
    assertThat(agg.series()).isEmpty(); // not added
  }

  @Test
  void refusesRoundsOfAnotherLength() {
    ProbeSignalAggregator agg = ProbeSignalAggregator.create(targets, entities);
    agg.add(round(T, true, U, U, U, U));
    RoundResult other =
        new RoundResult(
            targets,
            T + 300,
            300,
            true,
            new byte[4],
            new RoundResult.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0),
            List.of());
    assertThatThrownBy(() -> agg.add(other)).hasMessageContaining("round of 300 s");
  }
}
