// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vigil.store.InputFile;
import org.vigil.store.StoredEvent;

/**
 * Published events as {@code vigil events} writes them: the same JSON objects as {@code --format
 * json} and the same CSV columns as {@code --format csv}, field for field.
 */
public final class EventJson {
  private EventJson() {}

  /** One event as a JSON object. */
  public static ObjectNode event(StoredEvent e) {
    ObjectNode o = Json.object();
    o.put("id", e.id());
    ObjectNode en = o.putObject("entity");
    en.put("type", e.entity().type().key());
    en.put("code", e.entity().code());
    en.put("name", e.entity().name());
    if (e.entity().country() != null) {
      en.put("country", e.entity().country());
    }
    o.put("start", Json.iso(e.start()));
    putTime(o, "end", e.end());
    o.put("kind", e.kind());
    o.put("scope", e.scope());
    o.put("pattern", e.pattern());
    o.put("mechanism", e.mechanism());
    o.put("restoration", e.restoration());
    ArrayNode platforms = o.putArray("platforms");
    e.platforms().forEach(platforms::add);
    o.put("score", Json.round(e.score()));
    ArrayNode signals = o.putArray("signals");
    for (StoredEvent.Signal s : e.signals()) {
      ObjectNode so = signals.addObject();
      so.put("name", s.name());
      so.put("start", Json.iso(s.start()));
      putTime(so, "end", s.end());
      putDouble(so, "baseline", s.baseline());
      putDouble(so, "lowest_ratio", s.lowestRatio());
      so.put("score", Json.round(s.score()));
    }
    ArrayNode evidence = o.putArray("evidence");
    for (InputFile f : e.evidence()) {
      ObjectNode fo = evidence.addObject();
      fo.put("sha256", f.sha256());
      fo.put("path", f.path());
      fo.put("format", f.format());
      fo.put("size_bytes", f.sizeBytes());
      fo.put("records", f.records());
      fo.put("ingested_at", f.ingestedAt().toString());
    }
    if (e.measurements() != null) {
      o.set("measurements", measurements(e.measurements()));
    }
    return o;
  }

  /**
   * The measurements behind an event (OONI): {@code count}, the {@code first} and {@code last}
   * anomalous measurement, and the {@code ids} listed (all of them, or the first ones and the last
   * when there are more than {@value StoredEvent#MEASUREMENTS_LISTED}), each with its OONI Explorer
   * {@code url}.
   */
  static ObjectNode measurements(StoredEvent.Measurements ms) {
    ObjectNode o = Json.object();
    o.put("count", ms.count());
    o.set("first", measurement(ms.first()));
    o.set("last", measurement(ms.last()));
    ArrayNode ids = o.putArray("ids");
    for (StoredEvent.Measurement m : ms.listed()) {
      ids.add(measurement(m));
    }
    return o;
  }

  private static ObjectNode measurement(StoredEvent.Measurement m) {
    ObjectNode o = Json.object();
    o.put("id", m.id());
    o.put("time", Json.iso(m.measuredAt()));
    o.put("report_id", m.reportId());
    o.put("input", m.input());
    o.put("confirmed", m.confirmed());
    o.put("url", explorerUrl(m));
    return o;
  }

  /**
   * Where OONI Explorer shows a measurement: {@code https://explorer.ooni.org/m/<measurement_uid>},
   * or for one without uid {@code /measurement/<report_id>?input=<input>}; {@code null} without
   * either id.
   */
  static String explorerUrl(StoredEvent.Measurement m) {
    if (m.measurementUid() != null) {
      return "https://explorer.ooni.org/m/" + encode(m.measurementUid());
    }
    if (m.reportId() == null) {
      return null;
    }
    String url = "https://explorer.ooni.org/measurement/" + encode(m.reportId());
    return m.input() == null ? url : url + "?input=" + encode(m.input());
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  /** Events as a JSON array. */
  public static ArrayNode events(List<StoredEvent> events) {
    ArrayNode a = Json.array();
    events.forEach(e -> a.add(event(e)));
    return a;
  }

  private static void putTime(ObjectNode o, String field, Long t) {
    if (t == null) {
      o.putNull(field);
    } else {
      o.put(field, Json.iso(t));
    }
  }

  /** As the CLI writes them: a double, rounded; {@code null} for NaN. */
  private static void putDouble(ObjectNode o, String field, double v) {
    if (Double.isNaN(v)) {
      o.putNull(field);
    } else {
      o.put(field, Json.round(v));
    }
  }

  /** Events as CSV with a header line. */
  public static String csv(List<StoredEvent> events) {
    StringBuilder out = new StringBuilder();
    out.append(
        "id,entity_type,entity_code,entity_name,start,end,kind,scope,pattern,platforms,score,"
            + "signals,lowest_ratio,evidence_sha256\n");
    for (StoredEvent e : events) {
      double lowest = Double.NaN;
      for (StoredEvent.Signal s : e.signals()) {
        lowest = Double.isNaN(lowest) ? s.lowestRatio() : Math.min(lowest, s.lowestRatio());
      }
      out.append(
              String.join(
                  ",",
                  e.id(),
                  e.entity().type().key(),
                  csvField(e.entity().code()),
                  csvField(e.entity().name()),
                  Json.iso(e.start()),
                  e.end() == null ? "" : Json.iso(e.end()),
                  e.kind(),
                  e.scope(),
                  e.pattern() == null ? "" : e.pattern(),
                  csvField(String.join(";", e.platforms())),
                  Double.toString(Json.round(e.score())),
                  csvField(
                      String.join(
                          ";", e.signals().stream().map(StoredEvent.Signal::name).toList())),
                  Double.isNaN(lowest) ? "" : Double.toString(Json.round(lowest)),
                  String.join(";", e.evidence().stream().map(InputFile::sha256).toList())))
          .append('\n');
    }
    return out.toString();
  }

  private static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
