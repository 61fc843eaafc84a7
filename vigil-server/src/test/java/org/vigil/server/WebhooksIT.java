// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.store.EventQuery;
import org.vigil.store.StoredEvent;
import org.vigil.store.duckdb.DuckDbSignalStore;

/**
 * Webhooks against a local receiver (the JDK's HTTP server): signed POSTs for events published and
 * changed while the server was stopped, retried with back-off when the receiver fails.
 */
@SuppressWarnings("try") // a server kept open for the length of a block
class WebhooksIT {
  static final String SECRET = "test-secret";

  /** One POST the receiver got. */
  record Delivery(long nanos, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  @TempDir Path dir;
  HttpServer receiver;
  final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

  /** How many of the next requests the receiver fails with a 503. */
  final AtomicInteger failNext = new AtomicInteger();

  @BeforeEach
  void receiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          received.add(new Delivery(System.nanoTime(), Map.copyOf(ex.getRequestHeaders()), body));
          int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    receiver.start();
    Fixture.create(dir);
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  WebhookConfig config(Duration backoff) {
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    return WebhookConfig.of(List.of(Webhook.of(url, SECRET)))
        .withPollInterval(Duration.ofMinutes(10))
        .withRetries(4, backoff);
  }

  TestServer serve(WebhookConfig config) {
    return TestServer.start(
        dir, ServerOptions.defaults().withRegistry(Fixture.REGISTRY).withWebhooks(config));
  }

  /** Serves until the first poll has run (its ledger is written), then stops. */
  void serveOnce(WebhookConfig config) throws InterruptedException {
    Path ledger = dir.resolve(WebhookNotifier.LEDGER_FILE);
    long before = Files.exists(ledger) ? ledger.toFile().lastModified() : -1;
    try (TestServer s = serve(config)) {
      for (int i = 0;
          i < 200 && (!Files.exists(ledger) || ledger.toFile().lastModified() == before);
          i++) {
        Thread.sleep(25);
      }
    }
  }

  /** Ends the fixture's ongoing Almaty blackout and adds a new event, as a detection run would. */
  void detectionRunChangesTheEvents() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      List<StoredEvent> events = new ArrayList<>();
      for (StoredEvent e : store.events(EventQuery.all())) {
        if (e.id().equals(Fixture.ALMATY_ID)) {
          e =
              new StoredEvent(
                  e.id(),
                  e.entity(),
                  e.start(),
                  Fixture.at(90),
                  e.kind(),
                  e.scope(),
                  e.pattern(),
                  e.mechanism(),
                  e.restoration(),
                  e.platforms(),
                  e.score(),
                  e.signals(),
                  e.evidence());
        }
        events.add(e);
      }
      StoredEvent blackout = events.get(1);
      events.add(
          new StoredEvent(
              "feedfacecafe",
              Fixture.KAZTELECOM,
              Fixture.at(80),
              null,
              "outage",
              "network",
              null,
              null,
              null,
              List.of(),
              10,
              blackout.signals(),
              blackout.evidence()));
      store.replaceEvents(events);
    }
  }

  @Test
  void aNewHookHearsOfEventsPublishedAfterItWasRegistered() throws Exception {
    serveOnce(config(Duration.ofMillis(10)));
    assertThat(received).as("events stored before the hook existed are not sent").isEmpty();
    String ledger = Files.readString(dir.resolve(WebhookNotifier.LEDGER_FILE));
    assertThat(ledger).contains(Fixture.ALMATY_ID, Fixture.BLACKOUT_ID);

    detectionRunChangesTheEvents();
    try (TestServer s = serve(config(Duration.ofMillis(10)))) {
      Delivery a = received.poll(30, TimeUnit.SECONDS);
      Delivery b = received.poll(30, TimeUnit.SECONDS);
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
      List<Delivery> both = List.of(a, b);
      for (Delivery d : both) {
        assertThat(d.header("Content-Type")).isEqualTo("application/json");
        assertThat(d.header(Webhook.SIGNATURE_HEADER))
            .isEqualTo(Webhook.signature(SECRET, d.body()))
            .matches("sha256=[0-9a-f]{64}");
        assertThat(d.header(Webhook.SIGNATURE_HEADER))
            .isNotEqualTo(Webhook.signature("wrong", d.body()));
      }
      JsonNode updated = TestServer.parse(find(both, Fixture.ALMATY_ID).body());
      assertThat(updated.get("type").asText()).isEqualTo("event.updated");
      assertThat(updated.get("event").get("end").asText()).isEqualTo("2022-01-06T18:00:00Z");
      Delivery pub = find(both, "feedfacecafe");
      assertThat(pub.header("X-Vigil-Event")).isEqualTo("event.published");
      assertThat(TestServer.parse(pub.body()).get("event").get("entity").get("code").asText())
          .isEqualTo("9198");
      assertThat(received.poll(200, TimeUnit.MILLISECONDS)).as("nothing else").isNull();
    }
    // Delivered once: a restart sends nothing more.
    serveOnce(config(Duration.ofMillis(10)));
    assertThat(received).isEmpty();
  }

  @Test
  void aFailingReceiverGetsTheSameSignedBodyAgainWithGrowingPauses() throws Exception {
    serveOnce(config(Duration.ofMillis(10)));
    detectionRunChangesTheEvents();
    failNext.set(3); // the first three attempts fail; the fourth and last is accepted
    Duration backoff = Duration.ofMillis(100);
    try (TestServer s = serve(config(backoff))) {
      List<Delivery> attempts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Delivery d = received.poll(30, TimeUnit.SECONDS);
        assertThat(d).as("attempt %d", i + 1).isNotNull();
        attempts.add(d);
      }
      for (Delivery d : attempts) {
        assertThat(d.body()).isEqualTo(attempts.get(0).body());
        assertThat(d.header("X-Vigil-Delivery"))
            .isEqualTo(attempts.get(0).header("X-Vigil-Delivery"));
        assertThat(d.header(Webhook.SIGNATURE_HEADER))
            .isEqualTo(Webhook.signature(SECRET, d.body()));
      }
      // Exponential back-off: at least 100, 200 and 400 ms between the attempts.
      for (int i = 1; i < 4; i++) {
        long gapMs = (attempts.get(i).nanos() - attempts.get(i - 1).nanos()) / 1_000_000;
        assertThat(gapMs)
            .as("pause before attempt %d", i + 1)
            .isGreaterThanOrEqualTo(backoff.toMillis() << (i - 1));
      }
      // The second notification goes through at once.
      assertThat(received.poll(30, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void aNotificationThatKeepsFailingIsSentAgainAfterARestart() throws Exception {
    serveOnce(config(Duration.ofMillis(10)));
    detectionRunChangesTheEvents();
    failNext.set(8); // both notifications fail all four attempts
    try (TestServer s = serve(config(Duration.ofMillis(5)))) {
      for (int i = 0; i < 8; i++) {
        assertThat(received.poll(30, TimeUnit.SECONDS)).as("attempt %d", i + 1).isNotNull();
      }
    }
    received.clear();
    try (TestServer s = serve(config(Duration.ofMillis(5)))) {
      assertThat(received.poll(30, TimeUnit.SECONDS)).isNotNull();
      assertThat(received.poll(30, TimeUnit.SECONDS)).isNotNull();
    }
  }

  @Test
  void webhooksRefuseBadConfiguration() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Webhook.of(URI.create("ftp://example.org/x"), SECRET))
        .hasMessageContaining("http:// or https://");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Webhook.of(URI.create("https://example.org/x"), ""))
        .hasMessageContaining("needs a secret");
    assertThat(Webhook.of(URI.create("https://example.org/x"), SECRET).toString())
        .doesNotContain(SECRET);
    // RFC 4231 test case 2: HMAC-SHA256 with key "Jefe".
    assertThat(Webhook.signature("Jefe", "what do ya want for nothing?".getBytes()))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  static Delivery find(List<Delivery> ds, String eventId) {
    for (Delivery d : ds) {
      if (TestServer.parse(d.body()).get("event").get("id").asText().equals(eventId)) {
        return d;
      }
    }
    throw new AssertionError("no delivery for " + eventId);
  }
}
