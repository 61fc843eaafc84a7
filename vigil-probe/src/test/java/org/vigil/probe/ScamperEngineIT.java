// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * The scamper engine as a real subprocess, on loopback only (every address of 127.0.0.0/8 answers
 * there): results come back matched to their probes, a killed scamper is detected and replaced, a
 * stopped (hung) one too, and warts files convert through {@code sc_warts2json}.
 */
class ScamperEngineIT {

  private static long now() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void probesLoopbackAndMatchesResultsToProbes() {
    Map<Integer, Boolean> results = new HashMap<>();
    try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.defaults(100, 1))) {
      for (int h = 1; h <= 5; h++) {
        engine.send(1000 + h, ip("127.0.0." + h));
      }
      engine.send(-7, ip("127.0.0.9")); // ids are unsigned to scamper, signed here
      long deadline = now() + 5_000_000_000L;
      while (results.size() < 6 && now() < deadline) {
        engine.poll(
            deadline,
            (id, address, replied, rtt) -> {
              assertThat(address)
                  .isEqualTo(id == -7 ? ip("127.0.0.9") : ip("127.0.0.0") + id - 1000);
              assertThat(rtt).isNotNegative();
              results.put(id, replied);
            });
      }
      assertThat(engine.malformedRecords()).isZero();
    }
    System.out.println("ScamperEngineIT: loopback results " + results);
    assertThat(results).hasSize(6).allSatisfy((id, replied) -> assertThat(replied).isTrue());
  }

  /** Kills scamper (signal 9) or stops it (SIGSTOP: alive but silent) on the n-th probe. */
  static final class Saboteur implements ProbeEngine {
    final ScamperEngine engine;
    int sends;
    int sabotageAt = -1;
    String signal;

    Saboteur(ScamperEngine engine) {
      this.engine = engine;
    }

    @Override
    public void send(int id, int address) {
      engine.send(id, address);
      if (++sends == sabotageAt) {
        long pid = engine.pid().orElseThrow();
        try {
          engine.poll(now(), (i, a, r, t) -> {}); // flush the probe to scamper first
        } catch (ProbeEngineException ignored) {
          // cannot happen before the signal
        }
        try {
          Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
          kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        System.out.println("ScamperEngineIT: sent SIG" + signal + " to scamper " + pid);
      }
    }

    @Override
    public void poll(long deadlineNanos, ResultSink sink) {
      engine.poll(deadlineNanos, sink);
    }

    @Override
    public void restart() {
      engine.restart();
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  @Test
  void detectsAKilledAndAHungScamperAndRestartsIt() throws IOException {
    TargetList.Builder b = TargetList.builder();
    for (int k = 1; k <= 8; k++) {
      for (int h = 1; h <= 20; h++) {
        b.add(ip("127.0." + k + "." + h), 1.0);
      }
    }
    TargetList targets = b.build();
    ProberConfig config =
        ProberConfig.defaults()
            .withRound(Duration.ofSeconds(4))
            .withRate(100)
            .withProbeTimeout(1)
            .withGrace(Duration.ofMillis(500))
            .withPeriodicSpread(0.3);
    List<RoundResult> rounds = new ArrayList<>();
    try (Saboteur engine = new Saboteur(ScamperEngine.start(ScamperEngine.Options.of(config)))) {
      Prober prober = Prober.create(targets, engine, InstantSource.system(), config);
      prober.run(
          4,
          r -> {
            rounds.add(r);
            System.out.println("ScamperEngineIT: " + r + " " + r.incidents());
            if (rounds.size() == 1) {
              engine.sabotageAt = engine.sends + 2; // the second probe of round 2
              engine.signal = "KILL";
            } else if (rounds.size() == 2) {
              engine.sabotageAt = engine.sends + 2;
              engine.signal = "STOP";
            }
          });
      assertThat(engine.engine.starts()).isEqualTo(3);
    }
    assertThat(rounds).extracting(RoundResult::complete).containsExactly(true, false, false, true);
    assertThat(rounds.get(1).incidents())
        .singleElement()
        .asString()
        .contains("exited with status 137");
    assertThat(rounds.get(2).incidents()).singleElement().asString().contains("hung");
    // an engine failure is missing data, never "down"
    assertThat(rounds).allMatch(r -> r.count(BlockState.DOWN) == 0);
    assertThat(rounds.get(3).count(BlockState.UP)).isEqualTo(8);
    // and the signals have gaps where the engine failed
    ProbeSignalAggregator agg =
        ProbeSignalAggregator.create(targets, network -> List.of(TestTargets.country("KZ")));
    rounds.forEach(agg::add);
    TimeSeries up =
        agg.series().get(new SignalKey(TestTargets.country("KZ"), ProbeSignalAggregator.UP));
    assertThat(up.values()).containsExactly(8, Double.NaN, Double.NaN, 8);
  }

  @Test
  void readsWartsThroughSc_warts2json(@TempDir Path dir) throws IOException {
    Path warts = ScamperJsonReaderTest.resource("ping-loopback.warts");
    List<ScamperPing> pings = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    ScamperJsonReader.Stats s =
        ScamperJsonReader.readWarts(warts, "sc_warts2json", pings::add, problems::add);
    assertThat(problems).isEmpty();
    assertThat(s.pings()).isEqualTo(2);
    assertThat(pings).allMatch(ScamperPing::replied);

    // and the importer takes .warts files through the same converter
    Path copy = dir.resolve("loopback.warts");
    Files.copy(warts, copy);
    ProbeImport.Result r =
        ProbeImport.importFiles(
            List.of(copy), BlockEntities.none(), ProbeImport.Options.defaults(), problems::add);
    assertThat(r.stats().results()).isEqualTo(3); // -c 1 and -c 2
  }
}
