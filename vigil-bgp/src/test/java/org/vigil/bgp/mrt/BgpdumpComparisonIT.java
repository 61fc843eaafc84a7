// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the installed {@code bgpdump} (Debian's 1.6.2) on every shared MRT file with no flag, {@code
 * -m} and {@code -M}, and requires {@link MrtDump}'s standard output to be byte for byte the same.
 * Standard error is not compared: bgpdump logs there (or to syslog) in its own words.
 */
class BgpdumpComparisonIT {
  private static final Path BGPDUMP = Path.of("/usr/bin/bgpdump");

  @TempDir static Path tmp;

  @BeforeAll
  static void needsBgpdump() {
    assumeTrue(
        Files.isExecutable(BGPDUMP),
        "bgpdump is not installed (apt-get install bgpdump): skipping the comparison with it");
  }

  static Stream<Arguments> filesAndModes() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (Path f : TestData.mrtFiles()) {
      for (MrtDump.Mode m : MrtDump.Mode.values()) {
        out.add(Arguments.of(TestData.root().relativize(f).toString(), m));
      }
    }
    return out.stream();
  }

  @Test
  void findsTheSharedMrtFiles() throws IOException {
    assertThat(TestData.mrtFiles()).hasSizeGreaterThanOrEqualTo(27);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("filesAndModes")
  void printsWhatBgpdumpPrints(String relative, MrtDump.Mode mode) throws Exception {
    Path file = TestData.file(relative);
    byte[] theirs = bgpdump(file, mode);
    byte[] mine = TestData.dump(file, mode);
    if (!java.util.Arrays.equals(mine, theirs)) {
      assertThat(firstDifference(mine, theirs)).as("first differing line").isNull();
    }
    assertThat(mine).isEqualTo(theirs);
  }

  private static byte[] bgpdump(Path file, MrtDump.Mode mode) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(BGPDUMP.toString()));
    if (!mode.flag().isEmpty()) {
      cmd.add(mode.flag());
    }
    cmd.add(file.toString());
    Path out = Files.createTempFile(tmp, "bgpdump", ".out");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("bgpdump finished").isTrue();
    byte[] b = Files.readAllBytes(out);
    Files.delete(out);
    return b;
  }

  /** "line N: mine | theirs" for the first line that differs, or null. */
  private static String firstDifference(byte[] mine, byte[] theirs) {
    String[] a = new String(mine, StandardCharsets.ISO_8859_1).split("\n", -1);
    String[] b = new String(theirs, StandardCharsets.ISO_8859_1).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end>";
      String y = i < b.length ? b[i] : "<end>";
      if (!x.equals(y)) {
        return "line " + (i + 1) + ":\n  vigil:   " + x + "\n  bgpdump: " + y;
      }
    }
    return null;
  }
}
