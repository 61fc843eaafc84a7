// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.store.EventQuery;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil events}: lists published events as a table, JSON or CSV. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "List detected events (run 'vigil detect' first).",
    footer = {
      "",
      "Examples:",
      "  vigil events --country KZ",
      "  vigil events --entity region/KZ-ALA --from 2022-01-04 --until 2022-01-12 \\",
      "      --format json",
      "  vigil events --format csv > events.csv"
    })
final class EventsCommand implements Callable<Integer> {
  enum Format {
    table,
    json,
    csv
  }

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--country",
      paramLabel = "CC",
      description = "A country and everything within it (ISO code or name: KZ, KAZ, Kazakhstan).")
  String country;

  @Option(
      names = "--entity",
      paramLabel = "TYPE/CODE",
      description = "Exactly one entity: country/KZ, region/KZ-ALA, asn/9198.")
  String entity;

  @Option(
      names = "--from",
      paramLabel = "T",
      description = "Events that end after T (ISO-8601, date, or epoch seconds).")
  String from;

  @Option(names = "--until", paramLabel = "T", description = "Events that start before T.")
  String until;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      defaultValue = "table",
      description = "table, json or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException {
    EntityRegistry registry = EntityRegistry.load();
    String cc = country == null ? null : registry.country(country).code();
    String key = entity == null ? null : registry.parse(entity).key();
    EventQuery q =
        new EventQuery(
            cc,
            key,
            from == null ? null : Times.parse(from),
            until == null ? null : Times.parse(until));
    if (q.from() != null && q.until() != null && q.from() >= q.until()) {
      throw new IllegalArgumentException(
          "--from " + from + " is not before --until " + until + ": nothing can match");
    }
    List<StoredEvent> events;
    try (SignalStore store = data.openExisting()) {
      events = store.events(q);
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> writeJson(events, out);
      case csv -> writeCsv(events, out);
      case table -> {
        if (events.isEmpty() && (cc != null || key != null || from != null || until != null)) {
          out.println("No events match these filters.");
        } else {
          writeTable(events, out);
        }
      }
    }
    out.flush();
    return 0;
  }

  static void writeJson(List<StoredEvent> events, Writer out) throws IOException {
    try (JsonGenerator g =
        new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (StoredEvent e : events) {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeObjectFieldStart("entity");
        g.writeStringField("type", e.entity().type().key());
        g.writeStringField("code", e.entity().code());
        g.writeStringField("name", e.entity().name());
        if (e.entity().country() != null) {
          g.writeStringField("country", e.entity().country());
        }
        g.writeEndObject();
        g.writeStringField("start", Times.iso(e.start()));
        writeTime(g, "end", e.end());
        g.writeStringField("kind", e.kind());
        g.writeStringField("scope", e.scope());
        g.writeStringField("pattern", e.pattern());
        g.writeArrayFieldStart("platforms");
        for (String p : e.platforms()) {
          g.writeString(p);
        }
        g.writeEndArray();
        g.writeNumberField("score", round(e.score()));
        g.writeArrayFieldStart("signals");
        for (StoredEvent.Signal s : e.signals()) {
          g.writeStartObject();
          g.writeStringField("name", s.name());
          g.writeStringField("start", Times.iso(s.start()));
          writeTime(g, "end", s.end());
          writeNumber(g, "baseline", s.baseline());
          writeNumber(g, "lowest_ratio", s.lowestRatio());
          g.writeNumberField("score", round(s.score()));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("evidence");
        for (InputFile f : e.evidence()) {
          g.writeStartObject();
          g.writeStringField("sha256", f.sha256());
          g.writeStringField("path", f.path());
          g.writeStringField("format", f.format());
          g.writeNumberField("size_bytes", f.sizeBytes());
          g.writeNumberField("records", f.records());
          g.writeStringField("ingested_at", f.ingestedAt().toString());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    out.write(System.lineSeparator());
  }

  private static void writeTime(JsonGenerator g, String field, Long t) throws IOException {
    if (t == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, Times.iso(t));
    }
  }

  private static void writeNumber(JsonGenerator g, String field, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, round(v));
    }
  }

  /**
   * Six significant digits and at most four decimals: enough for a ratio, stable in golden files.
   */
  static double round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(6))
        .setScale(4, java.math.RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  static void writeCsv(List<StoredEvent> events, PrintWriter out) {
    out.println(
        "id,entity_type,entity_code,entity_name,start,end,kind,scope,pattern,platforms,score,"
            + "signals,lowest_ratio,evidence_sha256");
    for (StoredEvent e : events) {
      double lowest = Double.NaN;
      for (StoredEvent.Signal s : e.signals()) {
        lowest = Double.isNaN(lowest) ? s.lowestRatio() : Math.min(lowest, s.lowestRatio());
      }
      out.println(
          String.join(
              ",",
              e.id(),
              e.entity().type().key(),
              csv(e.entity().code()),
              csv(e.entity().name()),
              Times.iso(e.start()),
              e.end() == null ? "" : Times.iso(e.end()),
              e.kind(),
              e.scope(),
              e.pattern() == null ? "" : e.pattern(),
              csv(String.join(";", e.platforms())),
              Double.toString(round(e.score())),
              csv(String.join(";", e.signals().stream().map(StoredEvent.Signal::name).toList())),
              Double.isNaN(lowest) ? "" : Double.toString(round(lowest)),
              String.join(";", e.evidence().stream().map(InputFile::sha256).toList())));
    }
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  static void writeTable(List<StoredEvent> events, PrintWriter out) {
    if (events.isEmpty()) {
      out.println("No events. (Ingest data with 'vigil ingest', then run 'vigil detect'.)");
      return;
    }
    String fmt = "%-20s  %-20s  %-28s  %-9s  %-10s  %6s  %10s  %s%n";
    out.printf(
        Locale.ROOT,
        fmt,
        "START (UTC)",
        "END (UTC)",
        "ENTITY",
        "KIND",
        "SCOPE",
        "LOWEST",
        "SCORE",
        "SIGNALS");
    for (StoredEvent e : events) {
      double lowest = Double.NaN;
      for (StoredEvent.Signal s : e.signals()) {
        lowest = Double.isNaN(lowest) ? s.lowestRatio() : Math.min(lowest, s.lowestRatio());
      }
      out.printf(
          Locale.ROOT,
          fmt,
          Times.iso(e.start()),
          e.end() == null ? "ongoing" : Times.iso(e.end()),
          label(e.entity()),
          e.kind(),
          e.scope(),
          Double.isNaN(lowest) ? "-" : String.format(Locale.ROOT, "%.0f%%", lowest * 100),
          String.format(Locale.ROOT, "%.3g", e.score()),
          String.join(",", e.signals().stream().map(StoredEvent.Signal::name).toList()));
    }
    out.printf(Locale.ROOT, "%d event(s)%n", events.size());
  }

  private static String label(Entity e) {
    String s = e.key() + " " + e.name();
    return s.length() > 28 ? s.substring(0, 27) + "…" : s;
  }
}
