// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Times;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.report.StopRow;
import org.vigil.server.AnnotationJson;
import org.vigil.server.EventJson;
import org.vigil.server.IodaEventJson;
import org.vigil.store.EventQuery;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEpisodes;
import org.vigil.store.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil events}: lists published events as a table, JSON or CSV; in IODA's event shapes
 * ({@code codf}, {@code ioda}); or, grouped into episodes, as Access Now STOP rows ({@code stop})
 * and Cloudflare Radar outage annotations ({@code annotations}).
 */
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
      "  vigil events --format csv > events.csv",
      "  vigil events --country KZ --format stop > kz-stop.csv",
      "  vigil events --format annotations > annotations.json",
      "  vigil events --country KZ --format codf"
    })
final class EventsCommand implements Callable<Integer> {
  enum Format {
    table,
    json,
    csv,
    stop,
    annotations,
    codf,
    ioda
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
      description = {
        "table, json or csv (default: ${DEFAULT-VALUE}); codf or ioda (IODA's event shapes, as"
            + " /v2/outages/events?overall=true); stop (one Access Now STOP row per episode) or"
            + " annotations (Cloudflare Radar's outage annotations, one per episode)."
      })
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
    PrintWriter out = spec.commandLine().getOut();
    List<StoredEvent> events;
    try (SignalStore store = data.openExisting()) {
      events = store.events(q);
      if (format == Format.stop || format == Format.annotations) {
        if (key != null) {
          throw new IllegalArgumentException(
              "--format " + format + " writes episodes, which are per country: use --country");
        }
        List<Episode> episodes = episodes(store.events(EventQuery.all()), cc, q);
        writeEpisodes(store, episodes, registry, out);
        out.flush();
        return 0;
      }
      if (format == Format.codf || format == Format.ioda) {
        long[] window = window(events, q);
        out.println(
            new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(
                    IodaEventJson.events(store, events, format.name(), window[0], window[1])));
        out.flush();
        return 0;
      }
    }
    switch (format) {
      case json -> writeJson(events, out);
      case csv -> writeCsv(events, out);
      case stop, annotations, codf, ioda -> throw new IllegalStateException("written above");
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

  /** The episodes of one country (or all), those overlapping {@code --from}/{@code --until}. */
  static List<Episode> episodes(List<StoredEvent> all, String cc, EventQuery q) {
    List<Episode> out = new ArrayList<>();
    Map<String, List<Episode>> byCountry = StoredEpisodes.of(all);
    for (Map.Entry<String, List<Episode>> c : byCountry.entrySet()) {
      if (cc != null && !cc.equals(c.getKey())) {
        continue;
      }
      for (Episode e : c.getValue()) {
        long until = e.end() == null ? Long.MAX_VALUE : e.end();
        if ((q.from() == null || until > q.from())
            && (q.until() == null || e.start() < q.until())) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private void writeEpisodes(
      SignalStore store, List<Episode> episodes, EntityRegistry registry, PrintWriter out)
      throws IOException {
    if (format == Format.stop) {
      List<StopRow> rows = new ArrayList<>();
      for (Episode e : episodes) {
        rows.add(StoredEpisodes.stopRow(store, e, registry.country(e.country()).name()));
      }
      out.print(StopRow.csv(rows));
    } else {
      Map<String, String> names = new HashMap<>();
      for (Episode e : episodes) {
        names.put(e.country(), registry.country(e.country()).name());
      }
      out.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(AnnotationJson.response(episodes, names)));
    }
  }

  /**
   * IODA's window: {@code --from}/{@code --until} when given, else from the first start to the last
   * time an event is known at (its end, or its start while ongoing; an ongoing event is cut there).
   */
  static long[] window(List<StoredEvent> events, EventQuery q) {
    long from = Long.MAX_VALUE;
    long until = Long.MIN_VALUE;
    for (StoredEvent e : events) {
      from = Math.min(from, e.start());
      until = Math.max(until, e.end() == null ? e.start() + 1 : e.end());
    }
    if (events.isEmpty()) {
      from = 0;
      until = 1;
    }
    return new long[] {q.from() != null ? q.from() : from, q.until() != null ? q.until() : until};
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
