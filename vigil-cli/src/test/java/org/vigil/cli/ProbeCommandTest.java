// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil probe run}'s checks before it starts scamper. */
class ProbeCommandTest {
  @Test
  void aRoundTooShortForTheTimeoutIsAnErrorThatSaysWhatToChange(@TempDir Path dir)
      throws IOException {
    Path targets = dir.resolve("targets.txt");
    StringBuilder sb = new StringBuilder();
    for (int h = 1; h <= 20; h++) {
      sb.append("198.18.1.").append(h).append('\n');
    }
    Files.writeString(targets, sb);
    Path prefixes = dir.resolve("prefixes.csv");
    Files.writeString(prefixes, "198.18.1.0/24,asn/9198\n");
    Cli r =
        Cli.run(
            "probe",
            "run",
            "--data",
            dir.resolve("data").toString(),
            "--targets",
            targets.toString(),
            "--entities",
            prefixes.toString(),
            "--round",
            "5s");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("a round of 5s is too short for a 3 s timeout", "it needs 11 s")
        .contains("use --round 13s or longer, or a shorter --timeout");
  }

  @Test
  void helpShowsAShortTestRun() {
    assertThat(Cli.run("probe", "run", "--help").out()).contains("--round 5s --timeout 1");
    assertThat(Cli.run("detect", "--help").out()).contains("--warmup");
  }
}
