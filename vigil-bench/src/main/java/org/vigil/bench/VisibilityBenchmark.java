// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vigil.bgp.route.RouteTable;
import org.vigil.bgp.route.Visibility;
import org.vigil.bgp.route.VisibilityAggregator;
import org.vigil.bgp.route.VisibilityConfig;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpEntityResolver;

/**
 * Visibility of a full table on one core: 1,000,000 IPv4 prefixes seen by 50 peers (40 peer ASes;
 * 45 full feeds, 5 partial feeds of 30 %; 1 % of prefixes with a second origin at some peers),
 * counted per origin AS (70,000) and per country (a geolocation table of 200,000 ranges).
 *
 * <ul>
 *   <li>{@code compute}: the 5-minute recomputation on an unchanged table.
 *   <li>{@code computeAfterChurn}: the same after 2,000 announcements of new prefixes and 2,000
 *       withdrawals (the new prefixes are merged into the address order).
 * </ul>
 *
 * <p>Run: {@code mvn -B -Pbench package -pl vigil-bench -am -DskipTests && java -jar
 * vigil-bench/target/benchmarks.jar VisibilityBenchmark}. The fork runs with {@code -Xmx2g}: the
 * table fits in 2 GiB; setup prints the heap it takes.
 *
 * <p>Latest results (2 cores, OpenJDK 17.0.15, 2026-11-28):
 *
 * <pre>
 * Benchmark                              Mode  Cnt    Score    Error  Units
 * VisibilityBenchmark.compute            avgt    5  152.973 ± 51.608  ms/op
 * VisibilityBenchmark.computeAfterChurn  avgt    5  161.402 ± 13.819  ms/op
 * route table: 1000000 prefixes x 50 peers, arrays 269 MiB; heap in use after GC 330 MiB
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class VisibilityBenchmark {
  static final int PREFIXES = 1_000_000;
  static final int PEERS = 50;

  RouteTable table;
  VisibilityAggregator aggregator;
  SplittableRandom churn = new SplittableRandom(99);

  @Setup(Level.Trial)
  public void setUp() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    SyntheticRoutes routes = new SyntheticRoutes(PREFIXES, 42);
    GeoTable geo = SyntheticRoutes.geo(200_000, 5);
    table = new RouteTable();
    SplittableRandom r = new SplittableRandom(3);
    for (int p = 0; p < PEERS; p++) {
      int peer = table.peerIpv4("rrc00", SyntheticRoutes.peerAddress(p), SyntheticRoutes.peerAs(p));
      double keep = p < 45 ? 0.99 : 0.3;
      for (int i = 0; i < PREFIXES; i++) {
        if (r.nextDouble() < keep) {
          long origin = routes.origin[i];
          if (i % 100 == 0 && p % 3 == 0) {
            origin += 1; // a second origin at some peers
          }
          table.announceIpv4(peer, routes.address[i], routes.length[i], -1, origin);
        }
      }
    }
    aggregator =
        new VisibilityAggregator(table, VisibilityConfig.ioda(), IpEntityResolver.of(geo, null));
    Visibility v = aggregator.compute();
    routes = null;
    System.gc();
    long after = rt.totalMemory() - rt.freeMemory();
    System.out.printf(
        "%nroute table: %d prefixes x %d peers, arrays %.0f MiB; heap in use after GC %.0f MiB"
            + " (was %.0f MiB before building; table, geo table and aggregator)%n%s%n",
        table.knownPrefixesIpv4(),
        table.peerCount(),
        table.footprint() / 1048576.0,
        after / 1048576.0,
        before / 1048576.0,
        v);
  }

  @Benchmark
  public Visibility compute() {
    return aggregator.compute();
  }

  @Benchmark
  public Visibility computeAfterChurn() {
    for (int k = 0; k < 2000; k++) {
      int peer = churn.nextInt(PEERS);
      int a = 0xE000_0000 | churn.nextInt(1 << 20) << 8; // new /24s: 224/4 is unused above
      table.announceIpv4(peer, a, 24, -1, 1 + churn.nextInt(70_000));
      table.withdrawIpv4(churn.nextInt(PEERS), churn.nextInt(), 24, -1);
    }
    return aggregator.compute();
  }
}
