// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.server.Fixture.T0;
import static org.vigil.server.Fixture.T_END;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.store.duckdb.DuckDbSignalStore;

/** What every endpoint shares: caching, compression, errors, the OpenAPI document, lifecycle. */
class ServerIT {
  @TempDir static Path dir;
  static TestServer server;

  static final String SIGNALS = "/v2/signals/raw/country/KZ?from=" + T0 + "&until=" + T_END;

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
  void responsesCarryAnETagAndA304ComesBackForIt() {
    HttpResponse<byte[]> first = server.get(SIGNALS);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("W/\"[0-9a-f]{32}\"");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    // The same data gives the same tag.
    assertThat(server.get(SIGNALS).headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<byte[]> again = server.get(SIGNALS, "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<byte[]> listed =
        server.get(SIGNALS, "If-None-Match", "\"other\", " + etag.substring(2));
    assertThat(listed.statusCode()).isEqualTo(304);
    HttpResponse<byte[]> stale = server.get(SIGNALS, "If-None-Match", "W/\"0000\"");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo(first.body());
  }

  @Test
  void otherParametersGiveAnotherETag() {
    String a = server.get(SIGNALS).headers().firstValue("ETag").orElseThrow();
    String b = server.get(SIGNALS + "&maxPoints=10").headers().firstValue("ETag").orElseThrow();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void bodiesAreGzippedWhenTheClientAcceptsIt() throws IOException {
    HttpResponse<byte[]> plain = server.get(SIGNALS);
    HttpResponse<byte[]> zipped = server.get(SIGNALS, "Accept-Encoding", "gzip");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(zipped.body().length).isLessThan(plain.body().length / 3);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
  }

  @Test
  void anyOriginMayRead() {
    assertThat(server.get("/v2/datasources").headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("*");
  }

  @Test
  void anUnknownRouteIsAJson404() {
    JsonNode e = server.error("/v2/nothing/here", 404);
    assertThat(e.get("message").asText())
        .isEqualTo("no such endpoint: GET /v2/nothing/here (GET /openapi.json lists them)");
    JsonNode plain = server.json("/favicon.ico", 404);
    assertThat(plain.has("type")).isFalse(); // outside /v2 the error stands alone
    assertThat(plain.get("error").get("status").asInt()).isEqualTo(404);
  }

  @Test
  void errorsAreNeitherCachedNorStackTraces() {
    HttpResponse<byte[]> r = server.get("/v2/signals/raw/country/KZ?from=x&until=y");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(TestServer.body(r)).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void theOpenApiDocumentDescribesExactlyTheServedRoutes() {
    JsonNode doc = server.json("/openapi.json");
    assertThat(doc.get("openapi").asText()).startsWith("3.0.");
    List<String> documented = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(server.server.routePaths());
    // Every path parameter in a path is declared, and every operation has a 200 response.
    for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
      String path = it.next();
      JsonNode get = doc.get("paths").get(path).get("get");
      assertThat(get).as(path).isNotNull();
      assertThat(get.get("responses").has("200")).as(path).isTrue();
      List<String> declared = new ArrayList<>();
      for (JsonNode p : get.get("parameters")) {
        if (p.has("in") && p.get("in").asText().equals("path")) {
          declared.add(p.get("name").asText());
        }
      }
      List<String> inPath = new ArrayList<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path);
      while (m.find()) {
        inPath.add(m.group(1));
      }
      assertThat(declared).as(path).containsExactlyElementsOf(inPath);
    }
    // Shared parameters resolve.
    doc.findValues("$ref")
        .forEach(
            ref -> {
              String[] parts = ref.asText().substring(2).split("/");
              JsonNode target = doc;
              for (String part : parts) {
                target = target.get(part);
              }
              assertThat(target).as(ref.asText()).isNotNull();
            });
  }

  @Test
  void eachRequestIsLogged() throws InterruptedException {
    server.accessLog.clear();
    server.get("/v2/datasources?x=1");
    String line = server.accessLog.poll(10, TimeUnit.SECONDS);
    assertThat(line).matches("\\S+ \"GET /v2/datasources\\?x=1\" 200 \\d+\\.\\d ms");
  }

  @Test
  void anIodaClientCanWalkFromEntityToSignals() {
    // Resolve the entity, then its summary, events, alerts and signals, as IODA clients do.
    JsonNode entity = server.data("/v2/entities/query?entityType=country&search=Kazakhstan").get(0);
    String type = entity.get("type").asText();
    String code = entity.get("code").asText();
    String window = "from=" + T0 + "&until=" + T_END;
    String sel = "entityType=" + type + "&entityCode=" + code + "&" + window;
    JsonNode summary = server.data("/v2/outages/summary?" + sel).get(0);
    assertThat(summary.get("event_cnt").asInt()).isPositive();
    JsonNode events = server.data("/v2/outages/events?format=ioda&overall=true&" + sel);
    JsonNode worst = events.get(1);
    String eventWindow =
        "from=" + worst.get("from").asLong() + "&until=" + (worst.get("until").asLong() + 1);
    JsonNode alerts =
        server.data(
            "/v2/outages/alerts?entityType=" + type + "&entityCode=" + code + "&" + eventWindow);
    assertThat(alerts).extracting(a -> a.get("level").asText()).contains("critical", "normal");
    JsonNode signals =
        server.data("/v2/signals/raw/" + type + "/" + code + "?" + eventWindow).get(0);
    assertThat(signals)
        .extracting(s -> s.get("datasource").asText())
        .containsExactlyElementsOf(List.of(worst.get("datasource").asText().split(",")));
  }

  @Test
  void startRefusesADirectoryWithoutAStore(@TempDir Path empty) {
    assertThatThrownBy(() -> VigilServer.start(empty, 0, ServerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no store in " + empty);
  }

  @Test
  void stopClosesThePortAndReleasesTheStore(@TempDir Path other) {
    Fixture.create(other);
    TestServer s =
        TestServer.start(
            other,
            ServerOptions.defaults()
                .withRegistry(Fixture.REGISTRY)
                .withCacheMaxAge(Duration.ZERO)
                .withStopTimeout(Duration.ofSeconds(2)));
    assertThat(s.get("/v2/datasources").headers().firstValue("Cache-Control")).hasValue("no-cache");
    s.close();
    s.close(); // a second stop does nothing
    assertThatThrownBy(() -> s.get("/v2/datasources")).isInstanceOf(RuntimeException.class);
    // Another process could open the store now; so can this one.
    try (DuckDbSignalStore store = DuckDbSignalStore.open(other)) {
      assertThat(store.series()).hasSize(4);
    }
  }
}
