// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
import org.vigil.bgp.mrt.Compression;
import org.vigil.bgp.mrt.MrtReader;
import org.vigil.bgp.mrt.MrtRouteReader;
import org.vigil.bgp.route.BgpSignalAggregator;
import org.vigil.bgp.route.VisibilityConfig;

/**
 * Parse plus route-table update, in RIB entries per second on one core: uncompressed TABLE_DUMP_V2
 * bytes in memory, read by {@code MrtRouteReader} into a fresh {@code BgpSignalAggregator}'s route
 * table (peer lookup, prefix interning, bit set and origin per entry), exactly the path {@code
 * BgpSignals} takes.
 *
 * <ul>
 *   <li>{@code syntheticFullTables}: 100,000 prefixes × 50 peers (5,000,000 entries, 221 MB; {@link
 *       SyntheticRoutes}).
 *   <li>{@code realRouteViews}: the first MB of RouteViews' rib.20140523.0600 (270,005 entries of
 *       real attributes, 15 MB uncompressed), from {@code -Dvigil.shared.data}.
 * </ul>
 *
 * <p>Run: {@code mvn -B -Pbench package -pl vigil-bench -am -DskipTests && java
 * -Dvigil.shared.data=../shared/data -jar vigil-bench/target/benchmarks.jar RibLoadBenchmark}.
 * Scores are RIB entries per second.
 *
 * <p>Latest results (2 cores, OpenJDK 17.0.15, 2026-11-28):
 *
 * <pre>
 * Benchmark                             Mode  Cnt         Score         Error  Units
 * RibLoadBenchmark.realRouteViews       thrpt    5  29188084.715 ± 1865135.551  ops/s
 * RibLoadBenchmark.syntheticFullTables  thrpt    5  32644728.092 ± 1621733.963  ops/s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g"})
public class RibLoadBenchmark {
  static final int SYNTHETIC_ENTRIES = 100_000 * 50;
  static final int REAL_ENTRIES = 270_005;
  static final String REAL =
      "mrt-routeviews-rib-pyasn/derived/rib.20140523.0600_firstMB.complete-records.bz2";

  byte[] synthetic;
  byte[] real;

  @Setup
  public void setUp() throws IOException {
    synthetic = new SyntheticRoutes(100_000, 11).rib(50, 1_641_340_800L);
    Path p = Path.of(System.getProperty("vigil.shared.data", "../shared/data"), REAL);
    try (InputStream in = Compression.open(Files.newInputStream(p))) {
      real = in.readAllBytes();
    }
    long n = load(synthetic);
    long m = load(real);
    if (n != SYNTHETIC_ENTRIES || m != REAL_ENTRIES) {
      throw new IllegalStateException("entries: " + n + " and " + m);
    }
    System.out.printf(
        "%nsynthetic RIB: %.0f MB for %d entries; real: %.1f MB for %d entries%n",
        synthetic.length / 1e6, n, real.length / 1e6, m);
  }

  static long load(byte[] mrt) throws IOException {
    BgpSignalAggregator agg = new BgpSignalAggregator(VisibilityConfig.ioda(), null, 288, s -> {});
    try (MrtRouteReader r =
        MrtRouteReader.of(new ByteArrayInputStream(mrt), "bench", MrtReader.OnMalformed.FAIL)) {
      r.read(agg.visitor("rrc00"));
    }
    return agg.stats().ribEntries();
  }

  @Benchmark
  @OperationsPerInvocation(SYNTHETIC_ENTRIES)
  public long syntheticFullTables() throws IOException {
    return load(synthetic);
  }

  @Benchmark
  @OperationsPerInvocation(REAL_ENTRIES)
  public long realRouteViews() throws IOException {
    return load(real);
  }
}
