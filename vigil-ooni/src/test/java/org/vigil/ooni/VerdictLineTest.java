// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictLineTest {
  static Verdict verdict(Verdict.Outcome outcome, String uid, String input, long asn, Instant t) {
    return new Verdict(
        outcome,
        null,
        "f",
        1,
        uid,
        "rid",
        "web_connectivity",
        "KZ",
        asn,
        t,
        input,
        "example.org",
        true,
        false,
        false,
        "dns",
        1.0,
        1.0);
  }

  @Test
  void writesTheElevenFieldsInOrder() {
    Verdict v =
        verdict(
            Verdict.Outcome.SCORED,
            null,
            "https://example.org/",
            9198,
            Instant.parse("2022-01-04T10:00:00Z"));
    assertThat(VerdictLine.of(v))
        .isEqualTo(
            "{\"report_id\":\"rid\",\"test_name\":\"web_connectivity\",\"probe_cc\":\"KZ\","
                + "\"probe_asn\":9198,\"measurement_start_time\":\"2022-01-04T10:00:00Z\","
                + "\"input\":\"https://example.org/\",\"platform\":\"example.org\","
                + "\"anomaly\":true,\"confirmed\":false,\"failure\":false,\"blocking_type\":\"dns\"}");
  }

  @Test
  void measurementUidComesFirstWhenThereIsOne() {
    Verdict v = verdict(Verdict.Outcome.SCORED, "20220104100000.1_KZ_x", null, -1, null);
    assertThat(VerdictLine.of(v))
        .startsWith("{\"measurement_uid\":\"20220104100000.1_KZ_x\",\"test_name\"")
        .contains("\"probe_asn\":null,\"measurement_start_time\":null,\"input\":null");
  }

  @Test
  void unscoredHasNullFlags() {
    Verdict v = verdict(Verdict.Outcome.UNSCORED, null, null, 1, null);
    assertThat(VerdictLine.of(v))
        .endsWith(
            "\"anomaly\":null,\"confirmed\":null,\"failure\":null,\"blocking_type\":\"dns\"}");
  }

  @Test
  void escapesStringsLosslessly() {
    StringBuilder sb = new StringBuilder();
    VerdictLine.string("a\"b\\c\n\u0001é😀\uD800x", sb);
    assertThat(sb).hasToString("\"a\\\"b\\\\c\\n\\u0001é😀\\ud800x\"");
  }

  @Test
  void timesAreWrittenAsTheIsoFormatterWritesThem() {
    java.time.format.DateTimeFormatter iso =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
    java.util.List<Instant> times = new java.util.ArrayList<>();
    times.add(Instant.parse("0000-01-01T00:00:00Z"));
    times.add(Instant.parse("9999-12-31T23:59:59Z"));
    times.add(Instant.parse("+10000-01-01T00:00:00Z"));
    times.add(Instant.parse("-0001-12-31T23:59:59Z"));
    times.add(Instant.ofEpochSecond(-1, 999_999_999));
    for (int i = 0; i < 10_000; i++) {
      times.add(Instant.ofEpochSecond(rnd.nextLong(-62_000_000_000L, 260_000_000_000L)));
    }
    for (Instant t : times) {
      StringBuilder sb = new StringBuilder();
      VerdictLine.iso(t, sb);
      assertThat(sb).as(t.toString()).hasToString("\"" + iso.format(t) + "\"");
    }
  }
}
