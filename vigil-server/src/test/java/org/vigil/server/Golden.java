// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden JSON files under {@code src/test/resources/golden}: the response must equal the file as
 * JSON (same members, values and array order; whitespace and member order are free). Run with
 * {@code -Dvigil.golden.update=true} to rewrite the files from the responses, then review the diff.
 */
final class Golden {
  private Golden() {}

  static void assertMatches(String name, JsonNode actual) {
    if (Boolean.getBoolean("vigil.golden.update")) {
      try {
        Path p = Path.of("src/test/resources/golden", name);
        Files.createDirectories(p.getParent());
        Files.writeString(
            p,
            TestServer.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    JsonNode expected;
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in)
          .as("golden file %s (create it with -Dvigil.golden.update=true)", name)
          .isNotNull();
      expected = TestServer.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(actual).as("response vs golden/%s", name).isEqualTo(expected);
  }
}
