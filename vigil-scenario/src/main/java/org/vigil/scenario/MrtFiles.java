// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.vigil.bgp.mrt.MrtWriter;
import org.vigil.core.Times;
import org.vigil.scenario.Scenario.Change;
import org.vigil.scenario.Scenario.Network;

/**
 * Routing data as a RIPE RIS collector would archive it: a TABLE_DUMP_V2 RIB dump at the start
 * ({@code bview.YYYYMMDD.HHMM.gz}) and a day of BGP4MP updates per file ({@code
 * updates.YYYYMMDD.gz}), gzip, readable by Debian's bgpdump. Every peer carries every prefix of the
 * scenario's networks through one of the upstreams; background churn re-announces a few prefixes an
 * hour over another upstream, and a change with {@code bgpUpdates} has every peer re-announce every
 * prefix that many times over its span. Prefixes stay announced throughout: the scenarios describe
 * data-plane cuts (a withdrawal would need a change kind of its own).
 */
final class MrtFiles {
  private MrtFiles() {}

  /** A prefix and its origin. */
  private record Route(int address, int length, long origin) {}

  static List<Path> write(Scenario s, Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x6267_7000L);
    List<Route> routes = new ArrayList<>();
    for (Network n : s.networks()) {
      for (String p : n.prefixes()) {
        int[] parsed = ProbeFiles.parsePrefix(p);
        routes.add(new Route(parsed[0], parsed[1], n.asn()));
      }
    }
    int peers = s.bgp().peers().size();
    long[] peerAs = new long[peers];
    int[] peerAddress = new int[peers];
    byte[][] peerBytes = new byte[peers][];
    for (int i = 0; i < peers; i++) {
      peerAs[i] = ((Number) s.bgp().peers().get(i).get(0)).longValue();
      peerAddress[i] = ProbeFiles.parsePrefix(s.bgp().peers().get(i).get(1) + "/32")[0];
      int a = peerAddress[i];
      peerBytes[i] = new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }
    List<Long> upstreams = s.bgp().upstreams();
    List<Path> files = new ArrayList<>();
    long start = s.start().getEpochSecond();
    Path rib = dir.resolve("bview." + stamp(start, true) + ".gz");
    try (OutputStream out = gzip(rib)) {
      MrtWriter w = new MrtWriter(out);
      w.peerIndexTable(start, peerAs, peerBytes);
      int[] index = new int[peers];
      for (int i = 0; i < peers; i++) {
        index[i] = i;
      }
      long seq = 0;
      for (Route r : routes) {
        byte[][] attrs = new byte[peers][];
        for (int i = 0; i < peers; i++) {
          long up = upstreams.get(((r.address() >>> 8) + i) % upstreams.size());
          attrs[i] = MrtWriter.attributes(path(peerAs[i], up, r.origin()), null, peerAddress[i]);
        }
        w.ribIpv4(start, seq++, r.address(), r.length(), index, attrs);
      }
    }
    files.add(rib);
    long end = s.end().getEpochSecond();
    for (long day = start - Math.floorMod(start, 86_400L); day < end; day += 86_400) {
      Path file = dir.resolve("updates." + stamp(day, false) + ".gz");
      try (OutputStream out = gzip(file)) {
        MrtWriter w = new MrtWriter(out);
        for (long hour = Math.max(day, start); hour < Math.min(day + 86_400, end); hour += 3600) {
          // Background churn: a few prefixes move to another upstream.
          int events = Draws.poisson(random, s.bgp().churnPerHour());
          long[] times = new long[events];
          for (int k = 0; k < events; k++) {
            times[k] = hour + random.nextInt(3600);
          }
          java.util.Arrays.sort(times);
          for (long t : times) {
            int peer = random.nextInt(peers);
            Route r = routes.get(random.nextInt(routes.size()));
            long up = upstreams.get(random.nextInt(upstreams.size()));
            announce(w, t, peerAs[peer], peerAddress[peer], up, List.of(r));
          }
          for (Change c : s.changes()) {
            if (c.bgpUpdates() == null) {
              continue;
            }
            long from = Math.max(hour, c.from().getEpochSecond());
            long until = Math.min(hour + 3600, c.until().getEpochSecond());
            if (from >= until) {
              continue;
            }
            spike(w, c, from, until, routes, peerAs, peerAddress, upstreams);
          }
        }
      }
      files.add(file);
    }
    return files;
  }

  /** Every peer re-announces every route {@code c.bgpUpdates()} times, spread over the span. */
  private static void spike(
      MrtWriter w,
      Change c,
      long from,
      long until,
      List<Route> routes,
      long[] peerAs,
      int[] peerAddress,
      List<Long> upstreams)
      throws IOException {
    long total = c.until().getEpochSecond() - c.from().getEpochSecond();
    int rounds = c.bgpUpdates();
    for (int round = 0; round < rounds; round++) {
      long t = c.from().getEpochSecond() + total * round / rounds;
      if (t < from || t >= until) {
        continue;
      }
      for (int p = 0; p < peerAs.length; p++) {
        long up = upstreams.get((p + round + 1) % upstreams.size());
        for (int i = 0; i < routes.size(); i += 100) {
          announce(
              w,
              t + p,
              peerAs[p],
              peerAddress[p],
              up,
              routes.subList(i, Math.min(routes.size(), i + 100)));
        }
      }
    }
  }

  private static void announce(
      MrtWriter w, long t, long peerAs, int peerAddress, long upstream, List<Route> routes)
      throws IOException {
    // One UPDATE per origin: the path ends in the origin AS.
    java.util.Map<Long, List<Route>> byOrigin = new java.util.TreeMap<>();
    for (Route r : routes) {
      byOrigin.computeIfAbsent(r.origin(), k -> new ArrayList<>()).add(r);
    }
    for (var e : byOrigin.entrySet()) {
      int[] nlri = new int[e.getValue().size() * 2];
      for (int i = 0; i < e.getValue().size(); i++) {
        nlri[2 * i] = e.getValue().get(i).address();
        nlri[2 * i + 1] = e.getValue().get(i).length();
      }
      byte[] attrs = MrtWriter.attributes(path(peerAs, upstream, e.getKey()), null, peerAddress);
      w.updateIpv4(t, peerAs, peerAddress, new int[0], attrs, nlri);
    }
  }

  private static long[] path(long peer, long upstream, long origin) {
    if (peer == upstream || upstream == origin) {
      return new long[] {peer, origin};
    }
    return new long[] {peer, upstream, origin};
  }

  private static OutputStream gzip(Path file) throws IOException {
    return new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
  }

  private static String stamp(long t, boolean withTime) {
    String iso = Times.iso(t); // 2021-12-18T00:00:00Z
    String date = iso.substring(0, 4) + iso.substring(5, 7) + iso.substring(8, 10);
    return withTime ? date + "." + iso.substring(11, 13) + iso.substring(14, 16) : date;
  }
}
