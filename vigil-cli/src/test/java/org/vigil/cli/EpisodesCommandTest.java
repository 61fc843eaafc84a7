// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.SignalKey;
import org.vigil.detect.DetectorConfig;
import org.vigil.detect.report.StopRow;
import org.vigil.store.duckdb.DuckDbSignalStore;

/**
 * {@code vigil episodes}, {@code vigil narrative} and the episode formats of {@code vigil events}
 * on a store detected from series: Kazakhstan's traffic and probing fall to 2 % for 10 hours from
 * 11 January 2022 00:00 UTC while BGP visibility stays flat, then come back fully.
 */
class EpisodesCommandTest {
  @TempDir Path dir;

  String data() {
    return dir.toString();
  }

  @BeforeEach
  void detect() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      store.ingestSeries(
          DetectionPipelineTest.input("t"),
          Map.of(
              new SignalKey(DetectionPipelineTest.KZ, "traffic.requests"),
              DetectionPipelineTest.shaped(240, 250, 2)));
      store.ingestSeries(
          DetectionPipelineTest.input("p"),
          Map.of(
              new SignalKey(DetectionPipelineTest.KZ, "probe.up_slash24"),
              DetectionPipelineTest.shaped(240, 250, 2)));
      store.ingestSeries(
          DetectionPipelineTest.input("b"),
          Map.of(
              new SignalKey(DetectionPipelineTest.KZ, "bgp.visible_slash24"),
              DetectionPipelineTest.shaped()));
      DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 3));
    }
  }

  @Test
  void episodesListOneDisruptionPerCountry() throws Exception {
    Cli table = Cli.run("episodes", "--data", data(), "--country", "Kazakhstan");
    assertThat(table.exit()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("ID ", "2022-01-11T00:00:00Z", "2022-01-11T10:00:00Z", "nationwide blackout")
        .contains("1 episode(s)");
    JsonNode json =
        new ObjectMapper()
            .readTree(Cli.run("episodes", "--data", data(), "--format", "json").out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("country").asText()).isEqualTo("KZ");
    assertThat(Cli.run("episodes", "--data", data(), "--country", "UZ").out())
        .isEqualTo("No episodes in UZ.\n");
  }

  @Test
  void theNarrativeTellsTheBlackoutInUtcAndLocalTimeWithRoutesAndRestoration() throws Exception {
    Cli n = Cli.run("narrative", "--data", data(), "--country", "KZ");
    assertThat(n.exit()).as(n.err()).isZero();
    assertThat(n.out())
        .startsWith("Kazakhstan: internet disruption, 11 January 2022 (Vigil episode ")
        .contains(
            "On 11 January 2022 at 00:00 UTC (06:00 local time), a nationwide blackout began in"
                + " Kazakhstan: active probing fell to 2 % of its usual level and traffic to 2 %.")
        .contains("Routes stayed announced: BGP visibility did not fall")
        .contains("When connectivity came back, it came back fully")
        .contains("\nEvidence:\n[1] event ");
    String id =
        new ObjectMapper()
            .readTree(Cli.run("episodes", "--data", data(), "--format", "json").out())
            .get(0)
            .get("id")
            .asText();
    JsonNode json =
        new ObjectMapper()
            .readTree(
                Cli.run(
                        "narrative",
                        "--data",
                        data(),
                        "--country",
                        "KZ",
                        "--episode",
                        id,
                        "--format",
                        "json")
                    .out());
    assertThat(json.get("episode").asText()).isEqualTo(id);
    assertThat(json.get("text").asText()).isEqualTo(n.out());
    Cli missing = Cli.run("narrative", "--data", data(), "--country", "KZ", "--episode", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("no episode nope in KZ", "vigil episodes --country KZ");
  }

  @Test
  void eventsExportEpisodesAsStopRowsAndAnnotationsAndEventsInIodaShapes() throws Exception {
    Cli stop = Cli.run("events", "--data", data(), "--country", "KZ", "--format", "stop");
    assertThat(stop.exit()).as(stop.err()).isZero();
    String[] lines = stop.out().split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", StopRow.COLUMNS));
    assertThat(lines).hasSize(2);
    assertThat(lines[1])
        .startsWith(
            "Actual,1/11/2022,Kazakhstan,It affected locations in more than one state, province,"
                .replace(
                    "It affected locations in more than one state, province,", "\"It affected"));
    ObjectMapper m = new ObjectMapper();
    JsonNode a = m.readTree(Cli.run("events", "--data", data(), "--format", "annotations").out());
    JsonNode ann = a.get("result").get("annotations").get(0);
    assertThat(ann.get("outage").get("outageType").asText()).isEqualTo("NATIONWIDE");
    assertThat(ann.get("startDate").asText()).isEqualTo("2022-01-11T00:00:00Z");
    JsonNode codf = m.readTree(Cli.run("events", "--data", data(), "--format", "codf").out());
    assertThat(codf.get(0).get("location").asText()).isEqualTo("country/KZ");
    assertThat(codf.get(0).get("duration").asLong()).isEqualTo(10 * 3600);
    JsonNode ioda = m.readTree(Cli.run("events", "--data", data(), "--format", "ioda").out());
    assertThat(ioda.get(0).get("entity").get("code").asText()).isEqualTo("KZ");
    Cli entity = Cli.run("events", "--data", data(), "--entity", "country/KZ", "--format", "stop");
    assertThat(entity.exit()).isEqualTo(1);
    assertThat(entity.err()).contains("use --country");
  }

  @Test
  void contextLoadedByTheUserEndsTheNarrative() throws Exception {
    Cli fiw =
        Cli.run(
            "context",
            "load",
            Cli.shared("freedomhouse-fiw/FIW13-24.csv").toString(),
            "--data",
            data());
    assertThat(fiw.exit()).as(fiw.err()).isZero();
    assertThat(fiw.out())
        .contains("Freedom in the World 2013–2024")
        .contains("skipped (no ISO 3166 code): Abkhazia");
    assertThat(
            Cli.run(
                    "context",
                    "load",
                    Cli.shared("freedomhouse-fiw/FIW13-24.csv").toString(),
                    "--data",
                    data())
                .out())
        .contains("already loaded");
    Path other = dir.resolve("fh-other.csv");
    java.nio.file.Files.writeString(
        other,
        "Nations in Transit 2022 (from the report),,,\n"
            + "Country/Territory,Edition,Status,Total\n"
            + "Kazakhstan,2022,Consolidated Authoritarian Regime,\n");
    assertThat(Cli.run("context", "load", other.toString(), "--data", data()).exit()).isZero();
    String n = Cli.run("narrative", "--data", data(), "--country", "KZ").out();
    assertThat(n)
        .contains(
            "Kazakhstan is rated Not Free in Freedom in the World (score 23/100, 2022) and is"
                + " categorized as a Consolidated Authoritarian Regime in Nations in Transit"
                + " (2022).")
        .contains("country ratings loaded from FIW13-24.csv (sha256 ");
    Cli show = Cli.run("context", "show", "--country", "KZ", "--data", data(), "--year", "2022");
    assertThat(show.out()).contains("Freedom in the World   2022  Not Free");
  }
}
