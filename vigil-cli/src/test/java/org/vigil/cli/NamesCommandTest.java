// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamesCommandTest {
  @TempDir Path dir;

  @Test
  void loadsRipesAsnTxtOnceAndShowsTheNames() throws Exception {
    Path asn = dir.resolve("asn.txt");
    Files.writeString(asn, "9198 KAZTELECOM-AS, KZ\n29355 KCELL-AS, KZ\nnot a line\n");
    String data = dir.resolve("data").toString();
    Cli load = Cli.run("names", "load", asn.toString(), "--data", data);
    assertThat(load.exit()).as(load.err()).isZero();
    assertThat(load.out()).contains("names: 2 AS names (ripe_asn_txt, 1 lines skipped)");
    assertThat(Cli.run("names", "load", asn.toString(), "--data", data).out())
        .contains("was already loaded (same bytes); nothing to do");
    Cli show = Cli.run("names", "show", "AS29355", "64512", "--data", data);
    assertThat(show.out()).isEqualTo("AS29355  KCELL-AS, KZ\nAS64512  (no name loaded)\n");
  }

  @Test
  void aFileWithoutNamesSaysWhereAndWhatWasExpected() throws Exception {
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "hello\n");
    Cli r = Cli.run("names", "load", bad.toString(), "--data", dir.resolve("d").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bad.txt, line 1", "expected lines like '29355 KCELL-AS, KZ'");
  }
}
