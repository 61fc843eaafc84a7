// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.util.Objects;
import org.vigil.core.Entity;

/**
 * A measurement behind one hour of a series: for OONI, a measurement counted as anomalous in {@code
 * ooni.<platform>.anomaly_ratio}, with the ids that lead to it.
 *
 * @param entity the series' entity
 * @param signal the series' signal
 * @param t the bin the measurement falls in (epoch seconds)
 * @param measuredAt when it was measured (epoch seconds)
 * @param measurementUid its id, or {@code null} when it has none
 * @param reportId its report, or {@code null}
 * @param input its input (a URL), or {@code null}
 * @param confirmed whether blocking was confirmed (a blockpage)
 */
public record MeasurementRecord(
    Entity entity,
    String signal,
    long t,
    long measuredAt,
    String measurementUid,
    String reportId,
    String input,
    boolean confirmed) {
  public MeasurementRecord {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(signal, "signal");
  }

  /** The measurement itself, as an event lists it. */
  public StoredEvent.Measurement measurement() {
    return new StoredEvent.Measurement(measuredAt, measurementUid, reportId, input, confirmed);
  }
}
