// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.server.Fixture.HOUR;
import static org.vigil.server.Fixture.T0;
import static org.vigil.server.Fixture.T_END;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v2/signals/raw} and {@code /v2/datasources} against the fixture store. */
class SignalsIT {
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

  static String raw(String entity, String query) {
    return "/v2/signals/raw/" + entity + "?" + query;
  }

  @Test
  void rawSeriesOfKazakhstanMatchTheGoldenFile() {
    // 5 January, downsampled to 2-hour bins: the blackout is bins 4..7 of each series.
    JsonNode env =
        server.json(
            raw(
                "country/KZ",
                "from=" + (T0 + 48 * HOUR) + "&until=" + (T0 + 72 * HOUR) + "&maxPoints=12"));
    Golden.assertMatches("signals-raw-kz.json", env);
  }

  @Test
  void rawSeriesHaveEveryNativeBinWithNullForGaps() {
    JsonNode data = server.data(raw("country/KZ", "from=" + T0 + "&until=" + T_END));
    assertThat(data).hasSize(1);
    JsonNode series = data.get(0);
    assertThat(series)
        .extracting(s -> s.get("datasource").asText())
        .containsExactly("bgp.visible_slash24", "traffic.requests");
    JsonNode traffic = series.get(1);
    assertThat(traffic.get("entityType").asText()).isEqualTo("country");
    assertThat(traffic.get("entityCode").asText()).isEqualTo("KZ");
    assertThat(traffic.get("entityName").asText()).isEqualTo("Kazakhstan");
    assertThat(traffic.get("entityFqid").asText()).isEqualTo("country.KZ");
    assertThat(traffic.get("from").asLong()).isEqualTo(T0);
    assertThat(traffic.get("until").asLong()).isEqualTo(T_END);
    assertThat(traffic.get("step").asInt()).isEqualTo(3600);
    assertThat(traffic.get("nativeStep").asInt()).isEqualTo(3600);
    JsonNode values = traffic.get("values");
    assertThat(values).hasSize(96);
    assertThat(values.get(0).asInt()).isEqualTo(100);
    assertThat(values.get(30).isNull()).isTrue();
    assertThat(values.get(56).asInt()).isEqualTo(2);
    assertThat(series.get(0).get("values")).hasSize(192);
  }

  @Test
  void fromIsFlooredToTheStepAndUntilIsExclusive() {
    JsonNode s =
        server
            .data(
                raw(
                    "country/KZ",
                    "datasource=traffic.requests&from="
                        + (T0 + 1800)
                        + "&until="
                        + (T0 + 3 * HOUR)))
            .get(0)
            .get(0);
    assertThat(s.get("from").asLong()).isEqualTo(T0);
    assertThat(s.get("values")).hasSize(3);
  }

  @Test
  void aCommaListGivesOneEntryPerEntityInOrder() {
    JsonNode data = server.data(raw("region/KZ-ALA,KZ-AST", "from=" + T0 + "&until=" + T_END));
    assertThat(data).hasSize(2);
    assertThat(data.get(0).get(0).get("entityName").asText()).isEqualTo("Almaty");
    assertThat(data.get(1)).isEmpty(); // an ISO region without data
  }

  @Test
  void datasourceSelectsSignals() {
    JsonNode data =
        server.data(
            raw("country/KZ", "datasource=bgp.visible_slash24&from=" + T0 + "&until=" + T_END));
    assertThat(data.get(0))
        .singleElement()
        .satisfies(s -> assertThat(s.get("datasource").asText()).isEqualTo("bgp.visible_slash24"));
  }

  @Test
  void maxPointsAveragesThePresentValuesOfWiderAlignedBins() {
    // 96 hourly bins into at most 10: 10-hour bins aligned to multiples of 36000 s.
    JsonNode s =
        server
            .data(
                raw(
                    "country/KZ",
                    "datasource=traffic.requests&maxPoints=10&from=" + T0 + "&until=" + T_END))
            .get(0)
            .get(0);
    int step = s.get("step").asInt();
    assertThat(step % 3600).isZero();
    assertThat(s.get("nativeStep").asInt()).isEqualTo(3600);
    assertThat(s.get("from").asLong() % step).isZero();
    assertThat(s.get("values").size()).isLessThanOrEqualTo(10);
    // Bins keep their meaning: the total time covered includes the whole window.
    assertThat(s.get("from").asLong()).isLessThanOrEqualTo(T0);
    assertThat(s.get("until").asLong()).isGreaterThanOrEqualTo(T_END);
  }

  @Test
  void storedAsnNamesWinOverTheDefaultName() {
    JsonNode s = server.data(raw("asn/AS9198", "from=" + T0 + "&until=" + T_END)).get(0).get(0);
    assertThat(s.get("entityCode").asText()).isEqualTo("9198");
    assertThat(s.get("entityName").asText()).isEqualTo("JSC Kazakhtelecom");
  }

  @Test
  void missingFromIsA400NamingIt() {
    JsonNode e = server.error(raw("country/KZ", "until=" + T_END), 400);
    assertThat(e.get("parameter").asText()).isEqualTo("from");
    assertThat(e.get("message").asText()).startsWith("from: required");
  }

  @Test
  void missingUntilIsA400NamingIt() {
    JsonNode e = server.error(raw("country/KZ", "from=" + T0), 400);
    assertThat(e.get("parameter").asText()).isEqualTo("until");
  }

  @Test
  void nonNumericFromIsA400() {
    JsonNode e = server.error(raw("country/KZ", "from=yesterday&until=" + T_END), 400);
    assertThat(e.get("message").asText()).contains("unix seconds").contains("yesterday");
  }

  @Test
  void untilBeforeFromIsA400() {
    JsonNode e = server.error(raw("country/KZ", "from=" + T_END + "&until=" + T0), 400);
    assertThat(e.get("message").asText())
        .isEqualTo("until: must be after from (from=" + T_END + ", until=" + T0 + ")");
  }

  @Test
  void aRangeOfOneHundredDaysIsA400() {
    long until = T0 + 100L * 86_400;
    JsonNode e = server.error(raw("country/KZ", "from=" + T0 + "&until=" + until), 400);
    assertThat(e.get("message").asText()).contains("shorter than 100 days").contains("100.0 days");
    // Just under the limit is fine.
    server.data(raw("country/KZ", "from=" + T0 + "&until=" + (until - 1) + "&maxPoints=100"));
  }

  @Test
  void anUnknownEntityTypeIsA400() {
    JsonNode e = server.error(raw("planet/KZ", "from=" + T0 + "&until=" + T_END), 400);
    assertThat(e.get("parameter").asText()).isEqualTo("entityType");
    assertThat(e.get("message").asText())
        .isEqualTo("entityType: unknown entity type 'planet': expected country, region or asn");
  }

  @Test
  void anUnknownCountryIsA404() {
    JsonNode e = server.error(raw("country/QQ", "from=" + T0 + "&until=" + T_END), 404);
    assertThat(e.get("message").asText()).startsWith("unknown country 'QQ'");
  }

  @Test
  void aMalformedAsnIsA400() {
    JsonNode e = server.error(raw("asn/AS-x", "from=" + T0 + "&until=" + T_END), 400);
    assertThat(e.get("parameter").asText()).isEqualTo("entityCode");
  }

  @Test
  void badMaxPointsIsA400() {
    for (String bad : new String[] {"0", "-3", "many", "1.5"}) {
      JsonNode e =
          server.error(
              raw("country/KZ", "from=" + T0 + "&until=" + T_END + "&maxPoints=" + bad), 400);
      assertThat(e.get("parameter").asText()).isEqualTo("maxPoints");
    }
  }

  @Test
  void anUnknownDatasourceIsA400ListingTheKnownOnes() {
    JsonNode e =
        server.error(raw("country/KZ", "from=" + T0 + "&until=" + T_END + "&datasource=bgp"), 400);
    assertThat(e.get("message").asText())
        .isEqualTo(
            "datasource: unknown datasource 'bgp'; this store has bgp.visible_slash24,"
                + " traffic.requests");
  }

  @Test
  void errorsUnderV2ComeInTheEnvelope() {
    JsonNode body = server.json(raw("country/KZ", "until=" + T_END), 400);
    assertThat(body.get("type").asText()).isEqualTo("error");
    assertThat(body.get("requestParameters").get("entityCode").asText()).isEqualTo("KZ");
    assertThat(body.get("requestParameters").get("until").asText()).isEqualTo(Long.toString(T_END));
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(body.has("copyright")).isTrue();
  }

  @Test
  void datasourcesListTheStoredSignalsWithTheirSteps() {
    JsonNode data = server.data("/v2/datasources");
    assertThat(data).hasSize(2);
    JsonNode bgp = data.get(0);
    assertThat(bgp.get("datasource").asText()).isEqualTo("bgp.visible_slash24");
    assertThat(bgp.get("nativeStep").asInt()).isEqualTo(1800);
    assertThat(bgp.get("series").asInt()).isEqualTo(2);
    assertThat(bgp.get("entityTypes"))
        .extracting(JsonNode::asText)
        .containsExactly("asn", "country");
    JsonNode one = server.data("/v2/datasources/traffic.requests");
    assertThat(one.get("steps")).extracting(JsonNode::asInt).containsExactly(3600);
    assertThat(server.error("/v2/datasources/ping-slash24", 404).get("message").asText())
        .contains("ping-slash24");
  }
}
