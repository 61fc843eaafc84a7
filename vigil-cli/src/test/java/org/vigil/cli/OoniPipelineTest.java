// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic week of OONI Signal measurements from one Kazakh network, blocked from mid-week,
 * through {@code ingest ooni}, {@code detect} and {@code events}: a platform-blocking event at the
 * right hour, for the right platform and network. The measurements are GENERATED from the real
 * fixture {@code signal_022.json}, with times, networks, ids and statuses changed.
 */
class OoniPipelineTest {
  static final Instant WEEK = Instant.parse("2022-01-01T00:00:00Z");
  static final int BLOCKED_FROM_HOUR = 84; // 2022-01-04T12:00Z
  static final DateTimeFormatter OONI_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void blockingFromMidWeekBecomesAPlatformBlockingEventAtTheRightHour() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Path fixtures = Cli.shared("ooni-backend-fixtures");
    ObjectNode template =
        (ObjectNode) mapper.readTree(fixtures.resolve("signal_022.json").toFile());
    Path file = dir.resolve("kz-signal-week.jsonl.gz");
    SplittableRandom random = new SplittableRandom(5);
    try (Writer w =
        new java.io.OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
      for (int hour = 0; hour < 7 * 24; hour++) {
        for (int k = 0; k < 6; k++) {
          ObjectNode m = template.deepCopy();
          Instant t = WEEK.plusSeconds(hour * 3600L + k * 600L);
          m.put("measurement_start_time", OONI_TIME.format(t));
          m.put("test_start_time", OONI_TIME.format(t));
          m.put("probe_cc", "KZ");
          m.put("probe_asn", "AS9198");
          m.put("report_id", "20220101T000000Z_signal_KZ_9198_n1_" + hour + "x" + k);
          boolean blocked = hour >= BLOCKED_FROM_HOUR || random.nextDouble() < 0.03;
          ((ObjectNode) m.get("test_keys"))
              .put("signal_backend_status", blocked ? "blocked" : "ok");
          w.write(mapper.writeValueAsString(m));
          w.write('\n');
        }
      }
    }
    String data = dir.resolve("data").toString();
    Cli ingest =
        Cli.run(
            "ingest",
            "ooni",
            file.toString(),
            "--data",
            data,
            "--fingerprints",
            fixtures.toString());
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("1008 measurements counted");
    assertThat(Cli.run("detect", "--data", data).exit()).isZero();
    JsonNode events = mapper.readTree(Cli.run("events", "--data", data, "--format", "json").out());
    assertThat(events).isNotEmpty();
    long expected = WEEK.getEpochSecond() + BLOCKED_FROM_HOUR * 3600L;
    for (JsonNode e : events) {
      assertThat(e.get("kind").asText()).isEqualTo("platform-blocking");
      assertThat(e.get("platforms").toString()).isEqualTo("[\"signal\"]");
      long start = Instant.parse(e.get("start").asText()).getEpochSecond();
      assertThat(Math.abs(start - expected)).isLessThanOrEqualTo(3600);
      assertThat(e.get("end").isNull()).isTrue(); // still blocked at the end of the week
    }
    assertThat(events.findValuesAsText("code")).contains("9198", "KZ");
  }

  @Test
  void theEventListsTheAnomalousMeasurementsWithTheirIds() throws Exception {
    // Two networks; AS9198 blocked from mid-week, AS21299 never; a little noise early on only.
    ObjectMapper mapper = new ObjectMapper();
    Path fixtures = Cli.shared("ooni-backend-fixtures");
    ObjectNode template =
        (ObjectNode) mapper.readTree(fixtures.resolve("signal_022.json").toFile());
    DateTimeFormatter uidTime =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    Path file = dir.resolve("kz-signal-two-networks.jsonl");
    java.util.List<long[]> blocked9198 = new java.util.ArrayList<>(); // {time, serial}
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder lines = new StringBuilder();
    int serial = 0;
    for (int hour = 0; hour < 7 * 24; hour++) {
      for (String asn : new String[] {"9198", "21299"}) {
        for (int k = 0; k < 6; k++) {
          serial++;
          ObjectNode m = template.deepCopy();
          Instant t = WEEK.plusSeconds(hour * 3600L + k * 600L + (asn.equals("9198") ? 0 : 300));
          m.put("measurement_start_time", OONI_TIME.format(t));
          m.put("test_start_time", OONI_TIME.format(t));
          m.put("probe_cc", "KZ");
          m.put("probe_asn", "AS" + asn);
          m.put("report_id", "20220101T000000Z_signal_KZ_" + asn + "_n1_" + serial);
          m.put("measurement_uid", uid(uidTime, t, serial));
          boolean blocked =
              asn.equals("9198") && hour >= BLOCKED_FROM_HOUR
                  || hour < 48 && random.nextDouble() < 0.03;
          if (blocked && asn.equals("9198") && hour >= BLOCKED_FROM_HOUR) {
            blocked9198.add(new long[] {t.getEpochSecond(), serial});
          }
          ((ObjectNode) m.get("test_keys"))
              .put("signal_backend_status", blocked ? "blocked" : "ok");
          lines.append(mapper.writeValueAsString(m)).append('\n');
        }
      }
    }
    Files.writeString(file, lines);
    String data = dir.resolve("data").toString();
    Cli ingest =
        Cli.run(
            "ingest",
            "ooni",
            file.toString(),
            "--data",
            data,
            "--fingerprints",
            fixtures.toString());
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    assertThat(Cli.run("detect", "--data", data).exit()).isZero();
    JsonNode events = mapper.readTree(Cli.run("events", "--data", data, "--format", "json").out());

    // One event for the network and one for the country; none for the network not blocked.
    assertThat(events.findValuesAsText("code")).containsExactlyInAnyOrder("9198", "KZ");
    long expected = WEEK.getEpochSecond() + BLOCKED_FROM_HOUR * 3600L;
    for (JsonNode e : events) {
      assertThat(e.get("kind").asText()).isEqualTo("platform-blocking");
      assertThat(e.get("platforms").toString()).isEqualTo("[\"signal\"]");
      long start = Instant.parse(e.get("start").asText()).getEpochSecond();
      assertThat(Math.abs(start - expected)).isLessThanOrEqualTo(3600);

      // The measurements: every blocked one of AS9198 from the event's first hour on.
      long hourOfStart = start - Math.floorMod(start, 3600);
      java.util.List<String> ids =
          blocked9198.stream()
              .filter(b -> b[0] >= hourOfStart)
              .map(b -> uid(uidTime, Instant.ofEpochSecond(b[0]), (int) b[1]))
              .toList();
      JsonNode ms = e.get("measurements");
      assertThat(ms.get("count").asLong()).isEqualTo(ids.size());
      assertThat(ms.get("first").get("id").asText()).isEqualTo(ids.get(0));
      assertThat(ms.get("first").get("time").asText())
          .isEqualTo(
              Instant.ofEpochSecond(
                      blocked9198.stream()
                          .filter(b -> b[0] >= hourOfStart)
                          .findFirst()
                          .orElseThrow()[0])
                  .toString());
      assertThat(ms.get("last").get("id").asText()).isEqualTo(ids.get(ids.size() - 1));
      assertThat(ms.get("last").get("url").asText())
          .isEqualTo("https://explorer.ooni.org/m/" + ids.get(ids.size() - 1));
      JsonNode listed = ms.get("ids");
      assertThat(listed).hasSize(Math.min(ids.size(), 100));
      for (int i = 0; i < listed.size() - 1; i++) {
        assertThat(listed.get(i).get("id").asText()).isEqualTo(ids.get(i));
        assertThat(listed.get(i).get("url").asText())
            .isEqualTo("https://explorer.ooni.org/m/" + ids.get(i));
        assertThat(listed.get(i).get("report_id").asText()).contains("_KZ_9198_");
      }
      assertThat(listed.get(listed.size() - 1).get("id").asText())
          .isEqualTo(ids.get(ids.size() - 1));
    }
  }

  /** A measurement uid as OONI makes them: the time the backend received it, then ids. */
  private static String uid(DateTimeFormatter uidTime, Instant t, int serial) {
    return uidTime.format(t.plusSeconds(2)) + ".000000_KZ_signal_" + String.format("%016x", serial);
  }
}
