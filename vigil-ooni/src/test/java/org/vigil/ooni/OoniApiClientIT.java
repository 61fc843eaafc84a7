// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OoniApiClient} against a local server (JDK {@code HttpServer} on 127.0.0.1, port 0) that
 * replays the hand-made responses in {@code src/test/resources/ooni/api} (see its README), with
 * scripted failures. Time is a fake clock that moves only when the client sleeps: nothing sleeps.
 */
class OoniApiClientIT {
  static final Path RESPONSES = Path.of("src/test/resources/ooni/api");
  static final Instant SINCE = Instant.parse("2022-01-04T00:00:00Z");
  static final Instant UNTIL = Instant.parse("2022-01-05T00:00:00Z");
  static final OoniApiClient.Query QUERY = OoniApiClient.Query.of("KZ", SINCE, UNTIL, "signal");

  @TempDir Path tmp;

  HttpServer server;
  URI base;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  /**
   * Statuses to answer, in turn, by path: 200 gives the real response, -1 drops the connection;
   * when the queue is empty, real responses.
   */
  final Map<String, Deque<Integer>> failures = new HashMap<>();

  boolean offsetPaging;
  final FakeTime time = new FakeTime();

  /** A clock that moves only when the client sleeps; the sleeps are recorded. */
  static final class FakeTime implements InstantSource, OoniApiClient.Sleeper {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public void sleep(Duration d) {
      sleeps.add(d);
      now = now.plus(d);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    URI u = ex.getRequestURI();
    String path = u.getPath();
    requests.add(u.toString());
    Deque<Integer> fail;
    synchronized (failures) {
      fail = failures.get(path);
    }
    Integer scripted = fail == null ? null : fail.poll();
    if (scripted != null && scripted != 200) {
      int status = scripted;
      if (status < 0) {
        ex.close(); // no response: the client sees the connection drop
        return;
      }
      if (status == 429) {
        ex.getResponseHeaders().add("Retry-After", "7");
      }
      send(ex, status, "{\"msg\":\"scripted failure\"}");
      return;
    }
    Map<String, String> q = query(u);
    String file =
        switch (path) {
          case "/api/v1/measurements" ->
              (offsetPaging ? "measurements-offset-page" : "measurements-page")
                  + ("2".equals(q.get("offset")) ? "2" : "1")
                  + ".json";
          case "/api/v1/raw_measurement" -> "raw-" + q.get("measurement_uid") + ".json";
          case "/api/v1/aggregation" -> "aggregation-hourly.json";
          default -> null;
        };
    Path p = file == null ? null : RESPONSES.resolve(file);
    if (p == null || !Files.exists(p)) {
      send(ex, 404, "{\"error\":\"not found\"}");
      return;
    }
    send(ex, 200, Files.readString(p));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static Map<String, String> query(URI u) {
    Map<String, String> m = new LinkedHashMap<>();
    if (u.getRawQuery() != null) {
      for (String kv : u.getRawQuery().split("&")) {
        int eq = kv.indexOf('=');
        m.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private void failNext(String path, int... statuses) {
    Deque<Integer> d = new ArrayDeque<>();
    for (int s : statuses) {
      d.add(s);
    }
    synchronized (failures) {
      failures.put(path, d);
    }
  }

  private OoniApiClient.Builder client() {
    return OoniApiClient.builder()
        .baseUrl(base)
        .clock(time)
        .sleeper(time)
        .requestsPerSecond(1000)
        .pageSize(2)
        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  private static List<Measurement> readBack(Path dir) throws IOException {
    Fixtures.Collector c = new Fixtures.Collector();
    MeasurementReader.create().read(dir, c);
    assertThat(c.problems).isEmpty();
    return c.measurements;
  }

  /** The sleeps that were back-offs: longer than the 1 ms pacing of 1000 requests/s. */
  private List<Duration> backoffs() {
    return time.sleeps.stream().filter(d -> d.compareTo(Duration.ofMillis(1)) > 0).toList();
  }

  private long count(String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.startsWith(path)).count();
    }
  }

  @Test
  void fetchesEveryPageAndRawBodyIntoTheArchiveLayout() throws Exception {
    Path out = tmp.resolve("out");
    Path state = tmp.resolve("state.json");
    OoniApiClient.FetchResult r = client().build().fetch(QUERY, out, state);
    assertThat(r.pages()).isEqualTo(2);
    assertThat(r.measurements()).isEqualTo(3);
    assertThat(r.totalMeasurements()).isEqualTo(3);
    assertThat(r.resumed()).isFalse();
    assertThat(r.complete()).isTrue();
    assertThat(r.requests()).isEqualTo(5);
    assertThat(r.retries()).isZero();
    // the query OONI's API documents, and next_url followed on our base (not api.ooni.io)
    Map<String, String> first = query(URI.create(requests.get(0)));
    assertThat(first)
        .containsEntry("probe_cc", "KZ")
        .containsEntry("test_name", "signal")
        .containsEntry("since", "2022-01-04T00:00:00")
        .containsEntry("until", "2022-01-05T00:00:00")
        .containsEntry("limit", "2")
        .containsEntry("order_by", "measurement_start_time");
    assertThat(count("/api/v1/measurements")).isEqualTo(2);
    assertThat(count("/api/v1/raw_measurement")).isEqualTo(3);
    // raw/YYYYMMDD/HH/CC/testname/*.jsonl.gz
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()))
          .containsExactlyInAnyOrder(
              "raw/20220104/10/KZ/signal/20220104100000_KZ_signal.n0.0.jsonl.gz",
              "raw/20220104/11/KZ/signal/20220104110000_KZ_signal.n0.1.jsonl.gz");
    }
    List<Measurement> ms = readBack(out.resolve("raw"));
    assertThat(ms)
        .extracting(m -> m.text("measurement_uid"))
        .containsExactlyInAnyOrder(
            "20220104100112.123456_KZ_signal_0a1b2c3d4e5f6071",
            "20220104103015.654321_KZ_signal_1b2c3d4e5f607182",
            "20220104110203.000001_KZ_signal_2c3d4e5f60718293");
    // and they score as OONI's API says they did
    assertThat(ms.stream().map(Fixtures.scorer()::score).filter(Verdict::anomaly).count())
        .isEqualTo(2);
    JsonNode s = new ObjectMapper().readTree(state.toFile());
    assertThat(s.get("complete").asBoolean()).isTrue();
    assertThat(s.get("last_measurement_uid").asText())
        .isEqualTo("20220104110203.000001_KZ_signal_2c3d4e5f60718293");
    assertThat(s.get("measurements").asLong()).isEqualTo(3);
  }

  @Test
  void keepsToTheRateLimit() throws Exception {
    client().requestsPerSecond(2).build().fetch(QUERY, tmp.resolve("out"), tmp.resolve("s.json"));
    // five requests, the fake clock does not move by itself: four waits of half a second
    assertThat(time.sleeps).hasSize(4).allMatch(d -> d.equals(Duration.ofMillis(500)));
  }

  @Test
  void retriesA429AfterRetryAfterThenSucceeds() throws Exception {
    failNext("/api/v1/measurements", 429);
    OoniApiClient.FetchResult r =
        client().build().fetch(QUERY, tmp.resolve("out"), tmp.resolve("s.json"));
    assertThat(r.retries()).isEqualTo(1);
    assertThat(r.measurements()).isEqualTo(3);
    // Retry-After: 7 is longer than the first back-off (1 s)
    assertThat(backoffs()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retriesA500WithBackOffThenSucceeds() throws Exception {
    failNext("/api/v1/raw_measurement", 500);
    OoniApiClient.FetchResult r =
        client().build().fetch(QUERY, tmp.resolve("out"), tmp.resolve("s.json"));
    assertThat(r.retries()).isEqualTo(1);
    assertThat(backoffs()).containsExactly(Duration.ofSeconds(1));
    assertThat(readBack(tmp.resolve("out"))).hasSize(3);
  }

  @Test
  void retriesADroppedConnection() throws Exception {
    failNext("/api/v1/aggregation", -1);
    JsonNode agg = client().build().aggregation(Map.of("probe_cc", "KZ", "time_grain", "hour"));
    assertThat(agg.get("result")).hasSize(2);
    assertThat(count("/api/v1/aggregation")).isEqualTo(2);
  }

  @Test
  void backsOffExponentiallyAndGivesUp() {
    failNext("/api/v1/measurements", 503, 503, 503, 503, 503);
    OoniApiClient client = client().maxRetries(3).build();
    assertThatThrownBy(() -> client.fetch(QUERY, tmp.resolve("out"), tmp.resolve("s.json")))
        .isInstanceOf(OoniApiException.class)
        .hasMessageContaining("HTTP 503 after 4 attempts")
        .extracting(e -> ((OoniApiException) e).status())
        .isEqualTo(503);
    assertThat(backoffs())
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void doesNotRetryAClientError() throws Exception {
    OoniApiClient client = client().build();
    assertThatThrownBy(() -> client.rawMeasurement("no-such-uid"))
        .isInstanceOf(OoniApiException.class)
        .extracting(e -> ((OoniApiException) e).status())
        .isEqualTo(404);
    assertThat(count("/api/v1/raw_measurement")).isEqualTo(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void resumesAfterAnInterruption() throws Exception {
    Path out = tmp.resolve("out");
    Path state = tmp.resolve("state.json");
    // page 2's raw body fails on both attempts (maxRetries 1): the run stops after page 1
    failNext("/api/v1/raw_measurement", 200, 200, 500, 500);
    OoniApiClient flaky = client().maxRetries(1).build();
    assertThatThrownBy(() -> flaky.fetch(QUERY, out, state)).isInstanceOf(OoniApiException.class);
    JsonNode s = new ObjectMapper().readTree(state.toFile());
    assertThat(s.get("complete").asBoolean()).isFalse();
    assertThat(s.get("pages").asLong()).isEqualTo(1);
    assertThat(s.get("next_url").asText()).contains("offset=2").startsWith(base.toString());
    assertThat(s.get("last_measurement_uid").asText())
        .isEqualTo("20220104103015.654321_KZ_signal_1b2c3d4e5f607182");
    assertThat(readBack(out)).hasSize(2); // page 1 written; nothing half-written of page 2
    long page1Requests = count("/api/v1/measurements?");

    OoniApiClient.FetchResult r = client().build().fetch(QUERY, out, state);
    assertThat(r.resumed()).isTrue();
    assertThat(r.pages()).isEqualTo(1);
    assertThat(r.measurements()).isEqualTo(1);
    assertThat(r.totalMeasurements()).isEqualTo(3);
    // page 1 was not fetched again
    assertThat(requests)
        .filteredOn(x -> x.startsWith("/api/v1/measurements") && !x.contains("offset=2"))
        .hasSize(1);
    assertThat(count("/api/v1/measurements?")).isEqualTo(page1Requests + 1);
    assertThat(readBack(out)).hasSize(3);

    // a third run has nothing left to do
    OoniApiClient.FetchResult again = client().build().fetch(QUERY, out, state);
    assertThat(again.pages()).isZero();
    assertThat(again.resumed()).isTrue();
  }

  @Test
  void pagesByOffsetWhenThereIsNoNextUrl() throws Exception {
    offsetPaging = true;
    OoniApiClient.FetchResult r =
        client().build().fetch(QUERY, tmp.resolve("out"), tmp.resolve("s.json"));
    assertThat(r.pages()).isEqualTo(2);
    assertThat(r.measurements()).isEqualTo(3);
    assertThat(requests).filteredOn(x -> x.startsWith("/api/v1/measurements")).hasSize(2);
  }

  @Test
  void aStateFileOfAnotherQueryStartsAfresh() throws Exception {
    Path state = tmp.resolve("s.json");
    client().build().fetch(QUERY, tmp.resolve("out"), state);
    OoniApiClient.FetchResult r =
        client()
            .build()
            .fetch(
                OoniApiClient.Query.of("KZ", SINCE, UNTIL, "whatsapp"), tmp.resolve("out2"), state);
    assertThat(r.resumed()).isFalse();
  }

  @Test
  void rejectsBadQueries() {
    assertThatThrownBy(() -> OoniApiClient.Query.of("KAZ", SINCE, UNTIL, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OoniApiClient.Query.of("KZ", UNTIL, SINCE, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
