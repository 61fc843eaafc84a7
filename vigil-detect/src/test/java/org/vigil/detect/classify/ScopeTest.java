// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.detect.classify.Kz.ALMATY;
import static org.vigil.detect.classify.Kz.BLACKOUT_START;
import static org.vigil.detect.classify.Kz.HOUR;
import static org.vigil.detect.classify.Kz.KAZAKHTELECOM;
import static org.vigil.detect.classify.Kz.KCELL;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.TELE2;
import static org.vigil.detect.classify.Kz.ev;
import static org.vigil.detect.classify.Kz.utc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeTest {
  static final long T = BLACKOUT_START;
  static final Map<String, Double> SHARES = Map.of("9198", 0.55, "29355", 0.08, "48503", 0.07);
  static final CountryContext KZ17 = CountryContext.of("KZ").withRegionsWithData(17);

  static List<SignalEvent> regionsDown(int n, long start, long end) {
    List<SignalEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ev(Kz.region(Kz.REGIONS[i]), "probe.up_slash24", start, end, 0.02));
    }
    return out;
  }

  @Test
  void mostRegionsDownTogetherIsNationwide() {
    List<SignalEvent> events = new ArrayList<>(regionsDown(15, T, T + 10 * HOUR));
    events.add(ev(KZ, "probe.up_slash24", T, T + 10 * HOUR, 0.03));
    assertThat(Scope.classify(KZ, events, KZ17)).isEqualTo(Scope.NATIONWIDE);
    // Every entity's event in a nationwide cut is part of it.
    assertThat(Scope.classify(ALMATY, events, KZ17)).isEqualTo(Scope.NATIONWIDE);
    assertThat(Scope.classify(KCELL, events, KZ17)).isEqualTo(Scope.NATIONWIDE);
  }

  @Test
  void almatyAloneIsRegional() {
    List<SignalEvent> events =
        List.of(
            ev(ALMATY, "probe.up_slash24", T, null, 0.01),
            ev(KZ, "probe.up_slash24", T, null, 0.7));
    assertThat(Scope.classify(KZ, events, KZ17)).isEqualTo(Scope.REGIONAL);
    assertThat(Scope.classify(ALMATY, events, KZ17)).isEqualTo(Scope.REGIONAL);
  }

  @Test
  void aWaveOfRegionsOneAfterAnotherIsNotNationwide() {
    List<SignalEvent> events = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      events.add(
          ev(Kz.region(Kz.REGIONS[i]), "probe.up_slash24", T + i * HOUR, T + (i + 1) * HOUR, 0.02));
    }
    assertThat(Scope.classify(KZ, events, KZ17)).isEqualTo(Scope.REGIONAL);
  }

  @Test
  void kcellAndTele2AloneAreNetworkScope() {
    CountryContext kz = KZ17.withAddressShares(SHARES);
    long t = utc(4, 16, 0);
    List<SignalEvent> events =
        List.of(
            ev(KCELL, "traffic.requests", t, null, 0.35),
            ev(TELE2, "traffic.requests", t, null, 0.4),
            ev(KZ, "traffic.requests", t, null, 0.55));
    assertThat(Scope.classify(KCELL, events, kz)).isEqualTo(Scope.NETWORK);
    // The country's own drop is explained by the networks.
    assertThat(Scope.classify(KZ, events, kz)).isEqualTo(Scope.NETWORK);
  }

  @Test
  void networksHoldingMostOfTheAddressSpaceDownTogetherAreNationwide() {
    CountryContext kz = KZ17.withAddressShares(SHARES);
    List<SignalEvent> events =
        List.of(
            ev(KAZAKHTELECOM, "probe.up_slash24", T, T + 5 * HOUR, 0.02),
            ev(KCELL, "probe.up_slash24", T + HOUR, T + 6 * HOUR, 0.02));
    assertThat(Scope.classify(KCELL, events, kz)).isEqualTo(Scope.NATIONWIDE);
    // Two small networks, one after the other.
    List<SignalEvent> apart =
        List.of(
            ev(KCELL, "probe.up_slash24", T, T + HOUR, 0.02),
            ev(TELE2, "probe.up_slash24", T + HOUR, T + 2 * HOUR, 0.02));
    assertThat(Scope.classify(KCELL, apart, kz)).isEqualTo(Scope.NETWORK);
    // Shares that add up to exactly half are not most.
    CountryContext half = KZ17.withAddressShares(Map.of("29355", 0.3, "48503", 0.2));
    List<SignalEvent> together =
        List.of(
            ev(KCELL, "probe.up_slash24", T, T + HOUR, 0.02),
            ev(TELE2, "probe.up_slash24", T, T + HOUR, 0.02));
    assertThat(Scope.classify(KCELL, together, half)).isEqualTo(Scope.NETWORK);
  }

  @Test
  void aCountryWithoutBreakdownIsNationwideWhenMoreThanHalfIsGone() {
    CountryContext noRegions = CountryContext.of("KZ");
    assertThat(Scope.classify(KZ, List.of(ev(KZ, "probe.up_slash24", T, null, 0.02)), noRegions))
        .isEqualTo(Scope.NATIONWIDE);
    assertThat(Scope.classify(KZ, List.of(ev(KZ, "probe.up_slash24", T, null, 0.6)), noRegions))
        .isEqualTo(Scope.REGIONAL);
    // Regional data that shows no region down contradicts a nationwide reading.
    assertThat(Scope.classify(KZ, List.of(ev(KZ, "probe.up_slash24", T, null, 0.02)), KZ17))
        .isEqualTo(Scope.REGIONAL);
  }

  @Test
  void platformBlockingIsNationwideOnTheCountryAggregateAndNetworkOnOneNetwork() {
    long t = utc(4, 6, 0);
    assertThat(
            Scope.classify(
                KZ, List.of(ev(KZ, "ooni.whatsapp.blocked_ratio", t, null, Double.NaN)), KZ17))
        .isEqualTo(Scope.NATIONWIDE);
    assertThat(
            Scope.classify(
                KCELL,
                List.of(ev(KCELL, "ooni.whatsapp.blocked_ratio", t, null, Double.NaN)),
                KZ17.withAddressShares(SHARES)))
        .isEqualTo(Scope.NETWORK);
  }

  @Test
  void needsEvents() {
    assertThatThrownBy(() -> Scope.classify(KZ, List.of(), KZ17))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Scope.NATIONWIDE.key()).isEqualTo("nationwide");
    assertThat(Scope.REGIONAL.key()).isEqualTo("regional");
    assertThat(Scope.NETWORK.key()).isEqualTo("network");
  }
}
