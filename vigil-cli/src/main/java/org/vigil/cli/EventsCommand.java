// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Times;
import org.vigil.server.EventJson;
import org.vigil.store.EventQuery;
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

  /** The same objects as the API's {@code /api/events}: one writer for both. */
  static void writeJson(List<StoredEvent> events, Writer out) throws IOException {
    new ObjectMapper()
        .writerWithDefaultPrettyPrinter()
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, EventJson.events(events));
    out.write(System.lineSeparator());
  }

  static void writeCsv(List<StoredEvent> events, PrintWriter out) {
    out.print(EventJson.csv(events));
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
          String.join(",", e.signals().stream().map(StoredEvent.Signal::name).distinct().toList()));
    }
    out.printf(Locale.ROOT, "%d event(s)%n", events.size());
  }

  private static String label(Entity e) {
    String s = e.key() + " " + e.name();
    return s.length() > 28 ? s.substring(0, 27) + "…" : s;
  }
}
