// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.detect.classify.Kz.ALMATY;
import static org.vigil.detect.classify.Kz.BLACKOUT_END;
import static org.vigil.detect.classify.Kz.BLACKOUT_START;
import static org.vigil.detect.classify.Kz.KCELL;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.NUR_SULTAN;
import static org.vigil.detect.classify.Kz.ev;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.core.SignalKey;
import org.vigil.detect.Level;
import org.vigil.detect.SeriesEvent;

class ClassifiedEventTest {
  static ClassifiedEvent of(org.vigil.core.Entity e) {
    return KzEpisode.classified().stream().filter(c -> c.entity().equals(e)).findFirst().get();
  }

  @Test
  void theNationwideBlackoutIsADataPlaneCutWhoseRestorationFailed() {
    ClassifiedEvent kz =
        KzEpisode.classified().stream()
            .filter(c -> c.entity().equals(KZ) && c.kind() == Kind.BLACKOUT)
            .findFirst()
            .get();
    assertThat(kz.start()).isEqualTo(BLACKOUT_START);
    assertThat(kz.end()).isEqualTo(BLACKOUT_END);
    assertThat(kz.scope()).isEqualTo(Scope.NATIONWIDE);
    assertThat(kz.mechanism()).isEqualTo(Mechanism.DATA_PLANE_CUT);
    assertThat(kz.restoration()).isEqualTo(Restoration.UNSTABLE);
    assertThat(kz.pattern()).isNull();
    assertThat(kz.lowestDataPlaneRatio()).isEqualTo(0.02);
  }

  @Test
  void platformBlockingIsNationwideWithoutAMechanism() {
    ClassifiedEvent blocking =
        KzEpisode.classified().stream()
            .filter(c -> c.kind() == Kind.PLATFORM_BLOCKING)
            .findFirst()
            .get();
    assertThat(blocking.entity()).isEqualTo(KZ);
    assertThat(blocking.scope()).isEqualTo(Scope.NATIONWIDE);
    assertThat(blocking.mechanism()).isNull();
    assertThat(blocking.restoration()).isNull();
    assertThat(blocking.platforms()).containsExactly("signal", "telegram", "whatsapp");
    assertThat(blocking.lowestDataPlaneRatio()).isNaN();
  }

  @Test
  void kcellIsThrottledOnItsOwnNetwork() {
    ClassifiedEvent kcell = of(KCELL);
    assertThat(kcell.kind()).isEqualTo(Kind.THROTTLING);
    assertThat(kcell.scope()).isEqualTo(Scope.NETWORK);
    assertThat(kcell.mechanism()).isEqualTo(Mechanism.UNKNOWN); // no BGP data given for it
  }

  @Test
  void nurSultansCutsAreCurfewStyleBlackoutsWithinTheNationwideOne() {
    List<ClassifiedEvent> ns =
        KzEpisode.classified().stream().filter(c -> c.entity().equals(NUR_SULTAN)).toList();
    assertThat(ns).hasSize(4);
    assertThat(ns).allSatisfy(c -> assertThat(c.pattern()).isEqualTo(Pattern.CURFEW));
    assertThat(ns).allSatisfy(c -> assertThat(c.kind()).isEqualTo(Kind.BLACKOUT));
    assertThat(ns).allSatisfy(c -> assertThat(c.scope()).isEqualTo(Scope.NATIONWIDE));
    assertThat(ns).allSatisfy(c -> assertThat(c.mechanism()).isEqualTo(Mechanism.UNKNOWN));
  }

  @Test
  void aRegionalCutAloneIsRegional() {
    long t = BLACKOUT_END + 10 * Kz.DAY;
    SignalEvent almaty = ev(ALMATY, "probe.up_slash24", t, null, 0.3);
    ClassifiedEvent c =
        ClassifiedEvent.classify(
            List.of(almaty),
            List.of(almaty),
            EnumSet.of(SignalFamily.PROBE, SignalFamily.BGP),
            KzEpisode.CONTEXT,
            null);
    assertThat(c.scope()).isEqualTo(Scope.REGIONAL);
    assertThat(c.kind()).isEqualTo(Kind.OUTAGE);
    assertThat(c.mechanism()).isEqualTo(Mechanism.DATA_PLANE_CUT);
    assertThat(c.end()).isNull();
  }

  @Test
  void readsDetectorEventsAndRefusesMixedEntities() {
    SeriesEvent detected = new SeriesEvent(100, 400L, Level.CRITICAL, 1000, 0.05, 950, "blackout");
    SignalEvent e = SignalEvent.of(new SignalKey(ALMATY, "probe.up_slash24"), detected);
    assertThat(e).isEqualTo(ev(ALMATY, "probe.up_slash24", 100, 400L, 0.05));
    assertThat(e.family()).isEqualTo(SignalFamily.PROBE);
    SignalEvent other = ev(KZ, "probe.up_slash24", 100, 400L, 0.05);
    assertThatThrownBy(
            () ->
                ClassifiedEvent.classify(
                    List.of(e, other),
                    List.of(),
                    EnumSet.noneOf(SignalFamily.class),
                    KzEpisode.CONTEXT,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ev(KZ, "probe.x", 100, 100L, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SignalFamily.of("telescope.unique_sources").dataPlane()).isTrue();
    assertThat(SignalFamily.of("bgp").connectivity()).isTrue();
    assertThat(SignalFamily.of("index.latency")).isEqualTo(SignalFamily.OTHER);
  }
}
