// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.store.EventQuery;
import org.vigil.store.StoredEvent;

/**
 * Tells webhooks about new and changed events: at start and every {@link
 * WebhookConfig#pollInterval()} it compares the store's events with what each hook was already
 * sent, and POSTs {@code {"type": "event.published"|"event.updated", "event": {...}}} (the event as
 * {@code /api/events/{id}} gives it) for each difference, signed ({@link Webhook#signature}) and
 * retried with exponential back-off.
 *
 * <p>What each hook was sent is kept in {@code webhooks.json} in the data directory (the only file
 * the server writes), so a restart sends only what changed while it was stopped. A hook seen for
 * the first time is sent nothing for the events already stored: it hears of events published from
 * then on. A notification that still fails after the last attempt is tried again at the next poll;
 * one the receiver refuses with a 4xx (other than 408 and 429) is logged and not sent again.
 *
 * <p>One thread polls and delivers, one notification at a time, so the ledger needs no locking.
 */
final class WebhookNotifier {
  static final String LEDGER_FILE = "webhooks.json";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final StoreView store;
  private final WebhookConfig config;
  private final Path ledgerFile;
  private final Map<String, Map<String, String>> ledger;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "vigil-webhooks");
            t.setDaemon(true);
            return t;
          });

  private WebhookNotifier(StoreView store, WebhookConfig config, Path ledgerFile) {
    this.store = store;
    this.config = config;
    this.ledgerFile = ledgerFile;
    this.ledger = readLedger(ledgerFile);
  }

  /** Starts polling at once; {@link #stop} ends it. */
  static WebhookNotifier start(StoreView store, WebhookConfig config, Path dataDir) {
    WebhookNotifier n = new WebhookNotifier(store, config, dataDir.resolve(LEDGER_FILE));
    n.thread.scheduleWithFixedDelay(
        n::pollSafely, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    return n;
  }

  /** Stops polling; a delivery in flight is interrupted and tried again after the next start. */
  void stop() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollSafely() {
    try {
      poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("webhook poll failed; trying again in {}", config.pollInterval(), e);
    }
  }

  void poll() throws InterruptedException {
    List<StoredEvent> events = store.read(s -> s.events(EventQuery.all()));
    Map<String, ObjectNode> json = new LinkedHashMap<>();
    Map<String, String> prints = new LinkedHashMap<>();
    for (StoredEvent e : events) {
      ObjectNode o = EventJson.event(e);
      json.put(e.id(), o);
      prints.put(e.id(), fingerprint(o));
    }
    for (Webhook hook : config.hooks()) {
      String key = hook.url().toString();
      Map<String, String> sent = ledger.get(key);
      if (sent == null) {
        // A new hook hears of events published from now on, not of the whole history.
        ledger.put(key, new TreeMap<>(prints));
        writeLedger();
        LOG.info(
            "webhook {}: registered; {} events already stored are not sent", key, prints.size());
        continue;
      }
      for (Map.Entry<String, String> p : prints.entrySet()) {
        String before = sent.get(p.getKey());
        if (p.getValue().equals(before)) {
          continue;
        }
        ObjectNode body = Json.object();
        body.put("type", before == null ? "event.published" : "event.updated");
        body.set("event", json.get(p.getKey()));
        if (deliver(hook, body, p.getKey() + "-" + p.getValue())) {
          sent.put(p.getKey(), p.getValue());
          writeLedger();
        }
      }
    }
  }

  /**
   * POSTs one notification, with up to {@link WebhookConfig#maxAttempts()} attempts: true when it
   * was accepted (2xx) or refused for good (4xx other than 408 and 429), false to try again later.
   */
  private boolean deliver(Webhook hook, ObjectNode body, String deliveryId)
      throws InterruptedException {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(hook.url())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Vigil")
            .header("X-Vigil-Event", body.get("type").asText())
            .header("X-Vigil-Delivery", deliveryId)
            .header(Webhook.SIGNATURE_HEADER, Webhook.signature(hook.secret(), bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    Duration wait = config.firstBackoff();
    for (int attempt = 1; ; attempt++) {
      String failure;
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          LOG.info(
              "webhook {}: {} {} delivered", hook.url(), body.get("type").asText(), deliveryId);
          return true;
        }
        if (status / 100 == 4 && status != 408 && status != 429) {
          LOG.warn(
              "webhook {}: {} refused with {}; not sending it again",
              hook.url(),
              deliveryId,
              status);
          return true;
        }
        failure = "HTTP " + status;
      } catch (IOException e) {
        failure = e.toString();
      }
      if (attempt >= config.maxAttempts()) {
        LOG.warn(
            "webhook {}: {} failed {} times (last: {}); trying again at the next poll",
            hook.url(),
            deliveryId,
            attempt,
            failure);
        return false;
      }
      Thread.sleep(wait.toMillis());
      wait = wait.multipliedBy(2);
    }
  }

  /** A short hash of the event's JSON: any change to the event changes it. */
  private static String fingerprint(ObjectNode event) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(Json.MAPPER.writeValueAsBytes(event));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Map<String, String>> readLedger(Path file) {
    if (!Files.isRegularFile(file)) {
      return new TreeMap<>();
    }
    try {
      return Json.MAPPER.readValue(
          file.toFile(), new TypeReference<TreeMap<String, Map<String, String>>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": not a webhook ledger (" + e.getMessage() + "); move it away to start afresh",
          e);
    }
  }

  private void writeLedger() {
    Path tmp = ledgerFile.resolveSibling(LEDGER_FILE + ".tmp");
    try {
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), ledger);
      Files.move(
          tmp, ledgerFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + ledgerFile, e);
    }
  }
}
