// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.core.EntityRegistry;

class PrefixEntityTableTest {
  private static final EntityRegistry REGISTRY = EntityRegistry.load();

  private static PrefixEntityTable table(String csv, List<Problem> problems) throws IOException {
    return PrefixEntityTable.read(
        new StringReader(csv), "prefixes.csv", REGISTRY::parse, problems::add);
  }

  @Test
  void mapsBlocksByTheLongestPrefixOfEachEntityType() throws IOException {
    List<Problem> problems = new ArrayList<>();
    PrefixEntityTable t =
        table(
            """
            prefix,entity
            # the benchmarking range, pretending to be Kazakhstan
            198.18.0.0/15,country/KZ
            198.18.1.0/24,asn/9198
            198.18.1.0/24,country/KAZ
            198.18.2.0/23,region/KZ-ALA
            198.19.0.0/16,country/UZ
            """,
            problems);
    assertThat(problems).isEmpty();
    assertThat(t.size()).isEqualTo(5); // country/KAZ is country/KZ again
    assertThat(t.entitiesOf(ip("198.18.1.0")))
        .extracting(e -> e.key())
        .containsExactly("country/KZ", "asn/9198");
    assertThat(t.entitiesOf(ip("198.18.3.0")))
        .extracting(e -> e.key())
        .containsExactly("country/KZ", "region/KZ-ALA");
    // the more specific country wins
    assertThat(t.entitiesOf(ip("198.19.7.0")))
        .extracting(e -> e.key())
        .containsExactly("country/UZ");
    assertThat(t.entitiesOf(ip("10.0.0.0"))).isEmpty();
  }

  @Test
  void reportsBadLinesWithTheirNumbers() throws IOException {
    List<Problem> problems = new ArrayList<>();
    PrefixEntityTable t =
        table(
            """
            198.18.1.0/24,country/KZ
            198.18.1.1/24,country/KZ
            198.18.1.0/25,country/KZ
            198.18.1.0/24
            198.18.1.0/24,country/Atlantis
            nonsense,asn/1
            198.18.2.0/24,asn/x
            """,
            problems);
    assertThat(problems).extracting(Problem::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(problems.get(0).message()).contains("host bits");
    assertThat(problems.get(1).message()).contains("longer than /24");
    assertThat(problems.get(2).message()).contains("expected prefix,entity");
    assertThat(problems.get(3).message()).contains("unknown country");
    assertThat(t.size()).isEqualTo(1);
  }
}
