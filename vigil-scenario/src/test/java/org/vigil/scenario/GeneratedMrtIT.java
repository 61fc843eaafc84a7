// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated MRT files are valid RFC 6396: Debian's bgpdump reads every record. */
class GeneratedMrtIT {
  @TempDir Path dir;

  @Test
  void bgpdumpReadsTheRibAndTheUpdateSpikeOfTheFifth() throws Exception {
    Scenario s = ScenarioTest.blackoutDay();
    ScenarioGenerator.Inputs in = ScenarioGenerator.generate(s, dir);
    int prefixes = s.networks().stream().mapToInt(n -> n.prefixes().size()).sum();
    List<String> rib = bgpdump(in.mrt().get(0));
    assertThat(rib).hasSize(prefixes * s.bgp().peers().size());
    assertThat(rib.get(0)).startsWith("TABLE_DUMP2|1641340800|B|");
    List<String> updates = bgpdump(in.mrt().get(1));
    long spike =
        updates.stream()
            .filter(l -> l.startsWith("BGP4MP|"))
            .filter(
                l -> {
                  long t = Long.parseLong(l.split("\\|")[1]);
                  return t >= 1641379200L && t < 1641380100L; // 10:40 to 10:55
                })
            .count();
    // every peer re-announces every prefix three times; no withdrawal
    assertThat(spike).isGreaterThanOrEqualTo(3L * prefixes * s.bgp().peers().size());
    assertThat(updates).noneMatch(l -> l.contains("|W|"));
  }

  private static List<String> bgpdump(Path file) throws Exception {
    Process p = new ProcessBuilder("bgpdump", "-m", file.toString()).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(err).isZero();
    assertThat(err).doesNotContain("error", "corrupt");
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
