// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.InputFormatException;

class FingerprintDatabaseTest {
  @Test
  void loadsOonisFingerprintTables() {
    FingerprintDatabase db = Fixtures.fingerprints();
    assertThat(db.dns()).hasSize(150);
    assertThat(db.http()).hasSize(1699);
    assertThat(db.dns().get(0))
        .isEqualTo(
            new Fingerprint(
                "ooni.by_4",
                "isp",
                "cl.dns_isp_by_mts",
                "dns",
                "full",
                "134.17.0.7",
                5,
                List.of("BY")));
  }

  @Test
  void expectedCountriesAreParsedAsTheFastpathDoes() {
    // test_unit.py: test_extract_expected_countries
    assertThat(Fingerprint.parseExpectedCountries("")).isEmpty();
    assertThat(Fingerprint.parseExpectedCountries(",RU")).containsExactly("RU");
    assertThat(Fingerprint.parseExpectedCountries("AU,DE,DK,FR "))
        .containsExactly("AU", "DE", "DK", "FR");
    assertThat(Fingerprint.parseExpectedCountries("gr,ZZ,ae")).containsExactly("AE", "GR");
  }

  @Test
  void confirmationFollowsIsConfirmed() {
    // test_unit.py: test_is_confirmed
    assertThat(fp("bogus", List.of("IT")).confirms("IT")).isTrue();
    assertThat(fp("bogus", List.of("FR")).confirms("IT")).isFalse();
    assertThat(fp("bogus", List.of("ZZ")).confirms("ZZ")).isFalse();
    assertThat(fp("nat", List.of()).confirms("IT")).isTrue();
    assertThat(fp("isp", List.of("FR")).confirms("IT")).isTrue();
    assertThat(fp("inst", List.of()).locality()).isEqualTo("local");
    assertThat(fp("nat", List.of()).locality()).isEqualTo("country");
    assertThat(fp("prod", List.of()).locality()).isEqualTo("general");
    assertThat(fp("vbw", List.of()).locality()).isEqualTo("general");
  }

  static Fingerprint fp(String scope, List<String> countries) {
    return new Fingerprint("n", scope, "", "dns", "full", "p", 5, countries);
  }

  @Test
  void refusesFilesThatAreNotFingerprintTables(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(FingerprintDatabase.DNS_FILE), "[{\"name\":\"x\"}]");
    Files.writeString(dir.resolve(FingerprintDatabase.HTTP_FILE), "[]");
    assertThatThrownBy(() -> FingerprintDatabase.load(dir))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("[0].");
    Files.writeString(dir.resolve(FingerprintDatabase.DNS_FILE), "{");
    assertThatThrownBy(() -> FingerprintDatabase.load(dir))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void locatesTheDirectoryFromPropertyThenDataDirectory(@TempDir Path data) throws IOException {
    String before = System.getProperty(FingerprintDatabase.PROPERTY);
    try {
      System.clearProperty(FingerprintDatabase.PROPERTY);
      if (System.getenv(FingerprintDatabase.ENVIRONMENT) == null) {
        assertThat(FingerprintDatabase.locate(data)).isEmpty();
        Path dir = Files.createDirectories(data.resolve("ooni/fingerprints"));
        Files.writeString(dir.resolve(FingerprintDatabase.DNS_FILE), "[]");
        Files.writeString(dir.resolve(FingerprintDatabase.HTTP_FILE), "[]");
        assertThat(FingerprintDatabase.locate(data)).contains(dir);
        assertThat(FingerprintDatabase.load(dir)).isEqualTo(FingerprintDatabase.empty());
      }
      System.setProperty(FingerprintDatabase.PROPERTY, "/some/where");
      assertThat(FingerprintDatabase.locate(data)).contains(Path.of("/some/where"));
    } finally {
      if (before == null) {
        System.clearProperty(FingerprintDatabase.PROPERTY);
      } else {
        System.setProperty(FingerprintDatabase.PROPERTY, before);
      }
    }
  }

  @Test
  void withoutFingerprintsNothingIsConfirmed() {
    Verdict v =
        FastpathScorer.of(FingerprintDatabase.empty())
            .score(Fixtures.measurement(Fixtures.backend("web_connectivity_ir_fp.json")));
    assertThat(v.confirmed()).isFalse();
    assertThat(v.anomaly()).isTrue(); // blocking "dns" still
  }
}
