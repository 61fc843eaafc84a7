// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.ooni.FastpathScorer;
import org.vigil.ooni.FingerprintDatabase;
import org.vigil.ooni.MeasurementReader;
import org.vigil.ooni.MeasurementSink;
import org.vigil.ooni.Problem;
import org.vigil.ooni.Verdict;
import org.vigil.ooni.VerdictLine;
import org.vigil.ooni.VerdictReader;
import org.vigil.ooni.VerdictSink;

/**
 * OONI {@code web_connectivity} measurements per second, on one thread, from the bytes of JSON
 * lines to verdicts: the real fixtures of OONI's backend repeated with varied ids ({@link
 * WebConnectivityLines}; 1,000 lines, 6.2 MB), judged with OONI's real fingerprints.
 *
 * <ul>
 *   <li>{@code verdictLines}: what {@code vigil ooni verdict} does, reading and judging ({@link
 *       VerdictReader}) and formatting each verdict's JSON line;
 *   <li>{@code verdicts}: reading and judging only;
 *   <li>{@code generalWay}: the tested way every measurement can take, a pruned Jackson tree per
 *       measurement ({@link MeasurementReader}) scored by {@link FastpathScorer#score}: what the
 *       fast way is measured against.
 * </ul>
 *
 * <p>Run: {@code java -Dvigil.shared.data=../shared/data -jar vigil-bench/target/benchmarks.jar
 * OoniVerdictBenchmark}. Results: README, Performance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class OoniVerdictBenchmark {
  static final int LINES = 1000;

  byte[] data;
  FastpathScorer scorer;
  VerdictReader reader;

  @Setup
  public void setUp() throws IOException {
    Path shared = Path.of(System.getProperty("vigil.shared.data", "../shared/data"));
    scorer = FastpathScorer.of(FingerprintDatabase.load(shared.resolve("ooni-backend-fixtures")));
    reader = VerdictReader.of(scorer);
    var fixtures = WebConnectivityLines.fixtures(shared);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < LINES; i++) {
      out.writeBytes(WebConnectivityLines.line(fixtures, i));
      out.write('\n');
    }
    data = out.toByteArray();
  }

  /** Counts what it is given; fails the run on a problem (the input has none). */
  static final class Count implements VerdictSink, MeasurementSink {
    final FastpathScorer scorer;
    final StringBuilder line = new StringBuilder(512);
    final boolean format;
    long anomalies;

    Count(FastpathScorer scorer, boolean format) {
      this.scorer = scorer;
      this.format = format;
    }

    @Override
    public void verdict(Verdict v) {
      if (v.anomaly()) {
        anomalies++;
      }
      if (format) {
        line.setLength(0);
        VerdictLine.append(v, line);
      }
    }

    @Override
    public void measurement(org.vigil.ooni.Measurement m) {
      verdict(scorer.score(m));
    }

    @Override
    public void problem(Problem p) {
      throw new IllegalStateException(p.toString());
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public long verdictLines() throws IOException {
    Count c = new Count(scorer, true);
    reader.read(new ByteArrayInputStream(data), "bench", c);
    return c.anomalies + c.line.length();
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public long verdicts() throws IOException {
    Count c = new Count(scorer, false);
    reader.read(new ByteArrayInputStream(data), "bench", c);
    return c.anomalies;
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public long generalWay() throws IOException {
    Count c = new Count(scorer, false);
    MeasurementReader.create().read(new ByteArrayInputStream(data), "bench", c);
    return c.anomalies;
  }
}
