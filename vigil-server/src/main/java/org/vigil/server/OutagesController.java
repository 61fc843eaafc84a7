// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.store.AlertRecord;
import org.vigil.store.EventQuery;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;

/**
 * {@code /v2/outages/alerts}, {@code /v2/outages/events} and {@code /v2/outages/summary}: Vigil's
 * alerts and published events in IODA's shapes (REFERENCE.md §1.4).
 *
 * <p>Unlike IODA, which rebuilds events from alerts on every request, these read the events the
 * detection run published: the merged event of {@code overall=true} is exactly the one {@code vigil
 * events} lists, and {@code overall=false} gives its per-signal parts.
 */
final class OutagesController {
  private static final int DEFAULT_LIMIT = 500; // IODA's, for events and summaries

  private final StoreView store;
  private final EntityRegistry registry;
  private final Responses responses;

  OutagesController(StoreView store, EntityRegistry registry, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.responses = responses;
  }

  /** Which entities a request selects: a type, and within it some codes (none: all of them). */
  private record Selection(EntityType type, Set<String> keys) {
    boolean matches(Entity e) {
      return (type == null || e.type() == type) && (keys.isEmpty() || keys.contains(e.key()));
    }

    static Selection of(Params p, EntityDirectory dir) {
      EntityType type = Params.entityType("entityType", p.string("entityType"));
      List<String> codes = Params.commaList(p.string("entityCode"));
      if (!codes.isEmpty() && type == null) {
        throw ApiException.badParameter(
            "entityCode", "needs entityType too, for example entityType=country&entityCode=KZ");
      }
      Set<String> keys = new LinkedHashSet<>();
      for (String c : codes) {
        keys.add(dir.resolve("entityCode", type, c).key());
      }
      return new Selection(type, keys);
    }
  }

  /**
   * The series of one request's store state, and the detector each ran with (read once per series):
   * the {@code method} and {@code condition} of alerts and events.
   */
  private static final class Detectors {
    private final SignalStore store;
    private final Map<String, SeriesInfo> byKey = new HashMap<>();
    private final Map<Integer, StoreView.Detector> cache = new HashMap<>();

    Detectors(SignalStore store, List<SeriesInfo> series) {
      this.store = store;
      for (SeriesInfo si : series) {
        byKey.put(si.entity().key() + "|" + si.signal(), si);
      }
    }

    SeriesInfo series(Entity e, String signal) {
      return byKey.get(e.key() + "|" + signal);
    }

    StoreView.Detector of(SeriesInfo si) {
      return cache.computeIfAbsent(si.id(), id -> StoreView.detector(store, id));
    }

    /** The method of an entity's signal; of several signals, their distinct methods joined. */
    String method(Entity e, Set<String> signals) {
      Set<String> methods = new TreeSet<>();
      for (String sig : signals) {
        SeriesInfo si = series(e, sig);
        methods.add(si == null ? StoreView.Detector.UNKNOWN.method() : of(si).method());
      }
      return String.join(",", methods);
    }
  }

  // --- alerts ---

  /** {@code GET /v2/outages/alerts}: level changes of the selected series within the window. */
  void alerts(Context ctx) {
    Params p = new Params(ctx);
    long[] w = p.window();
    List<String> datasources = Params.commaList(p.string("datasource"));
    List<ObjectNode> all =
        store.read(
            s -> {
              EntityDirectory dir = EntityDirectory.of(registry, s.series());
              Selection sel = Selection.of(p, dir);
              SignalsController.checkDatasources(datasources, dir.series());
              Detectors detectors = new Detectors(s, dir.series());
              List<ObjectNode> out = new ArrayList<>();
              for (SeriesInfo si : dir.series()) {
                if (!sel.matches(si.entity())
                    || !(datasources.isEmpty() || datasources.contains(si.signal()))) {
                  continue;
                }
                out.addAll(alertsOf(s, si, detectors.of(si), w[0], w[1]));
              }
              return out;
            });
    all.sort(
        Comparator.<ObjectNode>comparingLong(o -> o.get("time").asLong())
            .thenComparing(o -> o.get("entity").get("type").asText())
            .thenComparing(o -> o.get("entity").get("code").asText())
            .thenComparing(o -> o.get("datasource").asText()));
    ArrayNode data = Json.array();
    p.page(all, null).forEach(data::add);
    responses.envelope(ctx, "outages.alerts", p, data);
  }

  /** The alerts of one series at {@code [from, until)}, IODA-shaped. */
  private static List<ObjectNode> alertsOf(
      SignalStore s, SeriesInfo si, StoreView.Detector detector, long from, long until) {
    List<ObjectNode> out = new ArrayList<>();
    for (AlertRecord a : s.alerts(si.id())) {
      if (a.t() < from || a.t() >= until) {
        continue;
      }
      ObjectNode o = Json.object();
      o.put("datasource", si.signal());
      o.set("entity", Json.entityRef(si.entity()));
      o.put("time", a.t());
      o.put("level", a.level());
      o.put("condition", condition(a.level(), detector.thresholds()));
      Json.putValue(o, "value", a.value());
      Json.putValue(o, "historyValue", a.expected());
      o.put("method", detector.method());
      out.add(o);
    }
    return out;
  }

  /**
   * IODA's condition label: {@code "normal"}, or the ratio threshold the series fell below ({@code
   * "< 0.8"}), read from the detector configuration saved with the series. When the store has none
   * the label names the level instead ({@code "< warning"}).
   */
  static String condition(String level, double[] thresholds) {
    return switch (level) {
      case "normal" -> "normal";
      case "warning" -> "< " + (thresholds == null ? "warning" : plain(thresholds[0]));
      case "critical" -> "< " + (thresholds == null ? "critical" : plain(thresholds[1]));
      default -> level;
    };
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  // --- events ---

  /** One row of {@code /v2/outages/events}: a published event or one signal's part of it. */
  private record Outage(
      Entity entity,
      long start,
      Long end,
      double score,
      String datasource,
      Set<String> signals,
      String method) {}

  /**
   * {@code GET /v2/outages/events}: with {@code overall=true} the published (merged) events, else
   * one row per signal of each; {@code format=codf} (the default, as IODA's) or {@code ioda}.
   */
  void events(Context ctx) {
    Params p = new Params(ctx);
    long[] w = p.window();
    List<String> datasources = Params.commaList(p.string("datasource"));
    String format = p.oneOf("format", "codf", "codf", "ioda");
    boolean overall = p.bool("overall", false);
    boolean includeAlerts = p.bool("includeAlerts", false) && format.equals("ioda");
    ArrayNode data =
        store.read(
            s -> {
              EntityDirectory dir = EntityDirectory.of(registry, s.series());
              Selection sel = Selection.of(p, dir);
              SignalsController.checkDatasources(datasources, dir.series());
              Detectors detectors = new Detectors(s, dir.series());
              List<Outage> rows = outages(s, sel, detectors, datasources, overall, w[0], w[1]);
              ArrayNode out = Json.array();
              for (Outage o : p.page(rows, DEFAULT_LIMIT)) {
                ObjectNode row = format.equals("codf") ? codf(o, w[0], w[1]) : ioda(o, w[0], w[1]);
                if (includeAlerts) {
                  row.set("alerts", alertsDuring(s, detectors, o, w[1]));
                }
                out.add(row);
              }
              return out;
            });
    responses.envelope(ctx, "outages.events", p, data);
  }

  /**
   * The rows of {@code /v2/outages/events}: the selected events overlapping the window (merged, or
   * one per signal part), by start time.
   */
  private static List<Outage> outages(
      SignalStore s,
      Selection sel,
      Detectors detectors,
      List<String> datasources,
      boolean overall,
      long from,
      long until) {
    List<Outage> rows = new ArrayList<>();
    for (StoredEvent e : s.events(query(sel, from, until))) {
      if (!sel.matches(e.entity())) {
        continue;
      }
      if (overall) {
        Set<String> names = new TreeSet<>();
        e.signals().forEach(sig -> names.add(sig.name()));
        if (datasources.isEmpty() || names.stream().anyMatch(datasources::contains)) {
          String method = detectors.method(e.entity(), names);
          String datasource = String.join(",", names);
          rows.add(
              new Outage(e.entity(), e.start(), e.end(), e.score(), datasource, names, method));
        }
        continue;
      }
      for (StoredEvent.Signal sig : e.signals()) {
        boolean overlaps = sig.start() < until && (sig.end() == null || sig.end() > from);
        if (overlaps && (datasources.isEmpty() || datasources.contains(sig.name()))) {
          Set<String> one = Set.of(sig.name());
          String method = detectors.method(e.entity(), one);
          rows.add(
              new Outage(e.entity(), sig.start(), sig.end(), sig.score(), sig.name(), one, method));
        }
      }
    }
    rows.sort(
        Comparator.comparingLong(Outage::start)
            .thenComparing(o -> o.entity().key())
            .thenComparing(Outage::datasource));
    return rows;
  }

  /**
   * The merged events as rows of {@code /v2/outages/events?overall=true} in {@code format} ({@code
   * codf} or {@code ioda}) for the window {@code [from, until)}: what {@code vigil events --format
   * codf|ioda} prints.
   */
  static ArrayNode overallRows(
      SignalStore s, List<StoredEvent> events, String format, long from, long until) {
    Detectors detectors = new Detectors(s, s.series());
    List<Outage> rows = new ArrayList<>();
    for (StoredEvent e : events) {
      Set<String> names = new TreeSet<>();
      e.signals().forEach(sig -> names.add(sig.name()));
      rows.add(
          new Outage(
              e.entity(),
              e.start(),
              e.end(),
              e.score(),
              String.join(",", names),
              names,
              detectors.method(e.entity(), names)));
    }
    ArrayNode out = Json.array();
    for (Outage o : rows) {
      out.add(format.equals("codf") ? codf(o, from, until) : ioda(o, from, until));
    }
    return out;
  }

  /** The alerts of a row's signals from its start to its (cut) end, the closing alert included. */
  private static ArrayNode alertsDuring(SignalStore s, Detectors detectors, Outage o, long until) {
    ArrayNode alerts = Json.array();
    for (String sig : o.signals()) {
      SeriesInfo si = detectors.series(o.entity(), sig);
      if (si != null) {
        alertsOf(s, si, detectors.of(si), o.start(), cutEnd(o, until) + 1).forEach(alerts::add);
      }
    }
    return alerts;
  }

  private static EventQuery query(Selection sel, long from, long until) {
    String key = sel.keys().size() == 1 ? sel.keys().iterator().next() : null;
    return new EventQuery(null, key, from, until);
  }

  /** Where a row ends in this window: an event still open at {@code until} is cut there. */
  private static long cutEnd(Outage o, long until) {
    return o.end() == null || o.end() > until ? until : o.end();
  }

  /** IODA's {@code X-Overlaps-Window}: the event began before the window or outlasts it. */
  private static boolean overlapsWindow(Outage o, long from, long until) {
    return o.start() < from || o.end() == null || o.end() > until;
  }

  private static ObjectNode codf(Outage o, long from, long until) {
    ObjectNode r = Json.object();
    r.put("location", o.entity().key());
    r.put("start", o.start());
    r.put("duration", cutEnd(o, until) - o.start());
    r.putNull("uncertainty");
    r.put("method", o.method());
    r.put("datasource", o.datasource());
    r.put("status", 0);
    r.putNull("fraction");
    Json.putValue(r, "score", o.score());
    r.put("location_name", o.entity().name());
    r.put("overlaps_window", overlapsWindow(o, from, until));
    return r;
  }

  private static ObjectNode ioda(Outage o, long from, long until) {
    ObjectNode r = Json.object();
    r.set("entity", Json.entityRef(o.entity()));
    r.put("from", o.start());
    r.put("until", cutEnd(o, until));
    Json.putValue(r, "score", o.score());
    r.put("datasource", o.datasource());
    r.put("method", o.method());
    r.put("overlaps_window", overlapsWindow(o, from, until));
    return r;
  }

  // --- summary ---

  /**
   * {@code GET /v2/outages/summary}: per entity with events in the window, each signal's summed
   * event scores ({@code "<signal>.<method>"}, {@code "traffic.requests.median"}), {@code overall}
   * (the sum of the merged events' scores) and {@code event_cnt} (per-signal events, as IODA
   * counts), highest overall first.
   */
  void summary(Context ctx) {
    Params p = new Params(ctx);
    long[] w = p.window();
    List<ObjectNode> rows =
        store.read(
            s -> {
              EntityDirectory dir = EntityDirectory.of(registry, s.series());
              Selection sel = Selection.of(p, dir);
              Detectors detectors = new Detectors(s, dir.series());
              Map<String, Entity> entities = new LinkedHashMap<>();
              Map<String, Map<String, Double>> scores = new HashMap<>();
              Map<String, Double> overall = new HashMap<>();
              Map<String, Integer> counts = new HashMap<>();
              for (StoredEvent e : s.events(query(sel, w[0], w[1]))) {
                if (!sel.matches(e.entity())) {
                  continue;
                }
                String k = e.entity().key();
                entities.putIfAbsent(k, e.entity());
                overall.merge(k, e.score(), Double::sum);
                for (StoredEvent.Signal sig : e.signals()) {
                  scores
                      .computeIfAbsent(k, x -> new TreeMap<>())
                      .merge(
                          sig.name() + "." + detectors.method(e.entity(), Set.of(sig.name())),
                          sig.score(),
                          Double::sum);
                  counts.merge(k, 1, Integer::sum);
                }
              }
              List<ObjectNode> out = new ArrayList<>();
              for (Entity e : entities.values()) {
                ObjectNode o = Json.object();
                ObjectNode sc = o.putObject("scores");
                scores.getOrDefault(e.key(), Map.of()).forEach((n, v) -> Json.putValue(sc, n, v));
                Json.putValue(sc, "overall", overall.get(e.key()));
                o.put("event_cnt", counts.getOrDefault(e.key(), 0));
                o.set("entity", Json.entityRef(e));
                out.add(o);
              }
              out.sort(
                  Comparator.<ObjectNode>comparingDouble(
                          o -> -o.get("scores").get("overall").asDouble())
                      .thenComparing(o -> o.get("entity").get("type").asText())
                      .thenComparing(o -> o.get("entity").get("code").asText()));
              return out;
            });
    ArrayNode data = Json.array();
    p.page(rows, DEFAULT_LIMIT).forEach(data::add);
    responses.envelope(ctx, "outages.summary", p, data);
  }
}
