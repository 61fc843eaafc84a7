// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.Objects;
import org.vigil.core.Entity;
import org.vigil.core.SignalKey;
import org.vigil.detect.SeriesEvent;

/**
 * One signal's event on one entity: the unit of evidence every classification rule reads.
 *
 * <pre>{@code
 * SignalEvent e = SignalEvent.of(new SignalKey(almaty, "probe.up_slash24"), seriesEvent);
 * }</pre>
 *
 * @param entity the country, region or network the signal measures
 * @param signal the signal name, whose first word is its {@link SignalFamily}
 * @param start epoch second of the first non-normal bin
 * @param end epoch second of the first bin back at normal (exclusive); {@code null} while ongoing
 * @param lowestRatio the smallest value / expected over the event; for {@code ooni.*} signals the
 *     event is the anomaly's interval and this is not read
 */
public record SignalEvent(Entity entity, String signal, long start, Long end, double lowestRatio) {
  public SignalEvent {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(signal, "signal");
    if (end != null && end <= start) {
      throw new IllegalArgumentException("an event ends after it starts: " + start + ", " + end);
    }
  }

  /** The event of a detector's series. */
  public static SignalEvent of(SignalKey key, SeriesEvent event) {
    return new SignalEvent(
        key.entity(), key.signal(), event.start(), event.end(), event.lowestRatio());
  }

  public SignalFamily family() {
    return SignalFamily.of(signal);
  }

  public boolean ongoing() {
    return end == null;
  }

  /** The end, or {@link Long#MAX_VALUE} while ongoing. */
  public long until() {
    return end == null ? Long.MAX_VALUE : end;
  }

  /** Whether the event shares some time with {@code [from, to)}. */
  public boolean overlaps(long from, long to) {
    return start < to && until() > from;
  }
}
