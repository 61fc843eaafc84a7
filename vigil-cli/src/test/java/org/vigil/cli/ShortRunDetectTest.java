// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection over a short probing run: two hours of 10-minute rounds are far less than the day of
 * history the {@code probe.*} defaults wait for, so {@code vigil detect} finds nothing; with {@code
 * --window 2h --warmup 40m} it finds the three-round cut of one block. (The same through real
 * probing of network namespaces is {@code ProbeDetectNetnsIT}.)
 */
class ShortRunDetectTest {
  static final long T0 = 1_700_000_400L; // a multiple of 600 s

  /**
   * Probe results for 12 rounds: 20 hosts each of 198.18.1.0/24 and 198.18.2.0/24 probed once a
   * round; 198.18.1.0/24 silent in rounds 6 to 8.
   */
  static String results() {
    StringBuilder sb = new StringBuilder("time,address,responded\n");
    for (int round = 0; round < 12; round++) {
      for (int block = 1; block <= 2; block++) {
        boolean cut = block == 1 && round >= 6 && round <= 8;
        for (int h = 1; h <= 20; h++) {
          sb.append(T0 + round * 600L + h)
              .append(",198.18.")
              .append(block)
              .append('.')
              .append(h)
              .append(',')
              .append(cut ? 0 : 1)
              .append('\n');
        }
      }
    }
    return sb.toString();
  }

  @Test
  void aShortWindowAndWarmUpFindTheCutOfAShortRun(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("results.csv");
    Files.writeString(csv, results());
    Path prefixes = dir.resolve("prefixes.csv");
    Files.writeString(prefixes, "198.18.1.0/24,asn/9198\n198.18.2.0/24,country/UZ\n");
    String data = dir.resolve("data").toString();
    Cli ingest =
        Cli.run(
            "ingest", "probes", csv.toString(), "--entities", prefixes.toString(), "--data", data);
    assertThat(ingest.exit()).as(ingest.err()).isZero();

    // the defaults wait for a day of history: nothing is assessed
    assertThat(Cli.run("detect", "--data", data).out()).contains("0 alerts; 0 events");

    Cli detect = Cli.run("detect", "--data", data, "--window", "2h", "--warmup", "40m");
    assertThat(detect.exit()).as(detect.err()).isZero();
    assertThat(detect.out()).contains("1 event published");
    JsonNode events =
        new ObjectMapper().readTree(Cli.run("events", "--data", data, "--format", "json").out());
    assertThat(events).hasSize(1);
    JsonNode e = events.get(0);
    assertThat(e.path("entity").path("code").asText()).isEqualTo("9198");
    assertThat(e.path("kind").asText()).isEqualTo("blackout");
    assertThat(e.path("start").asText()).isEqualTo(iso(T0 + 6 * 600));
    assertThat(e.path("end").asText()).isEqualTo(iso(T0 + 9 * 600));
  }

  @Test
  void badWarmUpIsAnErrorThatSaysWhatToGive(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("results.csv");
    Files.writeString(csv, results());
    Path prefixes = dir.resolve("prefixes.csv");
    Files.writeString(prefixes, "198.18.1.0/24,asn/9198\n");
    String data = dir.resolve("data").toString();
    Cli.run("ingest", "probes", csv.toString(), "--entities", prefixes.toString(), "--data", data);
    Cli r = Cli.run("detect", "--data", data, "--warmup", "soon");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bad --warmup 'soon'", "30s");
  }

  private static String iso(long epochSecond) {
    return java.time.Instant.ofEpochSecond(epochSecond).toString();
  }
}
