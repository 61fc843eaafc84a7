// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scamper engine's handling of output it cannot read, against a stand-in for scamper: a shell
 * script that answers each {@code ping} command on its standard input with a JSON record as
 * scamper's would be, but writes a damaged line instead of the record of the second command. (The
 * real scamper, crashing and hanging, is in {@code ScamperEngineIT}.)
 */
class ScamperEngineTest {
  private static final String FAKE_SCAMPER =
      """
      #!/bin/sh
      # stands in for: scamper -O cmdfile -O json -p PPS -f -
      n=0
      while read -r cmd c1 c2 o1 o2 w1 w2 u1 id addr; do
        n=$((n + 1))
        if [ "$n" -eq 2 ]; then
          echo '{"type":"ping", "version":"0.4", "method":"icmp-echo", "dst":"'"$addr"'", "sta'
          continue
        fi
        echo '{"type":"ping", "version":"0.4", "method":"icmp-echo", "src":"127.0.0.1",' \\
          '"dst":"'"$addr"'", "start":{"sec":1795840778,"usec":157792}, "ping_sent":1,' \\
          '"userid":'"$id"', "wait":1, "timeout":1, "responses":[{"from":"'"$addr"'",' \\
          '"seq":0, "rtt":0.039, "icmp_type":0, "icmp_code":0}],' \\
          '"statistics":{"replies":1, "loss":0}}'
      done
      """;

  private static long now() {
    Instant i = Instant.now();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void reportsAnUnreadableRecordWithItsLineAndReadsOn(@TempDir Path dir) throws IOException {
    Path fake = dir.resolve("fake-scamper");
    Files.writeString(fake, FAKE_SCAMPER);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    List<Problem> problems = new ArrayList<>();
    Map<Integer, Boolean> results = new TreeMap<>();
    ScamperEngine.Options options = new ScamperEngine.Options(fake.toString(), 100, 1);
    try (ScamperEngine engine =
        ScamperEngine.start(options, java.time.InstantSource.system(), problems::add)) {
      for (int k = 1; k <= 3; k++) {
        engine.send(k, ip("127.0.0." + k));
      }
      long deadline = now() + 10_000_000_000L;
      while (results.size() + problems.size() < 3 && now() < deadline) {
        engine.poll(deadline, (id, address, replied, rtt) -> results.put(id, replied));
      }
      assertThat(engine.malformedRecords()).isEqualTo(1);
      assertThat(engine.records()).isEqualTo(2);
      assertThat(engine.starts()).isEqualTo(1);
      long pid = engine.pid().orElseThrow();
      // the second command's record is the damaged second line: reported, skipped, and the
      // engine reads on (its probe is left without a record: missing data for the prober)
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.source()).isEqualTo("scamper (pid " + pid + ") output");
                assertThat(p.line()).isEqualTo(2);
                assertThat(p.message()).startsWith("not JSON");
              });
    }
    assertThat(results).containsExactly(Map.entry(1, true), Map.entry(3, true));
  }
}
