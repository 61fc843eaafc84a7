// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.bgp.route.BgpSignals;
import org.vigil.bgp.route.VisibilityConfig;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Sha256;
import org.vigil.core.net.GeoTable;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ingest mrt}: RIB dumps and update files to BGP visibility signals. */
@Command(
    name = "mrt",
    mixinStandardHelpOptions = true,
    description = {
      "Replay MRT RIB dumps and update files (any collectors, in time order) through per-peer"
          + " route tables and store IODA's visibility signal per 5 minutes: bgp.visible_slash24"
          + " (/24s seen by more than half of the full-feed peer ASes), bgp.updates and"
          + " bgp.withdrawals, per origin AS and, with tables from 'vigil geo load', per country"
          + " and region.",
      "",
      "Give a RIB and its update files in one run (route tables are not kept between runs). A"
          + " small collection needs smaller --full-feed thresholds than IODA's 400,000 IPv4 /"
          + " 10,000 IPv6 prefixes, else no peer counts and visibility is missing data."
    },
    footer = {
      "",
      "Examples:",
      "  vigil ingest mrt bview.20220105.0000.gz updates.20220105.*.gz",
      "  vigil ingest mrt rib.kz-origin.bz2 --full-feed 100,100"
    })
final class IngestMrtCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "MRT files.")
  List<Path> files;

  @Option(
      names = "--full-feed",
      paramLabel = "V4,V6",
      description = "Prefix counts that make a peer full-feed (default: 400000,10000, IODA's).")
  String fullFeed;

  @Option(
      names = "--min-peers",
      paramLabel = "N",
      description = "Peers that must see a prefix for it to count as routed (default: 10).")
  Integer minPeers;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VisibilityConfig cfg = VisibilityConfig.ioda();
    if (fullFeed != null) {
      String[] v = fullFeed.split(",");
      try {
        cfg = cfg.withFullFeed(Integer.parseInt(v[0].trim()), Integer.parseInt(v[1].trim()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "bad --full-feed '" + fullFeed + "': give two counts, IPv4 and IPv6, as 400000,10000");
      }
    }
    if (minPeers != null) {
      cfg = cfg.withMinPeers(minPeers);
    }
    Path geoDir = data.dir().resolve("geo");
    GeoTable geo = Files.isDirectory(geoDir) ? GeoTable.loadDirectory(geoDir) : null;
    if (geo == null) {
      err.println(
          "vigil: note: no tables in "
              + geoDir
              + "; signals per origin AS only ('vigil geo load --help' adds countries and"
              + " regions)");
    }
    StringBuilder digests = new StringBuilder();
    long size = 0;
    for (Path f : files) {
      digests.append(Sha256.of(f)).append('\n');
      size += Files.size(f);
    }
    String sha = Sha256.of(digests.toString());
    String recipe = "mrt " + cfg + " geo=" + (geo == null ? "none" : geo.sources());
    try (SignalStore store = data.open()) {
      if (store.findInput(sha, recipe).isPresent()) {
        out.printf(
            "%d file(s): already ingested with these options; nothing to do%n", files.size());
        return 0;
      }
      BgpSignals s = BgpSignals.fromFiles(files, geo, cfg, EntityRegistry.load());
      for (BgpSignals.Failure f : s.failures()) {
        err.println(
            "vigil ingest mrt: error: "
                + f.file()
                + ": "
                + f.message()
                + " (its complete records were used)");
      }
      InputFile input =
          new InputFile(
              0,
              sha,
              size,
              "mrt",
              recipe,
              files.get(0).toAbsolutePath().normalize()
                  + (files.size() > 1 ? " and " + (files.size() - 1) + " more" : ""),
              null,
              s.stats().ribEntries() + s.stats().announcements() + s.stats().withdrawals(),
              files.size() + " files; " + s.stats());
      IngestOutcome o = store.ingestSeries(input, s.series());
      out.printf(
          "%d file(s): %d RIB entries, %d announcements, %d withdrawals into %d series; catalog"
              + " id %d%n",
          files.size(),
          s.stats().ribEntries(),
          s.stats().announcements(),
          s.stats().withdrawals(),
          o.series(),
          o.input().id());
      return s.failures().isEmpty() ? 0 : 1;
    }
  }
}
