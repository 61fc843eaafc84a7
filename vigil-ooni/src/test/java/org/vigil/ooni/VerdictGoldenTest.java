// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdict lines of every real measurement in the shared data, against {@code
 * src/test/resources/ooni/verdicts.golden.jsonl}. Run with {@code -Dvigil.golden.update=true} to
 * rewrite the golden file after a deliberate change, and review the difference.
 */
class VerdictGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/ooni/verdicts.golden.jsonl");

  static final List<String> BACKEND =
      List.of(
          "20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json",
          "bug_352.json",
          "report1.json",
          "signal_022.json",
          "signal_2627.json",
          "telegram_nourl.json",
          "tor.json",
          "torsf_383.json",
          "vanilla_tor.json",
          "vanilla_tor_ok.json",
          "web_connectivity_ir_fp.json",
          "web_connectivity_null.json",
          "whatsapp.json");

  static final List<String> SPEC =
      List.of(
          "ts-016-vanilla-tor.example.json",
          "ts-018-whatsapp.example.json",
          "ts-019-facebook-messenger.example.json",
          "ts-020-telegram.example.json",
          "ts-023-tor.example.json",
          "ts-029-signal.example.json");

  @Test
  void verdictLinesOfAllFixturesMatchTheGoldenFile() throws IOException {
    List<Path> inputs =
        java.util.stream.Stream.concat(
                BACKEND.stream().map(Fixtures::backend), SPEC.stream().map(Fixtures::spec))
            .toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        OoniVerdicts.verdicts(
            inputs,
            Fixtures.backendDir(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String actual = out.toString(StandardCharsets.UTF_8);
    if (Boolean.getBoolean("vigil.golden.update")) {
      Files.writeString(GOLDEN, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN));
    assertThat(actual.lines()).hasSize(inputs.size());
  }
}
