// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.detect.report.CountryRating;
import org.vigil.detect.report.StopRow;
import org.vigil.store.InputFile;
import org.vigil.store.duckdb.DuckDbSignalStore;

/**
 * {@code /api/episodes}, its narrative and the exports, on {@link Fixture}'s store (one Kazakh
 * episode: the dip of 3 January, the blackout of 5 January and Almaty's ongoing blackout are less
 * than 48 h apart) with Kazakhstan's Freedom in the World 2022 rating loaded.
 */
class EpisodesIT {
  @TempDir static Path dir;
  static TestServer server;
  static String id;

  @BeforeAll
  static void start() {
    Fixture.create(dir);
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      store.loadRatings(
          new InputFile(
              0,
              "fiw-sha",
              10,
              "context/freedomhouse",
              "r",
              "/data/FIW13-24.csv",
              Instant.EPOCH,
              1,
              null),
          List.of(
              new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2021, "NF", 23.0, null),
              new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2022, "NF", 23.0, null),
              new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2023, "NF", 23.0, null)));
    }
    server = TestServer.start(dir);
    id = server.json("/api/episodes").get(0).get("id").asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void episodesMatchTheGoldenFile() {
    Golden.assertMatches("api-episodes.json", server.json("/api/episodes"));
    assertThat(server.json("/api/episodes?country=Kazakhstan")).hasSize(1);
    assertThat(server.json("/api/episodes?country=UZ")).isEmpty();
    assertThat(server.error("/api/episodes?country=Atlantis", 404).get("parameter").asText())
        .isEqualTo("country");
  }

  @Test
  void oneEpisodeHasItsEventsInFull() {
    JsonNode e = server.json("/api/episodes/" + id);
    assertThat(e.get("events")).hasSize(3);
    assertThat(e.get("events").get(1).get("id").asText()).isEqualTo(Fixture.BLACKOUT_ID);
    assertThat(e.get("events").get(1).get("evidence")).hasSize(2);
    assertThat(server.error("/api/episodes/nope", 404).get("message").asText())
        .isEqualTo("no episode with id 'nope'");
  }

  @Test
  void theNarrativeMatchesTheGoldenFileAndEndsWithTheCountrysStanding() {
    JsonNode n = server.json("/api/episodes/" + id + "/narrative");
    Golden.assertMatches("api-narrative.json", n);
    HttpResponse<byte[]> text = server.get("/api/episodes/" + id + "/narrative?format=text");
    assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(TestServer.body(text))
        .isEqualTo(n.get("text").asText())
        .contains("Kazakhstan is rated Not Free in Freedom in the World (score 23/100, 2022).");
  }

  @Test
  void stopRowsHaveTheDatasetsColumns() {
    HttpResponse<byte[]> r = server.get("/api/export/stop.csv?country=KZ");
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = TestServer.body(r).split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).isEqualTo(String.join(",", StopRow.COLUMNS));
    assertThat(lines[1])
        .startsWith("Actual,1/3/2022,Kazakhstan,")
        .contains(",Ongoing,,,"); // Almaty's blackout is still open: no end date, no duration
  }

  @Test
  void annotationsAreCloudflareRadarsResponse() {
    Golden.assertMatches("api-annotations.json", server.json("/api/export/annotations.json"));
  }
}
