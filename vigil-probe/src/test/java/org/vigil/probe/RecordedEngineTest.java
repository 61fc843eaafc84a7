// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The prober driven by real scamper records ({@code ping-rounds.json}, see the README there): a
 * namespace up, cut, and up again, ten seconds apart; and a /24 whose router answers only ICMP
 * unreachable.
 */
class RecordedEngineTest {

  @Test
  void followsARecordedCutAndDoesNotTakeUnreachablesForReplies() throws IOException {
    TargetList.Builder b = TargetList.builder();
    for (int h = 1; h <= 20; h++) {
      b.add(ip("198.18.1.0") | h, 1.0);
      b.add(ip("198.18.4.0") | h, 1.0); // listed as responsive; the recording says unreachable
    }
    TargetList targets = b.build();
    long start = 1_700_000_000L * 1_000_000_000L; // a multiple of 10 s
    List<Problem> problems = new ArrayList<>();
    RecordedEngine engine;
    try (Reader r = Files.newBufferedReader(ScamperJsonReaderTest.resource("ping-rounds.json"))) {
      // read once to find the first record, then map virtual round starts to 3 s after it
      long first =
          RecordedEngine.fromScamperJson(r, "ping-rounds.json", problems::add, 0, 0)
              .firstRecordMicros();
      try (Reader again =
          Files.newBufferedReader(ScamperJsonReaderTest.resource("ping-rounds.json"))) {
        engine =
            RecordedEngine.fromScamperJson(
                again, "ping-rounds.json", problems::add, start, first * 1000 + 3_000_000_000L);
      }
    }
    assertThat(problems).isEmpty();
    assertThat(engine.stats().pings()).isEqualTo(120);

    ProberConfig config =
        ProberConfig.defaults()
            .withRound(Duration.ofSeconds(10))
            .withRate(100)
            .withProbeTimeout(1)
            .withGrace(Duration.ofSeconds(1))
            .withPeriodicSpread(0.2)
            .withTick(Duration.ZERO);
    Prober prober = Prober.create(targets, engine, engine.clock(), config);
    List<BlockState> namespace = new ArrayList<>();
    List<BlockState> unreachable = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      RoundResult r = prober.runRound();
      assertThat(r.complete()).isTrue();
      namespace.add(r.stateOf(ip("198.18.1.0")));
      unreachable.add(r.stateOf(ip("198.18.4.0")));
    }
    assertThat(namespace).containsExactly(BlockState.UP, BlockState.DOWN, BlockState.UP);
    assertThat(unreachable).containsExactly(BlockState.DOWN, BlockState.DOWN, BlockState.DOWN);
  }
}
