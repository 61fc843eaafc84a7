// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.core.Sha256;
import org.vigil.probe.PrefixEntityTable;
import org.vigil.probe.ProbeImport;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ingest probes}: probe results made elsewhere, through the same beliefs. */
@Command(
    name = "probes",
    mixinStandardHelpOptions = true,
    description = {
      "Import probe results made elsewhere (CSV time,address,responded[,rtt_ms], scamper JSON,"
          + " or warts) through the same block beliefs into probe.* signals per entity.",
      "",
      "Each file is stored whole or not at all; the same file with the same options twice is a"
          + " no-op. Malformed lines are reported with their line and skipped."
    },
    footer = {
      "",
      "Example:",
      "  vigil ingest probes results.csv.gz --entities prefixes.csv --round 10m"
    })
final class IngestProbesCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Result files, in order.")
  List<Path> files;

  @Option(
      names = "--entities",
      required = true,
      paramLabel = "FILE",
      description = "prefix,entity lines mapping blocks to countries, regions and networks.")
  Path entities;

  @Option(
      names = "--round",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description = "Round length the results are binned into (default: ${DEFAULT-VALUE}).")
  String round;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrefixEntityTable table = ProbeCommand.entities(entities, err);
    int seconds = (int) ProbeCommand.duration("--round", round).getSeconds();
    try (SignalStore store = data.open()) {
      for (Path file : files) {
        String sha = Sha256.of(file);
        String recipe = "probes round=" + seconds + " entities=" + Sha256.of(entities);
        if (store.findInput(sha, recipe).isPresent()) {
          out.printf("%s: already ingested with these options; nothing to do%n", file);
          continue;
        }
        ProbeImport.Result r =
            ProbeImport.importFiles(
                List.of(file),
                table,
                ProbeImport.Options.defaults().withRoundSeconds(seconds),
                p -> err.println("vigil: warning: " + p + " (skipped)"));
        InputFile input =
            new InputFile(
                0,
                sha,
                java.nio.file.Files.size(file),
                "probes",
                recipe,
                file.toAbsolutePath().normalize().toString(),
                null,
                r.stats().results(),
                r.stats().rounds() + " rounds, " + r.stats().problems() + " problems");
        IngestOutcome o = store.ingestSeries(input, r.series());
        out.printf(
            "%s: %d results in %d rounds into %d series (%d problems); catalog id %d%n",
            file,
            r.stats().results(),
            r.stats().rounds(),
            o.series(),
            r.stats().problems(),
            o.input().id());
      }
    }
    return 0;
  }
}
