// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vigil.core.net.GeoFormat;
import org.vigil.core.net.GeoSource;
import org.vigil.core.net.GeoTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil geo}: the IP-to-country, region and network tables routes are resolved with. */
@Command(
    name = "geo",
    mixinStandardHelpOptions = true,
    description = "Load the tables that place IP addresses in countries, regions and networks.",
    footer = {"", "Example:", "  vigil geo load delegated-ripencc-extended-latest"},
    subcommands = {GeoCommand.Load.class})
final class GeoCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil geo load}: reads a table and keeps it under DATA/geo. */
  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Read an IP geolocation or IP-to-AS table and keep it in DATA/geo for 'vigil ingest mrt'.",
        "",
        "Formats, told from the content: RIR delegated-*-extended statistics (country), CSV"
            + " ranges start,end,CC[,REGION] (ip-location-db), MaxMind-format .mmdb (GeoLite2,"
            + " DB-IP; country and city), CAIDA pfx2as (origin AS), and CIDR lists (one prefix a"
            + " line, with --country). Tables loaded later are consulted together, the most"
            + " precise range winning."
      },
      footer = {
        "",
        "Examples:",
        "  vigil geo load delegated-ripencc-extended-latest",
        "  vigil geo load dbip-city-lite-2022-01.mmdb",
        "  vigil geo load kz.cidr --country KZ"
      })
  static final class Load implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The table (gzip is read too).")
    Path file;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "rir_delegated, csv_ranges, mmdb, pfx2as or cidr_list (default: detected).")
    String format;

    @Option(names = "--country", paramLabel = "CC", description = "Country of a CIDR list.")
    String country;

    @Option(names = "--name", paramLabel = "NAME", description = "Stored name (default: file's).")
    String name;

    @Override
    public Integer call() throws IOException {
      String cc =
          country == null ? null : org.vigil.core.EntityRegistry.load().country(country).code();
      GeoTable table =
          format == null && cc == null
              ? GeoTable.read(file)
              : GeoTable.read(
                  file,
                  format == null
                      ? GeoFormat.detect(file)
                      : GeoFormat.valueOf(format.toUpperCase(Locale.ROOT)),
                  cc);
      String stored =
          name != null ? name : file.getFileName().toString().replaceAll("[^\\w.-]", "_");
      Path out = data.dir().resolve("geo").resolve(stored + GeoTable.EXTENSION);
      Files.createDirectories(out.getParent());
      table.save(out);
      PrintWriter o = spec.commandLine().getOut();
      for (GeoSource s : table.sources()) {
        o.printf(
            "%s: %s, %d ranges (%d lines skipped), sha256 %s; stored as %s%n",
            file, s.format(), s.ranges(), s.skipped(), s.sha256().substring(0, 12), out);
      }
      return 0;
    }
  }
}
