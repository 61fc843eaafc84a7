// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.time.LocalDateTime;
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
 * A multi-signal episode shaped like the detections of the Kazakhstan reconstruction ({@code vigil
 * demo}): platform blocking on the country and four networks; throttling of the country, Kcell,
 * Tele2 and all 17 regions; a nationwide data-plane blackout over 17 regions and 7 networks, with
 * Transtelecom (AS41798) back four days before the others, Almaty cut twice (111 h in all, about 4
 * h of access on 7 January) and Nur-Sultan cut four times on a curfew pattern. Typed here as a
 * table (id | entity | name | start | end, UTC in January 2022 | kind | scope | pattern | mechanism
 * | restoration | platforms | signal=lowest ratio), with the networks named as RIPE's table loaded
 * from the scenario names them. Every class is a label, not the rules' output.
 */
final class KzReconstruction {
  private KzReconstruction() {}

  static final InputRef OONI =
      new InputRef("/demo/inputs/ooni/raw", "e8af08918a96b8bd375c281d2c55");
  static final InputRef TRAFFIC_REGIONS =
      new InputRef("/demo/inputs/traffic-regions.csv", "41515284c176f0e3a1d2");
  static final InputRef TRAFFIC_NETWORKS =
      new InputRef("/demo/inputs/traffic-networks.csv", "6dc7203fb2ce9a8b7c6d");
  static final InputRef PROBES =
      new InputRef("/demo/inputs/probe-results.csv.gz", "9f4e1bba62f3d2c1b0a9");

  private static final String EVENTS =
      """
      7797d60a5d7d|asn/29355|Kcell JSC|01-04T06:00|01-11T05:00|platform-blocking|network||||signal,telegram,whatsapp|ooni.signal.anomaly_ratio=0.0;ooni.telegram.anomaly_ratio=0.0;ooni.whatsapp.anomaly_ratio=0.0
      0e9b44e148ab|asn/48503|Mobile Telecom-Service LLP (Tele2/ALTEL)|01-04T06:00|01-11T04:00|platform-blocking|network||||signal,telegram,whatsapp|ooni.signal.anomaly_ratio=0.0;ooni.telegram.anomaly_ratio=0.0;ooni.whatsapp.anomaly_ratio=0.0
      44eb3d5972e9|asn/9198|JSC Kazakhtelecom|01-04T06:00|01-11T10:00|platform-blocking|network||||signal,telegram,whatsapp|ooni.signal.anomaly_ratio=0.0;ooni.telegram.anomaly_ratio=0.0;ooni.whatsapp.anomaly_ratio=0.0
      10d89d3a785e|country/KZ|Kazakhstan|01-04T06:00|01-11T03:00|platform-blocking|nationwide||||signal,telegram,web,whatsapp|ooni.signal.anomaly_ratio=0.0;ooni.telegram.anomaly_ratio=0.0;ooni.web.anomaly_ratio=0.0;ooni.whatsapp.anomaly_ratio=0.0
      37be81d696cc|asn/21299|Kar-Tel LLC (Beeline Kazakhstan)|01-04T07:00|01-11T04:00|platform-blocking|network||||signal,telegram,whatsapp|ooni.signal.anomaly_ratio=0.0;ooni.telegram.anomaly_ratio=0.0;ooni.whatsapp.anomaly_ratio=0.0
      516ab3902fc7|asn/29355|Kcell JSC|01-04T16:05|01-05T10:40|throttling|network||data-plane-cut|unstable||traffic.requests=0.283
      71f12b12a153|asn/48503|Mobile Telecom-Service LLP (Tele2/ALTEL)|01-04T16:05|01-05T10:40|throttling|network||data-plane-cut|unstable||traffic.requests=0.28
      a28d7cbdfa46|region/KZ-AKT|Aktjubinskaja oblast'|01-04T16:10|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.648
      494e4182b94e|region/KZ-PAV|Pavlodar oblysy|01-04T16:10|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.643
      d12349157881|region/KZ-ZHA|Zhambyl oblysy|01-04T16:10|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.638
      bc8d683fb5a7|country/KZ|Kazakhstan|01-04T16:15|01-05T10:40|throttling|nationwide||data-plane-cut|||traffic.requests=0.689
      e1c425d5aed7|region/KZ-AKM|Akmolinskaja oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.645
      9dd1e9478383|region/KZ-ALA|Almaty|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.637
      2a05183a445a|region/KZ-ALM|Almatinskaja oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.656
      1acb2f1cb404|region/KZ-AST|Nur-Sultan|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.633
      4ec09226fc54|region/KZ-ATY|Atyrauskaja oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.648
      f72e10f71039|region/KZ-KAR|Karagandinskaja oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.653
      0c5d012289e3|region/KZ-KUS|Kostanajskaja oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.655
      46cd4da1791a|region/KZ-KZY|Kyzylordinskaja oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.651
      6fd64e375741|region/KZ-MAN|Mangghystaū oblysy|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.65
      5f21285a6145|region/KZ-VOS|Shyghys Qazaqstan oblysy|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.653
      85fa0fa25eda|region/KZ-YUZ|Turkestankaya oblast'|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.647
      4bd27a3b2c80|region/KZ-ZAP|Batys Qazaqstan oblysy|01-04T16:15|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.637
      685c115b6970|region/KZ-SEV|Severo-Kazahstanskaja oblast'|01-04T16:20|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.639
      9b8f361fe49f|region/KZ-SHY|Shymkent|01-04T16:20|01-05T10:40|throttling|nationwide||unknown|||traffic.requests=0.648
      49f0c8798286|asn/206026|Kar-Tel LLC (Beeline Kazakhstan)|01-05T10:50|01-11T02:30|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.775;probe.up_slash24=0.0;probe.up_slash24=0.775;probe.up_slash24=0.775;probe.up_slash24=0.0;probe.up_slash24=0.725;probe.up_slash24=0.0;probe.up_slash24=0.025;traffic.requests=0.019
      5dabe7e047b2|asn/21299|Kar-Tel LLC (Beeline Kazakhstan)|01-05T10:50|01-11T02:40|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.725;probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.725;probe.up_slash24=0.0;probe.up_slash24=0.775;probe.up_slash24=0.075;traffic.requests=0.019
      4141c510e275|asn/29355|Kcell JSC|01-05T10:50|01-11T02:30|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.05;traffic.requests=0.018
      ea3eb41eaa84|asn/35104|KTC / Jusan Mobile|01-05T10:50|01-11T02:20|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.75;probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.075;traffic.requests=0.019
      8e3608b9ab8d|asn/41798|JSC Transtelecom|01-05T10:50|01-07T00:10|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;traffic.requests=0.019
      b9fe78d8a5e6|asn/48503|Mobile Telecom-Service LLP (Tele2/ALTEL)|01-05T10:50|01-11T02:30|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.1;traffic.requests=0.018
      1075b10a679a|asn/9198|JSC Kazakhtelecom|01-05T10:50|01-11T02:30|blackout|network||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.75;probe.up_slash24=0.7;probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.15;traffic.requests=0.018
      ce3df23bca70|country/KZ|Kazakhstan|01-05T10:50|01-11T02:30|blackout|nationwide||data-plane-cut|unstable||probe.up_slash24=0.0;probe.up_slash24=0.139;probe.up_slash24=0.207;traffic.requests=0.02
      56e9db0a7d03|region/KZ-AKM|Akmolinskaja oblast'|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.75;probe.up_slash24=0.75;probe.up_slash24=0.75;probe.up_slash24=0.062;probe.up_slash24=0.688;probe.up_slash24=0.75;probe.up_slash24=0.062;probe.up_slash24=0.688;probe.up_slash24=0.062;probe.up_slash24=0.562;probe.up_slash24=0.625;probe.up_slash24=0.062;traffic.requests=0.018
      06b3dee565e8|region/KZ-AKT|Aktjubinskaja oblast'|01-05T10:50|01-11T02:40|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.091;probe.up_slash24=0.727;probe.up_slash24=0.636;probe.up_slash24=0.091;probe.up_slash24=0.091;probe.up_slash24=0.636;probe.up_slash24=0.0;traffic.requests=0.018
      69fc91cf7a78|region/KZ-ALA|Almaty|01-05T10:50|01-07T03:40|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;traffic.requests=0.018
      82cf6a6a0b48|region/KZ-ALM|Almatinskaja oblast'|01-05T10:50|01-11T02:40|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.212;probe.up_slash24=0.212;probe.up_slash24=0.788;probe.up_slash24=0.182;probe.up_slash24=0.182;traffic.requests=0.018
      0858b93900b1|region/KZ-AST|Nur-Sultan|01-05T10:50|01-07T03:20|blackout|nationwide|curfew|unknown|unstable||probe.up_slash24=0.0;traffic.requests=0.018
      5bd07c5e5a3c|region/KZ-ATY|Atyrauskaja oblast'|01-05T10:50|01-11T02:20|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.727;probe.up_slash24=0.455;probe.up_slash24=0.727;probe.up_slash24=0.455;probe.up_slash24=0.455;probe.up_slash24=0.727;probe.up_slash24=0.455;traffic.requests=0.018
      75895fdde6a6|region/KZ-KAR|Karagandinskaja oblast'|01-05T10:50|01-11T02:40|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.053;probe.up_slash24=0.789;probe.up_slash24=0.053;probe.up_slash24=0.684;probe.up_slash24=0.053;probe.up_slash24=0.789;probe.up_slash24=0.789;probe.up_slash24=0.053;traffic.requests=0.019
      2a1476aa80ba|region/KZ-KUS|Kostanajskaja oblast'|01-05T10:50|01-11T02:40|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.167;probe.up_slash24=0.667;probe.up_slash24=0.083;probe.up_slash24=0.75;probe.up_slash24=0.667;probe.up_slash24=0.75;probe.up_slash24=0.167;probe.up_slash24=0.75;probe.up_slash24=0.167;traffic.requests=0.018
      0e383148a6df|region/KZ-KZY|Kyzylordinskaja oblast'|01-05T10:50|01-11T02:40|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.786;probe.up_slash24=0.143;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.071;probe.up_slash24=0.786;probe.up_slash24=0.071;probe.up_slash24=0.714;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.071;traffic.requests=0.018
      8736d2573a47|region/KZ-MAN|Mangghystaū oblysy|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.727;probe.up_slash24=0.0;probe.up_slash24=0.545;probe.up_slash24=0.0;probe.up_slash24=0.727;probe.up_slash24=0.0;probe.up_slash24=0.636;probe.up_slash24=0.0;traffic.requests=0.018
      1fdb014535c9|region/KZ-PAV|Pavlodar oblysy|01-05T10:50|01-11T02:20|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.143;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.786;probe.up_slash24=0.643;probe.up_slash24=0.071;probe.up_slash24=0.643;probe.up_slash24=0.143;probe.up_slash24=0.714;probe.up_slash24=0.643;probe.up_slash24=0.786;probe.up_slash24=0.143;traffic.requests=0.018
      388df128030e|region/KZ-SEV|Severo-Kazahstanskaja oblast'|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.667;probe.up_slash24=0.667;probe.up_slash24=0.0;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.0;probe.up_slash24=0.778;probe.up_slash24=0.667;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.667;probe.up_slash24=0.778;probe.up_slash24=0.0;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.0;traffic.requests=0.018
      6ae8650c83aa|region/KZ-SHY|Shymkent|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.765;probe.up_slash24=0.0;probe.up_slash24=0.647;probe.up_slash24=0.118;probe.up_slash24=0.765;probe.up_slash24=0.118;probe.up_slash24=0.706;probe.up_slash24=0.118;probe.up_slash24=0.765;probe.up_slash24=0.118;traffic.requests=0.018
      732f6e1f7f26|region/KZ-VOS|Shyghys Qazaqstan oblysy|01-05T10:50|01-11T02:50|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.21;probe.up_slash24=0.789;probe.up_slash24=0.21;probe.up_slash24=0.737;probe.up_slash24=0.789;probe.up_slash24=0.737;probe.up_slash24=0.21;probe.up_slash24=0.737;probe.up_slash24=0.158;traffic.requests=0.018
      5f07315e7d1d|region/KZ-YUZ|Turkestankaya oblast'|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.765;probe.up_slash24=0.118;probe.up_slash24=0.794;probe.up_slash24=0.794;probe.up_slash24=0.794;probe.up_slash24=0.118;probe.up_slash24=0.735;probe.up_slash24=0.794;probe.up_slash24=0.735;probe.up_slash24=0.118;probe.up_slash24=0.794;probe.up_slash24=0.118;traffic.requests=0.018
      1da0daf61809|region/KZ-ZAP|Batys Qazaqstan oblysy|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.0;probe.up_slash24=0.778;probe.up_slash24=0.111;probe.up_slash24=0.667;probe.up_slash24=0.778;probe.up_slash24=0.778;probe.up_slash24=0.111;probe.up_slash24=0.556;probe.up_slash24=0.111;probe.up_slash24=0.556;probe.up_slash24=0.778;probe.up_slash24=0.111;traffic.requests=0.019
      495532064881|region/KZ-ZHA|Zhambyl oblysy|01-05T10:50|01-11T02:30|blackout|nationwide||unknown|unstable||probe.up_slash24=0.0;probe.up_slash24=0.062;probe.up_slash24=0.562;probe.up_slash24=0.062;probe.up_slash24=0.688;probe.up_slash24=0.75;probe.up_slash24=0.062;probe.up_slash24=0.75;probe.up_slash24=0.774;probe.up_slash24=0.062;traffic.requests=0.019
      b26e2edf0cac|region/KZ-AST|Nur-Sultan|01-07T06:00|01-08T03:10|blackout|nationwide|curfew|unknown|unstable||probe.up_slash24=0.077;traffic.requests=0.071
      86f9c56118f4|region/KZ-ALA|Almaty|01-07T07:30|01-10T05:50|outage|nationwide||unknown|full||probe.up_slash24=0.227;traffic.requests=0.068
      c6d20817b87b|region/KZ-AST|Nur-Sultan|01-08T09:40|01-09T03:50|outage|nationwide|curfew|unknown|unstable||probe.up_slash24=0.154;traffic.requests=0.071
      97b030ed8661|region/KZ-AST|Nur-Sultan|01-09T06:00|01-11T02:40|outage|nationwide||unknown|full||probe.up_slash24=0.154;traffic.requests=0.07
      """;

  static List<ClassifiedEvent> events() {
    List<ClassifiedEvent> out = new ArrayList<>();
    for (String line : EVENTS.strip().split("\n")) {
      String[] f = line.strip().split("\\|", -1);
      String[] key = f[1].split("/");
      EntityType type = EntityType.parse(key[0]);
      Entity e =
          new Entity(type, key[1], f[2], type == EntityType.ASN ? null : key[1].substring(0, 2));
      long start = utc(f[3]);
      Long end = f[4].isEmpty() ? null : utc(f[4]);
      List<SignalEvent> signals = new ArrayList<>();
      List<InputRef> inputs = new ArrayList<>();
      for (String s : f[11].split(";")) {
        String[] nv = s.split("=");
        signals.add(new SignalEvent(e, nv[0], start, end, Double.parseDouble(nv[1])));
        InputRef in =
            nv[0].startsWith("ooni.")
                ? OONI
                : nv[0].startsWith("probe.")
                    ? PROBES
                    : type == EntityType.ASN ? TRAFFIC_NETWORKS : TRAFFIC_REGIONS;
        if (!inputs.contains(in)) {
          inputs.add(in);
        }
      }
      out.add(
          new ClassifiedEvent(
                  e,
                  start,
                  end,
                  Scope.ofKey(f[6]),
                  Kind.ofKey(f[5]),
                  f[8].isEmpty() ? null : Mechanism.ofKey(f[8]),
                  f[7].isEmpty() ? null : Pattern.ofKey(f[7]),
                  f[9].isEmpty() ? null : Restoration.ofKey(f[9]),
                  signals)
              .withProvenance(f[0], inputs));
    }
    return out;
  }

  static Episode episode() {
    List<Episode> all = Episode.group("KZ", events());
    if (all.size() != 1) {
      throw new IllegalStateException("the reconstruction is one episode, got " + all.size());
    }
    return all.get(0);
  }

  private static long utc(String monthDayTime) {
    return LocalDateTime.parse("2022-" + monthDayTime).toEpochSecond(ZoneOffset.UTC);
  }
}
