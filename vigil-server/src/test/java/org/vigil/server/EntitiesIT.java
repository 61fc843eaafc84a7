// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v2/entities/query} against the fixture store. */
class EntitiesIT {
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
  void aCountryByCodeHasItsStoredSignals() {
    JsonNode data = server.data("/v2/entities/query?entityType=country&entityCode=KZ");
    assertThat(data).hasSize(1);
    JsonNode kz = data.get(0);
    assertThat(kz.get("code").asText()).isEqualTo("KZ");
    assertThat(kz.get("name").asText()).isEqualTo("Kazakhstan");
    assertThat(kz.get("type").asText()).isEqualTo("country");
    assertThat(kz.get("attrs").get("fqid").asText()).isEqualTo("country.KZ");
    assertThat(kz.get("attrs").get("country_code").asText()).isEqualTo("KZ");
    assertThat(kz.get("attrs").get("datasources"))
        .extracting(JsonNode::asText)
        .containsExactly("bgp.visible_slash24", "traffic.requests");
    assertThat(kz.get("subnames")).isEmpty();
  }

  @Test
  void everyIsoCountryIsListedEvenWithoutData() {
    JsonNode data = server.data("/v2/entities/query?entityType=country");
    assertThat(data.size()).isGreaterThan(240);
    assertThat(data).extracting(e -> e.get("code").asText()).contains("KZ", "UZ", "IR");
  }

  @Test
  void relatedToACountryListsItsRegions() {
    JsonNode data = server.data("/v2/entities/query?relatedTo=country/KZ");
    assertThat(data).extracting(e -> e.get("code").asText()).contains("KZ-ALA", "KZ-AST");
    assertThat(data).allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("region"));
    JsonNode almaty =
        server.data("/v2/entities/query?relatedTo=country/KZ&entityCode=KZ-ALA").get(0);
    assertThat(almaty.get("attrs").get("datasources"))
        .extracting(JsonNode::asText)
        .containsExactly("traffic.requests");
  }

  @Test
  void relatedToARegionGivesItsCountry() {
    assertThat(server.data("/v2/entities/query?relatedTo=region/KZ-ALA"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("code").asText()).isEqualTo("KZ"));
  }

  @Test
  void searchIgnoresCaseAndAccents() {
    JsonNode data = server.data("/v2/entities/query?entityType=country&search=KAZAKH");
    assertThat(data).extracting(e -> e.get("code").asText()).containsExactly("KZ");
    assertThat(server.data("/v2/entities/query?search=kazakhtelecom"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("type").asText()).isEqualTo("asn");
              assertThat(e.get("code").asText()).isEqualTo("9198");
            });
  }

  @Test
  void limitAndPageCut() {
    assertThat(server.data("/v2/entities/query?entityType=country&limit=5")).hasSize(5);
    JsonNode second = server.data("/v2/entities/query?entityType=country&limit=5&page=1");
    JsonNode firstTen = server.data("/v2/entities/query?entityType=country&limit=10");
    assertThat(second.get(0)).isEqualTo(firstTen.get(5));
  }

  @Test
  void badParametersAre400AndUnknownRelatedEntities404() {
    assertThat(server.error("/v2/entities/query?entityType=galaxy", 400).get("parameter").asText())
        .isEqualTo("entityType");
    assertThat(server.error("/v2/entities/query?relatedTo=KZ", 400).get("parameter").asText())
        .isEqualTo("relatedTo");
    assertThat(
            server.error("/v2/entities/query?relatedTo=country/QQ", 404).get("parameter").asText())
        .isEqualTo("relatedTo");
    assertThat(server.error("/v2/entities/query?limit=0", 400).get("parameter").asText())
        .isEqualTo("limit");
  }
}
