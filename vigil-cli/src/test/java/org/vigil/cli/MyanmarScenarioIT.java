// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second case through {@code vigil demo --scenario FILE}: Myanmar's nightly internet curfew of
 * February 2021 (Access Now STOP 2021), found as a curfew from the generated inputs alone.
 */
class MyanmarScenarioIT {
  @TempDir Path dir;

  @Test
  void theNightlyCurfewIsFoundAsACurfewAfterTheNationwideShutdown() throws Exception {
    Path file =
        Path.of(
            "..",
            "vigil-scenario",
            "src",
            "main",
            "resources",
            "org",
            "vigil",
            "scenario",
            "myanmar-2021.json");
    Cli demo =
        Cli.run("demo", "--data", dir.toString(), "--no-serve", "--scenario", file.toString());
    assertThat(demo.exit()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("RECONSTRUCTION", "Myanmar");
    Path store = dir.resolve("demo").resolve("myanmar-2021");
    JsonNode events =
        new ObjectMapper()
            .readTree(
                Cli.run(
                        "events",
                        "--data",
                        store.toString(),
                        "--entity",
                        "country/MM",
                        "--format",
                        "json")
                    .out());
    int curfews = 0;
    boolean shutdown = false;
    for (JsonNode e : events) {
      long start = Instant.parse(e.get("start").asText()).getEpochSecond();
      if (e.get("kind").asText().equals("blackout")
          && Math.abs(start - Instant.parse("2021-02-06T03:30:00Z").getEpochSecond()) < 3600) {
        shutdown = true;
      }
      if ("curfew".equals(e.path("pattern").asText(null))) {
        curfews++;
        // 01:00 to 09:00 local is 18:30 to 02:30 UTC
        assertThat(e.get("start").asText()).contains("T18:");
      }
    }
    assertThat(shutdown).isTrue();
    assertThat(curfews).isGreaterThanOrEqualTo(10);
  }
}
