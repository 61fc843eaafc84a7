// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped cases under {@code eval/cases} are what {@link EvalCases} writes. */
class EvalCasesTest {
  static final Path SHIPPED = Path.of("../eval/cases");

  @TempDir Path dir;

  @Test
  void theShippedCasesAreTheGeneratedOnes() throws IOException {
    if (Boolean.getBoolean("vigil.golden.update")) {
      EvalCases.write(SHIPPED);
    }
    EvalCases.write(dir);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(40);
    for (Path f : files) {
      Path shipped = SHIPPED.resolve(dir.relativize(f).toString());
      assertThat(shipped)
          .as("shipped %s (regenerate with -Dvigil.golden.update=true)", shipped)
          .exists();
      assertThat(Files.readString(shipped)).as("%s", shipped).isEqualTo(Files.readString(f));
    }
  }
}
