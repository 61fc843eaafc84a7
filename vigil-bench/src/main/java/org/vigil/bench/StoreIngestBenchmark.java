// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.store.InputFile;
import org.vigil.store.duckdb.DuckDbSignalStore;

/**
 * Store ingest throughput in points per second: one file's series (100,000 points) stored in one
 * transaction by {@link DuckDbSignalStore#ingestSeries}, through DuckDB's appender and a staging
 * table, into a fresh store each time.
 *
 * <p>Run: {@code java -jar vigil-bench/target/benchmarks.jar StoreIngestBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreIngestBenchmark {
  static final int POINTS = 100_000;

  /** How many series the points are spread over. */
  @Param({"1", "100"})
  public int seriesCount;

  Map<SignalKey, TimeSeries> series;
  Path dir;
  DuckDbSignalStore store;
  int file;

  @Setup(Level.Trial)
  public void makeSeries() {
    series = new java.util.LinkedHashMap<>();
    for (int s = 0; s < seriesCount; s++) {
      Entity e = new Entity(EntityType.ASN, Integer.toString(s + 1), "AS" + (s + 1), null);
      series.put(
          new SignalKey(e, "traffic.requests"),
          DetectorBenchmark.syntheticSeries(POINTS / seriesCount, 300, s));
    }
  }

  @Setup(Level.Iteration)
  public void openStore() throws IOException {
    dir = Files.createTempDirectory("vigil-bench");
    store = DuckDbSignalStore.open(dir);
  }

  @TearDown(Level.Iteration)
  public void closeStore() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public Object ingest() {
    // A new file each time (another digest), at later times: every point is new.
    file++;
    Map<SignalKey, TimeSeries> shifted = new java.util.LinkedHashMap<>();
    long shift = (long) file * POINTS * 300;
    series.forEach((k, v) -> shifted.put(k, v.shifted(shift)));
    InputFile input =
        new InputFile(
            0, "bench-" + file, 0, "series/csv", "bench", "bench.csv", null, POINTS, null);
    return store.ingestSeries(input, shifted);
  }
}
