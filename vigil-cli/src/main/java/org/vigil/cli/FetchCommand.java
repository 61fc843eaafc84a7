// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.vigil.core.Times;
import org.vigil.ooni.FingerprintFetcher;
import org.vigil.ooni.OoniApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil fetch}: downloads measurements from public sources. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = "Download measurements from public sources into the data directory.",
    footer = {
      "",
      "Example:",
      "  vigil fetch ooni --country KZ --since 2022-01-01 --until 2022-01-18",
      "  vigil fetch fingerprints"
    },
    subcommands = {FetchCommand.Ooni.class, FetchCommand.Fingerprints.class})
final class FetchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil fetch fingerprints}: OONI's blockpage fingerprints into the data directory. */
  @Command(
      name = "fingerprints",
      mixinStandardHelpOptions = true,
      description = {
        "Download OONI's blockpage fingerprints (fingerprints_dns.json, fingerprints_http.json),"
            + " check that they load, and keep them in DATA/ooni/fingerprints, where 'vigil ingest"
            + " ooni' finds them.",
        "",
        "Offline? Copy the two files from OONI's backend repository"
            + " (fastpath/fastpath/tests/data/) and give their directory with --fingerprints DIR."
      },
      footer = {
        "",
        "Examples:",
        "  vigil fetch fingerprints",
        "  vigil fetch fingerprints --from http://mirror.example/ooni/ --out fingerprints/"
      })
  static final class Fingerprints implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--from",
        paramLabel = "URL",
        description =
            "Base URL holding both files (default: OONI's backend repository, "
                + "https://raw.githubusercontent.com/ooni/backend/master/fastpath/fastpath/tests/data/).")
    URI from;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Where to put them (default: DATA/ooni/fingerprints).")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Path dir = out != null ? out : data.dir().resolve("ooni").resolve("fingerprints");
      FingerprintFetcher.Result r =
          FingerprintFetcher.create()
              .fetch(from != null ? from : FingerprintFetcher.DEFAULT_BASE, dir);
      spec.commandLine()
          .getOut()
          .printf(
              "%s: %d DNS and %d HTTP fingerprints%n", r.directory(), r.dnsCount(), r.httpCount());
      return 0;
    }
  }

  /** {@code vigil fetch ooni}: OONI's API, paged, politely, resumably. */
  @Command(
      name = "ooni",
      mixinStandardHelpOptions = true,
      description = {
        "Download OONI measurements of a country and period from OONI's API into"
            + " DATA/ooni/raw/YYYYMMDD/HH/CC/testname/*.jsonl.gz, as OONI's archive lays them out.",
        "",
        "Pages through /api/v1/measurements and fetches each raw measurement, at a polite rate,"
            + " retrying with back-off; an interrupted fetch resumes where it stopped. Then run"
            + " 'vigil ingest ooni DATA/ooni/raw'."
      },
      footer = {
        "",
        "Example:",
        "  vigil fetch ooni --country KZ --since 2022-01-01 --until 2022-01-18 --test-name signal"
      })
  static final class Ooni implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--country", required = true, paramLabel = "CC")
    String country;

    @Option(names = "--since", required = true, paramLabel = "T")
    String since;

    @Option(names = "--until", required = true, paramLabel = "T")
    String until;

    @Option(names = "--test-name", paramLabel = "NAME", description = "For example signal.")
    String testName;

    @Option(
        names = "--base-url",
        paramLabel = "URL",
        description = "The API (default: " + "https://api.ooni.io/" + ").")
    URI baseUrl;

    @Option(
        names = "--rate",
        paramLabel = "PER_SECOND",
        defaultValue = "1",
        description = "Requests per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() throws IOException, InterruptedException {
      String cc = org.vigil.core.EntityRegistry.load().country(country).code();
      Path out = data.dir().resolve("ooni").resolve("raw");
      Path state =
          data.dir().resolve("ooni").resolve("fetch-" + cc + "-" + since + "-" + until + ".state");
      OoniApiClient.Builder b = OoniApiClient.builder().requestsPerSecond(rate);
      if (baseUrl != null) {
        b.baseUrl(baseUrl);
      }
      OoniApiClient.FetchResult r =
          b.build()
              .fetch(
                  OoniApiClient.Query.of(
                      cc,
                      Instant.ofEpochSecond(Times.parse(since)),
                      Instant.ofEpochSecond(Times.parse(until)),
                      testName),
                  out,
                  state);
      PrintWriter o = spec.commandLine().getOut();
      o.printf(
          "%s: %d measurements in %d pages (%d requests, %d retries)%s%s%n",
          out,
          r.measurements(),
          r.pages(),
          r.requests(),
          r.retries(),
          r.resumed() ? "; resumed" : "",
          r.complete() ? "; complete" : "; incomplete: run the same command again to resume");
      return r.complete() ? 0 : 1;
    }
  }
}
