// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * The prober against real hosts through real scamper: network namespaces on veth links, each
 * holding 20 addresses of a /24 (enough for the block to be eligible). After two rounds one
 * namespace is cut off (its side of the link goes down: a blackout) and another's hosts stop
 * answering; two rounds later both come back. The belief states and the up-/24 signal must follow
 * within one round each way. A fourth namespace, a router answering only ICMP unreachable for its
 * /24, checks that unreachables are never taken for replies.
 *
 * <p>Only addresses in namespaces this test creates are probed, in the benchmarking range
 * 198.18.0.0/15, which a blackhole route keeps on the machine; everything is removed afterwards,
 * also when the test fails. Skipped (with the reason) only where namespaces cannot be created.
 */
class ProbeNetnsIT {
  static final int ROUND_SECONDS = 5;

  @Test
  void beliefsAndSignalsFollowABlackoutAndSilencedHosts(@TempDir Path dir) throws IOException {
    String why = NetnsLab.unavailableBecause();
    Assumptions.assumeTrue(
        why == null, "ProbeNetnsIT skipped: " + why + " (it needs root and network namespaces)");
    long began = System.nanoTime();
    String tag = Long.toString(ProcessHandle.current().pid() % 100_000);
    NetnsLab lab = NetnsLab.open(tag);
    try {
      NetnsLab.Namespace blackout =
          lab.namespace("a", "198.19.254.1", "198.19.254.2", 20, "198.18.1.0");
      NetnsLab.Namespace silenced =
          lab.namespace("b", "198.19.254.5", "198.19.254.6", 20, "198.18.2.0");
      lab.namespace("c", "198.19.254.9", "198.19.254.10", 20, "198.18.3.0");
      NetnsLab.Namespace router = lab.namespace("d", "198.19.254.13", "198.19.254.14", 0);
      lab.run("ip", "-n", router.name(), "route", "add", "unreachable", "198.18.4.0/24");
      lab.route("198.18.4.0/24", "198.19.254.14", router.rootSide());
      lab.run(
          "ip",
          "netns",
          "exec",
          router.name(),
          "sh",
          "-c",
          "echo 1 > /proc/sys/net/ipv4/ip_forward");
      System.out.println(
          "ProbeNetnsIT: namespaces " + lab.run("ip", "netns", "list").replace('\n', ' '));

      run(dir, blackout, silenced);
    } finally {
      lab.close();
      List<String> left = lab.leftovers();
      System.out.println("ProbeNetnsIT: cleaned up; left behind: " + left);
      assertThat(left).isEmpty();
    }
    System.out.printf("ProbeNetnsIT: done in %.1f s%n", (System.nanoTime() - began) / 1e9);
  }

  private void run(Path dir, NetnsLab.Namespace blackout, NetnsLab.Namespace silenced)
      throws IOException {
    // 1. discovery through scamper: three responsive /24s, and the router's /24 found silent
    List<Ipv4Prefix> prefixes = new ArrayList<>();
    for (int b = 1; b <= 4; b++) {
      prefixes.add(Ipv4Prefix.parse("198.18." + b + ".0/24"));
    }
    Discovery.Result found;
    long t = System.nanoTime();
    try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.defaults(1000, 1))) {
      found =
          Discovery.scan(
              prefixes,
              Discovery.Options.defaults(1000).withPasses(2).withProbeTimeout(1),
              engine,
              InstantSource.system(),
              sent -> {});
    }
    System.out.printf(
        "ProbeNetnsIT: discovery sent %d probes, %d replies, %d without record in %.1f s: %s%n",
        found.probes(),
        found.replies(),
        found.noRecord(),
        (System.nanoTime() - t) / 1e9,
        found.targets());
    assertThat(found.probes()).isEqualTo(2048);
    assertThat(found.engineRestarts()).isZero();
    TargetList discovered = found.targets();
    for (String block : List.of("198.18.1.0", "198.18.2.0", "198.18.3.0")) {
      int i = discovered.indexOf(ip(block));
      assertThat(i).as(block).isNotNegative();
      assertThat(discovered.responsive(i)).as(block).isEqualTo(20);
      assertThat(discovered.availability(i)).as(block).isEqualTo(1.0);
    }
    // the router's ICMP unreachables are not replies: nothing there is ever-responsive
    assertThat(discovered.indexOf(ip("198.18.4.0"))).isNegative();
    assertThat(discovered.eligibleCount()).isEqualTo(3);

    // 2. saved and reloaded as the prober would get it
    Path targetsFile = dir.resolve("targets.csv");
    discovered.write(targetsFile);
    TargetList targets =
        TargetList.read(
            targetsFile,
            p -> {
              throw new AssertionError(p.toString());
            });
    Path prefixFile = dir.resolve("prefixes.csv");
    Files.writeString(
        prefixFile,
        "prefix,entity\n198.18.1.0/24,country/KZ\n198.18.2.0/24,country/KZ\n"
            + "198.18.3.0/24,country/UZ\n198.18.1.0/24,asn/9198\n");
    PrefixEntityTable entities =
        PrefixEntityTable.read(
            prefixFile,
            EntityRegistry.load()::parse,
            p -> {
              throw new AssertionError(p.toString());
            });

    // 3. six short rounds: cut and silence after round 2, restore after round 4
    ProberConfig config =
        ProberConfig.defaults()
            .withRound(Duration.ofSeconds(ROUND_SECONDS))
            .withRate(200)
            .withProbeTimeout(1)
            .withGrace(Duration.ofSeconds(1))
            .withPeriodicSpread(0.3);
    ProbeSignalAggregator signals = ProbeSignalAggregator.create(targets, entities);
    List<RoundResult> rounds = new ArrayList<>();
    try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.of(config))) {
      Prober prober = Prober.create(targets, engine, InstantSource.system(), config);
      prober.run(
          6,
          r -> {
            rounds.add(r);
            signals.add(r);
            System.out.printf(
                "ProbeNetnsIT: %s 198.18.1.0/24 %s, 198.18.2.0/24 %s, 198.18.3.0/24 %s;"
                    + " %d periodic + %d adaptive probes, %d replies%n",
                r.startInstant(),
                r.stateOf(ip("198.18.1.0")),
                r.stateOf(ip("198.18.2.0")),
                r.stateOf(ip("198.18.3.0")),
                r.counts().periodic(),
                r.counts().adaptive(),
                r.counts().replies());
            if (rounds.size() == 2) {
              blackout.cut();
              silenced.silence(true);
            } else if (rounds.size() == 4) {
              blackout.restore();
              silenced.silence(false);
            }
            prober.saveState(dir.resolve("prober.state"));
          });
      System.out.println(
          "ProbeNetnsIT: scamper wrote "
              + engine.records()
              + " records, "
              + engine.starts()
              + " start(s)");
    }

    BlockState u = BlockState.UP;
    BlockState d = BlockState.DOWN;
    assertThat(rounds).allMatch(RoundResult::complete);
    assertThat(rounds)
        .extracting(r -> r.stateOf(ip("198.18.1.0")))
        .containsExactly(u, u, d, d, u, u);
    assertThat(rounds)
        .extracting(r -> r.stateOf(ip("198.18.2.0")))
        .containsExactly(u, u, d, d, u, u);
    assertThat(rounds)
        .extracting(r -> r.stateOf(ip("198.18.3.0")))
        .containsExactly(u, u, u, u, u, u);
    // rounds are consecutive, aligned bins of the signal
    for (int i = 1; i < rounds.size(); i++) {
      assertThat(rounds.get(i).start() - rounds.get(i - 1).start()).isEqualTo(ROUND_SECONDS);
    }

    Map<SignalKey, TimeSeries> s = signals.series();
    Entity kz = EntityRegistry.load().country("KZ");
    Entity uz = EntityRegistry.load().country("UZ");
    Entity as = EntityRegistry.load().asn("9198");
    assertThat(s.get(new SignalKey(kz, ProbeSignalAggregator.UP)).values())
        .containsExactly(2, 2, 0, 0, 2, 2);
    assertThat(s.get(new SignalKey(kz, ProbeSignalAggregator.DOWN)).values())
        .containsExactly(0, 0, 2, 2, 0, 0);
    assertThat(s.get(new SignalKey(as, ProbeSignalAggregator.UP)).values())
        .containsExactly(1, 1, 0, 0, 1, 1);
    assertThat(s.get(new SignalKey(uz, ProbeSignalAggregator.UP)).values())
        .containsExactly(1, 1, 1, 1, 1, 1);
    System.out.println(
        "ProbeNetnsIT: probe.up_slash24 country/KZ "
            + java.util.Arrays.toString(
                s.get(new SignalKey(kz, ProbeSignalAggregator.UP)).values()));
  }
}
