// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged jar as a separate process, as the launcher does. */
class VigilProcessIT {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run vigil(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "vigil.jar");
    assertThat(jar).exists();
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("VIGIL_DATA", dir.resolve("data").toString());
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return new Run(
        p.exitValue(),
        java.nio.file.Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        java.nio.file.Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void demoRunsAsAProcessAndTheSecondRunReusesItsData() throws Exception {
    Run first = vigil("demo", "--no-serve");
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("SYNTHETIC EXAMPLE", "nationwide").doesNotContain("MISSED");
    assertThat(first.err()).isEmpty(); // not a terminal: no progress output
    Run second = vigil("demo", "--no-serve");
    assertThat(second.out()).contains("already ingested");
    Run events =
        vigil(
            "events",
            "--data",
            dir.resolve("data").resolve("demo").toString(),
            "--country",
            "KZ",
            "--format",
            "csv");
    assertThat(events.exit()).isZero();
    assertThat(events.out().lines().count()).isEqualTo(7);
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithHelp() throws Exception {
    Run r = vigil("frobnicate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument", "frobnicate");
  }
}
