// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;

/**
 * Published events in IODA's event shapes, exactly as {@code /v2/outages/events?overall=true} gives
 * them (the same code builds both): {@code codf} ({@code location, start, duration, ...}) or {@code
 * ioda} ({@code entity, from, until, ...}).
 *
 * <pre>{@code
 * ArrayNode rows = IodaEventJson.events(store, store.events(EventQuery.all()), "codf", from, until);
 * }</pre>
 */
public final class IodaEventJson {
  private IodaEventJson() {}

  /**
   * @param format {@code codf} or {@code ioda}
   * @param from the window's start (epoch seconds): events that began before it overlap the window
   * @param until the window's end: events still open there are cut at it
   */
  public static ArrayNode events(
      SignalStore store, List<StoredEvent> events, String format, long from, long until) {
    if (!format.equals("codf") && !format.equals("ioda")) {
      throw new IllegalArgumentException("format is codf or ioda, not '" + format + "'");
    }
    return OutagesController.overallRows(store, events, format, from, until);
  }
}
