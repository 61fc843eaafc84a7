// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Sha256;
import org.vigil.detect.classify.InputRef;
import org.vigil.detect.report.CountryRating;
import org.vigil.detect.report.FreedomHouseReader;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEpisodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil context}: countries' standing in Freedom House's surveys, for narratives. */
@Command(
    name = "context",
    mixinStandardHelpOptions = true,
    description = "Load and show countries' ratings in Freedom House's surveys.",
    footer = {
      "",
      "Example:",
      "  vigil context load FIW13-24.csv",
      "  vigil context show --country KZ"
    },
    subcommands = {ContextCommand.Load.class, ContextCommand.Show.class})
final class ContextCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil context load}: reads a Freedom House ratings file into the store. */
  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Read Freedom House ratings into the store: Freedom in the World as published (its 'All"
            + " data' sheet saved as CSV: a title line, then Country/Territory, ..., Edition,"
            + " Status, ..., Total), or a small file of the same shape for Freedom on the Net or"
            + " Nations in Transit (Status in words for Nations in Transit: Consolidated"
            + " Authoritarian Regime). The survey is read from the title line, or given with"
            + " --survey.",
        "The file is catalogued like any input (its SHA-256 is cited by the narrative); the same"
            + " file twice is a no-op. Vigil ships no ratings: load the data you are entitled to"
            + " use (freedomhouse.org)."
      },
      footer = {
        "",
        "Examples:",
        "  vigil context load ../shared/data/freedomhouse-fiw/FIW13-24.csv",
        "  vigil context load fotn-2022.csv --survey 'Freedom on the Net'"
      })
  static final class Load implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The ratings file (CSV).")
    Path file;

    @Option(
        names = "--survey",
        paramLabel = "NAME",
        description =
            "Freedom in the World, Freedom on the Net or Nations in Transit (default: the title"
                + " line's).")
    String survey;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no such file: " + file);
      }
      EntityRegistry registry = EntityRegistry.load();
      String sha = Sha256.of(file);
      Path abs = file.toAbsolutePath().normalize();
      FreedomHouseReader.Result r =
          FreedomHouseReader.read(
              file,
              survey,
              name -> registry.findCountry(name).map(Entity::code),
              new InputRef(abs.toString(), sha));
      String skipped =
          r.skipped().isEmpty()
              ? ""
              : "skipped (no ISO 3166 code): " + String.join(", ", r.skipped());
      InputFile input =
          new InputFile(
              0,
              sha,
              Files.size(file),
              "context/freedomhouse",
              "survey=" + r.survey(),
              abs.toString(),
              null,
              r.ratings().size(),
              skipped);
      IngestOutcome out;
      try (SignalStore store = data.open()) {
        out = store.loadRatings(input, r.ratings());
      }
      PrintWriter o = spec.commandLine().getOut();
      if (out.alreadyPresent()) {
        o.printf("context: %s was already loaded (same bytes); nothing to do%n", file);
      } else {
        TreeSet<Integer> editions = new TreeSet<>();
        r.ratings().forEach(c -> editions.add(c.edition()));
        o.printf(
            Locale.ROOT,
            "context: %d ratings of %d countries, %s%s, from %s%n",
            out.points(),
            out.series(),
            r.survey(),
            editions.isEmpty() ? "" : " " + editions.first() + "–" + editions.last(),
            file);
        if (!skipped.isEmpty()) {
          o.println("context: " + skipped);
        }
      }
      o.flush();
      return 0;
    }
  }

  /** {@code vigil context show}: a country's loaded ratings. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a country's loaded ratings, and the sentence a narrative ends with.",
      footer = {"", "Example:", "  vigil context show --country KZ --year 2022"})
  static final class Show implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--country", paramLabel = "CC", required = true, description = "The country.")
    String country;

    @Option(
        names = "--year",
        paramLabel = "YYYY",
        description = "The year of the sentence (default: the latest edition loaded).")
    Integer year;

    @Override
    public Integer call() {
      String cc = EntityRegistry.load().country(country).code();
      List<CountryRating> all;
      try (SignalStore store = data.openExisting()) {
        all = store.ratings(cc);
      }
      PrintWriter o = spec.commandLine().getOut();
      if (all.isEmpty()) {
        o.println("No ratings of " + cc + " loaded. (Load them with 'vigil context load FILE'.)");
        o.flush();
        return 0;
      }
      int latest = 0;
      for (CountryRating r : all) {
        o.printf(
            Locale.ROOT,
            "%-22s %4d  %-36s %s%n",
            r.survey(),
            r.edition(),
            r.statusText(),
            r.score() == null ? "" : String.format(Locale.ROOT, "%.0f", r.score()));
        latest = Math.max(latest, r.edition());
      }
      List<CountryRating> forYear = CountryRating.forYear(all, cc, year == null ? latest : year);
      o.println();
      o.println(CountryRating.sentence(StoredEpisodes.commonName(cc), new ArrayList<>(forYear)));
      o.flush();
      return 0;
    }
  }
}
