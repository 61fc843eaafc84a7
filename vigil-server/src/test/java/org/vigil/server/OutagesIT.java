// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.server.Fixture.T0;
import static org.vigil.server.Fixture.T_END;
import static org.vigil.server.Fixture.at;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v2/outages/alerts}, {@code /events} and {@code /summary} against the fixture store. */
class OutagesIT {
  @TempDir static Path dir;
  static TestServer server;

  static final String WINDOW = "from=" + T0 + "&until=" + T_END;

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
  void alertsCarryTheThresholdTheSeriesFellBelow() {
    JsonNode data = server.data("/v2/outages/alerts?entityType=country&entityCode=KZ&" + WINDOW);
    assertThat(data).hasSize(7);
    JsonNode first = data.get(0);
    assertThat(first.get("datasource").asText()).isEqualTo("traffic.requests");
    assertThat(first.get("entity").get("code").asText()).isEqualTo("KZ");
    assertThat(first.get("entity").get("name").asText()).isEqualTo("Kazakhstan");
    assertThat(first.get("time").asLong()).isEqualTo(at(12));
    assertThat(first.get("level").asText()).isEqualTo("warning");
    assertThat(first.get("condition").asText()).isEqualTo("< 0.8");
    assertThat(first.get("value").asInt()).isEqualTo(70);
    assertThat(first.get("historyValue").asInt()).isEqualTo(100);
    assertThat(first.get("method").asText()).isEqualTo("median");
    // 5 January: BGP warns at 07:00 (below 0.99), both go critical at 08:00, both recover at 16:00
    assertThat(data)
        .extracting(
            a ->
                a.get("datasource").asText()
                    + " "
                    + a.get("level").asText()
                    + " "
                    + a.get("condition").asText())
        .containsExactly(
            "traffic.requests warning < 0.8",
            "traffic.requests normal normal",
            "bgp.visible_slash24 warning < 0.99",
            "bgp.visible_slash24 critical < 0.5",
            "traffic.requests critical < 0.5",
            "bgp.visible_slash24 normal normal",
            "traffic.requests normal normal");
  }

  @Test
  void alertsWithoutAReadableDetectorConfigurationNameTheLevel() {
    JsonNode data = server.data("/v2/outages/alerts?entityType=region&entityCode=KZ-ALA&" + WINDOW);
    assertThat(data)
        .singleElement()
        .satisfies(a -> assertThat(a.get("condition").asText()).isEqualTo("< critical"));
  }

  @Test
  void alertsFilterByTimeDatasourceAndPage() {
    String q = "/v2/outages/alerts?from=" + at(50) + "&until=" + at(64);
    assertThat(server.data(q))
        .hasSize(4); // 07:00 and 08:00 x2 and the Almaty alert; 16:00 excluded
    assertThat(server.data(q + "&datasource=bgp.visible_slash24")).hasSize(2);
    assertThat(server.data(q + "&limit=3&page=1")).hasSize(1);
    assertThat(server.data(q + "&limit=3&page=5")).isEmpty();
  }

  @Test
  void eventsInCodfFormatMatchTheGoldenFile() {
    // The window ends on 6 January: the Almaty blackout is still open there.
    JsonNode env =
        server.json("/v2/outages/events?from=" + T0 + "&until=" + at(72) + "&format=codf");
    Golden.assertMatches("outages-events-codf.json", env);
  }

  @Test
  void overallEventsAreTheMergedEventsWithTheirProductScore() {
    JsonNode data =
        server.data(
            "/v2/outages/events?entityType=country&entityCode=KZ&format=ioda&overall=true&"
                + WINDOW);
    assertThat(data).hasSize(2);
    JsonNode blackout = data.get(1);
    assertThat(blackout.get("entity").get("code").asText()).isEqualTo("KZ");
    assertThat(blackout.get("from").asLong()).isEqualTo(at(55));
    assertThat(blackout.get("until").asLong()).isEqualTo(at(64));
    assertThat(blackout.get("score").asDouble()).isEqualTo(47040.0 * 36600.0);
    assertThat(blackout.get("datasource").asText())
        .isEqualTo("bgp.visible_slash24,traffic.requests");
    assertThat(blackout.get("method").asText()).isEqualTo("median");
    assertThat(blackout.get("overlaps_window").asBoolean()).isFalse();
    assertThat(blackout.has("alerts")).isFalse();
  }

  @Test
  void perSignalEventsAreTheSignalParts() {
    JsonNode data =
        server.data("/v2/outages/events?entityType=country&entityCode=KZ&format=ioda&" + WINDOW);
    assertThat(data)
        .extracting(
            e ->
                e.get("datasource").asText()
                    + "@"
                    + e.get("from").asLong()
                    + "="
                    + e.get("score").asLong())
        .containsExactly(
            "traffic.requests@" + at(12) + "=1800",
            "bgp.visible_slash24@" + at(55) + "=36600",
            "traffic.requests@" + at(56) + "=47040");
  }

  @Test
  void includeAlertsListsTheAlertsOfEachEvent() {
    JsonNode data =
        server.data(
            "/v2/outages/events?entityType=country&entityCode=KZ&format=ioda&overall=true"
                + "&includeAlerts=true&"
                + WINDOW);
    JsonNode alerts = data.get(1).get("alerts");
    assertThat(alerts)
        .extracting(a -> a.get("time").asLong() + " " + a.get("level").asText())
        .containsExactlyInAnyOrder(
            at(55) + " warning",
            at(56) + " critical",
            at(64) + " normal",
            at(56) + " critical",
            at(64) + " normal");
  }

  @Test
  void anEventOpenAtUntilIsCutThereAndFlagged() {
    JsonNode data =
        server.data(
            "/v2/outages/events?entityType=region&entityCode=KZ-ALA&format=ioda&from="
                + T0
                + "&until="
                + at(70));
    JsonNode e = data.get(0);
    assertThat(e.get("until").asLong()).isEqualTo(at(70));
    assertThat(e.get("overlaps_window").asBoolean()).isTrue();
    // An event that began before the window is flagged too, and keeps its start.
    JsonNode later =
        server.data(
            "/v2/outages/events?entityType=country&entityCode=KZ&format=codf&from="
                + at(60)
                + "&until="
                + T_END);
    assertThat(later).hasSize(2);
    assertThat(later.get(0).get("start").asLong()).isEqualTo(at(55));
    assertThat(later.get(0).get("overlaps_window").asBoolean()).isTrue();
  }

  @Test
  void eventParametersAreChecked() {
    assertThat(
            server
                .error("/v2/outages/events?" + WINDOW + "&format=xml", 400)
                .get("message")
                .asText())
        .isEqualTo("format: expected one of codf, ioda, got 'xml'");
    assertThat(
            server
                .error("/v2/outages/events?" + WINDOW + "&overall=maybe", 400)
                .get("parameter")
                .asText())
        .isEqualTo("overall");
    assertThat(
            server.error("/v2/outages/events?" + WINDOW + "&page=1", 400).get("message").asText())
        .startsWith("page: needs limit");
    assertThat(
            server
                .error("/v2/outages/events?" + WINDOW + "&entityCode=KZ", 400)
                .get("parameter")
                .asText())
        .isEqualTo("entityCode");
    assertThat(server.error("/v2/outages/events?from=" + T0, 400).get("parameter").asText())
        .isEqualTo("until");
    assertThat(
            server
                .error("/v2/outages/alerts?" + WINDOW + "&entityType=country&entityCode=XX", 404)
                .get("message")
                .asText())
        .startsWith("unknown country 'XX'");
  }

  @Test
  void summaryScoresEachEntityHighestFirst() {
    JsonNode data = server.data("/v2/outages/summary?" + WINDOW);
    assertThat(data).hasSize(2);
    JsonNode kz = data.get(0);
    assertThat(kz.get("entity").get("code").asText()).isEqualTo("KZ");
    assertThat(kz.get("scores").get("traffic.requests.median").asDouble()).isEqualTo(48840);
    assertThat(kz.get("scores").get("bgp.visible_slash24.median").asDouble()).isEqualTo(36600);
    assertThat(kz.get("scores").get("overall").asDouble()).isEqualTo(47040.0 * 36600.0 + 1800);
    assertThat(kz.get("event_cnt").asInt()).isEqualTo(3);
    JsonNode almaty = data.get(1);
    assertThat(almaty.get("entity").get("code").asText()).isEqualTo("KZ-ALA");
    assertThat(almaty.get("scores").get("overall").asDouble()).isEqualTo(228000);
    assertThat(server.data("/v2/outages/summary?entityType=region&" + WINDOW)).hasSize(1);
    assertThat(server.data("/v2/outages/summary?limit=1&page=1&" + WINDOW))
        .singleElement()
        .satisfies(s -> assertThat(s.get("entity").get("code").asText()).isEqualTo("KZ-ALA"));
  }
}
