// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.core.InputFormatException;

/**
 * The {@code vigil ooni verdict FILE...} job: reads measurement files and directories, judges each
 * measurement as OONI's fastpath does, and prints one {@link VerdictLine} per measurement.
 *
 * <pre>{@code
 * int exit = OoniVerdicts.verdicts(List.of(Path.of("raw/20220104")), fingerprintsDir,
 *     System.out, System.err);
 * }</pre>
 *
 * <p>Measurements the fastpath discards ({@code probe_asn} {@code AS0}, {@code probe_cc} {@code
 * ZZ}) print nothing and are counted. Tests not scored print a line with {@code null} flags.
 * Problems (lines that are not JSON, measurements missing keys, …) go to {@code err} with file and
 * line, then a summary of the counts.
 */
public final class OoniVerdicts {
  /** Problems printed one by one; the rest are counted. */
  static final int PROBLEMS_SHOWN = 100;

  private OoniVerdicts() {}

  /**
   * Prints the verdict lines of the measurements in {@code inputs} (files or directories).
   *
   * @param fingerprintsDir the directory with {@code fingerprints_dns.json} and {@code
   *     fingerprints_http.json}, or {@code null} to {@linkplain FingerprintDatabase#locate locate}
   *     it from the system property or environment
   * @return 0 when all input was read, 1 when some input had problems (the rest was printed), 2
   *     when nothing could be done (no inputs, an input missing, no fingerprints)
   */
  public static int verdicts(
      List<Path> inputs, Path fingerprintsDir, PrintStream out, PrintStream err) {
    if (inputs.isEmpty()) {
      err.println("ooni verdict: no input files (give OONI measurement files or directories)");
      return 2;
    }
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        err.println("ooni verdict: no such file or directory: " + input);
        return 2;
      }
    }
    Path dir = fingerprintsDir;
    if (dir == null) {
      dir = FingerprintDatabase.locate(null).orElse(null);
      if (dir == null) {
        err.println(
            "ooni verdict: no blockpage fingerprints: give their directory (with "
                + FingerprintDatabase.DNS_FILE
                + " and "
                + FingerprintDatabase.HTTP_FILE
                + "), or set -D"
                + FingerprintDatabase.PROPERTY
                + "=DIR or "
                + FingerprintDatabase.ENVIRONMENT
                + "=DIR ('vigil fetch fingerprints --out DIR' downloads them)");
        return 2;
      }
    }
    FingerprintDatabase fingerprints;
    try {
      fingerprints = FingerprintDatabase.load(dir);
    } catch (IOException | InputFormatException e) {
      err.println("ooni verdict: cannot load fingerprints from " + dir + ": " + e.getMessage());
      return 2;
    }
    Run run = new Run(out, err);
    VerdictReader reader = VerdictReader.of(FastpathScorer.of(fingerprints));
    try {
      for (Path input : inputs) {
        try {
          reader.read(input, run);
        } catch (IOException e) {
          run.problem(new Problem(input.toString(), 0, Problem.Kind.IO_ERROR, e.toString()));
        }
      }
      run.lines.flush();
    } catch (IOException | UncheckedIOException e) {
      err.println("ooni verdict: cannot write the verdicts: " + e.getMessage());
      return 2;
    }
    run.summary();
    return run.errors > 0 ? 1 : 0;
  }

  private static final class Run implements VerdictSink {
    private final Writer lines;
    private final PrintStream err;
    private final StringBuilder line = new StringBuilder(512);
    private final Map<Verdict.Outcome, Long> outcomes = new EnumMap<>(Verdict.Outcome.class);
    private final Map<String, Long> discarded = new TreeMap<>();
    private final Map<Problem.Kind, Long> problems = new EnumMap<>(Problem.Kind.class);
    private long measurements;
    private long anomalies;
    private long confirmed;
    private long failures;
    private long shown;
    private long errors;

    Run(PrintStream out, PrintStream err) {
      this.lines = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      this.err = err;
    }

    @Override
    public void verdict(Verdict v) {
      measurements++;
      outcomes.merge(v.outcome(), 1L, Long::sum);
      switch (v.outcome()) {
        case DISCARDED -> {
          discarded.merge(v.note(), 1L, Long::sum);
          if (v.reportId() == null) {
            problem(
                new Problem(
                    v.source(),
                    v.line(),
                    Problem.Kind.MALFORMED_MEASUREMENT,
                    "no report_id: discarded, as OONI's fastpath does"));
          }
          return;
        }
        case REJECTED -> {
          Problem.Kind kind =
              v.note().startsWith("YAML")
                  ? Problem.Kind.UNSUPPORTED
                  : Problem.Kind.MALFORMED_MEASUREMENT;
          problem(new Problem(v.source(), v.line(), kind, v.note() + "; not scored"));
          return;
        }
        case UNSCORED ->
            problem(new Problem(v.source(), v.line(), Problem.Kind.UNKNOWN_TEST, v.note()));
        case SCORED -> {
          anomalies += v.anomaly() ? 1 : 0;
          confirmed += v.confirmed() ? 1 : 0;
          failures += v.failure() ? 1 : 0;
        }
      }
      line.setLength(0);
      VerdictLine.append(v, line);
      line.append('\n');
      try {
        lines.append(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void problem(Problem p) {
      problems.merge(p.kind(), 1L, Long::sum);
      if (p.kind().isError()) {
        errors++;
      }
      if (shown < PROBLEMS_SHOWN) {
        shown++;
        err.println(p);
      }
    }

    void summary() {
      long total = problems.values().stream().mapToLong(Long::longValue).sum();
      if (total > shown) {
        err.println("... and " + (total - shown) + " more problems, not shown");
      }
      StringBuilder sb = new StringBuilder("ooni verdict: ");
      sb.append(measurements).append(measurements == 1 ? " measurement: " : " measurements: ");
      sb.append(count(Verdict.Outcome.SCORED)).append(" scored (");
      sb.append(anomalies).append(" anomaly, ");
      sb.append(confirmed).append(" confirmed, ");
      sb.append(failures).append(" failure), ");
      sb.append(count(Verdict.Outcome.UNSCORED)).append(" of tests not scored, ");
      sb.append(count(Verdict.Outcome.DISCARDED)).append(" discarded as OONI does");
      if (!discarded.isEmpty()) {
        sb.append(" (");
        String sep = "";
        for (Map.Entry<String, Long> e : discarded.entrySet()) {
          sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
          sep = ", ";
        }
        sb.append(')');
      }
      sb.append(", ").append(count(Verdict.Outcome.REJECTED)).append(" rejected; ");
      sb.append(total).append(total == 1 ? " problem" : " problems");
      if (total > 0) {
        sb.append(" (");
        String sep = "";
        for (Map.Entry<Problem.Kind, Long> e : problems.entrySet()) {
          sb.append(sep)
              .append(e.getKey().name().toLowerCase(java.util.Locale.ROOT))
              .append(": ")
              .append(e.getValue());
          sep = ", ";
        }
        sb.append(')');
      }
      err.println(sb);
    }

    private long count(Verdict.Outcome o) {
      return outcomes.getOrDefault(o, 0L);
    }
  }
}
