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
}
