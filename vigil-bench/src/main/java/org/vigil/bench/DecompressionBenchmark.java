// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
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
 * Where the time goes when a compressed RIB is loaded: decompression alone, against decompression
 * plus parse plus route-table update, for plain, gzip (RIPE RIS) and bzip2 (RouteViews) copies of
 * the same 15 MB of real RouteViews RIB records (270,005 entries). All scores are in RIB entries
 * per second, so the columns compare directly.
 *
 * <p>{@code decompress} reads the decompressor on the benchmark thread; {@code load} is the
 * production path, where {@code MrtRouteReader} decompresses on a read-ahead thread while the
 * caller parses (two cores busy for gzip and bzip2).
 *
 * <p>Run: {@code mvn -B -Pbench package -pl vigil-bench -am -DskipTests && java
 * -Dvigil.shared.data=../shared/data -jar vigil-bench/target/benchmarks.jar
 * DecompressionBenchmark}.
 *
 * <p>Latest results (2 cores, OpenJDK 17.0.15, 2026-11-28; {@code load} of gzip is noisy on two
 * cores, a second run gave 16958562 ± 5853306):
 *
 * <pre>
 * Benchmark                          (compression)   Mode  Cnt          Score           Error  Units
 * DecompressionBenchmark.decompress          plain  thrpt    5  969571794.901 ± 156206594.877  ops/s
 * DecompressionBenchmark.decompress           gzip  thrpt    5   19461143.943 ±    529344.711  ops/s
 * DecompressionBenchmark.decompress          bzip2  thrpt    5    1235478.303 ±    148147.776  ops/s
 * DecompressionBenchmark.load                plain  thrpt    5   31911555.428 ±   2943589.629  ops/s
 * DecompressionBenchmark.load                 gzip  thrpt    5    9573096.549 ±   1961246.234  ops/s
 * DecompressionBenchmark.load                bzip2  thrpt    5    1055138.388 ±    375442.476  ops/s
 * DecompressionBenchmark.loadOneThread        gzip  thrpt    5   11576048.695 ±   2157314.499  ops/s
 * DecompressionBenchmark.loadOneThread       bzip2  thrpt    5    1166968.217 ±    221821.579  ops/s
 * </pre>
 *
 * <p>bzip2 dominates: it decodes about 70 MB of MRT a second, 1.2 M entries, a thirtieth of what
 * parsing and the table take; gzip (1.1 GB/s) costs about as much as the parsing itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class DecompressionBenchmark {
  static final int ENTRIES = RibLoadBenchmark.REAL_ENTRIES;

  @Param({"plain", "gzip", "bzip2"})
  public String compression;

  byte[] data;

  @Setup
  public void setUp() throws IOException {
    Path p =
        Path.of(System.getProperty("vigil.shared.data", "../shared/data"), RibLoadBenchmark.REAL);
    byte[] plain;
    try (InputStream in = Compression.open(Files.newInputStream(p))) {
      plain = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (compression) {
      case "gzip" -> {
        try (OutputStream z = new GZIPOutputStream(out)) {
          z.write(plain);
        }
      }
      case "bzip2" -> {
        try (OutputStream z = new BZip2CompressorOutputStream(out, 9)) {
          z.write(plain);
        }
      }
      default -> out.write(plain);
    }
    data = out.toByteArray();
    System.out.printf(
        "%n%s: %.1f MB compressed, %.1f MB of MRT%n",
        compression, data.length / 1e6, plain.length / 1e6);
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long decompress() throws IOException {
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Compression.open(new ByteArrayInputStream(data))) {
      for (int r; (r = in.read(buf)) > 0; ) {
        n += r;
      }
    }
    return n;
  }

  /** The same on one thread: the decompressor is handed to the reader as a plain stream. */
  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long loadOneThread() throws IOException {
    BgpSignalAggregator agg = new BgpSignalAggregator(VisibilityConfig.ioda(), null, 288, s -> {});
    try (MrtRouteReader r =
        MrtRouteReader.of(
            Compression.open(new ByteArrayInputStream(data)),
            "bench",
            MrtReader.OnMalformed.FAIL)) {
      r.read(agg.visitor("route-views2"));
    }
    return agg.stats().ribEntries();
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public long load() throws IOException {
    BgpSignalAggregator agg = new BgpSignalAggregator(VisibilityConfig.ioda(), null, 288, s -> {});
    try (MrtRouteReader r =
        MrtRouteReader.of(new ByteArrayInputStream(data), "bench", MrtReader.OnMalformed.FAIL)) {
      r.read(agg.visitor("route-views2"));
    }
    return agg.stats().ribEntries();
  }
}
