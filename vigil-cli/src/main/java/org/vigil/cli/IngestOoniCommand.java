// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Sha256;
import org.vigil.ooni.FingerprintDatabase;
import org.vigil.ooni.OoniSignalAggregator;
import org.vigil.ooni.OoniSignals;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.MeasurementRecord;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil ingest ooni}: OONI measurements to hourly blocking signals. */
@Command(
    name = "ooni",
    mixinStandardHelpOptions = true,
    description = {
      "Judge OONI measurements as OONI's fastpath does and store hourly signals per country,"
          + " network and platform: ooni.<platform>.measurements, .usable, .anomaly_ratio and"
          + " .confirmed (platforms: whatsapp, telegram, signal, facebook, tor, web or"
          + " web_<category>).",
      "",
      "An hour without measurements is missing data, never 'not blocked': OONI goes silent in a"
          + " blackout. The inputs of one run are one catalogued input, since one hour's"
          + " measurements may span several files: give all the files of a period together."
    },
    footer = {
      "",
      "Examples:",
      "  vigil ingest ooni raw/20220104/ --fingerprints ooni-fingerprints/",
      "  vigil ingest ooni kz-2022-01.jsonl.gz --test-list citizenlab/kz.csv"
    })
final class IngestOoniCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "1..*", description = "Measurements.")
  List<Path> inputs;

  @Option(
      names = "--fingerprints",
      paramLabel = "DIR",
      description =
          "OONI's fingerprints_dns.json and fingerprints_http.json (default: env"
              + " VIGIL_OONI_FINGERPRINTS, else DATA/ooni/fingerprints).")
  Path fingerprints;

  @Option(
      names = "--test-list",
      paramLabel = "CSV",
      description = "A Citizen Lab test list, to split Web Connectivity by category.")
  Path testList;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir =
        fingerprints != null ? fingerprints : FingerprintDatabase.locate(data.dir()).orElse(null);
    if (dir == null) {
      throw new IllegalArgumentException(
          "no blockpage fingerprints: give --fingerprints DIR (OONI's fingerprints_dns.json and"
              + " fingerprints_http.json), or run 'vigil fetch fingerprints' to put them in "
              + data.dir().resolve("ooni").resolve("fingerprints"));
    }
    // The batch's identity: the digests of every file in it, in path order.
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new IllegalArgumentException("no such file or directory: " + input);
      }
    }
    StringBuilder digests = new StringBuilder();
    long size = 0;
    for (Path f : files) {
      digests.append(Sha256.of(f)).append('\n');
      size += Files.size(f);
    }
    String sha = Sha256.of(digests.toString());
    String recipe =
        "ooni fingerprints="
            + Sha256.of(dir.resolve(FingerprintDatabase.DNS_FILE))
            + (testList == null ? "" : " test-list=" + Sha256.of(testList));
    try (SignalStore store = data.open()) {
      if (store.findInput(sha, recipe).isPresent()) {
        out.printf(
            "%d file(s): already ingested with these options; nothing to do%n", files.size());
        return 0;
      }
      OoniSignals.Result r =
          OoniSignals.fromFiles(
              inputs, FingerprintDatabase.load(dir), EntityRegistry.load(), testList);
      r.problems().stream()
          .limit(20)
          .forEach(p -> err.println("vigil: warning: " + p + " (skipped)"));
      InputFile input =
          new InputFile(
              0,
              sha,
              size,
              "ooni/measurements",
              recipe,
              inputs.size() == 1
                  ? inputs.get(0).toAbsolutePath().normalize().toString()
                  : inputs.get(0).toAbsolutePath().normalize()
                      + " and "
                      + (inputs.size() - 1)
                      + " more",
              null,
              r.counted(),
              files.size() + " files; outcomes " + r.outcomes());
      List<MeasurementRecord> measurements = new ArrayList<>(r.anomalous().size());
      for (OoniSignalAggregator.Anomalous a : r.anomalous()) {
        measurements.add(
            new MeasurementRecord(
                a.key().entity(),
                a.key().signal(),
                a.hour(),
                a.measuredAt().getEpochSecond(),
                a.measurementUid(),
                a.reportId(),
                a.input(),
                a.confirmed()));
      }
      IngestOutcome o = store.ingestSeries(input, r.series(), measurements);
      out.printf(
          "%d file(s): %d measurements counted into %d series; %d problems; catalog id %d%n",
          files.size(),
          r.counted(),
          o.series(),
          r.problemCounts().values().stream().mapToLong(Long::longValue).sum(),
          o.input().id());
      return r.hadErrors() ? 1 : 0;
    }
  }
}
