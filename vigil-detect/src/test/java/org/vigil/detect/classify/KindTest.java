// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.detect.classify.Kz.BLACKOUT_START;
import static org.vigil.detect.classify.Kz.HOUR;
import static org.vigil.detect.classify.Kz.KCELL;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.ev;
import static org.vigil.detect.classify.Kz.utc;
import static org.vigil.detect.classify.SignalFamily.BGP;
import static org.vigil.detect.classify.SignalFamily.OONI;
import static org.vigil.detect.classify.SignalFamily.PROBE;
import static org.vigil.detect.classify.SignalFamily.TELESCOPE;
import static org.vigil.detect.classify.SignalFamily.TRAFFIC;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KindTest {
  static final long T = BLACKOUT_START;
  static final Set<SignalFamily> ALL = EnumSet.of(BGP, PROBE, TRAFFIC, OONI);

  @Test
  void kazakhstanJanuaryFifthIsABlackoutWhileBgpStaysVisible() {
    // Traffic at about 2 %, probing collapsed, BGP with data but no event.
    List<SignalEvent> events =
        List.of(
            ev(KZ, "traffic.requests", T, null, 0.02), ev(KZ, "probe.up_slash24", T, null, 0.03));
    assertThat(Kind.classify(events, ALL)).contains(Kind.BLACKOUT);
  }

  @Test
  void aBlackoutNeedsEveryDataPlaneSignalNearZero() {
    List<SignalEvent> events =
        List.of(
            ev(KZ, "traffic.requests", T, null, 0.02), ev(KZ, "probe.up_slash24", T, null, 0.3));
    assertThat(Kind.classify(events, ALL)).contains(Kind.OUTAGE);
    // A data-plane family with data but no event is not near zero either.
    assertThat(
            Kind.classify(
                List.of(ev(KZ, "probe.up_slash24", T, null, 0.01)), EnumSet.of(PROBE, TELESCOPE)))
        .contains(Kind.OUTAGE);
    // Exactly a tenth is near zero.
    assertThat(Kind.classify(List.of(ev(KZ, "probe.up_slash24", T, null, 0.1)), Set.of()))
        .contains(Kind.BLACKOUT);
  }

  @Test
  void kcellTrafficDownWithProbingUpIsThrottling() {
    // Jan 4 after 16:00 UTC: Kcell's traffic fell "not to zero"; its addresses kept answering.
    List<SignalEvent> events = List.of(ev(KCELL, "traffic.requests", utc(4, 16, 0), null, 0.35));
    assertThat(Kind.classify(events, EnumSet.of(PROBE, TRAFFIC))).contains(Kind.THROTTLING);
    // Probing dipped, but stayed up (at or above 80 %).
    List<SignalEvent> withDip =
        List.of(
            ev(KCELL, "traffic.requests", utc(4, 16, 0), null, 0.35),
            ev(KCELL, "probe.up_slash24", utc(4, 17, 0), utc(4, 18, 0), 0.8));
    assertThat(Kind.classify(withDip, EnumSet.of(PROBE, TRAFFIC))).contains(Kind.THROTTLING);
  }

  @Test
  void trafficDownIsNotThrottlingWhenProbingFellOrIsNotMeasured() {
    List<SignalEvent> both =
        List.of(
            ev(KCELL, "traffic.requests", utc(4, 16, 0), null, 0.35),
            ev(KCELL, "probe.up_slash24", utc(4, 16, 0), null, 0.6));
    assertThat(Kind.classify(both, EnumSet.of(PROBE, TRAFFIC))).contains(Kind.OUTAGE);
    List<SignalEvent> trafficOnly = List.of(ev(KCELL, "traffic.requests", T, null, 0.35));
    assertThat(Kind.classify(trafficOnly, EnumSet.of(TRAFFIC))).contains(Kind.OUTAGE);
  }

  @Test
  void ooniAnomaliesWithConnectivityNormalArePlatformBlocking() {
    List<SignalEvent> events =
        List.of(
            ev(KZ, "ooni.whatsapp.blocked_ratio", utc(4, 6, 0), null, Double.NaN),
            ev(KZ, "ooni.telegram.blocked_ratio", utc(4, 7, 0), null, Double.NaN));
    assertThat(Kind.classify(events, ALL)).contains(Kind.PLATFORM_BLOCKING);
  }

  @Test
  void ooniAnomaliesDuringABlackoutDoNotMakeItPlatformBlocking() {
    List<SignalEvent> events =
        List.of(
            ev(KZ, "ooni.whatsapp.blocked_ratio", utc(4, 6, 0), null, Double.NaN),
            ev(KZ, "probe.up_slash24", T, null, 0.02));
    assertThat(Kind.classify(events, EnumSet.of(PROBE, OONI))).contains(Kind.BLACKOUT);
  }

  @Test
  void aBgpFallIsAnOutageOnlyWithoutDataPlaneData() {
    List<SignalEvent> bgp = List.of(ev(KZ, "bgp.visible_slash24", T, T + HOUR, 0.1));
    assertThat(Kind.classify(bgp, EnumSet.of(BGP))).contains(Kind.OUTAGE);
    // Packets still flowed: a BGP dip alone cut nobody off.
    assertThat(Kind.classify(bgp, EnumSet.of(BGP, PROBE))).isEmpty();
    assertThat(Kind.classify(List.of(), ALL)).isEmpty();
    assertThat(Kind.classify(List.of(ev(KZ, "index.latency", T, null, 0.5)), ALL)).isEmpty();
  }

  @Test
  void keysAreTheApiNames() {
    assertThat(Kind.PLATFORM_BLOCKING.key()).isEqualTo("platform-blocking");
    assertThat(Kind.BLACKOUT.key()).isEqualTo("blackout");
    assertThat(Kind.THROTTLING.key()).isEqualTo("throttling");
    assertThat(Kind.OUTAGE.key()).isEqualTo("outage");
  }
}
