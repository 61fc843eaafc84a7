// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.store.StoredEvent;

/** The measurements of an OONI event, each followable in OONI Explorer. */
class EventJsonMeasurementsTest {
  static final long T = 1_641_297_600L; // 2022-01-04T12:00:00Z

  @Test
  void measurementsHaveTheirCountFirstLastAndExplorerUrls() {
    StoredEvent.Measurement withUid =
        new StoredEvent.Measurement(
            T,
            "20220104120002.000000_KZ_signal_00ab",
            "20220104T120000Z_signal_KZ_9198_n1_x",
            null,
            false);
    StoredEvent.Measurement old =
        new StoredEvent.Measurement(
            T + 60, null, "20190720T201820Z_AS20115_4wkx", "http://a.example/b c?d=e", true);
    ObjectNode o = EventJson.measurements(StoredEvent.Measurements.of(List.of(old, withUid)));
    assertThat(o.get("count").asLong()).isEqualTo(2);
    assertThat(o.get("first").get("url").asText())
        .isEqualTo("https://explorer.ooni.org/m/20220104120002.000000_KZ_signal_00ab");
    assertThat(o.get("first").get("time").asText()).isEqualTo("2022-01-04T12:00:00Z");
    assertThat(o.get("last").get("id").asText())
        .isEqualTo("20190720T201820Z_AS20115_4wkx http://a.example/b c?d=e");
    assertThat(o.get("last").get("url").asText())
        .isEqualTo(
            "https://explorer.ooni.org/measurement/20190720T201820Z_AS20115_4wkx"
                + "?input=http%3A%2F%2Fa.example%2Fb%20c%3Fd%3De");
    assertThat(o.get("last").get("confirmed").asBoolean()).isTrue();
    assertThat(o.get("ids")).hasSize(2);
  }
}
