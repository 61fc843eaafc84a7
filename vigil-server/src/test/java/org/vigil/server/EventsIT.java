// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vigil's own {@code /api/events}, {@code /api/events/{id}} and {@code /api/events.csv}. */
class EventsIT {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixture.create(dir);
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void eventsMatchTheGoldenFile() {
    Golden.assertMatches("api-events.json", server.json("/api/events"));
  }

  @Test
  void aCountrySelectsItsRegionsToo() {
    assertThat(server.json("/api/events?country=KZ"))
        .extracting(e -> e.get("id").asText())
        .containsExactly(Fixture.DIP_ID, Fixture.BLACKOUT_ID, Fixture.ALMATY_ID);
    assertThat(server.json("/api/events?country=Kazakhstan")).hasSize(3);
    assertThat(server.json("/api/events?entity=country/KZ")).hasSize(2);
    assertThat(server.json("/api/events?entity=region/KZ-ALA"))
        .extracting(e -> e.get("id").asText())
        .containsExactly(Fixture.ALMATY_ID);
    assertThat(server.json("/api/events?entity=region/KZ-ALA,country/KZ"))
        .extracting(e -> e.get("id").asText())
        .containsExactly(Fixture.DIP_ID, Fixture.BLACKOUT_ID, Fixture.ALMATY_ID);
  }

  @Test
  void fromAndUntilKeepEventsOverlappingTheWindow() {
    assertThat(server.json("/api/events?from=2022-01-05&until=2022-01-05T09:00:00Z"))
        .extracting(e -> e.get("id").asText())
        .containsExactly(Fixture.BLACKOUT_ID);
    assertThat(server.json("/api/events?from=" + Fixture.at(70)))
        .extracting(e -> e.get("id").asText())
        .containsExactly(Fixture.ALMATY_ID); // still ongoing
  }

  @Test
  void oneEventById() {
    JsonNode e = server.json("/api/events/" + Fixture.ALMATY_ID);
    assertThat(e.get("entity").get("code").asText()).isEqualTo("KZ-ALA");
    assertThat(e.get("end").isNull()).isTrue();
    JsonNode missing = server.error("/api/events/nope", 404);
    assertThat(missing.get("message").asText()).isEqualTo("no event with id 'nope'");
  }

  @Test
  void csvHasTheCliColumns() {
    HttpResponse<byte[]> r = server.get("/api/events.csv?entity=country/KZ");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(TestServer.body(r))
        .isEqualTo(
            "id,entity_type,entity_code,entity_name,start,end,kind,scope,pattern,platforms,score,"
                + "signals,lowest_ratio,evidence_sha256\n"
                + "0c0ffee00001,country,KZ,Kazakhstan,2022-01-03T12:00:00Z,2022-01-03T13:00:00Z,"
                + "outage,regional,,,1800.0,traffic.requests,0.7,sha256-of-kz-traffic.csv\n"
                + "3f2a9c1d0b7e,country,KZ,Kazakhstan,2022-01-05T07:00:00Z,2022-01-05T16:00:00Z,"
                + "blackout,nationwide,,,1.72166E9,bgp.visible_slash24;traffic.requests,0.02,"
                + "sha256-of-kz-traffic.csv;sha256-of-kz-bgp.csv\n");
  }

  @Test
  void badFiltersAre400AndUnknownOnes404() {
    assertThat(server.error("/api/events?from=soon", 400).get("parameter").asText())
        .isEqualTo("from");
    assertThat(
            server
                .error("/api/events?from=2022-01-06&until=2022-01-05", 400)
                .get("parameter")
                .asText())
        .isEqualTo("until");
    assertThat(server.error("/api/events?entity=KZ", 400).get("parameter").asText())
        .isEqualTo("entity");
    assertThat(server.error("/api/events?entity=moon/KZ", 400).get("parameter").asText())
        .isEqualTo("entity");
    assertThat(server.error("/api/events?country=Atlantis", 404).get("parameter").asText())
        .isEqualTo("country");
    assertThat(server.error("/api/events.csv?country=Atlantis", 404).get("parameter").asText())
        .isEqualTo("country");
  }
}
