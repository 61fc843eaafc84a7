// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One OONI measurement as read: where it came from and its JSON (the data format of {@code
 * ooni/spec}, {@code data-formats/df-000-base.md}).
 *
 * <p>The reader leaves out parts of {@code test_keys} that no verdict reads (the test helper's
 * {@code control} result, {@code network_events}, {@code tls_handshakes}, request headers and
 * bodies, DNS answer details other than the address), so that large measurements cost little; see
 * {@link MeasurementReader}. The tree must not be modified.
 *
 * @param source the file (or stream) name
 * @param line the 1-based line on which the measurement's JSON object starts
 * @param json the measurement object
 */
public record Measurement(String source, long line, ObjectNode json) {
  public Measurement {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(json, "json");
  }

  /** The value of a top-level text field, or {@code null} when absent or not text. */
  public String text(String key) {
    JsonNode v = json.get(key);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  /** {@code test_name}, e.g. {@code web_connectivity}, or {@code null}. */
  public String testName() {
    return text("test_name");
  }

  /** {@code report_id}, or {@code null}. */
  public String reportId() {
    return text("report_id");
  }

  @Override
  public String toString() {
    return "Measurement[" + source + ":" + line + " " + testName() + " " + reportId() + "]";
  }
}
