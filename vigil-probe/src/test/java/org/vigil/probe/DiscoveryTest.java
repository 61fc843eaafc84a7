// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigil.probe.TestTargets.ip;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  static final long T0 = 1_700_000_000L * 1_000_000_000L;
  static final List<Ipv4Prefix> PREFIXES =
      List.of(
          Ipv4Prefix.parse("198.18.1.0/24"),
          Ipv4Prefix.parse("198.18.2.0/24"),
          Ipv4Prefix.parse("198.18.3.0/24"));

  /**
   * 198.18.1.1-20 always answer, .21-40 every other time; 198.18.2.0/24 never; 198.18.3.1-10
   * always; 198.18.3.200 gets no record.
   */
  static SimulatedEngine network() {
    Map<Integer, Integer> asked = new HashMap<>();
    return SimulatedEngine.create(
        (address, t) -> {
          int n = asked.merge(address, 1, Integer::sum);
          int host = address & 0xFF;
          int block = (address >>> 8) & 0xFF;
          boolean answers =
              switch (block) {
                case 1 -> host >= 1 && (host <= 20 || (host <= 40 && n % 2 == 1));
                case 3 -> host >= 1 && host <= 10;
                default -> false;
              };
          if (block == 3 && host == 200) {
            return SimulatedEngine.Outcome.NO_RECORD;
          }
          return answers ? SimulatedEngine.Outcome.REPLY : SimulatedEngine.Outcome.NO_REPLY;
        },
        T0,
        Duration.ofMillis(5),
        Duration.ofSeconds(1));
  }

  static final Discovery.Options OPTIONS =
      Discovery.Options.defaults(500)
          .withPasses(2)
          .withProbeTimeout(1)
          .withGrace(Duration.ofSeconds(1));

  @Test
  void findsEverResponsiveAddressesAndTheirAvailability() {
    SimulatedEngine engine = network();
    engine.recordSends(true);
    Discovery.Result r = Discovery.scan(PREFIXES, OPTIONS, engine, engine.clock(), sent -> {});

    assertThat(r.addresses()).isEqualTo(768);
    assertThat(r.probes()).isEqualTo(1536);
    assertThat(r.replies()).isEqualTo(20 * 2 + 20 + 10 * 2);
    assertThat(r.noRecord()).isEqualTo(2);
    TargetList t = r.targets();
    assertThat(t.size()).isEqualTo(2);
    int b1 = t.indexOf(ip("198.18.1.0"));
    assertThat(t.responsive(b1)).isEqualTo(40);
    assertThat(t.availability(b1)).isCloseTo(0.75, within(1e-6));
    assertThat(t.eligible(b1)).isTrue();
    int b3 = t.indexOf(ip("198.18.3.0"));
    assertThat(t.responsive(b3)).isEqualTo(10);
    assertThat(t.eligible(b3)).isFalse();
    assertThat(t.indexOf(ip("198.18.2.0"))).isNegative();

    // every address of the prefixes twice, nothing else, never faster than 500 a second
    Map<Integer, Integer> perAddress = new HashMap<>();
    for (int i = 0; i < engine.sentCount(); i++) {
      int a = engine.sentTo(i);
      assertThat(PREFIXES.stream().anyMatch(p -> p.contains(a))).isTrue();
      perAddress.merge(a, 1, Integer::sum);
      if (i + 500 < engine.sentCount()) {
        assertThat(engine.sentAt(i + 500) - engine.sentAt(i))
            .isGreaterThanOrEqualTo(1_000_000_000L);
      }
    }
    assertThat(perAddress).hasSize(768).allSatisfy((a, n) -> assertThat(n).isEqualTo(2));
    // 1536 probes at 500 per second take about three seconds, plus the last timeout
    assertThat(engine.nowNanos() - T0).isBetween(3_000_000_000L, 6_000_000_000L);
  }

  @Test
  void restartsAFailedEngineAndFinishesTheScan() {
    SimulatedEngine engine = network();
    engine.crashAt(T0 + 1_000_000_000L);
    Discovery.Result r = Discovery.scan(PREFIXES, OPTIONS, engine, engine.clock(), sent -> {});
    assertThat(r.engineRestarts()).isEqualTo(1);
    assertThat(r.incidents()).singleElement().asString().contains("exited");
    assertThat(r.probes()).isEqualTo(1536);
    assertThat(r.noRecord()).isGreaterThan(2); // the probes in flight at the crash
    assertThat(r.targets().responsive(0)).isEqualTo(40);
  }
}
