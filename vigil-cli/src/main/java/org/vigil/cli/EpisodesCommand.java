// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Times;
import org.vigil.detect.classify.Episode;
import org.vigil.server.EpisodeJson;
import org.vigil.store.EventQuery;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil episodes}: each country's events grouped into disruptions. */
@Command(
    name = "episodes",
    mixinStandardHelpOptions = true,
    description = {
      "List episodes: a country's events (the country, its regions, the networks with events at"
          + " the same time) less than 48 h apart, as one disruption with a one-line summary.",
      "Computed from the published events; run 'vigil detect' first. Tell one with 'vigil"
          + " narrative'."
    },
    footer = {
      "",
      "Examples:",
      "  vigil episodes --country KZ",
      "  vigil episodes --format json > episodes.json",
      "  vigil narrative --country KZ --episode ID"
    })
final class EpisodesCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--country",
      paramLabel = "CC",
      description = "Only this country's episodes (ISO code or name: KZ, KAZ, Kazakhstan).")
  String country;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException {
    String cc = country == null ? null : EntityRegistry.load().country(country).code();
    List<Episode> episodes;
    try (SignalStore store = data.openExisting()) {
      episodes = EventsCommand.episodes(store.events(EventQuery.all()), cc, EventQuery.all());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(EpisodeJson.episodes(episodes)));
    } else if (episodes.isEmpty()) {
      out.println(
          cc == null
              ? "No episodes. (Ingest data with 'vigil ingest', then run 'vigil detect'.)"
              : "No episodes in " + cc + ".");
    } else {
      String fmt = "%-12s  %-7s  %-20s  %-20s  %6s  %s%n";
      out.printf(
          Locale.ROOT, fmt, "ID", "COUNTRY", "START (UTC)", "END (UTC)", "EVENTS", "SUMMARY");
      for (Episode e : episodes) {
        String summary = e.summary();
        int colon = summary.indexOf("UTC: ");
        out.printf(
            Locale.ROOT,
            fmt,
            e.id(),
            e.country(),
            Times.iso(e.start()),
            e.end() == null ? "ongoing" : Times.iso(e.end()),
            e.events().size(),
            colon < 0 ? summary : summary.substring(colon + 5));
      }
      out.printf(Locale.ROOT, "%d episode(s)%n", episodes.size());
    }
    out.flush();
    return 0;
  }
}
