// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.detect.classify.Kz.BLACKOUT_START;
import static org.vigil.detect.classify.Kz.HOUR;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.ev;
import static org.vigil.detect.classify.SignalFamily.BGP;
import static org.vigil.detect.classify.SignalFamily.PROBE;
import static org.vigil.detect.classify.SignalFamily.TRAFFIC;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MechanismTest {
  static final long T = BLACKOUT_START;

  @Test
  void kazakhstanRoutesStayedWhilePacketsStoppedDataPlaneCut() {
    // BGP has data and no event: the networks stayed visible.
    List<SignalEvent> events =
        List.of(
            ev(KZ, "probe.up_slash24", T, null, 0.03), ev(KZ, "traffic.requests", T, null, 0.02));
    assertThat(Mechanism.classify(events, EnumSet.of(BGP, PROBE, TRAFFIC)))
        .contains(Mechanism.DATA_PLANE_CUT);
    // A spike of updates and a small dip in visible /24s is still a data-plane cut.
    List<SignalEvent> withDip =
        List.of(
            ev(KZ, "probe.up_slash24", T, null, 0.03),
            ev(KZ, "bgp.visible_slash24", T + HOUR / 4, T + HOUR, 0.9));
    assertThat(Mechanism.classify(withDip, EnumSet.of(BGP, PROBE)))
        .contains(Mechanism.DATA_PLANE_CUT);
  }

  @Test
  void visibilityFallingWithTheDataPlaneIsARoutingWithdrawal() {
    List<SignalEvent> events =
        List.of(
            ev(KZ, "probe.up_slash24", T, null, 0.03),
            ev(KZ, "bgp.visible_slash24", T, null, 0.05));
    assertThat(Mechanism.classify(events, EnumSet.of(BGP, PROBE)))
        .contains(Mechanism.ROUTING_WITHDRAWAL);
    // A partial withdrawal that explains a partial loss: 30 % of routes gone, 40 % of reachability.
    List<SignalEvent> partial =
        List.of(
            ev(KZ, "probe.up_slash24", T, null, 0.6), ev(KZ, "bgp.visible_slash24", T, null, 0.7));
    assertThat(Mechanism.classify(partial, EnumSet.of(BGP, PROBE)))
        .contains(Mechanism.ROUTING_WITHDRAWAL);
    // BGP alone, with no data-plane data to say otherwise.
    assertThat(
            Mechanism.classify(
                List.of(ev(KZ, "bgp.visible_slash24", T, null, 0.1)), EnumSet.of(BGP)))
        .contains(Mechanism.ROUTING_WITHDRAWAL);
  }

  @Test
  void withoutBgpDataTheMechanismIsUnknown() {
    List<SignalEvent> events = List.of(ev(KZ, "probe.up_slash24", T, null, 0.03));
    assertThat(Mechanism.classify(events, EnumSet.of(PROBE))).contains(Mechanism.UNKNOWN);
  }

  @Test
  void nothingToExplainWithoutAConnectivityLoss() {
    List<SignalEvent> ooni = List.of(ev(KZ, "ooni.signal.blocked_ratio", T, null, Double.NaN));
    assertThat(Mechanism.classify(ooni, EnumSet.of(BGP, PROBE))).isEmpty();
    // A BGP dip while probing, which has data, stayed normal.
    List<SignalEvent> bgpDip = List.of(ev(KZ, "bgp.visible_slash24", T, T + HOUR, 0.97));
    assertThat(Mechanism.classify(bgpDip, EnumSet.of(BGP, PROBE))).isEmpty();
  }

  @Test
  void keysAreTheApiNames() {
    assertThat(Mechanism.DATA_PLANE_CUT.key()).isEqualTo("data-plane-cut");
    assertThat(Mechanism.ROUTING_WITHDRAWAL.key()).isEqualTo("routing-withdrawal");
    assertThat(Mechanism.UNKNOWN.key()).isEqualTo("unknown");
  }
}
