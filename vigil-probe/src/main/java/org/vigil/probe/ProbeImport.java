// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.probe.internal.Inputs;

/**
 * Turns probe results made elsewhere into the same beliefs, rounds and signals as live probing: the
 * engine of {@code vigil ingest probes}. Reads CSV ({@link ProbeCsvReader}), scamper JSON ({@link
 * ScamperJsonReader}) and warts files (through {@code sc_warts2json}), bins the results into
 * rounds, applies every result to its block's belief in time order, and counts the states per
 * entity.
 *
 * <p>The blocks are those of the given target list (results for other addresses are counted and
 * skipped); without one, they are learned from the results themselves: an address that answered at
 * least once is ever-responsive, its reply rate its score, and the usual eligibility applies. A
 * block with no result in a round is missing data in that round, not down.
 *
 * <pre>{@code
 * ProbeImport.Result r = ProbeImport.importFiles(
 *     List.of(Path.of("results.csv")), entityTable, ProbeImport.Options.defaults(), System.err::println);
 * store.ingestSeries(input, r.series());
 * }</pre>
 */
public final class ProbeImport {
  private ProbeImport() {}

  /**
   * How to import.
   *
   * @param roundSeconds the round length, the signals' step (IODA: 600)
   * @param targets the blocks with their E(b) and A(E(b)), or null to learn them from the results
   * @param maxMissingFraction see {@link ProbeSignalAggregator}
   */
  public record Options(int roundSeconds, TargetList targets, double maxMissingFraction) {
    public Options {
      if (roundSeconds < 1) {
        throw new IllegalArgumentException("the round must be at least 1 s");
      }
    }

    /** 10-minute rounds, blocks learned from the results. */
    public static Options defaults() {
      return new Options(600, null, ProbeSignalAggregator.DEFAULT_MAX_MISSING);
    }

    public Options withRoundSeconds(int s) {
      return new Options(s, targets, maxMissingFraction);
    }

    public Options withTargets(TargetList t) {
      return new Options(roundSeconds, t, maxMissingFraction);
    }
  }

  /**
   * Counts for an import.
   *
   * @param files files read
   * @param lines lines read
   * @param results probe results read
   * @param problems malformed lines or records, skipped
   * @param skipped results for addresses that are not ever-responsive addresses of an eligible
   *     block
   * @param rounds rounds with at least one result
   */
  public record Stats(
      long files, long lines, long results, long problems, long skipped, long rounds) {}

  /**
   * What an import produced.
   *
   * @param series the {@code probe.*} signals per entity
   * @param targets the blocks the beliefs were kept for
   * @param stats counts
   */
  public record Result(Map<SignalKey, TimeSeries> series, TargetList targets, Stats stats) {}

  /** Results collected in primitive columns (13 bytes each), not one object per result. */
  static final class Columns {
    long[] micros = new long[1024];
    int[] addresses = new int[1024];
    boolean[] responded = new boolean[1024];
    int size;

    void add(long t, int address, boolean r) {
      if (size == micros.length) {
        int cap = size * 2;
        micros = Arrays.copyOf(micros, cap);
        addresses = Arrays.copyOf(addresses, cap);
        responded = Arrays.copyOf(responded, cap);
      }
      micros[size] = t;
      addresses[size] = address;
      responded[size] = r;
      size++;
    }

    void add(ProbeReply r) {
      add(r.epochMicros(), r.address(), r.responded());
    }

    void add(ScamperPing p) {
      for (int seq = 0; seq < p.probesSent(); seq++) {
        add(p.probeMicros(seq), p.destination(), p.replied(seq));
      }
    }
  }

  /**
   * Imports files: {@code *.warts} through {@code sc_warts2json}, files whose first character is
   * {@code '{'} as scamper JSON, anything else as CSV (gzip recognised). Problems go to {@code
   * problems}; each round's result to {@code perRound} as it is concluded.
   */
  public static Result importFiles(
      List<Path> files,
      BlockEntities entities,
      Options options,
      Consumer<Problem> problems,
      Consumer<RoundResult> perRound)
      throws IOException {
    Columns columns = new Columns();
    long lines = 0;
    long bad = 0;
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.endsWith(".warts")) {
        ScamperJsonReader.Stats s =
            ScamperJsonReader.readWarts(f, "sc_warts2json", columns::add, problems);
        lines += s.lines();
        bad += s.problems();
        continue;
      }
      try (InputStream in = Inputs.open(f)) {
        in.mark(4096);
        int first;
        do {
          first = in.read();
        } while (first == ' ' || first == '\n' || first == '\r' || first == '\t');
        in.reset();
        Reader text = new InputStreamReader(in, StandardCharsets.UTF_8);
        if (first == '{') {
          ScamperJsonReader.Stats s =
              ScamperJsonReader.read(text, f.toString(), columns::add, problems);
          lines += s.lines();
          bad += s.problems();
        } else {
          ProbeCsvReader.Stats s = ProbeCsvReader.read(text, f.toString(), columns::add, problems);
          lines += s.lines();
          bad += s.problems();
        }
      }
    }
    return replay(columns, files.size(), lines, bad, entities, options, perRound);
  }

  /** As {@link #importFiles(List, BlockEntities, Options, Consumer, Consumer)}, without rounds. */
  public static Result importFiles(
      List<Path> files, BlockEntities entities, Options options, Consumer<Problem> problems)
      throws IOException {
    return importFiles(files, entities, options, problems, r -> {});
  }

  /** Replays results already read. */
  public static Result replay(
      List<ProbeReply> replies,
      BlockEntities entities,
      Options options,
      Consumer<RoundResult> perRound) {
    Columns c = new Columns();
    replies.forEach(c::add);
    return replay(c, 0, 0, 0, entities, options, perRound);
  }

  private static Result replay(
      Columns c,
      long files,
      long lines,
      long problems,
      BlockEntities entities,
      Options options,
      Consumer<RoundResult> perRound) {
    TargetList targets = options.targets() != null ? options.targets() : learnTargets(c);
    int n = targets.size();
    ProbeSignalAggregator aggregator =
        ProbeSignalAggregator.create(targets, entities, options.maxMissingFraction());
    long[] order = timeOrder(c);
    long length = options.roundSeconds();
    float[] belief = new float[n];
    Arrays.fill(belief, (float) BeliefModel.PRIOR);
    long[] lastRound = new long[n];
    Arrays.fill(lastRound, Long.MIN_VALUE);
    long skipped = 0;
    long rounds = 0;
    long round = Long.MIN_VALUE;
    long answered = 0;
    long unanswered = 0;
    for (long key : order) {
      int i = (int) key;
      long start = Math.floorDiv(Math.floorDiv(c.micros[i], 1_000_000L), length) * length;
      if (start != round) {
        if (round != Long.MIN_VALUE) {
          emit(
              targets,
              belief,
              lastRound,
              round,
              options,
              answered,
              unanswered,
              aggregator,
              perRound);
          rounds++;
        }
        round = start;
        answered = 0;
        unanswered = 0;
      }
      int address = c.addresses[i];
      int b = targets.indexOf(address);
      if (b < 0 || !targets.eligible(b) || !targets.isResponsive(b, address & 0xFF)) {
        skipped++;
        continue;
      }
      boolean r = c.responded[i];
      if (r) {
        answered++;
      } else {
        unanswered++;
      }
      belief[b] = (float) BeliefModel.update(belief[b], targets.availability(b), r);
      lastRound[b] = start;
    }
    if (round != Long.MIN_VALUE) {
      emit(targets, belief, lastRound, round, options, answered, unanswered, aggregator, perRound);
      rounds++;
    }
    return new Result(
        aggregator.series(), targets, new Stats(files, lines, c.size, problems, skipped, rounds));
  }

  private static void emit(
      TargetList targets,
      float[] belief,
      long[] lastRound,
      long round,
      Options options,
      long answered,
      long unanswered,
      ProbeSignalAggregator aggregator,
      Consumer<RoundResult> perRound) {
    byte[] states = new byte[targets.size()];
    for (int b = 0; b < states.length; b++) {
      BlockState s;
      if (!targets.eligible(b)) {
        s = BlockState.INELIGIBLE;
      } else if (lastRound[b] == round) {
        s = BeliefModel.state(belief[b]);
      } else {
        s = BlockState.MISSING;
      }
      states[b] = (byte) s.ordinal();
    }
    RoundResult r =
        new RoundResult(
            targets,
            round,
            options.roundSeconds(),
            true,
            states,
            new RoundResult.Counts(answered + unanswered, 0, 0, answered, unanswered, 0, 0, 0, 0),
            List.of());
    aggregator.add(r);
    perRound.accept(r);
  }

  /**
   * Indices of the results in time order (by second, then by input order), packed as {@code (second
   * − first second) << 32 | index} and sorted as primitives.
   */
  private static long[] timeOrder(Columns c) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < c.size; i++) {
      min = Math.min(min, Math.floorDiv(c.micros[i], 1_000_000L));
    }
    long[] keys = new long[c.size];
    for (int i = 0; i < c.size; i++) {
      long rel = Math.floorDiv(c.micros[i], 1_000_000L) - min;
      if (rel >= (1L << 31)) {
        throw new IllegalArgumentException("results span more than 68 years");
      }
      keys[i] = (rel << 32) | i;
    }
    Arrays.sort(keys);
    return keys;
  }

  /** E(b) and A(E(b)) from the results: per address, its reply rate if it ever answered. */
  static TargetList learnTargets(Columns c) {
    long[] keys = new long[c.size]; // address << 1 | responded, sorted: groups by address
    for (int i = 0; i < c.size; i++) {
      keys[i] = ((c.addresses[i] & 0xFFFF_FFFFL) << 1) | (c.responded[i] ? 1 : 0);
    }
    Arrays.sort(keys);
    TargetList.Builder builder = TargetList.builder();
    int i = 0;
    while (i < keys.length) {
      long address = keys[i] >>> 1;
      int probes = 0;
      int replies = 0;
      while (i < keys.length && (keys[i] >>> 1) == address) {
        probes++;
        replies += (int) (keys[i] & 1);
        i++;
      }
      if (replies > 0) {
        builder.add((int) address, (double) replies / probes);
      }
    }
    return builder.build();
  }
}
