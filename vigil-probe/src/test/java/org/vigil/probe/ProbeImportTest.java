// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigil.probe.TestTargets.block;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.Entity;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.probe.internal.Ipv4;

class ProbeImportTest {
  static final long T = 1_700_000_400L; // a multiple of 600
  static final Entity KZ = TestTargets.country("KZ");
  static final BlockEntities KAZAKHSTAN = network -> List.of(KZ);

  /**
   * Rounds 0 to 4 of two blocks of 20 hosts, each host probed once a round: block 1 always answers;
   * block 2 is silent in round 1; round 3 has no results at all.
   */
  static String csv(int fromRound, int toRound) {
    StringBuilder sb = new StringBuilder("time,address,responded,rtt_ms\n");
    for (int r = fromRound; r <= toRound; r++) {
      if (r == 3) {
        continue;
      }
      for (int h = 1; h <= 20; h++) {
        long t = T + 600L * r + h * 10L;
        sb.append(t).append(',').append(Ipv4.format(block(1) | h)).append(",1,12.5\n");
        boolean answers = r != 1;
        sb.append(t + 1)
            .append(',')
            .append(Ipv4.format(block(2) | h))
            .append(answers ? ",1,9\n" : ",0,\n");
      }
    }
    return sb.toString();
  }

  static void assertSignals(Map<SignalKey, TimeSeries> s) {
    double nan = Double.NaN;
    TimeSeries up = s.get(new SignalKey(KZ, ProbeSignalAggregator.UP));
    assertThat(up.start()).isEqualTo(T);
    assertThat(up.step()).isEqualTo(600);
    assertThat(up.values()).containsExactly(2, 1, 2, nan, 2);
    assertThat(s.get(new SignalKey(KZ, ProbeSignalAggregator.DOWN)).values())
        .containsExactly(0, 1, 0, nan, 0);
  }

  @Test
  void importsCsvIntoTheSameSignalsAsProbing(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("results.csv");
    Files.writeString(f, csv(0, 4));
    List<RoundResult> rounds = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    ProbeImport.Result r =
        ProbeImport.importFiles(
            List.of(f), KAZAKHSTAN, ProbeImport.Options.defaults(), problems::add, rounds::add);

    assertThat(problems).isEmpty();
    assertSignals(r.series());
    // E(b) and A(E(b)) learned from the results: block 2 answered 3 rounds of 4
    int b2 = r.targets().indexOf(block(2));
    assertThat(r.targets().responsive(b2)).isEqualTo(20);
    assertThat(r.targets().availability(b2)).isCloseTo(0.75, within(1e-6));
    assertThat(rounds).hasSize(4);
    assertThat(rounds.get(1).stateOf(block(2))).isEqualTo(BlockState.DOWN);
    assertThat(r.stats().results()).isEqualTo(160);
    assertThat(r.stats().rounds()).isEqualTo(4);
  }

  @Test
  void importsScamperJsonAndGzippedCsvTogether(@TempDir Path dir) throws IOException {
    // rounds 0-1 as gzipped CSV; rounds 2-4 as scamper JSON made from a real recorded record
    Path gz = dir.resolve("early.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(csv(0, 1).getBytes(StandardCharsets.UTF_8));
    }
    String reply =
        Files.readAllLines(ScamperJsonReaderTest.resource("ping-netns.json")).stream()
            .filter(l -> l.contains("\"userid\":1,"))
            .findFirst()
            .orElseThrow();
    StringBuilder json = new StringBuilder();
    for (String line : csv(2, 4).split("\n")) {
      if (line.startsWith("time")) {
        continue;
      }
      String[] c = line.split(",");
      json.append(
              reply
                  .replaceAll("\"dst\":\"[0-9.]+\"", "\"dst\":\"" + c[1] + "\"")
                  .replaceAll("\"from\":\"[0-9.]+\"", "\"from\":\"" + c[1] + "\"")
                  .replaceAll("\"start\":\\{\"sec\":[0-9]+", "\"start\":{\"sec\":" + c[0]))
          .append('\n');
    }
    Path js = dir.resolve("late.json");
    Files.writeString(js, json);
    List<Problem> problems = new ArrayList<>();
    ProbeImport.Result r =
        ProbeImport.importFiles(
            List.of(gz, js), KAZAKHSTAN, ProbeImport.Options.defaults(), problems::add);
    assertThat(problems).isEmpty();
    assertSignals(r.series());
    assertThat(r.stats().files()).isEqualTo(2);
  }

  @Test
  void usesAGivenTargetListAndSkipsOtherAddresses() {
    TargetList targets = TestTargets.uniform(2, 20, 0.9); // blocks 0 and 1
    List<ProbeReply> replies = new ArrayList<>();
    for (int h = 1; h <= 20; h++) {
      replies.add(new ProbeReply((T + h) * 1_000_000L, block(1) | h, false, Double.NaN));
      replies.add(new ProbeReply((T + h) * 1_000_000L, block(7) | h, true, 1.0)); // not listed
    }
    List<RoundResult> rounds = new ArrayList<>();
    ProbeImport.Result r =
        ProbeImport.replay(
            replies, KAZAKHSTAN, ProbeImport.Options.defaults().withTargets(targets), rounds::add);
    assertThat(r.stats().skipped()).isEqualTo(20);
    assertThat(rounds)
        .singleElement()
        .satisfies(
            round -> {
              assertThat(round.stateOf(block(1))).isEqualTo(BlockState.DOWN);
              assertThat(round.stateOf(block(0))).isEqualTo(BlockState.MISSING);
            });
    // block 0 had no data: 1 of 2 blocks missing is more than a tenth, so the round is a gap
    assertThat(r.series().get(new SignalKey(KZ, ProbeSignalAggregator.UP)).values())
        .containsExactly(Double.NaN);
  }

  @Test
  void reportsMalformedCsvLinesWithTheirNumbers() throws IOException {
    String text =
        """
        time,address,responded
        1700000400,198.18.1.1,1
        1700000401,198.18.1.1
        yesterday,198.18.1.1,1
        1700000402,198.18.1.999,1
        1700000403,198.18.1.1,maybe
        1700000404,198.18.1.1,1,fast
        2023-11-14T22:20:05Z,198.18.1.2,0
        2023-11-14 22:20:06,198.18.1.3,true,
        """;
    List<Problem> problems = new ArrayList<>();
    List<ProbeReply> replies = new ArrayList<>();
    ProbeCsvReader.Stats s =
        ProbeCsvReader.read(new java.io.StringReader(text), "r.csv", replies::add, problems::add);
    assertThat(problems).extracting(Problem::line).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(problems.get(0).toString())
        .isEqualTo("r.csv:3: expected time,address,responded[,rtt_ms], got 2 columns");
    assertThat(s).isEqualTo(new ProbeCsvReader.Stats(9, 3, 5));
    assertThat(replies.get(1).epochMicros()).isEqualTo(1_700_000_405_000_000L);
    assertThat(replies.get(2).address()).isEqualTo(ip("198.18.1.3"));
    assertThat(replies.get(2).responded()).isTrue();
  }
}
