// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.Times;
import org.vigil.detect.DetectorConfig;
import org.vigil.series.SeriesImportSpec;
import org.vigil.series.TimeFormat;
import org.vigil.store.EventQuery;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil demo}: the main job. Until the Kazakhstan reconstruction lands it runs a small
 * GENERATED, labelled example through the ordinary ingest, detect and events paths, and says so.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run a labelled example end to end (generated data, and it says so).",
      "",
      "Generates the example, ingests it, detects, lists the events and compares them with the"
          + " labels. The example is SYNTHETIC, not measurements, and has a store of its own in"
          + " DATA/demo."
    },
    footer = {"", "Example:", "  vigil demo", "  vigil demo --data /tmp/vigil-demo"})
final class DemoCommand implements Callable<Integer> {
  static final String BANNER =
      "SYNTHETIC EXAMPLE: generated data with labelled disruptions, not recorded measurements.";

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--no-serve",
      description =
          "Stop after printing (there is no dashboard to serve yet; accepted for scripts).")
  boolean noServe;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    out.println("== Vigil demo ==");
    out.println(BANNER);
    out.println(
        "Four Kazakh regions, 5-minute traffic with a daily rhythm and noise, 22 Dec 2021 to 12 Jan"
            + " 2022.");
    out.println("(The Kazakhstan January 2022 reconstruction will replace this example.)");
    out.println();

    // The example has a store of its own, so it never mixes with the user's data.
    Path demoDir = data.dir().resolve("demo");
    Path file = demoDir.resolve("example-regions.csv");
    generate(file);
    EntityRegistry registry = EntityRegistry.load();
    SeriesImportSpec importSpec =
        SeriesImportSpec.builder()
            .signal("traffic.requests")
            .timeColumn("time")
            .timeFormat(TimeFormat.iso())
            .valueColumn("requests")
            .entityColumn(EntityType.REGION, "region")
            .nameColumn("region")
            .country("KZ")
            .aggregate(SeriesImportSpec.Aggregate.SUM)
            .build();
    try (SignalStore store = org.vigil.store.duckdb.DuckDbSignalStore.open(demoDir)) {
      out.println("1. ingest series " + file);
      IngestSeriesCommand.ingest(store, file, importSpec, registry, out);
      out.println();
      out.println("2. detect");
      DetectionPipeline.Summary s =
          DetectionPipeline.run(
              store, DetectorConfig::forSignal, Progress.start("detect", store.series().size()));
      out.println(s.describe());
      out.println();
      out.println("3. events --country KZ   (" + BANNER + ")");
      List<StoredEvent> events = store.events(new EventQuery("KZ", null, null, null));
      EventsCommand.writeTable(events, out);
      out.println();
      out.println("4. detections against the labels");
      compare(events, registry, out);
    }
    out.println();
    out.println(BANNER);
    out.println(
        "The example has its own store, "
            + demoDir
            + ". Next: 'vigil events --data "
            + demoDir
            + " --country KZ --format json' for the evidence, or ingest your own series"
            + " ('vigil ingest series --help').");
    out.flush();
    return 0;
  }

  /** Writes the example once; it is deterministic, so a later run finds it catalogued. */
  static void generate(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      ExampleSeries.write(w);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void compare(List<StoredEvent> events, EntityRegistry registry, PrintWriter out) {
    String fmt = "  %-32s %-22s %-20s %-20s %s%n";
    out.printf(
        Locale.ROOT, fmt, "LABEL", "ENTITY", "LABELLED START", "DETECTED START", "END (lab/det)");
    List<ExampleSeries.Label> labels = new java.util.ArrayList<>(ExampleSeries.LABELS);
    labels.add(ExampleSeries.COUNTRY_LABEL);
    for (ExampleSeries.Label l : labels) {
      List<String> names = l.regions().isEmpty() ? List.of("") : l.regions();
      for (String name : names) {
        Entity region = name.isEmpty() ? registry.country("KZ") : registry.region(name, "KZ", name);
        StoredEvent match = null;
        for (StoredEvent e : events) {
          long end = e.end() == null ? Long.MAX_VALUE : e.end();
          if (e.entity().equals(region)
              && e.start() < l.end().getEpochSecond()
              && end > l.start().getEpochSecond()) {
            match = e;
            break;
          }
        }
        out.printf(
            Locale.ROOT,
            fmt,
            l.what(),
            region.key(),
            Times.iso(l.start().getEpochSecond()),
            match == null ? "MISSED" : Times.iso(match.start()),
            Times.iso(l.end().getEpochSecond())
                + " / "
                + (match == null ? "-" : match.end() == null ? "ongoing" : Times.iso(match.end())));
      }
    }
  }
}
