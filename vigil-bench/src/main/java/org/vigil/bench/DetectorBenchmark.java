// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.vigil.core.TimeSeries;
import org.vigil.detect.DetectionResult;
import org.vigil.detect.DetectorConfig;
import org.vigil.detect.MovingMedianDetector;

/**
 * Detection throughput in points (bins) per second on one core: the moving-median detector over 30
 * days of 5-minute bins (8,640 points) with a daily rhythm, noise and one blackout.
 *
 * <p>Run: {@code mvn -B -Pbench package -pl vigil-bench -am -DskipTests && java -jar
 * vigil-bench/target/benchmarks.jar DetectorBenchmark}. The score is in points per second (each
 * operation is one point). Results are pasted in the README.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectorBenchmark {
  static final int POINTS = 30 * 288;

  /** {@code traffic.*}: 7-day window, same time of day; {@code bgp.*}: 24 h plain moving median. */
  @Param({"traffic.requests", "bgp.visible_slash24"})
  public String signal;

  TimeSeries series;
  DetectorConfig config;

  @Setup
  public void setUp() {
    series = syntheticSeries(POINTS, 300, 42);
    config = DetectorConfig.forSignal(signal);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public DetectionResult detect() {
    return MovingMedianDetector.detect(series, config);
  }

  /** A daily rhythm (±35 %), 3 % noise and a two-day blackout to 2 % from day 20. */
  static TimeSeries syntheticSeries(int points, int step, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[points];
    long start = 1_609_459_200L; // 2021-01-01T00:00:00Z
    for (int i = 0; i < points; i++) {
      double hour = ((start + (long) i * step) / 3600.0) % 24;
      double level = i >= 20 * 288 && i < 22 * 288 ? 0.02 : 1;
      v[i] =
          1000
              * (1 + 0.35 * Math.sin(2 * Math.PI * hour / 24))
              * level
              * (1 + 0.03 * r.nextGaussian());
    }
    return TimeSeries.of(start, step, v);
  }
}
