// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.server.Fixture.T0;
import static org.vigil.server.Fixture.T_END;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every route: a 4xx with a JSON error naming the parameter at fault, never a 500,
 * never a stack trace.
 */
class BadInputIT {
  static final String W = "from=" + T0 + "&until=" + T_END;

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

  /** Request, expected status, the parameter the error must name. */
  static Stream<Arguments> cases() {
    long beyond = T0 + 100L * 86_400;
    return Stream.of(
        // /v2/signals/raw
        Arguments.of("/v2/signals/raw/country/QQ?" + W, 404, "entityCode"),
        Arguments.of("/v2/signals/raw/planet/KZ?" + W, 400, "entityType"),
        Arguments.of("/v2/signals/raw/asn/notanumber?" + W, 400, "entityCode"),
        Arguments.of("/v2/signals/raw/country/KZ?from=" + T_END + "&until=" + T0, 400, "until"),
        Arguments.of("/v2/signals/raw/country/KZ?from=" + T0 + "&until=" + T0, 400, "until"),
        Arguments.of("/v2/signals/raw/country/KZ?from=" + T0 + "&until=" + beyond, 400, "until"),
        Arguments.of("/v2/signals/raw/country/KZ?until=" + T_END, 400, "from"),
        Arguments.of("/v2/signals/raw/country/KZ?from=" + T0, 400, "until"),
        Arguments.of("/v2/signals/raw/country/KZ?from=yesterday&until=" + T_END, 400, "from"),
        Arguments.of("/v2/signals/raw/country/KZ?from=-5&until=" + T_END, 400, "from"),
        Arguments.of("/v2/signals/raw/country/KZ?" + W + "&maxPoints=0", 400, "maxPoints"),
        Arguments.of("/v2/signals/raw/country/KZ?" + W + "&maxPoints=many", 400, "maxPoints"),
        Arguments.of(
            "/v2/signals/raw/country/KZ?" + W + "&maxPoints=99999999999", 400, "maxPoints"),
        Arguments.of("/v2/signals/raw/country/KZ?" + W + "&datasource=ping", 400, "datasource"),
        Arguments.of("/v2/signals/raw/country/,?" + W, 400, "entityCode"),
        // /v2/datasources
        Arguments.of("/v2/datasources/nothing", 404, "datasource"),
        // /v2/outages/*
        Arguments.of("/v2/outages/alerts?from=" + T0, 400, "until"),
        Arguments.of(
            "/v2/outages/alerts?" + W + "&entityType=country&entityCode=QQ", 404, "entityCode"),
        Arguments.of("/v2/outages/alerts?" + W + "&entityCode=KZ", 400, "entityCode"),
        Arguments.of("/v2/outages/alerts?" + W + "&datasource=x", 400, "datasource"),
        Arguments.of("/v2/outages/alerts?" + W + "&limit=-1", 400, "limit"),
        Arguments.of("/v2/outages/events?" + W + "&format=xml", 400, "format"),
        Arguments.of("/v2/outages/events?" + W + "&overall=perhaps", 400, "overall"),
        Arguments.of("/v2/outages/events?" + W + "&page=2", 400, "page"),
        Arguments.of("/v2/outages/events?from=" + T_END + "&until=" + T0, 400, "until"),
        Arguments.of("/v2/outages/summary?until=" + T_END, 400, "from"),
        Arguments.of("/v2/outages/summary?" + W + "&entityType=moon", 400, "entityType"),
        // /v2/entities/query
        Arguments.of("/v2/entities/query?entityType=moon", 400, "entityType"),
        Arguments.of("/v2/entities/query?relatedTo=KZ", 400, "relatedTo"),
        Arguments.of("/v2/entities/query?relatedTo=country/QQ", 404, "relatedTo"),
        Arguments.of("/v2/entities/query?page=1", 400, "page"),
        // /api
        Arguments.of("/api/events?from=soon", 400, "from"),
        Arguments.of("/api/events?from=2022-01-06&until=2022-01-05", 400, "until"),
        Arguments.of("/api/events?entity=KZ", 400, "entity"),
        Arguments.of("/api/events?entity=asn/x", 400, "entity"),
        Arguments.of("/api/events?country=Atlantis", 404, "country"),
        Arguments.of("/api/events.csv?until=never", 400, "until"),
        Arguments.of("/api/events/nope", 404, "id"),
        // feeds and dashboard assets
        Arguments.of("/feeds/country/QQ.atom", 404, "code"),
        Arguments.of("/assets/missing.css", 404, "path"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsA4xxNamingTheParameter(String path, int status, String parameter) {
    JsonNode error = server.error(path, status);
    JsonAssert.parameter(error, parameter);
    assertThat(error.get("message").asText()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  /** Every route with random junk in each place a value goes: 4xx or 2xx, never 5xx. */
  @Test
  void junkNeverGivesA500() {
    SplittableRandom random = new SplittableRandom(8);
    List<String> junk =
        List.of(
            "",
            " ",
            "%00",
            "'\"<>",
            "-1",
            "1e309",
            "99999999999999999999",
            "NaN",
            "..%2F",
            "%E2%80%AE",
            "country/",
            "/",
            ",,,",
            "true",
            "\u00e9");
    List<String> templates =
        List.of(
            "/v2/signals/raw/{t}/{c}?from={n}&until={n}&maxPoints={n}&datasource={s}",
            "/v2/datasources/{s}",
            "/v2/outages/alerts?from={n}&until={n}&entityType={t}&entityCode={c}&limit={n}",
            "/v2/outages/events?from={n}&until={n}&format={s}&overall={s}&page={n}&limit={n}",
            "/v2/outages/summary?from={n}&until={n}&entityType={t}&entityCode={c}",
            "/v2/entities/query?entityType={t}&entityCode={c}&search={s}&relatedTo={s}",
            "/api/events?country={c}&entity={s}&from={s}&until={s}",
            "/api/events.csv?country={c}&from={s}",
            "/api/events/{s}",
            "/api/meta?x={s}",
            "/feeds/events.atom?x={s}",
            "/feeds/country/{c}.atom",
            "/country/{c}",
            "/region/{c}",
            "/asn/{c}",
            "/assets/{s}");
    for (int i = 0; i < 400; i++) {
      String template = templates.get(random.nextInt(templates.size()));
      String path = template;
      for (String slot : List.of("{t}", "{c}", "{n}", "{s}")) {
        while (path.contains(slot)) {
          String v =
              random.nextInt(3) == 0
                  ? sensible(slot, random)
                  : junk.get(random.nextInt(junk.size()));
          path = path.replaceFirst(java.util.regex.Pattern.quote(slot), encode(v, template, slot));
        }
      }
      HttpResponse<byte[]> r = server.get(path);
      assertThat(r.statusCode()).as("GET %s: %s", path, TestServer.body(r)).isLessThan(500);
      assertThat(TestServer.body(r)).as(path).doesNotContain("\tat org.");
    }
  }

  private static String sensible(String slot, SplittableRandom random) {
    return switch (slot) {
      case "{t}" -> List.of("country", "region", "asn").get(random.nextInt(3));
      case "{c}" -> List.of("KZ", "KZ-ALA", "9198").get(random.nextInt(3));
      case "{n}" -> Long.toString(T0 + random.nextInt(400_000));
      default -> "traffic.requests";
    };
  }

  /** Path segments are percent-encoded as a client would; junk already encoded stays as it is. */
  private static String encode(String v, String template, String slot) {
    if (v.contains("%")) {
      return v;
    }
    String e = URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    boolean inPath = template.indexOf(slot) < template.indexOf('?') || !template.contains("?");
    return inPath ? e.replace("%2F", "/") : e;
  }
}
