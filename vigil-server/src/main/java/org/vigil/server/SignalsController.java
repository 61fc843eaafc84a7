// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.TimeSeries;
import org.vigil.store.SeriesInfo;

/** {@code /v2/signals/raw/...} and {@code /v2/datasources}: the stored series, IODA-shaped. */
final class SignalsController {
  private final StoreView store;
  private final EntityRegistry registry;
  private final Responses responses;

  SignalsController(StoreView store, EntityRegistry registry, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.responses = responses;
  }

  /**
   * {@code GET /v2/signals/raw/{entityType}/{entityCode}?from&until[&datasource][&maxPoints]}: per
   * entity, its series over the window (IODA's {@code TimeSeriesNormalizer} shape).
   */
  void raw(Context ctx) {
    Params p = new Params(ctx);
    EntityType type = Params.entityType("entityType", p.path("entityType"));
    List<String> codes = Params.commaList(p.path("entityCode"));
    if (codes.isEmpty()) {
      throw ApiException.badParameter("entityCode", "required, for example KZ");
    }
    long[] window = p.window();
    long from = window[0];
    long until = window[1];
    if (until - from >= Params.MAX_SIGNAL_RANGE_SECONDS) {
      throw ApiException.badParameter(
          "until",
          "the range from..until must be shorter than 100 days, got "
              + String.format(java.util.Locale.ROOT, "%.1f", (until - from) / 86_400.0)
              + " days");
    }
    Integer maxPoints = p.integer("maxPoints", 1);
    java.util.function.ToIntFunction<SeriesInfo> factorOf =
        si -> maxPoints == null ? 1 : Downsampler.factor(from, until, si.step(), maxPoints);
    List<String> datasources = Params.commaList(p.string("datasource"));
    ArrayNode data =
        store.read(
            s -> {
              EntityDirectory dir = EntityDirectory.of(registry, s.series());
              checkDatasources(datasources, dir.series());
              ArrayNode out = Json.array();
              for (String code : codes) {
                Entity e = dir.resolve("entityCode", type, code);
                ArrayNode perEntity = out.addArray();
                List<SeriesInfo> mine = new ArrayList<>();
                for (SeriesInfo si : dir.series()) {
                  if (si.entity().key().equals(e.key())
                      && (datasources.isEmpty() || datasources.contains(si.signal()))) {
                    mine.add(si);
                  }
                }
                mine.sort(Comparator.comparing(SeriesInfo::signal));
                // One read for all the entity's series, then each downsampled on its own.
                java.util.Map<Integer, Long> starts = new java.util.HashMap<>();
                for (SeriesInfo si : mine) {
                  starts.put(
                      si.id(), Downsampler.alignedStart(from, si.step(), factorOf.applyAsInt(si)));
                }
                java.util.Map<Integer, TimeSeries> read = s.readSeries(starts, until);
                for (SeriesInfo si : mine) {
                  TimeSeries ts = Downsampler.mean(read.get(si.id()), factorOf.applyAsInt(si));
                  perEntity.add(seriesJson(e, si, ts));
                }
              }
              return out;
            });
    responses.envelope(ctx, "signals", p, data);
  }

  private static ObjectNode seriesJson(Entity e, SeriesInfo si, TimeSeries ts) {
    ObjectNode o = Json.object();
    o.put("entityType", e.type().key());
    o.put("entityCode", e.code());
    o.put("entityName", e.name());
    o.put("entityFqid", fqid(e));
    o.put("datasource", si.signal());
    o.put("subtype", "");
    o.put("from", ts.start());
    o.put("until", ts.end());
    o.put("step", ts.step());
    o.put("nativeStep", si.step());
    ArrayNode values = o.putArray("values");
    for (int i = 0; i < ts.length(); i++) {
      Json.addValue(values, ts.value(i));
    }
    return o;
  }

  /** IODA's fully qualified id; Vigil's is the entity key with dots: {@code country.KZ}. */
  static String fqid(Entity e) {
    return e.type().key() + "." + e.code();
  }

  /** 400 unless every requested datasource is a stored signal name. */
  static void checkDatasources(List<String> requested, List<SeriesInfo> series) {
    Set<String> known = new TreeSet<>();
    for (SeriesInfo si : series) {
      known.add(si.signal());
    }
    for (String d : requested) {
      if (!known.contains(d)) {
        throw ApiException.badParameter(
            "datasource",
            "unknown datasource '"
                + d
                + "'"
                + (known.isEmpty()
                    ? ": the store holds no series yet"
                    : "; this store has " + String.join(", ", known)));
      }
    }
  }

  /** {@code GET /v2/datasources}: every stored signal name with its steps. */
  void datasources(Context ctx) {
    Params p = new Params(ctx);
    ArrayNode data = Json.array();
    for (ObjectNode d : store.read(s -> describe(s.series())).values()) {
      data.add(d);
    }
    responses.envelope(ctx, "datasources", p, data);
  }

  /** {@code GET /v2/datasources/{datasource}}: one of them, or 404. */
  void datasource(Context ctx) {
    Params p = new Params(ctx);
    String name = p.path("datasource");
    ObjectNode d = store.read(s -> describe(s.series())).get(name);
    if (d == null) {
      throw ApiException.notFound(
          "datasource", "unknown datasource '" + name + "' (GET /v2/datasources lists them)");
    }
    responses.envelope(ctx, "datasources", p, d);
  }

  private static Map<String, ObjectNode> describe(List<SeriesInfo> series) {
    Map<String, Set<Integer>> steps = new TreeMap<>();
    Map<String, Set<String>> types = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (SeriesInfo si : series) {
      steps.computeIfAbsent(si.signal(), k -> new TreeSet<>()).add(si.step());
      types.computeIfAbsent(si.signal(), k -> new TreeSet<>()).add(si.entity().type().key());
      counts.merge(si.signal(), 1, Integer::sum);
    }
    Map<String, ObjectNode> out = new TreeMap<>();
    for (Map.Entry<String, Set<Integer>> e : steps.entrySet()) {
      ObjectNode o = Json.object();
      o.put("datasource", e.getKey());
      o.put("name", e.getKey());
      o.put("nativeStep", e.getValue().iterator().next());
      ArrayNode st = o.putArray("steps");
      e.getValue().forEach(st::add);
      ArrayNode ty = o.putArray("entityTypes");
      types.get(e.getKey()).forEach(ty::add);
      o.put("series", counts.get(e.getKey()));
      out.put(e.getKey(), o);
    }
    return out;
  }
}
