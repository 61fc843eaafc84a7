// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.classify.InputRef;
import org.vigil.detect.classify.Kind;
import org.vigil.detect.classify.Mechanism;
import org.vigil.detect.classify.Pattern;
import org.vigil.detect.classify.Restoration;
import org.vigil.detect.classify.Scope;
import org.vigil.detect.classify.SignalEvent;

/**
 * A labelled multi-signal episode after Kazakhstan, January 2022 (KAZAKHSTAN-2022.md), as published
 * events with ids and input files: platform blocking from Jan 4, Kcell and Tele2 throttled from Jan
 * 4 16:00, a nationwide blackout from Jan 5 10:30 to Jan 11 02:15 in five named regions while BGP
 * visibility dipped only to 97 %, an unstable restoration, and Nur-Sultan's daily on/off (the TASS
 * times). Every class here is a label, not the output of the rules. The end of platform blocking is
 * not in the public record; Jan 10 is chosen.
 */
final class KzLabelled {
  private KzLabelled() {}

  static final ZoneId ALMATY = ZoneId.of("Asia/Almaty"); // UTC+6 in January 2022
  static final Entity KZ = new Entity(EntityType.COUNTRY, "KZ", "Kazakhstan", "KZ");
  static final Entity KCELL = new Entity(EntityType.ASN, "29355", "Kcell JSC", null);
  static final Entity TELE2 =
      new Entity(EntityType.ASN, "48503", "Mobile Telecom-Service LLP", null);
  static final Entity NUR_SULTAN = region("KZ-71", "Nur-Sultan");

  static final InputRef OONI =
      new InputRef("/data/kz/ooni-kz-2022-01.jsonl.gz", "3b7f0e9c41d2a8f5e6b1c0d9a7e4f3b2");
  static final InputRef TRAFFIC =
      new InputRef("/data/kz/traffic-kz.csv", "9d2e4c6a8b0f1e3d5c7a9b1d3f5e7a9c");
  static final InputRef TRAFFIC_ASN =
      new InputRef("/data/kz/traffic-asn.csv", "c4a1e7b9d3f5a2c8e6b0d4f2a8c6e1b3");
  static final InputRef PROBE =
      new InputRef("/data/kz/probe-kz.csv", "e8b2d6f0a4c8e2b6d0f4a8c2e6b0d4f8");
  static final InputRef BGP =
      new InputRef("/data/kz/updates.20220105.1045.gz", "1f3e5d7c9b2a4f6e8d0c2b4a6f8e0d2c");

  static Entity region(String code, String name) {
    return new Entity(EntityType.REGION, code, name, "KZ");
  }

  static long utc(int day, int hour, int minute) {
    return LocalDateTime.of(2022, 1, day, hour, minute).toEpochSecond(ZoneOffset.UTC);
  }

  static long local(int day, int hour, int minute) {
    return LocalDateTime.of(2022, 1, day, hour, minute).toEpochSecond(ZoneOffset.ofHours(6));
  }

  static final long BLACKOUT_START = utc(5, 10, 30);
  static final long BLACKOUT_END = utc(11, 2, 15);

  static SignalEvent sig(Entity e, String signal, long start, Long end, double lowest) {
    return new SignalEvent(e, signal, start, end, lowest);
  }

  static ClassifiedEvent event(
      String id,
      Entity e,
      Scope scope,
      Kind kind,
      Mechanism mechanism,
      Pattern pattern,
      Restoration restoration,
      List<SignalEvent> signals,
      InputRef... inputs) {
    long start = Long.MAX_VALUE;
    long until = Long.MIN_VALUE;
    for (SignalEvent s : signals) {
      start = Math.min(start, s.start());
      until = Math.max(until, s.until());
    }
    return new ClassifiedEvent(
            e,
            start,
            until == Long.MAX_VALUE ? null : until,
            scope,
            kind,
            mechanism,
            pattern,
            restoration,
            signals)
        .withProvenance(id, List.of(inputs));
  }

  static List<ClassifiedEvent> events() {
    List<ClassifiedEvent> out = new ArrayList<>();
    List<SignalEvent> blocking = new ArrayList<>();
    for (String p : List.of("whatsapp", "telegram", "signal")) {
      blocking.add(sig(KZ, "ooni." + p + ".anomaly_ratio", utc(4, 6, 0), utc(10, 0, 0), 0.0));
    }
    out.add(
        event(
            "0b7c31d2e4f5",
            KZ,
            Scope.NATIONWIDE,
            Kind.PLATFORM_BLOCKING,
            null,
            null,
            null,
            blocking,
            OONI));
    out.add(
        event(
            "5a9e0c2b7d14",
            KCELL,
            Scope.NETWORK,
            Kind.THROTTLING,
            Mechanism.UNKNOWN,
            null,
            null,
            List.of(sig(KCELL, "traffic.requests", utc(4, 16, 0), BLACKOUT_START, 0.35)),
            TRAFFIC_ASN));
    out.add(
        event(
            "c3f81a6d09e2",
            TELE2,
            Scope.NETWORK,
            Kind.THROTTLING,
            Mechanism.UNKNOWN,
            null,
            null,
            List.of(sig(TELE2, "traffic.requests", utc(4, 16, 0), BLACKOUT_START, 0.4)),
            TRAFFIC_ASN));
    out.add(
        event(
            "7e2d5b8a1c30",
            KZ,
            Scope.NATIONWIDE,
            Kind.BLACKOUT,
            Mechanism.DATA_PLANE_CUT,
            null,
            Restoration.UNSTABLE,
            List.of(
                sig(KZ, "probe.up_slash24", BLACKOUT_START, BLACKOUT_END, 0.03),
                sig(KZ, "traffic.requests", BLACKOUT_START + 900, BLACKOUT_END, 0.02),
                sig(KZ, "bgp.visible_slash24", utc(5, 10, 45), utc(5, 12, 0), 0.97)),
            PROBE,
            TRAFFIC,
            BGP));
    String[][] regions = {
      {"KZ-75", "Almaty", "41d09c7b2e58"},
      {"KZ-79", "Shymkent", "8f36a2e0d5c1"},
      {"KZ-35", "Karaganda", "2c7b9e4f1a06"},
      {"KZ-47", "Mangystau", "d95e03b8c7a2"},
      {"KZ-15", "Aktobe", "6a0f4d2c9e83"}
    };
    for (String[] r : regions) {
      Entity e = region(r[0], r[1]);
      out.add(
          event(
              r[2],
              e,
              Scope.NATIONWIDE,
              Kind.BLACKOUT,
              Mechanism.UNKNOWN,
              null,
              null,
              List.of(sig(e, "probe.up_slash24", BLACKOUT_START, BLACKOUT_END, 0.04)),
              PROBE));
    }
    long[][] nurSultan = {
      {local(6, 19, 40), local(7, 9, 0)},
      {local(7, 12, 0), local(8, 9, 0)},
      {local(8, 15, 40), local(9, 9, 30)},
      {local(9, 12, 0), local(10, 8, 0)}
    };
    String[] ids = {"b1e6f2a9d037", "e04c7d3b8a1f", "93a5c1f7e2d8", "f7d2b0e95c4a"};
    for (int i = 0; i < nurSultan.length; i++) {
      out.add(
          event(
              ids[i],
              NUR_SULTAN,
              Scope.REGIONAL,
              Kind.BLACKOUT,
              Mechanism.UNKNOWN,
              Pattern.CURFEW,
              null,
              List.of(sig(NUR_SULTAN, "probe.up_slash24", nurSultan[i][0], nurSultan[i][1], 0.05)),
              PROBE));
    }
    return out;
  }

  static Episode episode() {
    List<Episode> all = Episode.group("KZ", events());
    if (all.size() != 1) {
      throw new IllegalStateException("the labelled episode is one episode, got " + all.size());
    }
    return all.get(0);
  }

  /**
   * Kazakhstan's standing as Freedom House published it: Freedom in the World 2022 from the FIW
   * 2013-2024 data (Not Free, 23); the other two statuses as Freedom House's statement of 6 January
   * 2022 gives them, without scores (none are in the shared data).
   */
  static List<CountryRating> ratings() {
    InputRef fiw = new InputRef("/data/FIW13-24.csv", "39fda736d7a67400c1b2");
    InputRef other = new InputRef("/data/fh-other-kz.csv", "5e1d2c3b4a596877");
    return List.of(
        new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2022, "NF", 23.0, fiw),
        new CountryRating("KZ", CountryRating.FREEDOM_ON_THE_NET, 2022, "NF", null, other),
        new CountryRating(
            "KZ",
            CountryRating.NATIONS_IN_TRANSIT,
            2022,
            "Consolidated Authoritarian Regime",
            null,
            other));
  }
}
