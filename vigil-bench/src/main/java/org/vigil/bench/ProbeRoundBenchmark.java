// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.vigil.probe.BlockState;
import org.vigil.probe.Prober;
import org.vigil.probe.ProberConfig;
import org.vigil.probe.RoundResult;
import org.vigil.probe.SimulatedEngine;
import org.vigil.probe.TargetList;

/**
 * The prober's own work for 5,000,000 /24 blocks in one 10-minute round, on one core: the real
 * {@link Prober} (its {@code RoundScheduler}, in-flight table and Bayesian belief updates) driven
 * by a {@link SimulatedEngine}, whose virtual clock jumps from one event to the next, so a round of
 * 600 s runs as fast as the prober can schedule, send and update. The figure is per block and round
 * ({@code ns/op}, one op = one block in one round), and includes the simulated engine's own small
 * cost (a queue per probe), so it is an upper bound on the prober's. On a busy machine the score
 * (wall time) includes waiting for a core; teardown prints the benchmark thread's CPU time per
 * block and round as well, which does not.
 *
 * <p>The blocks: 16 ever-responsive addresses each, A(E(b)) spread evenly over [0.8, 1.0]; each
 * probe to a live block is answered with that probability; 1 % of the blocks are dark (nothing
 * answers). The 5 M periodic probes fill the first 90 % of the round at 9,260 per second; adaptive
 * and recovery probes take the slots the rate leaves (see {@link #rate}). The beliefs carry over
 * from round to round, as in a real run: after the first round the dark blocks are down and get
 * only their periodic probe (IODA's recovery back-off).
 *
 * <p>Setup prints the heap the blocks take, measured as heap in use after a GC before and after
 * each part is made: the target list, the prober's per-block state, and one round's result.
 *
 * <p>Run: {@code mvn -B -o -Pbench package -pl vigil-bench -am -DskipTests && java -jar
 * vigil-bench/target/benchmarks.jar ProbeRoundBenchmark}. The fork runs with {@code -Xmx4g}:
 * building the target list of 80 M addresses needs about 2 GiB for a moment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class ProbeRoundBenchmark {
  static final int BLOCKS = 5_000_000;
  static final int HOSTS = 16;
  static final int FIRST_BLOCK = 0x0100_00; // 1.0.0.0/24 onwards
  static final long T0 = 1_700_000_400L * 1_000_000_000L; // a multiple of 600 s
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /**
   * Probes per second: 10,000 is one scamper's limit, and leaves adaptive probes 7 % of the slots
   * while the periodic ones go out; 20,000 (two scampers' worth) leaves them more than half.
   */
  @Param({"10000", "20000"})
  int rate;

  SimulatedEngine engine;
  Prober prober;
  long rounds;
  long probes;
  long cpuNanos;
  long down;
  long uncertain;
  long adaptive;

  /** A(E(b)) of block {@code b} (its /24 number): from 0.8 to 1.0. */
  static double availability(int b) {
    return 0.8 + 0.2 * ((mix(b) >>> 8) & 0xFFFF) / 65535.0;
  }

  static boolean dark(int b) {
    return Integer.remainderUnsigned(mix(b * 0x9E37_79B9), 100) == 0;
  }

  static int mix(int x) {
    x ^= x >>> 16;
    x *= 0x7feb352d;
    x ^= x >>> 15;
    x *= 0x846ca68b;
    return x ^ (x >>> 16);
  }

  @Setup(Level.Trial)
  public void setUp() {
    long before = heapAfterGc();
    TargetList.Builder builder = TargetList.builder();
    for (int k = 0; k < BLOCKS; k++) {
      int b = FIRST_BLOCK + k;
      double a = availability(b);
      for (int h = 1; h <= HOSTS; h++) {
        builder.add((b << 8) | (h * 13), a);
      }
    }
    TargetList targets = builder.build();
    builder = null;
    long withTargets = heapAfterGc();

    engine =
        SimulatedEngine.create(
            (address, sent) -> {
              int b = address >>> 8;
              if (dark(b)) {
                return SimulatedEngine.Outcome.NO_REPLY;
              }
              double u = ((mix(address ^ (int) (sent >>> 10)) >>> 8) & 0xFFFFFF) / 16777216.0;
              return u < availability(b)
                  ? SimulatedEngine.Outcome.REPLY
                  : SimulatedEngine.Outcome.NO_REPLY;
            },
            T0,
            Duration.ofMillis(50),
            Duration.ofSeconds(3));
    ProberConfig config = ProberConfig.defaults().withRate(rate);
    prober = Prober.create(targets, engine, engine.clock(), config);
    long withProber = heapAfterGc();
    RoundResult first = prober.runRound();
    String firstRound = describe(first);
    long withRound = heapAfterGc();
    first = null;
    long afterRound = heapAfterGc();
    System.out.printf(
        "%n%d blocks (%d eligible) at %d probes/s; heap after GC, per block: target list %.1f B,"
            + " prober state %.1f B, one round's result %.2f B, queues grown in a round %.2f B;"
            + " %.0f MiB in all%nfirst round: %s%n",
        targets.size(),
        targets.eligibleCount(),
        rate,
        (withTargets - before) / (double) BLOCKS,
        (withProber - withTargets) / (double) BLOCKS,
        (withRound - afterRound) / (double) BLOCKS,
        (afterRound - withProber) / (double) BLOCKS,
        (afterRound - before) / 1048576.0,
        firstRound);
  }

  private static String describe(RoundResult r) {
    return String.format(
        "%s; %d up, %d down, %d uncertain, %d missing",
        r.counts(),
        r.count(BlockState.UP),
        r.count(BlockState.DOWN),
        r.count(BlockState.UNCERTAIN),
        r.count(BlockState.MISSING));
  }

  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** One 10-minute round of all 5 M blocks; the score is per block. */
  @Benchmark
  @OperationsPerInvocation(BLOCKS)
  public RoundResult round() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    RoundResult r = prober.runRound();
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
    rounds++;
    probes += r.counts().sent();
    down += r.count(BlockState.DOWN);
    uncertain += r.count(BlockState.UNCERTAIN);
    adaptive += r.counts().adaptive() + r.counts().recovery();
    return r;
  }

  @TearDown(Level.Trial)
  public void report() {
    System.out.printf(
        "%nmeasured rounds: %d; thread CPU time %.0f ns per block and round; per round %.3f"
            + " probes per block, %.0f adaptive and recovery probes, %.0f blocks down, %.0f"
            + " uncertain%n",
        rounds,
        cpuNanos / (double) rounds / BLOCKS,
        probes / (double) rounds / BLOCKS,
        adaptive / (double) rounds,
        down / (double) rounds,
        uncertain / (double) rounds);
  }
}
