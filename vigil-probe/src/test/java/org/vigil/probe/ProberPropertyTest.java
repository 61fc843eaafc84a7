// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.vigil.probe.internal.Ipv4;

/**
 * The scheduler's promises, checked on every probe of random runs (seeded, so a failure
 * reproduces): never faster than the rate in any one-second window, never an address off the list,
 * at most 15 probes per block per round (one periodic, at most 14 adaptive), the periodic probes
 * evenly spread, and nothing sent too late for its reply to arrive in the round.
 */
class ProberPropertyTest {

  @RepeatedTest(40)
  void keepsItsPromisesOnRandomNetworks(RepetitionInfo info) {
    long seed = 0x5eed_0000L + info.getCurrentRepetition();
    SplittableRandom random = new SplittableRandom(seed);

    // random targets: some blocks ineligible, availabilities from 0.1 to 1
    TargetList.Builder builder = TargetList.builder();
    int blocks = 1 + random.nextInt(200);
    double[] truth = new double[blocks]; // each block's real reply rate
    for (int k = 0; k < blocks; k++) {
      int hosts = 10 + random.nextInt(40);
      double score = 0.1 + random.nextDouble() * 0.9;
      truth[k] = score;
      for (int h = 0; h < hosts; h++) {
        builder.add(TestTargets.block(k) | random.nextInt(256), score);
      }
    }
    TargetList targets = builder.build();

    int roundSeconds = 10 + random.nextInt(111);
    int timeout = 1 + random.nextInt(3);
    Duration grace = Duration.ofMillis(random.nextInt(2001));
    double maxSpread = 1 - (timeout + grace.toMillis() / 1000.0) / roundSeconds;
    double spread = Math.max(0.05, random.nextDouble() * maxSpread);
    int needed = (int) Math.ceil(targets.eligibleCount() / (roundSeconds * spread));
    int pps = Math.max(1, needed + random.nextInt(Math.max(1, needed * 4) + 5));
    ProberConfig config =
        ProberConfig.defaults()
            .withRound(Duration.ofSeconds(roundSeconds))
            .withRate(pps)
            .withProbeTimeout(timeout)
            .withGrace(grace)
            .withPeriodicSpread(spread)
            .withTick(Duration.ZERO)
            .withSeed(seed);

    // a network in which blocks go dark and come back, round by round
    long t0 = 1_700_000_000L / roundSeconds * roundSeconds * 1_000_000_000L;
    long roundNanos = roundSeconds * 1_000_000_000L;
    boolean[][] dark = new boolean[6][blocks];
    for (boolean[] round : dark) {
      for (int k = 0; k < blocks; k++) {
        round[k] = random.nextDouble() < 0.2;
      }
    }
    SplittableRandom replies = random.split();
    SimulatedEngine engine =
        SimulatedEngine.create(
            (address, t) -> {
              int k = (address - TestTargets.block(0)) >>> 8;
              int round = (int) Math.min(5, (t - t0) / roundNanos);
              boolean answers = !dark[round][k] && replies.nextDouble() < truth[k];
              return answers ? SimulatedEngine.Outcome.REPLY : SimulatedEngine.Outcome.NO_REPLY;
            },
            t0,
            Duration.ofMillis(1 + random.nextInt(200)),
            Duration.ofSeconds(timeout));
    engine.recordSends(true);
    Prober prober = Prober.create(targets, engine, engine.clock(), config);

    boolean anyEligibleDark = false;
    for (int k = 0; k < blocks; k++) {
      int i = targets.indexOf(TestTargets.block(k));
      for (boolean[] round : dark) {
        anyEligibleDark |= i >= 0 && targets.eligible(i) && round[k];
      }
    }
    long followUps = 0;
    long[] sentPerRound = new long[6];
    long[] periodicPerRound = new long[6];
    for (int r = 0; r < 6; r++) {
      RoundResult result = prober.runRound();
      assertThat(result.start() * 1_000_000_000L).isEqualTo(t0 + r * roundNanos);
      assertThat(result.complete()).isTrue();
      sentPerRound[r] = result.counts().sent();
      periodicPerRound[r] = result.counts().periodic();
      assertThat(result.counts().adaptive() + result.counts().recovery())
          .isLessThanOrEqualTo(14L * targets.eligibleCount());
      followUps += result.counts().adaptive() + result.counts().recovery();
    }
    // the run did exercise adaptive probing: a dark block gets follow-up probes
    if (anyEligibleDark) {
      assertThat(followUps).isPositive();
    }

    int n = engine.sentCount();
    long[] counted = new long[6];
    Map<Long, Integer> perBlockRound = new HashMap<>();
    Map<Long, Long> firstProbe = new HashMap<>();
    for (int i = 0; i < n; i++) {
      long t = engine.sentAt(i);
      int address = engine.sentTo(i);
      // only listed, ever-responsive addresses of eligible blocks
      assertThat(targets.contains(address)).as(Ipv4.format(address)).isTrue();
      assertThat(targets.eligible(targets.indexOf(address))).isTrue();
      // the rate: probe i + pps goes at least one second after probe i
      if (i + pps < n) {
        assertThat(engine.sentAt(i + pps) - t).isGreaterThanOrEqualTo(1_000_000_000L);
      }
      if (i > 0) {
        assertThat(t).isGreaterThanOrEqualTo(engine.sentAt(i - 1));
      }
      int round = (int) ((t - t0) / roundNanos);
      long roundStart = t0 + round * roundNanos;
      // nothing sent so late that its reply could miss the round's end
      assertThat(t).isLessThan(roundStart + roundNanos - config.expiryNanos());
      counted[round]++;
      long key = ((long) round << 32) | (address >>> 8);
      perBlockRound.merge(key, 1, Integer::sum);
      firstProbe.putIfAbsent(key, t);
    }
    assertThat(counted).containsExactly(sentPerRound);
    // at most 15 probes per block per round
    assertThat(perBlockRound.values()).allMatch(c -> c <= BeliefModel.ROUND_PROBES);
    // exactly one periodic probe per eligible block per round
    for (int r = 0; r < 6; r++) {
      assertThat(periodicPerRound[r]).isEqualTo(targets.eligibleCount());
      final int round = r;
      long blocksProbed = perBlockRound.keySet().stream().filter(k -> (k >>> 32) == round).count();
      assertThat(blocksProbed).isEqualTo(targets.eligibleCount());
    }
    // the periodic probe (a block's first in a round) of the k-th block goes at its even step,
    // late by at most one slot of the rate
    long window = config.windowNanos();
    int m = targets.eligibleCount();
    for (int r = 0; r < 6; r++) {
      final int round = r;
      long[] firsts =
          firstProbe.entrySet().stream()
              .filter(e -> (e.getKey() >>> 32) == round)
              .mapToLong(Map.Entry::getValue)
              .sorted()
              .toArray();
      long start = t0 + r * roundNanos;
      for (int k = 0; k < firsts.length; k++) {
        long due = start + (long) (k * ((double) window / m));
        assertThat(firsts[k]).isBetween(due, due + config.spacingNanos());
      }
    }
  }
}
