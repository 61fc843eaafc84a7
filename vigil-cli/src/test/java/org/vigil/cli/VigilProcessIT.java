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
  void serveAnswersOnTheAnnouncedPortAndStopsOnSignal() throws Exception {
    assertThat(vigil("demo", "--no-serve").exit()).isZero();
    Path demo = dir.resolve("data").resolve("demo");
    Process p =
        new ProcessBuilder(
                javaBinary(),
                "-jar",
                "target/vigil.jar",
                "serve",
                "--port",
                "0",
                "--data",
                demo.toString())
            .redirectError(dir.resolve("serve-err.txt").toFile())
            .start();
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String first = lines.readLine();
      assertThat(first).startsWith("Serving ");
      var m = java.util.regex.Pattern.compile("http://127.0.0.1:(\\d+)/").matcher(first);
      assertThat(m.find()).isTrue();
      var client = java.net.http.HttpClient.newHttpClient();
      var response =
          client.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          "http://127.0.0.1:" + m.group(1) + "/api/events?country=KZ"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"scope\":\"nationwide\"");
    } finally {
      p.destroy(); // SIGTERM: the shutdown hook stops the server
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void mrtDumpPrintsWhatBgpdumpPrints() throws Exception {
    Path file = Cli.shared("mrt-bgpdump/updates.20020722.2238.gz");
    Run r = vigil("mrt", "dump", "-m", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    // bgpdump's own expected output for this file (test_expect, made with -m)
    Path expected = Cli.shared("mrt-bgpdump/test_expect/updates.20020722.2238.gz.bgp.gz");
    try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(expected))) {
      assertThat(r.out()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void ooniVerdictScoresAsOoniDoes() throws Exception {
    Path fixtures = Cli.shared("ooni-backend-fixtures");
    Run r =
        vigil(
            "ooni",
            "verdict",
            "--fingerprints",
            fixtures.toString(),
            fixtures.resolve("web_connectivity_ir_fp.json").toString(),
            fixtures.resolve("signal_2627.json").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("\"probe_asn\":197207", "\"anomaly\":true", "\"confirmed\":true")
        .contains("\"blocking_type\":\"dns\"");
    assertThat(lines.get(1)).contains("\"failure\":true");
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithHelp() throws Exception {
    Run r = vigil("frobnicate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument", "frobnicate");
  }
}
