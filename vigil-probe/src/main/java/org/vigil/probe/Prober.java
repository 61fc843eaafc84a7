// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.vigil.probe.internal.Ipv4;

/**
 * Trinocular's prober: probes every eligible block of a {@link TargetList} once per round at an
 * even pace, sends adaptive probes while a block's belief moves toward uncertainty and recovery
 * probes to down blocks, updates each block's belief with every reply, and reports each round's
 * conclusions as a {@link RoundResult}. It never probes an address that is not an ever-responsive
 * address of a listed block, and never faster than the configured rate.
 *
 * <p>Single-threaded: one thread calls {@link #runRound()} or {@link #run}; the engine is only
 * touched from that thread. Time comes from the injected clock; the engine's {@link
 * ProbeEngine#poll} is the only place the prober waits.
 *
 * <pre>{@code
 * TargetList targets = TargetList.read(Path.of("targets.csv"), System.err::println);
 * try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.defaults(1000, 3))) {
 *   Prober prober = Prober.create(targets, engine, InstantSource.system(), ProberConfig.defaults());
 *   prober.loadState(stateFile); // if it exists: resume the beliefs of the last run
 *   prober.run(0, round -> {
 *     store(signals.series(round)); // signals: a ProbeSignalAggregator
 *     prober.saveState(stateFile);
 *   });
 * }
 * }</pre>
 *
 * <p>Memory: beyond the target list's 40 bytes a block, 16 bytes of state per block (belief, rounds
 * down, host cursor, round budget and flags, probing order) plus one byte per block for each
 * round's result; outstanding probes take space in proportion to rate × timeout, not to blocks.
 */
public final class Prober {
  /** Called on the prober's thread when a round ends. */
  @FunctionalInterface
  public interface RoundListener {
    void roundEnded(RoundResult result) throws IOException;
  }

  private static final byte HAD_RESULT = 1;

  /** Probes expiring in a row without any record from the engine that make it hung. */
  static final int HANG_EXPIRIES = 3;

  private final TargetList targets;
  private final ProbeEngine engine;
  private final InstantSource clock;
  private final ProberConfig config;
  private final int[] order; // eligible block indices in probing order

  // Per block, indexed like the target list. Primitive arrays: at 5 M blocks objects per block
  // would cost more than the state they hold.
  private final float[] belief;
  private final short[] roundsDown;
  private final byte[] cursor;
  private final byte[] budget;
  private final byte[] recovery;
  private final byte[] flags;

  private final InflightTable inflight;
  private final RoundScheduler scheduler;
  private long lastRecordNanos;
  private int silentExpiries;
  private long lastRoundStart = Long.MIN_VALUE;
  private volatile boolean stopRequested;

  // the round in progress
  private long cutoff;
  private boolean complete;
  private final List<String> incidents = new ArrayList<>();
  private long periodic;
  private long adaptive;
  private long recoveries;
  private long replies;
  private long unanswered;
  private long noRecord;
  private long stray;
  private long exhausted;
  private int restarts;

  private Prober(TargetList targets, ProbeEngine engine, InstantSource clock, ProberConfig config) {
    this.targets = targets;
    this.engine = engine;
    this.clock = clock;
    this.config = config;
    int n = targets.size();
    int[] eligible = new int[targets.eligibleCount()];
    int e = 0;
    for (int i = 0; i < n; i++) {
      if (targets.eligible(i)) {
        eligible[e++] = i;
      }
    }
    SplittableRandom random = new SplittableRandom(config.seed());
    for (int i = eligible.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = eligible[i];
      eligible[i] = eligible[j];
      eligible[j] = t;
    }
    this.order = eligible;
    this.belief = new float[n];
    Arrays.fill(belief, (float) BeliefModel.PRIOR);
    this.roundsDown = new short[n];
    this.cursor = new byte[n];
    this.budget = new byte[n];
    this.recovery = new byte[n];
    this.flags = new byte[n];
    long inflightGuess =
        (long) config.packetsPerSecond() * (config.expiryNanos() / 1_000_000_000L + 2);
    this.inflight = new InflightTable((int) Math.min(1 << 20, Math.max(64, inflightGuess)));
    this.scheduler = new RoundScheduler(config.spacingNanos(), config.tick().toNanos());
  }

  /**
   * A prober for the eligible blocks of {@code targets}.
   *
   * @throws IllegalArgumentException when the rate cannot fit one periodic probe per eligible block
   *     into the periodic part of a round
   */
  public static Prober create(
      TargetList targets, ProbeEngine engine, InstantSource clock, ProberConfig config) {
    config.validate();
    double windowSeconds = config.windowNanos() / 1e9;
    double needed = targets.eligibleCount() / windowSeconds;
    if (needed > config.packetsPerSecond()) {
      throw new IllegalArgumentException(
          String.format(
              "%d blocks need at least %.0f probes per second to get their periodic probe in the"
                  + " first %.0f s of a %d s round; the rate is %d",
              targets.eligibleCount(),
              Math.ceil(needed),
              windowSeconds,
              config.roundSeconds(),
              config.packetsPerSecond()));
    }
    return new Prober(targets, engine, clock, config);
  }

  public TargetList targets() {
    return targets;
  }

  public ProberConfig config() {
    return config;
  }

  /** The current belief that the block holding {@code address} is up, or NaN if not a target. */
  public double belief(int address) {
    int i = targets.indexOf(address);
    return i < 0 ? Double.NaN : belief[i];
  }

  /** Start (epoch seconds) of the last round run or loaded, or {@link Long#MIN_VALUE}. */
  public long lastRoundStart() {
    return lastRoundStart;
  }

  /** Asks {@link #run} to return after the round in progress. Safe from any thread. */
  public void stop() {
    stopRequested = true;
  }

  /** Runs {@code rounds} rounds (0: until {@link #stop()}), calling {@code listener} after each. */
  public void run(int rounds, RoundListener listener) throws IOException {
    for (int r = 0; (rounds <= 0 || r < rounds) && !stopRequested; r++) {
      listener.roundEnded(runRound());
    }
  }

  /**
   * Waits for the next round boundary (a multiple of the round length since the epoch; now, if now
   * is one) and runs that round.
   */
  public RoundResult runRound() {
    long length = config.roundNanos();
    long now = nowNanos();
    long start = Math.floorDiv(now + length - 1, length) * length;
    if (lastRoundStart != Long.MIN_VALUE) {
      long next = (lastRoundStart + config.roundSeconds()) * 1_000_000_000L;
      if (now < next + length) {
        // The round after the last one: run it even if the listener made us a little late (its
        // first periodic probes catch up at the rate limit), rather than leave a gap.
        start = next;
      }
    }
    resetCounters();
    waitUntil(start);
    return round(start);
  }

  private void resetCounters() {
    complete = true;
    incidents.clear();
    periodic = 0;
    adaptive = 0;
    recoveries = 0;
    replies = 0;
    unanswered = 0;
    noRecord = 0;
    stray = 0;
    exhausted = 0;
    restarts = 0;
  }

  private void waitUntil(long t) {
    long now;
    while ((now = nowNanos()) < t) {
      try {
        engine.poll(t, (id, address, replied, rtt) -> stray++);
      } catch (ProbeEngineException e) {
        // Between rounds nothing is lost: restart and carry on.
        incidents.add(Instant.ofEpochSecond(0, now) + " before the round: " + e.getMessage());
        restart();
      }
    }
  }

  private RoundResult round(long start) {
    long end = start + config.roundNanos();
    cutoff = end - config.expiryNanos();
    for (int i : order) {
      budget[i] = BeliefModel.ROUND_PROBES;
      flags[i] = 0;
      recovery[i] = 0;
      if (BeliefModel.state(belief[i]) == BlockState.DOWN) {
        if (roundsDown[i] < Short.MAX_VALUE) {
          roundsDown[i]++;
        }
        if (BeliefModel.recoveryRound(roundsDown[i])) {
          recovery[i] = (byte) (BeliefModel.recoveryProbes(targets.availability(i)) - 1);
        }
      } else {
        roundsDown[i] = 0;
      }
    }
    scheduler.startRound(order, start, config.windowNanos(), cutoff);
    lastRecordNanos = nowNanos();
    silentExpiries = 0;
    long tick = config.tick().toNanos();
    while (true) {
      long now = nowNanos();
      if (now >= end) {
        break;
      }
      try {
        sendDue(now);
        expire(now);
        long wake = Math.min(scheduler.nextWake(), end);
        int oldest = inflight.oldest();
        if (oldest >= 0) {
          wake = Math.min(wake, inflight.sentNanos(oldest) + config.expiryNanos());
        }
        wake = Math.min(Math.max(wake, now + tick), end);
        engine.poll(wake, this::onResult);
      } catch (ProbeEngineException e) {
        engineFailed(now, e.getMessage());
      }
    }
    noRecord += inflight.outstanding();
    inflight.clear();
    scheduler.clearQueue();
    byte[] states = new byte[targets.size()];
    Arrays.fill(states, (byte) BlockState.INELIGIBLE.ordinal());
    for (int i : order) {
      BlockState s =
          (flags[i] & HAD_RESULT) != 0 ? BeliefModel.state(belief[i]) : BlockState.MISSING;
      states[i] = (byte) s.ordinal();
    }
    lastRoundStart = start / 1_000_000_000L;
    return new RoundResult(
        targets,
        lastRoundStart,
        config.roundSeconds(),
        complete,
        states,
        new RoundResult.Counts(
            periodic,
            adaptive,
            recoveries,
            replies,
            unanswered,
            noRecord,
            stray,
            exhausted,
            restarts),
        incidents);
  }

  private void sendDue(long now) {
    int b;
    while ((b = scheduler.take(now)) >= 0) {
      byte kind = scheduler.kind();
      int pos = targets.nextHost(b, cursor[b] & 0xFF);
      cursor[b] = (byte) (pos >>> 8);
      int address = targets.network(b) | (pos & 0xFF);
      budget[b]--;
      switch (kind) {
        case RoundScheduler.PERIODIC -> periodic++;
        case RoundScheduler.ADAPTIVE -> adaptive++;
        default -> recoveries++;
      }
      int id = inflight.add(b, address, now, kind);
      engine.send(id, address);
    }
  }

  /**
   * Probes past their deadline become missing data. If {@link #HANG_EXPIRIES} expire in a row and
   * the engine wrote nothing at all since the latest of them was sent, the engine hung. (One
   * unroutable target gets no record from scamper either, so a single silent probe is not proof.)
   */
  private void expire(long now) {
    int slot;
    long expiry = config.expiryNanos();
    while ((slot = inflight.oldest()) >= 0 && inflight.sentNanos(slot) + expiry <= now) {
      if (lastRecordNanos < inflight.sentNanos(slot) && ++silentExpiries >= HANG_EXPIRIES) {
        throw new ProbeEngineException(
            String.format(
                "the engine wrote no record for %.1f s while %d probes were outstanding: hung",
                (now - lastRecordNanos) / 1e9, inflight.outstanding()));
      }
      noRecord++;
      inflight.complete(slot);
    }
  }

  private void onResult(int id, int address, boolean replied, int rttMicros) {
    long now = nowNanos();
    lastRecordNanos = now;
    silentExpiries = 0;
    int slot = inflight.find(id, address);
    if (slot < 0) {
      stray++;
      return;
    }
    int b = inflight.owner(slot);
    inflight.complete(slot);
    flags[b] |= HAD_RESULT;
    if (replied) {
      replies++;
    } else {
      unanswered++;
    }
    double before = belief[b];
    // Rounded to float before comparing, as stored: a clamped 0.99 must compare equal to itself.
    double after = (float) BeliefModel.update(before, targets.availability(b), replied);
    if (BeliefModel.towardUncertainty(before, after)) {
      if (budget[b] > 0) {
        if (now < cutoff) {
          scheduler.enqueue(b, RoundScheduler.ADAPTIVE, now);
        }
      } else {
        after = BeliefModel.EXHAUSTED_BELIEF;
        exhausted++;
      }
    } else if (!replied
        && recovery[b] > 0
        && budget[b] > 0
        && BeliefModel.state(after) == BlockState.DOWN) {
      recovery[b]--;
      if (now < cutoff) {
        scheduler.enqueue(b, RoundScheduler.RECOVERY, now);
      }
    }
    belief[b] = (float) after;
  }

  private void engineFailed(long now, String message) {
    complete = false;
    incidents.add(Instant.ofEpochSecond(0, now) + ": " + message);
    noRecord += inflight.outstanding();
    inflight.clear();
    scheduler.clearQueue();
    restart();
  }

  private void restart() {
    restarts++;
    engine.restart();
    lastRecordNanos = nowNanos();
    silentExpiries = 0;
  }

  private long nowNanos() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /**
   * Saves every block's belief, rounds down and host cursor, and the last round's start, to {@code
   * file} (replaced atomically), so that a new prober can {@link #loadState} and resume.
   */
  public void saveState(Path file) throws IOException {
    ProberStateFile.write(file, targets, belief, roundsDown, cursor, lastRoundStart, config);
  }

  /**
   * Restores the state {@link #saveState} wrote. Blocks the file does not know start from the
   * prior; blocks no longer listed are ignored.
   *
   * @return the number of blocks restored
   * @throws org.vigil.core.InputFormatException when the file is not a state file or is corrupt
   */
  public int loadState(Path file) throws IOException {
    ProberStateFile.Loaded l = ProberStateFile.read(file, targets, belief, roundsDown, cursor);
    lastRoundStart = Math.max(lastRoundStart, l.lastRoundStart());
    return l.restored();
  }

  @Override
  public String toString() {
    return "Prober["
        + order.length
        + " blocks, round "
        + config.roundSeconds()
        + " s, "
        + config.packetsPerSecond()
        + " pps, first block "
        + (order.length == 0 ? "-" : Ipv4.formatSlash24(targets.network(order[0])))
        + "]";
  }
}
