// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.InputFormatException;

class ScenarioTest {
  @TempDir Path dir;

  /** The Kazakhstan scenario cut to the day of the blackout, to keep tests fast. */
  static Scenario blackoutDay() {
    Scenario s = Scenario.builtin("kazakhstan-2022");
    return new Scenario(
        s.name(),
        s.title(),
        s.notice(),
        s.country(),
        s.utcOffset(),
        Instant.parse("2022-01-05T00:00:00Z"),
        Instant.parse("2022-01-06T00:00:00Z"),
        s.seed(),
        s.sources(),
        s.traffic(),
        s.probing(),
        s.bgp(),
        s.ooni(),
        s.regions(),
        s.networks(),
        s.changes());
  }

  @Test
  void theKazakhstanScenarioCoversTheCaseAndCitesItsSources() {
    Scenario s = Scenario.builtin("kazakhstan-2022");
    assertThat(s.notice()).contains("RECONSTRUCTION");
    assertThat(s.start()).isBeforeOrEqualTo(Instant.parse("2021-12-21T00:00:00Z")); // 14 days
    assertThat(s.end()).isAfterOrEqualTo(Instant.parse("2022-01-18T00:00:00Z"));
    assertThat(s.regions()).hasSize(17);
    assertThat(s.networks())
        .extracting(Scenario.Network::asn)
        .contains(9198L, 21299L, 206026L, 29355L, 48503L, 35104L, 41798L);
    for (Scenario.Change c : s.changes()) {
      assertThat(c.source()).isNotEmpty();
      assertThat(s.sources().keySet()).containsAll(c.source());
    }
  }

  @Test
  void theFingerprintIsTheSameInEveryRunOfTheJvm() throws Exception {
    // Map.copyOf iterates in an order salted per JVM: a fingerprint taken in another JVM must
    // agree.
    String here = Scenario.builtin("kazakhstan-2022").fingerprint();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    for (int run = 0; run < 3; run++) {
      Process p =
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  FingerprintMain.class.getName())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      assertThat(p.waitFor()).isZero();
      assertThat(out).isEqualTo(here);
    }
  }

  /** Prints the Kazakhstan scenario's fingerprint, for the test above. */
  public static final class FingerprintMain {
    public static void main(String[] args) {
      System.out.println(Scenario.builtin("kazakhstan-2022").fingerprint());
    }
  }

  @Test
  void aMalformedFileIsRefusedWithItsNameAndLine() throws IOException {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, "{\n  \"name\": \"x\",\n  \"start\": 12,,\n}");
    assertThatThrownBy(() -> Scenario.read(f))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("bad.json, line 3");
  }

  @Test
  void aChangeCitingAnUnknownSourceIsRefused() throws IOException {
    String json =
        new String(
                Scenario.class.getResourceAsStream("kazakhstan-2022.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"source\": [\n        \"cloudflare\"\n      ]", "\"source\": [\"nobody\"]");
    Path f = dir.resolve("unknown-source.json");
    Files.writeString(f, json);
    assertThatThrownBy(() -> Scenario.read(f))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("a known source, not 'nobody'");
  }

  @Test
  void theSameScenarioGivesTheSameBytesAndASecondCallFindsThem() throws IOException {
    Scenario s = blackoutDay();
    ScenarioGenerator.Inputs a = ScenarioGenerator.generate(s, dir.resolve("a"));
    ScenarioGenerator.Inputs b = ScenarioGenerator.generate(s, dir.resolve("b"));
    assertThat(a.fresh()).isTrue();
    for (Path p : List.of(a.trafficRegions(), a.trafficNetworks(), a.probeEntities())) {
      assertThat(Files.readString(p)).isEqualTo(Files.readString(b.dir().resolve(p.getFileName())));
    }
    assertThat(gunzip(a.probeResults())).isEqualTo(gunzip(b.probeResults()));
    assertThat(gunzip(a.mrt().get(0))).isEqualTo(gunzip(b.mrt().get(0)));
    assertThat(ScenarioGenerator.generate(s, dir.resolve("a")).fresh()).isFalse();
  }

  @Test
  void theNetworksNamesAreWrittenAsRipesAsnTxtAndFoundLater() throws IOException {
    Scenario s = blackoutDay();
    ScenarioGenerator.Inputs in = ScenarioGenerator.generate(s, dir);
    List<org.vigil.core.asn.AsName> names =
        org.vigil.core.asn.AsNameReader.read(in.asNames()).names();
    assertThat(names).hasSize(s.networks().size());
    for (Scenario.Network n : s.networks()) {
      assertThat(names).contains(new org.vigil.core.asn.AsName(n.asn(), n.name(), s.country()));
    }
    // inputs generated before the names file get it when found
    Files.delete(in.asNames());
    assertThat(ScenarioGenerator.generate(s, dir).asNames()).isRegularFile();
  }

  @Test
  void theBlackoutSilencesOoniAndEmptiesTraffic() throws IOException {
    ScenarioGenerator.Inputs in = ScenarioGenerator.generate(blackoutDay(), dir);
    // OONI: measurements in the morning of 5 January, almost none after the cut at 10:40
    long morning;
    long evening;
    try (var files = Files.walk(in.ooni().resolve("raw"))) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".jsonl.gz")).toList();
      morning = all.stream().filter(p -> hour(p) < 10).mapToLong(ScenarioTest::lines).sum();
      evening = all.stream().filter(p -> hour(p) >= 12).mapToLong(ScenarioTest::lines).sum();
    }
    assertThat(morning).isGreaterThan(200);
    assertThat(evening).isLessThan(morning / 20);
    // traffic of Almaty city at noon: about 2 % of 08:00
    double at8 = value(in.trafficRegions(), "2022-01-05T08:00:00Z,KZ-75");
    double at12 = value(in.trafficRegions(), "2022-01-05T12:00:00Z,KZ-75");
    assertThat(at12 / at8).isBetween(0.005, 0.05);
  }

  private static int hour(Path p) {
    return Integer.parseInt(p.getParent().getParent().getParent().getFileName().toString());
  }

  private static long lines(Path p) {
    try {
      return gunzip(p).lines().count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double value(Path csv, String prefix) throws IOException {
    for (String line : Files.readAllLines(csv)) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
      }
    }
    throw new AssertionError(prefix + " not in " + csv);
  }

  static String gunzip(Path p) throws IOException {
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(p))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }
}
