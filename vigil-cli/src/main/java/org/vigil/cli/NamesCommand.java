// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.core.Sha256;
import org.vigil.core.asn.AsName;
import org.vigil.core.asn.AsNameReader;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil names}: the names networks (ASes) are reported under. */
@Command(
    name = "names",
    mixinStandardHelpOptions = true,
    description =
        "Load the table of AS names that events, narratives and exports name networks by.",
    footer = {"", "Example:", "  vigil names load asn.txt", "  vigil names show 29355"},
    subcommands = {NamesCommand.Load.class, NamesCommand.Show.class})
final class NamesCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil names load}: reads an AS names table into the store. */
  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Read a table of AS names into the store. From then on a network with no name of its own"
            + " (AS29355) is named from it in events, narratives, STOP rows and the API:"
            + " 'Kcell (AS29355)'.",
        "",
        "Formats, told from the content (gzip is read too): RIPE NCC's asn.txt"
            + " (ftp.ripe.net/ripe/asnames/asn.txt; lines like '29355 KCELL-AS, KZ') and CAIDA's"
            + " AS Organizations file (YYYYMMDD.as-org2info.txt.gz; an AS is named by its"
            + " organisation). A later table replaces the names of the ASes it lists; the same"
            + " file twice is a no-op. Lines not in the format are skipped and counted."
      },
      footer = {
        "",
        "Examples:",
        "  vigil names load asn.txt",
        "  vigil names load 20220101.as-org2info.txt.gz"
      })
  static final class Load implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The table (asn.txt or as-org2info.txt).")
    Path file;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "no such file: " + file + " (give RIPE NCC's asn.txt or CAIDA's as-org2info.txt)");
      }
      AsNameReader.Result r = AsNameReader.read(file);
      String sha = Sha256.of(file);
      Path abs = file.toAbsolutePath().normalize();
      String skipped =
          r.skipped() == 0
              ? null
              : r.skipped() + " lines skipped, the first at line " + r.firstSkippedLine();
      String format = r.format().name().toLowerCase(Locale.ROOT);
      InputFile input =
          new InputFile(
              0,
              sha,
              Files.size(file),
              "names/" + format,
              "as-names",
              abs.toString(),
              null,
              r.names().size(),
              skipped);
      IngestOutcome out;
      try (SignalStore store = data.open()) {
        out = store.loadAsNames(input, r.names());
      }
      PrintWriter o = spec.commandLine().getOut();
      if (out.alreadyPresent()) {
        o.printf("names: %s was already loaded (same bytes); nothing to do%n", file);
      } else {
        o.printf(
            Locale.ROOT,
            "names: %d AS names (%s, %d lines skipped) from %s, sha256 %s%n",
            out.points(),
            format,
            r.skipped(),
            file,
            sha.substring(0, 12));
      }
      o.flush();
      return 0;
    }
  }

  /** {@code vigil names show}: the loaded name of some ASes. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show the loaded name of each AS given.",
      footer = {"", "Example:", "  vigil names show 29355 AS9198"})
  static final class Show implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ASN", arity = "1..*", description = "AS numbers (29355 or AS29355).")
    java.util.List<String> asns;

    @Override
    public Integer call() {
      PrintWriter o = spec.commandLine().getOut();
      org.vigil.core.EntityRegistry registry = org.vigil.core.EntityRegistry.load();
      try (SignalStore store = data.openExisting()) {
        for (String a : asns) {
          long asn = Long.parseLong(registry.asn(a).code());
          String name = store.asName(asn).map(NamesCommand::describe).orElse("(no name loaded)");
          o.printf("AS%d  %s%n", asn, name);
        }
      }
      o.flush();
      return 0;
    }
  }

  private static String describe(AsName n) {
    return n.country() == null ? n.name() : n.name() + ", " + n.country();
  }
}
