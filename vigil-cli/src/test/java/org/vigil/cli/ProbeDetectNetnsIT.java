// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.probe.NetnsLab;

/**
 * The "done when", through the command line as an analyst would type it: {@code vigil probe
 * discover} finds two /24s of real hosts in network namespaces, {@code vigil probe run} probes them
 * through scamper in 5-second rounds into a data directory, one namespace is cut off (its side of
 * the link goes down: a blackout) for three rounds and restored, and {@code vigil detect --window
 * 1m --warmup 20s} then {@code vigil events} must show an outage of the cut block's entities,
 * starting and ending within one round of the cut and the restoration, and nothing for the other
 * block's. In the middle of the cut scamper is killed (signal 9): that round must be reported
 * incomplete and stored as missing data, and the next one, with a new scamper, be complete.
 *
 * <p>The probing runs in three invocations of {@code probe run} (before, during and after the cut),
 * each resuming the beliefs the last one saved: the rounds stay consecutive bins. Only addresses of
 * the namespaces made here are probed, in 198.18.0.0/15, which {@link NetnsLab} blackholes before
 * the first probe; everything is removed afterwards, also on failure. Skipped (with the reason)
 * only where network namespaces cannot be created.
 */
class ProbeDetectNetnsIT {
  static final int ROUND = 5;

  @Test
  void aCutNamespaceBecomesAnOutageEventThroughProbeRunDetectAndEvents(@TempDir Path dir)
      throws IOException {
    String why = NetnsLab.unavailableBecause();
    Assumptions.assumeTrue(
        why == null,
        "ProbeDetectNetnsIT skipped: " + why + " (it needs root and network namespaces)");
    long began = System.nanoTime();
    String tag = Long.toString(ProcessHandle.current().pid() % 100_000);
    NetnsLab lab = NetnsLab.open(tag);
    try {
      NetnsLab.Namespace cut = lab.namespace("a", "198.19.254.1", "198.19.254.2", 20, "198.18.1.0");
      lab.namespace("b", "198.19.254.5", "198.19.254.6", 20, "198.18.2.0");
      run(dir, cut);
    } finally {
      lab.close();
      List<String> left = lab.leftovers();
      System.out.println("ProbeDetectNetnsIT: cleaned up; left behind: " + left);
      assertThat(left).isEmpty();
    }
    System.out.printf("ProbeDetectNetnsIT: done in %.1f s%n", (System.nanoTime() - began) / 1e9);
  }

  private void run(Path dir, NetnsLab.Namespace cut) throws IOException {
    String data = dir.resolve("data").toString();
    String targets = dir.resolve("targets.txt").toString();
    Path prefixes = dir.resolve("prefixes.csv");
    Files.writeString(
        prefixes, "198.18.1.0/24,asn/9198\n198.18.1.0/24,country/KZ\n198.18.2.0/24,country/UZ\n");

    Cli found =
        cli(
            "probe",
            "discover",
            "198.18.1.0/24",
            "198.18.2.0/24",
            "--out",
            targets,
            "--rate",
            "1000");
    assertThat(found.out()).contains("2 blocks written");

    String[] probe = {
      "probe",
      "run",
      "--data",
      data,
      "--targets",
      targets,
      "--entities",
      prefixes.toString(),
      "--round",
      ROUND + "s",
      "--timeout",
      "1",
      "--rate",
      "200",
      "--rounds"
    };
    List<String> rounds = new ArrayList<>();
    rounds.addAll(rounds(cli(with(probe, "4"))));
    long cutAt = Instant.now().getEpochSecond();
    cut.cut();
    System.out.println("ProbeDetectNetnsIT: cut 198.18.1.0/24 at " + Instant.ofEpochSecond(cutAt));
    // scamper is killed in the middle of the second cut round: that round is incomplete, a gap
    long killAt = (start(rounds.get(3)) + 2L * ROUND) * 1000 + ROUND * 500L;
    Thread killer = killScamperAt(killAt);
    rounds.addAll(rounds(cli(with(probe, "3"))));
    killer.interrupt();
    long restoredAt = Instant.now().getEpochSecond();
    cut.restore();
    System.out.println(
        "ProbeDetectNetnsIT: restored 198.18.1.0/24 at " + Instant.ofEpochSecond(restoredAt));
    rounds.addAll(rounds(cli(with(probe, "2"))));
    // 2 up, then 1 up 1 down while cut, then 2 up again; the round scamper died in is missing
    // data, and the next one (a new scamper) complete
    assertThat(rounds)
        .extracting(
            r ->
                r.contains("incomplete")
                    ? "incomplete"
                    : r.replaceAll(".*: (\\d+ up, \\d+ down).*", "$1"))
        .containsExactly(
            "2 up, 0 down",
            "2 up, 0 down",
            "2 up, 0 down",
            "2 up, 0 down",
            "1 up, 1 down",
            "incomplete",
            "1 up, 1 down",
            "2 up, 0 down",
            "2 up, 0 down");
    for (int i = 1; i < rounds.size(); i++) {
      assertThat(start(rounds.get(i)) - start(rounds.get(i - 1))).isEqualTo(ROUND);
    }

    Cli detect = cli("detect", "--data", data, "--window", "1m", "--warmup", "20s");
    // 9 series (up, down, uncertain for 3 entities); only the up counts are detected: 3 x 9 bins
    assertThat(detect.out()).contains("9 series", "27 bins");
    Cli events = Cli.run("events", "--data", data, "--format", "json");
    assertThat(events.exit()).as(events.err()).isZero();
    JsonNode all = new ObjectMapper().readTree(events.out());
    List<String> entities = new ArrayList<>();
    for (JsonNode e : all) {
      String entity =
          e.path("entity").path("type").asText() + "/" + e.path("entity").path("code").asText();
      entities.add(entity);
      long start = Instant.parse(e.path("start").asText()).getEpochSecond();
      long end = Instant.parse(e.path("end").asText()).getEpochSecond();
      System.out.printf(
          "ProbeDetectNetnsIT: event %s %s %s..%s; cut %s..%s%n",
          entity,
          e.path("kind").asText(),
          e.path("start").asText(),
          e.path("end").asText(),
          Instant.ofEpochSecond(cutAt),
          Instant.ofEpochSecond(restoredAt));
      assertThat(Math.abs(start - cutAt)).as("start of " + entity).isLessThanOrEqualTo(ROUND);
      assertThat(Math.abs(end - restoredAt)).as("end of " + entity).isLessThanOrEqualTo(ROUND);
      assertThat(e.path("kind").asText()).isIn("blackout", "outage");
      assertThat(e.path("signals").toString()).contains("probe.up_slash24");
    }
    assertThat(entities).containsExactlyInAnyOrder("asn/9198", "country/KZ");
  }

  /** The start of a round from its line, {@code round 2026-11-28T05:52:55Z: 2 up, ...}. */
  private static long start(String roundLine) {
    String t = roundLine.split(" ")[1];
    return Instant.parse(t.substring(0, t.length() - 1)).getEpochSecond();
  }

  /**
   * Kills (signal 9) the scamper processes this JVM started, at {@code epochMillis}: a crash in the
   * middle of a round.
   */
  private static Thread killScamperAt(long epochMillis) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep(Math.max(0, epochMillis - System.currentTimeMillis()));
              } catch (InterruptedException e) {
                return;
              }
              ProcessHandle.current()
                  .children()
                  .filter(p -> p.info().command().orElse("").endsWith("scamper"))
                  .forEach(
                      p -> {
                        System.out.println(
                            "ProbeDetectNetnsIT: killing scamper " + p.pid() + " mid-round");
                        p.destroyForcibly();
                      });
            },
            "kill-scamper");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String[] with(String[] args, String last) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

  private static List<String> rounds(Cli run) {
    return run.out().lines().filter(l -> l.startsWith("round ")).toList();
  }

  private static Cli cli(String... args) {
    Cli r = Cli.run(args);
    System.out.print(
        r.out().lines().map(l -> "ProbeDetectNetnsIT: " + l + "\n").reduce("", String::concat));
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }
}
