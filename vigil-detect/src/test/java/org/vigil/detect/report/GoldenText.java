// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden text files under {@code src/test/resources/report}: the output must equal the file byte
 * for byte. Run with {@code -Dvigil.golden.update=true} to rewrite them, then review the diff.
 */
final class GoldenText {
  private GoldenText() {}

  static void assertMatches(String name, String actual) {
    if (Boolean.getBoolean("vigil.golden.update")) {
      try {
        Path p = Path.of("src/test/resources/report", name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = GoldenText.class.getResourceAsStream("/report/" + name)) {
      assertThat(in)
          .as("golden file %s (create it with -Dvigil.golden.update=true)", name)
          .isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
