// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import java.io.IOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vigil.core.Times;
import org.vigil.scenario.Scenario.Network;
import org.vigil.scenario.Scenario.Region;

/**
 * Traffic series as a Cloudflare-Radar-like source would publish them: requests per step for each
 * region ({@code time,region,name,requests}) and for each network ({@code time,asn,requests}). A
 * region's traffic is the sum over the networks serving it, each at its level, so that region,
 * network and country series agree.
 */
final class TrafficFiles {
  private TrafficFiles() {}

  static void write(Timeline timeline, Writer regions, Writer networks) throws IOException {
    Scenario s = timeline.scenario();
    Scenario.Traffic tr = s.traffic();
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x7261_6666_6963L);
    long step = tr.step().getSeconds();
    long start = s.start().getEpochSecond();
    long end = s.end().getEpochSecond();
    int nr = s.regions().size();
    int nn = s.networks().size();
    double population = 0;
    for (Region r : s.regions()) {
      population += r.population();
    }
    double shares = 0;
    for (Network n : s.networks()) {
      shares += n.trafficShare();
    }
    regions.write("time,region,name,requests\n");
    networks.write("time,asn,requests\n");
    double[] byNetwork = new double[nn];
    for (long t = start; t < end; t += step) {
      double base = tr.requestsPerStep() * rhythm(s, t + step / 2);
      String time = Times.iso(t);
      java.util.Arrays.fill(byNetwork, 0);
      for (int r = 0; r < nr; r++) {
        Region region = s.regions().get(r);
        double sum = 0;
        for (int n = 0; n < nn; n++) {
          double v =
              base
                  * region.population()
                  / population
                  * s.networks().get(n).trafficShare()
                  / shares
                  * timeline.level(r, n, Timeline.TRAFFIC, t);
          sum += v;
          byNetwork[n] += v;
        }
        regions.write(
            time
                + ","
                + region.code()
                + ","
                + region.name()
                + ","
                + count(sum, tr.noise(), random)
                + "\n");
      }
      for (int n = 0; n < nn; n++) {
        networks.write(
            time
                + ",AS"
                + s.networks().get(n).asn()
                + ","
                + count(byNetwork[n], tr.noise(), random)
                + "\n");
      }
    }
  }

  /**
   * The daily and weekly rhythm at {@code t}: a cosine peaking at the local peak hour, lower on the
   * local weekend.
   */
  static double rhythm(Scenario s, long t) {
    ZoneOffset zone = s.zone();
    var local = Instant.ofEpochSecond(t).atOffset(zone);
    double hour = local.getHour() + local.getMinute() / 60.0;
    double a = s.traffic().dailyAmplitude();
    double day = 1 + a * Math.cos(2 * Math.PI * (hour - s.traffic().peakHourLocal()) / 24);
    DayOfWeek dow = local.getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    return day * (weekend ? s.traffic().weekendFactor() : 1);
  }

  private static String count(double mean, double noise, SplittableRandom random) {
    double v = mean * (1 + noise * Draws.gaussian(random));
    return String.format(Locale.ROOT, "%.0f", Math.max(0, v));
  }
}
