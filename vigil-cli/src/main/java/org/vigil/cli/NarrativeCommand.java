// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.core.EntityRegistry;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.report.Narrative;
import org.vigil.server.EpisodeJson;
import org.vigil.store.EventQuery;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEpisodes;
import org.vigil.store.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil narrative}: an episode told in plain words, with its evidence. */
@Command(
    name = "narrative",
    mixinStandardHelpOptions = true,
    description = {
      "Tell an episode in plain words for a statement: each step with its date and time in UTC and"
          + " local time, what was affected, how much, how it ended, and the events, signals and"
          + " input files behind each sentence. The country's standing in Freedom House's surveys"
          + " ends it when loaded ('vigil context load').",
      "Without --episode, the country's latest episode."
    },
    footer = {
      "",
      "Examples:",
      "  vigil narrative --country KZ",
      "  vigil narrative --country KZ --episode 4ef1aa18a72c --format json",
      "  vigil episodes --country KZ        (lists the episode ids)"
    })
final class NarrativeCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--country",
      paramLabel = "CC",
      required = true,
      description = "The country (ISO code or name: KZ, KAZ, Kazakhstan).")
  String country;

  @Option(names = "--episode", paramLabel = "ID", description = "The episode ('vigil episodes').")
  String episode;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException {
    String cc = EntityRegistry.load().country(country).code();
    Narrative n;
    try (SignalStore store = data.openExisting()) {
      List<StoredEvent> all = store.events(EventQuery.all());
      List<Episode> episodes = StoredEpisodes.of(cc, all);
      Episode chosen = null;
      for (Episode e : episodes) {
        if (episode == null || e.id().equals(episode)) {
          chosen = e;
        }
      }
      if (chosen == null) {
        throw new IllegalArgumentException(
            (episode == null ? "no episodes in " + cc : "no episode " + episode + " in " + cc)
                + ": list them with 'vigil episodes --country "
                + cc
                + "' (and run 'vigil detect' after ingesting data)");
      }
      n = StoredEpisodes.narrative(store, chosen);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(EpisodeJson.narrative(n)));
    } else {
      out.print(n.text());
    }
    out.flush();
    return 0;
  }
}
