// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.core.EntityRegistry;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * The {@code vigil ingest ooni FILE|DIR...} job: reads measurements, judges them as OONI's fastpath
 * does, and aggregates the verdicts into hourly blocking signals ({@link OoniSignalAggregator}).
 *
 * <pre>{@code
 * OoniSignals.Result r = OoniSignals.fromFiles(List.of(Path.of("raw/20220104")),
 *     FingerprintDatabase.load(fingerprintsDir), EntityRegistry.load(), Path.of("lists/kz.csv"));
 * TimeSeries ratio = r.series().get(new SignalKey(registry.country("KZ"),
 *     "ooni.whatsapp.anomaly_ratio"));
 * r.problems().forEach(System.err::println);
 * }</pre>
 */
public final class OoniSignals {
  /** Problems kept one by one in a result; the rest are only counted. */
  public static final int PROBLEMS_KEPT = 1000;

  private OoniSignals() {}

  /**
   * What an ingest produced.
   *
   * @param series the signals, keyed by entity and {@code ooni.<platform>.<measure>}
   * @param anomalous the measurements behind the anomaly ratios, with their ids
   * @param stats what the reader read
   * @param outcomes verdicts by outcome (discarded measurements included)
   * @param counted scored verdicts that went into the series
   * @param skipped verdicts left out of the series, by reason
   * @param problems the first {@value #PROBLEMS_KEPT} problems, with file and line
   * @param problemCounts all problems, by kind
   */
  public record Result(
      Map<SignalKey, TimeSeries> series,
      List<OoniSignalAggregator.Anomalous> anomalous,
      ReadStats stats,
      Map<Verdict.Outcome, Long> outcomes,
      long counted,
      Map<String, Long> skipped,
      List<Problem> problems,
      Map<Problem.Kind, Long> problemCounts) {

    /** Whether any problem lost input ({@link Problem.Kind#isError()}). */
    public boolean hadErrors() {
      return problemCounts.entrySet().stream()
          .anyMatch(e -> e.getKey().isError() && e.getValue() > 0);
    }
  }

  /**
   * Reads {@code inputs} (files or directories, as {@link MeasurementReader#read(Path,
   * MeasurementSink)} reads them) and returns their signals.
   *
   * @param testListOrNull a Citizen Lab test list CSV to split Web Connectivity by category, or
   *     {@code null}
   * @throws IOException if an input cannot be opened or walked, or the test list cannot be read
   */
  public static Result fromFiles(
      List<Path> inputs, FingerprintDatabase db, EntityRegistry registry, Path testListOrNull)
      throws IOException {
    Objects.requireNonNull(inputs, "inputs");
    CitizenLabTestList list =
        testListOrNull == null ? null : CitizenLabTestList.read(testListOrNull);
    FastpathScorer scorer = FastpathScorer.of(db);
    Ingest ingest = new Ingest(scorer, OoniSignalAggregator.create(registry, list));
    VerdictReader reader = VerdictReader.of(scorer);
    ReadStats stats = new ReadStats(0, 0, 0, 0, 0);
    for (Path input : inputs) {
      stats = stats.plus(reader.read(input, ingest));
    }
    return ingest.result(stats);
  }

  /** A sink that scores and aggregates; for callers that read streams themselves. */
  public static final class Ingest implements MeasurementSink, VerdictSink {
    private final FastpathScorer scorer;
    private final OoniSignalAggregator aggregator;
    private final Map<Verdict.Outcome, Long> outcomes = new EnumMap<>(Verdict.Outcome.class);
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Problem.Kind, Long> problemCounts = new EnumMap<>(Problem.Kind.class);

    /** A sink feeding {@code aggregator} with {@code scorer}'s verdicts. */
    public Ingest(FastpathScorer scorer, OoniSignalAggregator aggregator) {
      this.scorer = Objects.requireNonNull(scorer, "scorer");
      this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
    }

    @Override
    public void measurement(Measurement m) {
      verdict(scorer.score(m));
    }

    @Override
    public void verdict(Verdict v) {
      outcomes.merge(v.outcome(), 1L, Long::sum);
      switch (v.outcome()) {
        case REJECTED ->
            problem(
                new Problem(
                    v.source(),
                    v.line(),
                    v.note() != null && v.note().startsWith("YAML")
                        ? Problem.Kind.UNSUPPORTED
                        : Problem.Kind.MALFORMED_MEASUREMENT,
                    v.note() + "; not scored"));
        case UNSCORED ->
            problem(new Problem(v.source(), v.line(), Problem.Kind.UNKNOWN_TEST, v.note()));
        case DISCARDED -> {
          if (v.reportId() == null) {
            problem(
                new Problem(
                    v.source(),
                    v.line(),
                    Problem.Kind.MALFORMED_MEASUREMENT,
                    "no report_id: discarded, as OONI's fastpath does"));
          }
        }
        case SCORED -> {
          if (v.measurementStartTime() == null) {
            problem(
                new Problem(
                    v.source(),
                    v.line(),
                    Problem.Kind.MALFORMED_MEASUREMENT,
                    "no measurement_start_time in OONI's form: not in any hour's signal"));
          }
        }
      }
      aggregator.add(v);
    }

    @Override
    public void problem(Problem p) {
      problemCounts.merge(p.kind(), 1L, Long::sum);
      if (problems.size() < PROBLEMS_KEPT) {
        problems.add(p);
      }
    }

    /** What was aggregated so far, with {@code stats} from the reader. */
    public Result result(ReadStats stats) {
      return new Result(
          aggregator.series(),
          List.copyOf(aggregator.anomalous()),
          stats,
          Collections.unmodifiableMap(new EnumMap<>(outcomes)),
          aggregator.counted(),
          aggregator.skipped(),
          List.copyOf(problems),
          Collections.unmodifiableMap(new EnumMap<>(problemCounts)));
    }
  }
}
