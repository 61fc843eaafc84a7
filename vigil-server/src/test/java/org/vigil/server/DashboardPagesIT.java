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

/**
 * The dashboard's pages and assets as HTTP sees them, and {@code /api/meta}; {@code DashboardIT} in
 * vigil-cli opens them in a browser.
 */
class DashboardPagesIT {
  @TempDir static Path dir;
  @TempDir static Path measured;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixture.create(dir);
    DatasetLabel.of(DatasetLabel.Origin.RECONSTRUCTION, "RECONSTRUCTION: <not> measured.", "Why.")
        .write(dir);
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  String page(String path, int status) {
    HttpResponse<byte[]> r = server.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
        .isEqualTo("text/html;charset=utf-8");
    return TestServer.body(r);
  }

  @Test
  void everyPageCarriesTheBannerWrittenByTheServer() {
    for (String path : new String[] {"/", "/country/KZ", "/region/KZ-ALA", "/asn/9198"}) {
      assertThat(page(path, 200))
          .as(path)
          .contains("id=\"dataset-banner\"")
          .contains("RECONSTRUCTION: &lt;not&gt; measured.") // escaped, never markup
          .doesNotContain("{{");
    }
    assertThat(page("/country/XX", 404)).contains("RECONSTRUCTION");
  }

  @Test
  void entityPagesNameTheEntityAndAcceptItsOtherCodes() {
    assertThat(page("/country/KZ", 200)).contains("<title>Vigil: Kazakhstan</title>");
    assertThat(page("/country/KAZ", 200)).contains("<h1 id=\"entity-name\">Kazakhstan</h1>");
    assertThat(page("/asn/AS9198", 200)).contains("AS9198 JSC Kazakhtelecom");
    assertThat(page("/region/KZ-ALA", 200)).contains("Vigil: Almaty");
  }

  @Test
  void unknownOrMalformedEntitiesAre404Pages() {
    assertThat(page("/country/Atlantis", 404)).contains("No country &#39;Atlantis&#39;");
    assertThat(page("/region/KZ-NOPE", 404)).contains("No region");
    assertThat(page("/asn/notanumber", 404)).contains("No asn");
    assertThat(page("/country/%3Cscript%3E", 404)).doesNotContain("<script>");
  }

  @Test
  void assetsComeFromTheJarWithTheirTypesAndETags() {
    HttpResponse<byte[]> js = server.get("/assets/vendor/uplot/dist/uPlot.iife.min.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    String etag = js.headers().firstValue("ETag").orElseThrow();
    assertThat(
            server
                .get("/assets/vendor/uplot/dist/uPlot.iife.min.js", "If-None-Match", etag)
                .statusCode())
        .isEqualTo(304);
    assertThat(server.get("/assets/app.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
    HttpResponse<byte[]> atlas =
        server.get("/assets/vendor/world-atlas/countries-110m.json", "Accept-Encoding", "gzip");
    assertThat(atlas.headers().firstValue("Content-Encoding")).hasValue("gzip");
    for (String name :
        new String[] {"uplot", "d3-geo", "d3-array", "topojson-client", "world-atlas"}) {
      assertThat(server.get("/assets/vendor/" + name + "/LICENSE").statusCode())
          .as(name)
          .isEqualTo(200);
    }
  }

  @Test
  void nothingOutsideTheDashboardIsServed() {
    JsonAssert.parameter(server.error("/assets/nothing.js", 404), "path");
    assertThat(server.get("/assets/../openapi.json").statusCode()).isNotEqualTo(200);
    assertThat(server.get("/assets/%2e%2e/VigilServer.class").statusCode()).isEqualTo(404);
    assertThat(server.get("/assets/..%2fVigilServer.class").statusCode()).isEqualTo(404);
  }

  @Test
  void metaDescribesTheDataset() {
    JsonNode meta = server.json("/api/meta");
    assertThat(meta.get("dataset").get("origin").asText()).isEqualTo("reconstruction");
    assertThat(meta.get("dataset").get("banner").asText()).startsWith("RECONSTRUCTION");
    assertThat(meta.get("data").get("from").asLong()).isEqualTo(Fixture.T0);
    assertThat(meta.get("data").get("until").asLong()).isEqualTo(Fixture.T_END);
    assertThat(meta.get("data").get("series").asInt()).isEqualTo(4);
    assertThat(meta.get("data").get("events").asInt()).isEqualTo(3);
    assertThat(meta.get("data").get("ongoing").asInt()).isEqualTo(1);
    assertThat(meta.get("iso_numeric").get("398").asText()).isEqualTo("KZ");
  }

  @Test
  void measuredDataHasNoBanner() {
    Fixture.create(measured);
    try (TestServer plain = TestServer.start(measured)) {
      assertThat(plain.json("/api/meta").get("dataset").get("origin").asText())
          .isEqualTo("measured");
      HttpResponse<byte[]> home = plain.get("/");
      assertThat(TestServer.body(home)).doesNotContain("dataset-banner");
    }
  }
}
