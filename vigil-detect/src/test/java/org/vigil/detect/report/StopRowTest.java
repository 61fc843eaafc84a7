// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopRowTest {
  static Path stopData() {
    return Path.of(System.getProperty("vigil.shared.data", "../../shared/data"))
        .resolve("accessnow-stop/2021_Data.csv");
  }

  @Test
  void theColumnsAreTheDatasetsInItsOrder() throws IOException {
    try (BufferedReader r = Files.newBufferedReader(stopData(), StandardCharsets.UTF_8)) {
      assertThat(String.join(",", StopRow.COLUMNS)).isEqualTo(r.readLine());
    }
  }

  @Test
  void theLabelledKazakhstanEpisodeIsOneRowAsAnAnalystWouldSubmitIt() {
    StopRow row =
        StopRow.of(
            KzLabelled.episode(),
            "Kazakhstan",
            KzLabelled.ALMATY,
            Map.of("29355", "Mobile", "48503", "Mobile"),
            "");
    GoldenText.assertMatches("kz-stop.csv", StopRow.csv(List.of(row)));
    assertThat(row.get("start_date")).isEqualTo("1/4/2022");
    assertThat(row.get("end_date")).isEqualTo("1/11/2022");
    assertThat(row.get("Duration")).isEqualTo("8");
    assertThat(row.get("shutdown_type")).isEqualTo("Shutdown, Throttle");
    assertThat(row.get("shutdown_extent")).isEqualTo("Full network, Service-based");
    assertThat(row.get("affected_network")).isEqualTo("Broadband, Mobile");
    assertThat(row.get("whatsapp_affected")).isEqualTo("Yes");
    assertThat(row.get("facebook_affected")).isEqualTo("No");
    assertThat(row.get("other_affected")).isEqualTo("Signal");
    assertThat(row.get("telcos_involved"))
        .isEqualTo("Kazakhstan: Kcell, Kazakhstan: Mobile Telecom-Service");
  }

  @Test
  void everyValueIsOneTheDatasetUsesInItsColumn() throws IOException {
    // The closed-vocabulary columns: the row's value must occur in the real data.
    StopRow row = StopRow.of(KzLabelled.episode(), "Kazakhstan", KzLabelled.ALMATY);
    List<String> closed =
        List.of(
            "start_date_type",
            "geo_scope",
            "shutdown_type",
            "affected_network",
            "shutdown_extent",
            "ordered_by",
            "actual_cause",
            "info_source",
            "shutdown_status",
            "gov_justification",
            "gov_ack",
            "legal_just",
            "facebook_affected",
            "twitter_affected",
            "whatsapp_affected",
            "instagram_affected",
            "telegram_affected",
            "sms_affected",
            "phonecall_affected",
            "telco_ack",
            "violence",
            "hr_abuse_reported",
            "users_notified");
    List<Map<String, String>> data = Csv.read(stopData());
    for (String c : closed) {
      assertThat(data.stream().map(m -> m.get(c))).as("column %s", c).contains(row.get(c));
    }
  }
}
