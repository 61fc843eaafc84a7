// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.detect.Baseline;
import org.vigil.detect.DetectorConfig;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil detect}: runs the detectors over what is new since the last run. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Detect outages in the stored series, then rebuild the event list.",
      "",
      "Incremental: only what is new since the last run is processed (a series starts over when"
          + " older data arrived or the settings changed).",
      "",
      "Defaults per signal family (IODA's): bgp.* a 24 h window, warning below 0.99, critical"
          + " below 0.5; probe.* and others a 7 d window, warning below 0.8, critical below 0.5,"
          + " against the same time of day on earlier days; nothing is assessed before a day"
          + " (bgp.*: an hour) of history.",
      "",
      "For a short test run (minutes of probing, say) give a short --window and --warmup: a"
          + " window shorter than a day has no daily rhythm, so its baseline is the plain median"
          + " of the window."
    },
    footer = {
      "",
      "Examples:",
      "  vigil detect",
      "  vigil detect --window 3d --warning 0.7 --critical 0.4",
      "  vigil detect --baseline traffic.requests=similar-days",
      "  vigil detect --window 2m --warmup 30s     # rounds of 10 s: 3 rounds of history"
    })
final class DetectCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--window",
      paramLabel = "DURATION",
      description = "History window of the moving median, e.g. 24h, 7d (default per signal).")
  String window;

  @Option(
      names = "--warmup",
      paramLabel = "DURATION",
      description =
          "History a series needs before its first assessment, e.g. 30s, 6h (default per signal:"
              + " 1 h for bgp.*, 1 d for others, but never longer than --window). The baseline"
              + " also needs 3 values.")
  String warmup;

  @Option(names = "--warning", paramLabel = "RATIO", description = "Warning below this ratio.")
  Double warning;

  @Option(names = "--critical", paramLabel = "RATIO", description = "Critical below this ratio.")
  Double critical;

  @Option(
      names = "--baseline",
      paramLabel = "[SIGNAL=]KIND",
      description =
          "moving-median (IODA's, the default) or similar-days (Cloudflare's median of the most"
              + " similar days of the last four weeks), for every signal or for one"
              + " (traffic.requests=similar-days); repeatable. See vigil-detect/BASELINES.md.")
  List<String> baselines = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (SignalStore store = data.openExisting()) {
      int total = store.series().size();
      DetectionPipeline.Summary s;
      try (Progress progress = Progress.start("detect", total)) {
        s = DetectionPipeline.run(store, this::config, progress);
      }
      if (s.series() == 0) {
        out.println("No series in " + data.dir() + ": ingest some with 'vigil ingest series'.");
        return 0;
      }
      out.println(s.describe());
    }
    out.flush();
    return 0;
  }

  DetectorConfig config(String signal) {
    DetectorConfig c = DetectorConfig.forSignal(signal);
    for (String b : baselines) {
      int eq = b.indexOf('=');
      String kind = eq < 0 ? b : b.substring(eq + 1);
      if (eq < 0 || b.substring(0, eq).equals(signal)) {
        try {
          // forSignal, not withBaseline: the similar-days baseline searches 28 days, not 7.
          c = DetectorConfig.forSignal(signal, Baseline.fromKey(kind));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "bad --baseline '" + b + "': use moving-median or similar-days, optionally SIGNAL=");
        }
      }
    }
    if (window != null) {
      long seconds = seconds("--window", window, "24h, 7d or PT12H");
      // IODA in-paints for at most one window; a longer drop becomes the new normal.
      c = c.withWindowSeconds(seconds).withMaxInpaintSeconds(seconds);
      // A warm-up longer than the window would wait for history the window cannot hold.
      c = c.withWarmupSeconds(Math.min(c.warmupSeconds(), seconds));
    }
    if (warmup != null) {
      c = c.withWarmupSeconds(seconds("--warmup", warmup, "30s, 1h or PT6H"));
    }
    if (warning != null) {
      c = c.withWarningRatio(warning);
    }
    if (critical != null) {
      c = c.withCriticalRatio(critical);
    }
    return c;
  }

  private static long seconds(String option, String text, String examples) {
    try {
      return org.vigil.series.SeriesImportSpec.parseStep(text).getSeconds();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad " + option + " '" + text + "': give a duration such as " + examples);
    }
  }
}
