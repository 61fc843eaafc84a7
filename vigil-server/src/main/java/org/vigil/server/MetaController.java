// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.store.EventQuery;
import org.vigil.store.SeriesInfo;
import org.vigil.store.StoredEvent;

/**
 * {@code /api/meta}: what the data directory holds, for the dashboard and for scripts: the {@link
 * DatasetLabel} (synthetic, reconstruction or measured), the time span of the stored series, how
 * many series and events there are, and ISO 3166-1 numeric codes to alpha-2 (the ids of the world
 * map's shapes).
 */
final class MetaController {
  private final StoreView store;
  private final DatasetLabel label;
  private final Responses responses;
  private final Map<String, String> isoNumeric;

  MetaController(
      StoreView store, EntityRegistry registry, DatasetLabel label, Responses responses) {
    this.store = store;
    this.label = label;
    this.responses = responses;
    this.isoNumeric = isoNumeric(registry);
  }

  /** {@code GET /api/meta}. */
  void meta(Context ctx) {
    ObjectNode o = Json.object();
    o.put("generator", "vigil");
    o.set("dataset", label.json());
    ObjectNode data = o.putObject("data");
    store.read(
        s -> {
          List<SeriesInfo> series = s.series();
          long first = Long.MAX_VALUE;
          long end = Long.MIN_VALUE;
          for (SeriesInfo si : series) {
            long[] r = s.timeRange(si.id());
            if (r != null) {
              first = Math.min(first, r[0]);
              end = Math.max(end, r[1] + si.step());
            }
          }
          List<StoredEvent> events = s.events(EventQuery.all());
          if (first == Long.MAX_VALUE) {
            data.putNull("from");
            data.putNull("until");
          } else {
            data.put("from", first);
            data.put("until", end);
          }
          data.put("series", series.size());
          data.put("events", events.size());
          data.put("ongoing", events.stream().filter(e -> e.end() == null).count());
          return null;
        });
    ObjectNode numeric = o.putObject("iso_numeric");
    isoNumeric.forEach(numeric::put);
    responses.json(ctx, o);
  }

  /**
   * ISO 3166-1 numeric ({@code "398"}) to alpha-2 ({@code "KZ"}), as the registry resolves them.
   */
  private static Map<String, String> isoNumeric(EntityRegistry registry) {
    Map<String, String> out = new TreeMap<>();
    for (int n = 1; n < 1000; n++) {
      String code = String.format(Locale.ROOT, "%03d", n);
      registry.findCountry(code).map(Entity::code).ifPresent(cc -> out.put(code, cc));
    }
    return out;
  }
}
