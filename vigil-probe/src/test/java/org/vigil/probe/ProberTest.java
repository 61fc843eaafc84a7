// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.probe.TestTargets.block;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.InputFormatException;

/** The prober over a simulated network on a virtual clock: no sleeps, no sockets. */
class ProberTest {
  /** 2023-11-14T22:20:00Z, a multiple of every round length used here. */
  static final long T0 = 1_700_000_400L * 1_000_000_000L;

  static final ProberConfig CONFIG =
      ProberConfig.defaults()
          .withRound(Duration.ofSeconds(60))
          .withRate(100)
          .withProbeTimeout(3)
          .withGrace(Duration.ofSeconds(2))
          .withPeriodicSpread(0.5)
          .withTick(Duration.ZERO);

  /** A network in which every address answers except those of the blocks in {@code dark}. */
  static SimulatedEngine engine(Set<Integer> dark) {
    return SimulatedEngine.create(
        (address, t) ->
            dark.contains(address & 0xFFFF_FF00)
                ? SimulatedEngine.Outcome.NO_REPLY
                : SimulatedEngine.Outcome.REPLY,
        T0,
        Duration.ofMillis(20),
        Duration.ofSeconds(3));
  }

  @Test
  void upBlocksStayUpOnOnePeriodicProbeEachPerRound() {
    TargetList targets = TestTargets.uniform(10, 20, 1.0);
    SimulatedEngine engine = engine(Set.of());
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    for (int r = 0; r < 3; r++) {
      RoundResult round = prober.runRound();
      assertThat(round.complete()).isTrue();
      assertThat(round.start()).isEqualTo(T0 / 1_000_000_000L + 60L * r);
      assertThat(round.count(BlockState.UP)).isEqualTo(10);
      assertThat(round.counts().periodic()).isEqualTo(10);
      assertThat(round.counts().adaptive()).isZero();
      assertThat(round.counts().replies()).isEqualTo(10);
    }
  }

  @Test
  void aBlockThatGoesDarkIsDownThatRoundAndUpTheRoundItReturns() {
    TargetList targets = TestTargets.uniform(10, 20, 1.0);
    Set<Integer> dark = new HashSet<>();
    SimulatedEngine engine = engine(dark);
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    assertThat(prober.runRound().stateOf(block(3))).isEqualTo(BlockState.UP);

    dark.add(block(3));
    RoundResult cut = prober.runRound();
    assertThat(cut.stateOf(block(3))).isEqualTo(BlockState.DOWN);
    assertThat(cut.count(BlockState.UP)).isEqualTo(9);
    // A = 1 is used as 0.99: the first silence makes the block uncertain, one adaptive probe more
    // makes it down
    assertThat(cut.counts().adaptive()).isEqualTo(1);
    assertThat(prober.belief(block(3))).isEqualTo((float) BeliefModel.MIN_BELIEF);

    dark.clear();
    RoundResult back = prober.runRound();
    assertThat(back.stateOf(block(3))).isEqualTo(BlockState.UP);
    assertThat(back.count(BlockState.UP)).isEqualTo(10);
  }

  @Test
  void aLowAvailabilityBlockThatStaysSilentRunsOutOfBudgetAndIsUncertain() {
    TargetList targets = TestTargets.uniform(1, 20, 0.1);
    SimulatedEngine engine = engine(Set.of(block(0)));
    engine.recordSends(true);
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    RoundResult r = prober.runRound();
    // 15 silences move A = 0.1 from 0.99 only to 0.95; the budget is spent while it still falls,
    // so IODA sets the belief to 0.5
    assertThat(r.counts().sent()).isEqualTo(BeliefModel.ROUND_PROBES);
    assertThat(r.counts().exhausted()).isEqualTo(1);
    assertThat(r.stateOf(block(0))).isEqualTo(BlockState.UNCERTAIN);
    assertThat(prober.belief(block(0))).isEqualTo((float) BeliefModel.EXHAUSTED_BELIEF);
    assertThat(engine.sentCount()).isEqualTo(15);
  }

  @Test
  void downBlocksGetRecoveryProbesWithBackOff() {
    TargetList targets = TestTargets.uniform(1, 20, 0.5); // 3 recovery probes a round
    SimulatedEngine engine = engine(Set.of(block(0)));
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    RoundResult first = prober.runRound();
    assertThat(first.stateOf(block(0))).isEqualTo(BlockState.DOWN);
    List<Long> recovery = new ArrayList<>();
    for (int roundsDown = 1; roundsDown <= 9; roundsDown++) {
      RoundResult r = prober.runRound();
      assertThat(r.stateOf(block(0))).isEqualTo(BlockState.DOWN);
      assertThat(r.counts().periodic()).isEqualTo(1);
      recovery.add(r.counts().recovery());
    }
    // rounds down 1-4 and 8: the periodic probe and 2 recovery probes; otherwise the periodic only
    assertThat(recovery).containsExactly(2L, 2L, 2L, 2L, 0L, 0L, 0L, 2L, 0L);
  }

  @Test
  void aRecoveredLowAvailabilityBlockIsFoundByRecoveryProbes() {
    TargetList targets = TestTargets.uniform(1, 20, 0.5);
    Set<Integer> dark = new HashSet<>(Set.of(block(0)));
    // half the hosts answer: the periodic probe alone might miss, recovery probes try others
    SimulatedEngine engine =
        SimulatedEngine.create(
            (address, t) ->
                dark.isEmpty() && (address & 1) == 0
                    ? SimulatedEngine.Outcome.REPLY
                    : SimulatedEngine.Outcome.NO_REPLY,
            T0,
            Duration.ofMillis(20),
            Duration.ofSeconds(3));
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    assertThat(prober.runRound().stateOf(block(0))).isEqualTo(BlockState.DOWN);
    assertThat(prober.runRound().stateOf(block(0))).isEqualTo(BlockState.DOWN);
    dark.clear();
    RoundResult back = prober.runRound();
    assertThat(back.stateOf(block(0))).isEqualTo(BlockState.UP);
  }

  @Test
  void anEngineCrashMakesTheRoundIncompleteNotDown() {
    TargetList targets = TestTargets.uniform(10, 20, 1.0);
    SimulatedEngine engine = engine(Set.of());
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    prober.runRound();
    engine.crashAt(T0 + 60_000_000_000L + 10_000_000_000L); // 10 s into the second round
    RoundResult crashed = prober.runRound();
    assertThat(crashed.complete()).isFalse();
    assertThat(crashed.counts().engineRestarts()).isEqualTo(1);
    assertThat(crashed.incidents()).singleElement().asString().contains("exited");
    assertThat(crashed.count(BlockState.DOWN)).isZero();
    assertThat(engine.restarts()).isEqualTo(1);
    RoundResult after = prober.runRound();
    assertThat(after.complete()).isTrue();
    assertThat(after.count(BlockState.UP)).isEqualTo(10);
  }

  @Test
  void aHungEngineIsDetectedAndRestarted() {
    TargetList targets = TestTargets.uniform(10, 20, 1.0);
    SimulatedEngine engine = engine(Set.of());
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    prober.runRound();
    engine.hangAt(T0 + 60_000_000_000L + 5_000_000_000L);
    RoundResult hung = prober.runRound();
    assertThat(hung.complete()).isFalse();
    assertThat(hung.incidents()).singleElement().asString().contains("hung");
    assertThat(hung.count(BlockState.DOWN)).isZero();
    assertThat(engine.restarts()).isEqualTo(1);
    assertThat(prober.runRound().complete()).isTrue();
  }

  @Test
  void aTargetWithoutRecordsIsMissingNotDown() {
    TargetList targets = TestTargets.uniform(10, 20, 1.0);
    SimulatedEngine engine =
        SimulatedEngine.create(
            (address, t) ->
                (address & 0xFFFF_FF00) == block(4)
                    ? SimulatedEngine.Outcome.NO_RECORD
                    : SimulatedEngine.Outcome.REPLY,
            T0,
            Duration.ofMillis(20),
            Duration.ofSeconds(3));
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    for (int r = 0; r < 3; r++) {
      RoundResult round = prober.runRound();
      assertThat(round.complete()).isTrue();
      assertThat(round.stateOf(block(4))).isEqualTo(BlockState.MISSING);
      assertThat(round.count(BlockState.UP)).isEqualTo(9);
      assertThat(round.counts().noRecord()).isEqualTo(1);
    }
  }

  @Test
  void resumesFromSavedState(@TempDir Path dir) throws IOException {
    TargetList targets = TestTargets.uniform(4, 20, 0.5);
    Set<Integer> dark = Set.of(block(2));
    SimulatedEngine engine = engine(dark);
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    prober.runRound();
    prober.runRound();
    Path state = dir.resolve("prober.state");
    prober.saveState(state);

    // a new process: new prober, engine and clock, one minute later
    SimulatedEngine engine2 = engine(dark);
    engine2.advanceTo(engine.nowNanos() + 60_000_000_000L);
    Prober resumed = Prober.create(targets, engine2, engine2.clock(), CONFIG);
    assertThat(resumed.loadState(state)).isEqualTo(4);
    assertThat(resumed.lastRoundStart()).isEqualTo(prober.lastRoundStart());
    assertThat(resumed.belief(block(2))).isEqualTo(prober.belief(block(2)));
    RoundResult next = resumed.runRound();
    // still down from the first probe: no round of prior belief to climb down from
    assertThat(next.stateOf(block(2))).isEqualTo(BlockState.DOWN);
    assertThat(next.counts().recovery()).isEqualTo(2); // recovery rounds continue
    assertThat(next.start()).isGreaterThan(prober.lastRoundStart());
  }

  @Test
  void rejectsAStateFileThatIsNotOne(@TempDir Path dir) throws IOException {
    TargetList targets = TestTargets.uniform(2, 20, 1.0);
    SimulatedEngine engine = engine(Set.of());
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "this is not a state file at all, but long enough");
    assertThatThrownBy(() -> prober.loadState(junk))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("not a Vigil prober state file");

    Path state = dir.resolve("state");
    prober.runRound();
    prober.saveState(state);
    byte[] bytes = Files.readAllBytes(state);
    bytes[40] ^= 1;
    Files.write(state, bytes);
    assertThatThrownBy(() -> prober.loadState(state))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aSlowListenerDelaysTheNextRoundButDoesNotCostIt() {
    TargetList targets = TestTargets.uniform(10, 20, 1.0);
    SimulatedEngine engine = engine(Set.of());
    engine.recordSends(true);
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    long first = prober.runRound().start();
    engine.advanceTo(engine.nowNanos() + 20_000_000_000L); // storing the round took 20 s
    int before = engine.sentCount();
    RoundResult late = prober.runRound();
    assertThat(late.start()).isEqualTo(first + 60);
    assertThat(late.complete()).isTrue();
    assertThat(late.count(BlockState.UP)).isEqualTo(10);
    // the periodic probes due in the lost 20 s go at once, still paced by the rate
    for (int i = before + 1; i < engine.sentCount(); i++) {
      assertThat(engine.sentAt(i) - engine.sentAt(i - 1)).isGreaterThanOrEqualTo(10_000_000L);
    }
    // later than a whole round: that round is lost (a gap), the next boundary is next
    engine.advanceTo(engine.nowNanos() + 70_000_000_000L);
    assertThat(prober.runRound().start()).isEqualTo(first + 240);
  }

  @Test
  void refusesARateTooLowForOnePeriodicProbePerBlock() {
    TargetList targets = TestTargets.uniform(100, 20, 1.0);
    SimulatedEngine engine = engine(Set.of());
    assertThatThrownBy(() -> Prober.create(targets, engine, engine.clock(), CONFIG.withRate(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100 blocks need at least 4 probes per second");
  }

  @Test
  void probesOnlyEligibleBlocks() {
    TargetList.Builder b = TargetList.builder();
    for (int h = 1; h <= 20; h++) {
      b.add(block(0) | h, 1.0);
    }
    for (int h = 1; h <= 14; h++) {
      b.add(block(1) | h, 1.0); // too few hosts
    }
    for (int h = 1; h <= 30; h++) {
      b.add(block(2) | h, 0.05); // too low an availability
    }
    TargetList targets = b.build();
    SimulatedEngine engine = engine(Set.of());
    engine.recordSends(true);
    Prober prober = Prober.create(targets, engine, engine.clock(), CONFIG);
    RoundResult r = prober.runRound();
    assertThat(r.stateOf(block(1))).isEqualTo(BlockState.INELIGIBLE);
    assertThat(r.stateOf(block(2))).isEqualTo(BlockState.INELIGIBLE);
    assertThat(engine.sentCount()).isEqualTo(1);
    assertThat(engine.sentTo(0) & 0xFFFF_FF00).isEqualTo(block(0));
  }
}
