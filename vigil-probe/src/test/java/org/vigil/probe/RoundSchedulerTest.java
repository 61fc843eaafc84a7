// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundSchedulerTest {
  static final long MS = 1_000_000L;

  @Test
  void spreadsPeriodicProbesEvenlyAndPacesThem() {
    RoundScheduler s = new RoundScheduler(10 * MS, 0); // 100 per second
    s.startRound(new int[] {7, 8, 9, 10}, 0, 400 * MS, 900 * MS);
    assertThat(s.take(0)).isEqualTo(7);
    assertThat(s.take(0)).isEqualTo(-1);
    assertThat(s.nextWake()).isEqualTo(100 * MS);
    assertThat(s.take(100 * MS)).isEqualTo(8);
    assertThat(s.slot()).isEqualTo(100 * MS);
    assertThat(s.kind()).isEqualTo(RoundScheduler.PERIODIC);
    assertThat(s.periodicLeft()).isEqualTo(2);
  }

  @Test
  void givesDuePeriodicProbesPrecedenceOverAdaptiveOnes() {
    RoundScheduler s = new RoundScheduler(10 * MS, 0);
    s.startRound(new int[] {1, 2}, 0, 20 * MS, 900 * MS);
    assertThat(s.take(0)).isEqualTo(1);
    s.enqueue(1, RoundScheduler.ADAPTIVE, 5 * MS);
    assertThat(s.nextWake()).isEqualTo(10 * MS);
    assertThat(s.take(10 * MS)).isEqualTo(2); // periodic 2 is due at 10 ms too
    assertThat(s.take(10 * MS)).isEqualTo(-1);
    assertThat(s.take(20 * MS)).isEqualTo(1);
    assertThat(s.kind()).isEqualTo(RoundScheduler.ADAPTIVE);
  }

  @Test
  void catchesUpAfterALateWakeUpByAtMostOneTick() {
    RoundScheduler s = new RoundScheduler(MS, 3 * MS); // 1000 per second, 3 ms tick
    int[] order = new int[100];
    s.startRound(order, 0, 100 * MS, 900 * MS);
    assertThat(s.take(0)).isZero();
    // woken 9 ms late: the probes due at 0..10 ms go now, but their slots reach back 3 ms at most
    int taken = 0;
    long previous = Long.MIN_VALUE;
    while (s.take(10 * MS) >= 0) {
      assertThat(s.slot()).isGreaterThanOrEqualTo(7 * MS);
      if (previous != Long.MIN_VALUE) {
        assertThat(s.slot() - previous).isGreaterThanOrEqualTo(MS);
      }
      previous = s.slot();
      taken++;
    }
    assertThat(taken).isEqualTo(4); // slots 7, 8, 9 and 10 ms
  }

  @Test
  void dropsAdaptiveProbesThatWouldGoAfterTheCutoff() {
    RoundScheduler s = new RoundScheduler(10 * MS, 0);
    s.startRound(new int[] {1}, 0, 10 * MS, 50 * MS);
    assertThat(s.take(0)).isEqualTo(1);
    s.enqueue(1, RoundScheduler.ADAPTIVE, 60 * MS);
    assertThat(s.take(60 * MS)).isEqualTo(-1);
    assertThat(s.nextWake()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void inflightTableMatchesIdsAcrossTheirWrapAround() {
    InflightTable t = new InflightTable(16, Integer.MAX_VALUE - 20);
    int[] ids = new int[100];
    for (int i = 0; i < 100; i++) {
      ids[i] = t.add(i, 1000 + i, i, RoundScheduler.PERIODIC); // grows past 16
    }
    assertThat(ids[0]).isEqualTo(Integer.MAX_VALUE - 20);
    assertThat(ids[99]).isEqualTo(Integer.MIN_VALUE + 78);
    assertThat(t.outstanding()).isEqualTo(100);
    assertThat(t.find(ids[50], 1050)).isNotNegative();
    assertThat(t.find(ids[50], 1051)).isEqualTo(-1); // another address: not this probe
    t.complete(t.find(ids[50], 1050));
    assertThat(t.find(ids[50], 1050)).isEqualTo(-1); // answered already
    t.complete(t.find(ids[0], 1000));
    assertThat(t.sentNanos(t.oldest())).isEqualTo(1);
    t.clear();
    assertThat(t.outstanding()).isZero();
    assertThat(t.find(ids[60], 1060)).isEqualTo(-1);
    assertThat(t.oldest()).isEqualTo(-1);
  }
}
