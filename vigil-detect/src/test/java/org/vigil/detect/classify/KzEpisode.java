// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.vigil.detect.classify.Kz.BLACKOUT_END;
import static org.vigil.detect.classify.Kz.BLACKOUT_START;
import static org.vigil.detect.classify.Kz.KCELL;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.NUR_SULTAN;
import static org.vigil.detect.classify.Kz.TELE2;
import static org.vigil.detect.classify.Kz.ev;
import static org.vigil.detect.classify.Kz.utc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kazakhstan episode as detector events, simplified from KAZAKHSTAN-2022.md: platform blocking
 * from Jan 4, Kcell and Tele2 throttled from Jan 4 16:00, a nationwide blackout from Jan 5 10:30 to
 * Jan 11 02:15 in 15 of 17 regions while BGP stays visible, Nur-Sultan's daily on/off, and a
 * country-level restoration that failed on Jan 6. The end of platform blocking is not in the
 * record; Jan 10 is chosen.
 */
final class KzEpisode {
  private KzEpisode() {}

  static final CountryContext CONTEXT =
      CountryContext.of("KZ")
          .withRegionsWithData(17)
          .withAddressShares(Map.of("9198", 0.55, "29355", 0.08, "48503", 0.07))
          .withZone(Kz.LOCAL);

  static final Set<SignalFamily> ALL =
      EnumSet.of(SignalFamily.BGP, SignalFamily.PROBE, SignalFamily.TRAFFIC, SignalFamily.OONI);

  static List<SignalEvent> platforms() {
    List<SignalEvent> out = new ArrayList<>();
    for (String p : List.of("whatsapp", "telegram", "signal")) {
      out.add(ev(KZ, "ooni." + p + ".blocked_ratio", utc(4, 6, 0), utc(10, 0, 0), Double.NaN));
    }
    return out;
  }

  static List<SignalEvent> throttling(org.vigil.core.Entity network, double lowest) {
    return List.of(ev(network, "traffic.requests", utc(4, 16, 0), BLACKOUT_START, lowest));
  }

  static List<SignalEvent> blackout() {
    return List.of(
        ev(KZ, "probe.up_slash24", BLACKOUT_START, BLACKOUT_END, 0.02),
        ev(KZ, "traffic.requests", BLACKOUT_START + 900, BLACKOUT_END, 0.02));
  }

  static List<SignalEvent> regions() {
    List<SignalEvent> out = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      if (!Kz.REGIONS[i].equals(NUR_SULTAN.code())) {
        out.add(
            ev(Kz.region(Kz.REGIONS[i]), "probe.up_slash24", BLACKOUT_START, BLACKOUT_END, 0.03));
      }
    }
    return out;
  }

  static List<SignalEvent> nurSultan() {
    return PatternTest.nurSultan();
  }

  static List<SignalEvent> all() {
    List<SignalEvent> out = new ArrayList<>();
    out.addAll(platforms());
    out.addAll(throttling(KCELL, 0.35));
    out.addAll(throttling(TELE2, 0.4));
    out.addAll(blackout());
    out.addAll(regions());
    out.addAll(nurSultan());
    return out;
  }

  /** The country's probing ratio, hourly from Jan 5 00:00: cut, back for 3 h on Jan 6, cut. */
  static RatioTrack countryTrack() {
    double[] r = new double[8 * 24];
    Arrays.fill(r, 1.0);
    int cut = 11; // 10:30 falls in the bin of 10:00; the bin of 11:00 is the first wholly cut
    Arrays.fill(r, cut, 24, 0.02);
    Arrays.fill(r, 24, 27, 0.6);
    Arrays.fill(r, 27, 6 * 24 + 2, 0.02);
    return new RatioTrack(utc(5, 0, 0), 3_600, r);
  }

  /** Every entity's event, classified. */
  static List<ClassifiedEvent> classified() {
    List<SignalEvent> all = all();
    List<ClassifiedEvent> out = new ArrayList<>();
    out.add(ClassifiedEvent.classify(platforms(), all, ALL, CONTEXT, null));
    out.add(
        ClassifiedEvent.classify(
            throttling(KCELL, 0.35),
            all,
            EnumSet.of(SignalFamily.PROBE, SignalFamily.TRAFFIC),
            CONTEXT,
            null));
    out.add(
        ClassifiedEvent.classify(
            throttling(TELE2, 0.4),
            all,
            EnumSet.of(SignalFamily.PROBE, SignalFamily.TRAFFIC),
            CONTEXT,
            null));
    out.add(ClassifiedEvent.classify(blackout(), all, ALL, CONTEXT, countryTrack()));
    for (SignalEvent region : regions()) {
      out.add(
          ClassifiedEvent.classify(
              List.of(region), all, EnumSet.of(SignalFamily.PROBE), CONTEXT, null));
    }
    for (SignalEvent cut : nurSultan()) {
      out.add(
          ClassifiedEvent.classify(
              List.of(cut), all, EnumSet.of(SignalFamily.PROBE), CONTEXT, null));
    }
    return out;
  }
}
