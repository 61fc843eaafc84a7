// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.detect.classify.Kz.HOUR;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.LOCAL;
import static org.vigil.detect.classify.Kz.NUR_SULTAN;
import static org.vigil.detect.classify.Kz.ev;
import static org.vigil.detect.classify.Kz.local;
import static org.vigil.detect.classify.Kz.utc;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternTest {
  static SignalEvent cut(long start, Long end) {
    return ev(NUR_SULTAN, "probe.up_slash24", start, end, 0.02);
  }

  /**
   * Nur-Sultan, from TASS via iz.ru (REFERENCE.md §5.1), in local time. The record gives no time
   * for the restorations of Jan 7 and Jan 10; 09:00 and 08:00 local are chosen, like the others.
   */
  static List<SignalEvent> nurSultan() {
    return List.of(
        cut(local(6, 19, 40), local(7, 9, 0)),
        cut(local(7, 12, 0), local(8, 9, 0)),
        cut(local(8, 15, 40), local(9, 9, 30)),
        cut(local(9, 12, 0), local(10, 8, 0)));
  }

  @Test
  void nurSultanOnOffIsACurfewByItsMorningRestorations() {
    assertThat(Pattern.classify(nurSultan(), LOCAL)).contains(Pattern.CURFEW);
    // Every one of its cuts takes part.
    for (SignalEvent e : nurSultan()) {
      assertThat(Pattern.classify(nurSultan(), LOCAL, e.start())).contains(Pattern.CURFEW);
    }
  }

  @Test
  void nightlyCutsAtTheSameHourOnThreeDaysAreACurfew() {
    // 23:00-07:00 local, Nur-Sultan's announced curfew.
    List<SignalEvent> nights = new ArrayList<>();
    for (int d = 8; d < 11; d++) {
      nights.add(cut(local(d, 23, 0), local(d + 1, 7, 0)));
    }
    assertThat(Pattern.classify(nights, LOCAL)).contains(Pattern.CURFEW);
    // Two nights are not enough.
    assertThat(Pattern.classify(nights.subList(0, 2), LOCAL)).isEmpty();
    // Three nights with one skipped are not consecutive.
    List<SignalEvent> skipped =
        List.of(nights.get(0), nights.get(1), cut(local(11, 23, 0), local(12, 7, 0)));
    assertThat(Pattern.classify(skipped, LOCAL)).isEmpty();
  }

  @Test
  void clockTimesWithinTwoHoursCountAcrossMidnight() {
    List<SignalEvent> ragged =
        List.of(
            cut(local(8, 23, 30), local(9, 5, 0)),
            cut(local(10, 0, 15), local(10, 6, 0)), // the second night's cut came after midnight
            cut(local(10, 23, 50), local(11, 5, 20)));
    assertThat(Pattern.classify(ragged, LOCAL)).contains(Pattern.CURFEW);
    List<SignalEvent> drifting =
        List.of(
            cut(local(8, 20, 0), local(8, 22, 0)),
            cut(local(9, 22, 30), local(10, 1, 0)),
            cut(local(10, 20, 0), local(10, 21, 0)));
    assertThat(Pattern.classify(drifting, LOCAL)).isEmpty();
  }

  @Test
  void localTimeCountsWhenItsClockChanges() {
    // Kyiv switched to summer time on 2022-03-27: 18:30 local on the 27th is 15:30 UTC.
    ZoneId kyiv = ZoneId.of("Europe/Kiev");
    List<SignalEvent> cuts =
        List.of(
            cut(kyivTime(26, 20, 0), kyivTime(26, 23, 0)),
            cut(kyivTime(27, 18, 30), kyivTime(27, 20, 0)),
            cut(kyivTime(28, 19, 0), kyivTime(28, 23, 30)));
    // Starts 20:00, 18:30, 19:00 local are within 2 h; in UTC (18:00, 15:30, 16:00) they are not,
    // and the ends (23:00, 20:00, 23:30 local; 21:00, 17:00, 20:30 UTC) are not either.
    assertThat(Pattern.classify(cuts, kyiv)).contains(Pattern.CURFEW);
    assertThat(Pattern.classify(cuts, ZoneOffset.UTC)).isEmpty();
  }

  static long kyivTime(int day, int hour, int minute) {
    return LocalDateTime.of(2022, 3, day, hour, minute)
        .atZone(ZoneId.of("Europe/Kiev"))
        .toEpochSecond();
  }

  @Test
  void januarySixthRestorationsThatKeptFailingAreIntermittent() {
    // RIPE Atlas: partially back for about 3 h early on Jan 6, then down; back around noon; down.
    List<SignalEvent> kz =
        List.of(
            ev(KZ, "probe.up_slash24", utc(5, 10, 30), utc(6, 0, 0), 0.02),
            ev(KZ, "traffic.requests", utc(5, 10, 45), utc(6, 0, 0), 0.02),
            ev(KZ, "probe.up_slash24", utc(6, 3, 0), utc(6, 12, 0), 0.03),
            ev(KZ, "probe.up_slash24", utc(6, 15, 0), utc(7, 0, 0), 0.04));
    assertThat(Pattern.classify(kz, LOCAL)).contains(Pattern.INTERMITTENT);
  }

  @Test
  void cyclesSpreadOverMoreThanTwoDaysOrNotYetRestoredAreNotIntermittent() {
    List<SignalEvent> slow =
        List.of(
            cut(utc(5, 0, 0), utc(5, 4, 0)),
            cut(utc(6, 2, 0), utc(6, 5, 0)),
            cut(utc(7, 10, 0), utc(7, 12, 0)));
    assertThat(Pattern.classify(slow, LOCAL)).isEmpty();
    List<SignalEvent> ongoing =
        List.of(
            cut(utc(5, 0, 0), utc(5, 4, 0)),
            cut(utc(5, 10, 0), utc(5, 12, 0)),
            cut(utc(6, 1, 0), null));
    assertThat(Pattern.classify(ongoing, LOCAL)).isEmpty();
  }

  @Test
  void aCurfewIsNotAlsoCalledIntermittent() {
    // Three daily cuts whose cycles fit in 48 h: both rules match; curfew wins.
    List<SignalEvent> cuts =
        List.of(
            cut(utc(5, 10, 0), utc(5, 11, 0)),
            cut(utc(6, 9, 0), utc(6, 10, 0)),
            cut(utc(7, 8, 30), utc(7, 9, 30)));
    assertThat(Pattern.classify(cuts, LOCAL)).contains(Pattern.CURFEW);
  }

  @Test
  void aCutOutsideThePatternHasNone() {
    List<SignalEvent> cuts = new ArrayList<>(nurSultan());
    long lone = local(20, 14, 0);
    cuts.add(cut(lone, lone + 3 * HOUR));
    assertThat(Pattern.classify(cuts, LOCAL, lone)).isEmpty();
    assertThat(Pattern.classify(cuts, LOCAL, local(8, 20, 0))).contains(Pattern.CURFEW);
    // Only connectivity events are cuts.
    List<SignalEvent> ooni = new ArrayList<>();
    for (int d = 4; d < 8; d++) {
      ooni.add(ev(KZ, "ooni.whatsapp.blocked_ratio", utc(d, 6, 0), utc(d, 9, 0), Double.NaN));
    }
    assertThat(Pattern.classify(ooni, LOCAL)).isEmpty();
  }

  @Test
  void overlappingSignalsOfOneCutAreOneCut() {
    // Three signals of the same cut on one day are not three cycles.
    List<SignalEvent> oneCut =
        List.of(
            ev(KZ, "probe.up_slash24", utc(5, 10, 30), utc(5, 20, 0), 0.02),
            ev(KZ, "traffic.requests", utc(5, 10, 45), utc(5, 19, 0), 0.02),
            ev(KZ, "bgp.visible_slash24", utc(5, 11, 0), utc(5, 12, 0), 0.95));
    assertThat(Pattern.classify(oneCut, LOCAL)).isEmpty();
    assertThat(Pattern.CURFEW.key()).isEqualTo("curfew");
    assertThat(Pattern.INTERMITTENT.key()).isEqualTo("intermittent");
  }
}
