// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.Sha256;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.Times;
import org.vigil.series.ImportResult;
import org.vigil.series.SeriesImportSpec;
import org.vigil.series.SeriesReader;
import org.vigil.series.TimeFormat;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ingest series}: a time series from CSV, TSV or JSON lines, gzip or not. */
@Command(
    name = "series",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Import a time series from CSV, TSV or JSON lines (gzip recognised by its bytes).",
      "",
      "Rows of several sub-areas for one entity and time are combined with --aggregate.",
      "Region series also roll up into their country's series.",
      "Each file is stored whole or not at all; the same file with the same options twice is a"
          + " no-op."
    },
    footer = {
      "",
      "Examples:",
      "  vigil ingest series kz.csv --signal traffic.requests --time-column time \\",
      "      --value-column requests --entity country/KZ",
      "  vigil ingest series ukr-2022-01-18_border-regions.csv --signal index.latency \\",
      "      --time-column time_local --time-format 'dd-MMM-yyyy HH:mm:ss' \\",
      "      --timezone-column timezone_name --value-column latency_indx \\",
      "      --entity-type region --entity-column adm1_unique_identifier \\",
      "      --country-column country_iso_three_char_code --name-column adm1_name"
    })
final class IngestSeriesCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to ingest, in order.")
  List<Path> files;

  @Option(
      names = "--signal",
      required = true,
      paramLabel = "NAME",
      description = "Signal name, dotted lower case: traffic.requests, index.latency, ...")
  String signal;

  @Option(
      names = "--time-column",
      required = true,
      paramLabel = "COL",
      description = "Column (or JSON key) holding each row's time.")
  String timeColumn;

  @Option(
      names = "--time-format",
      paramLabel = "FMT",
      description =
          "epoch (seconds or milliseconds), iso, or a java.time pattern such as"
              + " 'dd-MMM-yyyy HH:mm:ss'. Default: epoch if the first time is a number, else iso.")
  String timeFormat;

  @ArgGroup(exclusive = true)
  Zone zone;

  static final class Zone {
    @Option(
        names = "--timezone",
        paramLabel = "TZ",
        description = "Zone of local times in the file (default UTC), e.g. Asia/Almaty.")
    String timezone;

    @Option(names = "--timezone-column", paramLabel = "COL", description = "Zone per row.")
    String timezoneColumn;
  }

  @Option(
      names = "--value-column",
      required = true,
      paramLabel = "COL",
      description = "Column holding the value; empty, NA, NaN or null is a gap.")
  String valueColumn;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(
        names = "--entity",
        paramLabel = "TYPE/CODE",
        description = "One entity for every row: country/KZ, region/KZ-ALA, asn/9198.")
    String entity;

    @ArgGroup(exclusive = false)
    FromColumns columns;
  }

  static final class FromColumns {
    @Option(
        names = "--entity-type",
        required = true,
        paramLabel = "TYPE",
        description = "country, region or asn.")
    String entityType;

    @Option(names = "--entity-column", required = true, paramLabel = "COL")
    String entityColumn;

    @Option(names = "--country", paramLabel = "CC", description = "Country of every region.")
    String country;

    @Option(names = "--country-column", paramLabel = "COL", description = "Country per row.")
    String countryColumn;

    @Option(names = "--name-column", paramLabel = "COL", description = "Name of the area.")
    String nameColumn;
  }

  @Option(
      names = "--aggregate",
      paramLabel = "HOW",
      defaultValue = "mean",
      description = "mean or sum: combines rows per entity and bin, and regions into countries.")
  String aggregate;

  @Option(
      names = "--step",
      paramLabel = "DURATION",
      description = "Bin width: 300, 5m, 1h, PT5M (default: inferred from the times).")
  String step;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      description = "csv, tsv or jsonl (default: from the name).")
  String format;

  @Override
  public Integer call() throws IOException {
    EntityRegistry registry = EntityRegistry.load();
    SeriesImportSpec spec = buildSpec(registry);
    PrintWriter out = this.spec.commandLine().getOut();
    PrintWriter err = this.spec.commandLine().getErr();
    List<Path> failed = new java.util.ArrayList<>();
    try (SignalStore store = data.open()) {
      for (Path file : files) {
        try {
          ingest(store, file, spec, registry, out);
        } catch (org.vigil.core.InputFormatException
            | org.vigil.store.StoreException
            | IllegalArgumentException e) {
          if (files.size() == 1) {
            throw e;
          }
          // Each file is all or nothing; one bad file does not stop the others.
          out.flush();
          err.println(this.spec.qualifiedName() + ": error: " + e.getMessage());
          failed.add(file);
        }
      }
    }
    out.flush();
    if (!failed.isEmpty()) {
      err.printf(
          "%s: %d of %d files not ingested (nothing of them was stored): %s%n",
          this.spec.qualifiedName(),
          failed.size(),
          files.size(),
          String.join(", ", failed.stream().map(Path::toString).toList()));
      err.flush();
      return 1;
    }
    return 0;
  }

  SeriesImportSpec buildSpec(EntityRegistry registry) {
    SeriesImportSpec.Builder b =
        SeriesImportSpec.builder()
            .signal(signal)
            .timeColumn(timeColumn)
            .valueColumn(valueColumn)
            .aggregate(SeriesImportSpec.Aggregate.parse(aggregate));
    if (timeFormat != null) {
      b.timeFormat(TimeFormat.parse(timeFormat));
    }
    if (zone != null && zone.timezone != null) {
      try {
        b.timezone(ZoneId.of(zone.timezone));
      } catch (java.time.DateTimeException e) {
        throw new IllegalArgumentException(
            "bad --timezone '" + zone.timezone + "': give a zone ID such as Asia/Almaty or UTC");
      }
    }
    if (zone != null && zone.timezoneColumn != null) {
      b.timezoneColumn(zone.timezoneColumn);
    }
    if (target.entity != null) {
      b.entity(registry.parse(target.entity));
    } else {
      FromColumns c = target.columns;
      b.entityColumn(EntityType.parse(c.entityType), c.entityColumn);
      if (c.country != null) {
        b.country(registry.country(c.country).code());
      }
      if (c.countryColumn != null) {
        b.countryColumn(c.countryColumn);
      }
      if (c.nameColumn != null) {
        b.nameColumn(c.nameColumn);
      }
    }
    if (step != null) {
      b.step(SeriesImportSpec.parseStep(step));
    }
    if (format != null) {
      b.format(SeriesImportSpec.Format.parse(format));
    }
    return b.build();
  }

  /**
   * Ingests one file: catalog check first (no parse for a known file and recipe), then all or
   * nothing.
   */
  static IngestOutcome ingest(
      SignalStore store, Path file, SeriesImportSpec spec, EntityRegistry registry, PrintWriter out)
      throws IOException {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory; give the files in it");
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    Path path = file.toAbsolutePath().normalize();
    String sha = Sha256.of(file);
    // The recipe: the same bytes read with other options (another column, entity or signal)
    // are another input.
    String recipe = "series " + spec;
    var earlier = store.findInput(sha, recipe);
    if (earlier.isPresent()) {
      InputFile f = earlier.get();
      out.printf(
          "%s: already ingested with these options on %s (catalog id %d, %d records);"
              + " nothing to do%n",
          file, f.ingestedAt(), f.id(), f.records());
      return new IngestOutcome(f, true, 0, 0);
    }
    for (InputFile other : store.findInputs(sha)) {
      out.printf(
          "%s: the same bytes were ingested with other options (catalog id %d, %s);"
              + " ingesting again with these%n",
          file, other.id(), other.detail());
    }
    long size = Files.size(file);
    ImportResult result;
    try (Progress progress = Progress.start("read " + file.getFileName(), size);
        InputStream in = progress.wrap(Files.newInputStream(file))) {
      result = SeriesReader.read(in, file.toString(), spec, registry);
    }
    // Region files roll up into their countries in the store, from every stored region, so a
    // country's regions may come in several files; the reader's own per-file roll-up is dropped.
    boolean regions = spec.entity() == null && spec.entityType() == EntityType.REGION;
    Map<SignalKey, TimeSeries> series = new LinkedHashMap<>();
    Map<String, Entity> countries = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<SignalKey, TimeSeries> e : result.series().entrySet()) {
      if (regions && e.getKey().entity().type() == EntityType.COUNTRY) {
        countries.put(e.getKey().entity().code(), e.getKey().entity());
        continue;
      }
      series.put(e.getKey(), e.getValue());
      total += e.getValue().presentCount();
    }
    if (total == 0) {
      out.printf(
          "%s: no values (%d data rows%s); nothing stored%n",
          file, result.rows(), result.rows() > 0 ? ", all gaps" : "");
      return new IngestOutcome(null, false, 0, 0);
    }
    InputFile input =
        new InputFile(
            0,
            sha,
            size,
            "series/" + formatOf(file, spec),
            recipe,
            path.toString(),
            null,
            result.rows(),
            "signal " + spec.signal() + "; " + String.join("; ", result.notes()));
    SignalStore.RollUp rollUp =
        !regions
            ? SignalStore.RollUp.NONE
            : spec.aggregate() == SeriesImportSpec.Aggregate.SUM
                ? SignalStore.RollUp.sum(countries)
                : SignalStore.RollUp.mean(countries);
    IngestOutcome outcome;
    try (Progress progress = Progress.start("store " + file.getFileName(), total)) {
      outcome = store.ingestSeries(input, series, rollUp, progress::update);
    }
    if (outcome.alreadyPresent()) {
      out.printf("%s: already ingested with these options; nothing to do%n", file);
      return outcome;
    }
    out.printf(
        "%s: ingested %d rows into %d series of %s%s (step %s, %s to %s); catalog id %d,"
            + " sha256 %s%n",
        file,
        result.rows(),
        outcome.series(),
        spec.signal(),
        countries.isEmpty()
            ? ""
            : ", rolled up into "
                + String.join(", ", countries.keySet())
                + " by "
                + rollUp.origin(),
        Times.formatStep(result.stepSeconds()),
        Times.iso(result.firstTime()),
        Times.iso(result.lastTime()),
        outcome.input().id(),
        sha.substring(0, 12));
    for (String note : result.notes()) {
      if (!(regions && note.startsWith("regions rolled up"))) {
        out.println("  note: " + note);
      }
    }
    List<String> named = new java.util.ArrayList<>();
    for (SignalKey k : series.keySet()) {
      if (k.entity().type() == EntityType.REGION && k.entity().code().contains(":")) {
        named.add(k.entity().code());
      }
    }
    if (!named.isEmpty()) {
      out.printf(
          "  note: %d area(s) are not ISO 3166-2 subdivisions in %s and are kept as named areas:"
              + " %s%n",
          named.size(),
          registry.source(),
          String.join(", ", named.subList(0, Math.min(8, named.size())))
              + (named.size() > 8 ? ", ..." : ""));
    }
    return outcome;
  }

  private static String formatOf(Path file, SeriesImportSpec spec) {
    if (spec.format() != null) {
      return spec.format().toString();
    }
    SeriesImportSpec.Format byName = SeriesReader.formatFromName(file.getFileName().toString());
    return byName == null ? "text" : byName.toString();
  }
}
