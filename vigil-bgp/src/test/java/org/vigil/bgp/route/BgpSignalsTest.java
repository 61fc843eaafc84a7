// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.bgp.mrt.MrtWriter;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpEntityResolver;

/** BGP signals from real and synthesized MRT files, checked against {@link NaiveBgpModel}. */
class BgpSignalsTest {
  static final String KZ_RIB =
      "mrt-routeviews-rib-pyasn/derived/rib.20140523.0600_firstMB.kz-origin.bz2";
  static final String RIR = "rir-delegated-ripencc-2014/delegated-ripencc-20140630-KZ.txt";
  static final long RIB_TIME = 1400824800L; // 2014-05-23 06:00 UTC

  static Path shared(String relative) {
    Path p = Path.of(System.getProperty("vigil.shared.data", "../../shared/data"), relative);
    assumeTrue(Files.isRegularFile(p), "missing shared data file " + p);
    return p;
  }

  /** Kazakhstan's ranges read straight from the RIR text, for the reference model. */
  static NaiveBgpModel.Country kzFromRirText() throws IOException {
    List<long[]> v4 = new ArrayList<>();
    List<long[]> v6 = new ArrayList<>();
    for (String line : Files.readAllLines(shared(RIR))) {
      String[] f = line.split("\\|");
      if (f.length < 7 || !f[1].equals("KZ")) {
        continue;
      }
      if (f[2].equals("ipv4")) {
        String[] o = f[3].split("\\.");
        long s = 0;
        for (String x : o) {
          s = s * 256 + Integer.parseInt(x);
        }
        v4.add(new long[] {s, s + Long.parseLong(f[4]) - 1});
      } else if (f[2].equals("ipv6")) {
        // all KZ IPv6 blocks here are written as "hhhh:hhhh::"
        String[] g = f[3].replace("::", "").split(":");
        long hi = 0;
        for (int i = 0; i < 4; i++) {
          hi = (hi << 16) | (i < g.length && !g[i].isEmpty() ? Long.parseLong(g[i], 16) : 0);
        }
        int len = Integer.parseInt(f[4]);
        long mask = -1L << (64 - len);
        v6.add(new long[] {hi & mask, hi | ~mask});
      }
    }
    return new NaiveBgpModel.Country("KZ", v4, v6);
  }

  static Map<String, Double> at(Map<SignalKey, TimeSeries> series, String signal, int bin) {
    Map<String, Double> m = new TreeMap<>();
    series.forEach(
        (k, v) -> {
          if (k.signal().equals(signal) && bin < v.length()) {
            m.put(k.entity().key(), v.value(bin));
          }
        });
    return m;
  }

  /**
   * The issue's acceptance check: visible /24s per origin AS and for country KZ in the KZ-origin
   * RouteViews RIB subset equal the reference model's count.
   */
  @Test
  void kzOriginRibVisibilityMatchesTheReferenceCount() throws Exception {
    Path rib = shared(KZ_RIB);
    GeoTable geo = GeoTable.read(shared(RIR));
    // 31 of the 32 peers carry all 259 prefixes of the subset; full-feed at 100 prefixes here
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10);
    BgpSignals signals =
        BgpSignals.fromSources(List.of(MrtSource.of(rib)), cfg, IpEntityResolver.of(geo, null));
    NaiveBgpModel model = new NaiveBgpModel(cfg, kzFromRirText());
    TypedFeed.play(List.of(MrtSource.of(rib)), model);
    model.assertMatches(signals.series());

    Map<String, Double> vis = at(signals.series(), BgpSignalAggregator.VISIBLE, 0);
    // the numbers the reference gives, written down (see the report in the build log)
    System.out.println("KZ-origin RIB visible /24s: " + vis + " " + signals.stats());
    assertThat(signals.stats().lastVisibility().fullFeedPeers()).isEqualTo(31);
    assertThat(signals.stats().lastVisibility().fullFeedAses()).isEqualTo(29);
    assertThat(signals.stats().ribEntries()).isEqualTo(8121);
    assertThat(signals.failures()).isEmpty();
    assertThat(vis.keySet())
        .containsExactlyInAnyOrder(
            "asn/9198", "asn/21299", "asn/29355", "asn/35566", "asn/47192", "country/KZ");
    assertThat(vis.get("country/KZ"))
        .isEqualTo(model.value("country/KZ:bgp.visible_slash24", RIB_TIME));
    // the same numbers from bgpdump -m and a few lines of Python over its text (2026-11-28)
    assertThat(vis)
        .containsEntry("asn/9198", 1632.0)
        .containsEntry("asn/29355", 2015.0)
        .containsEntry("asn/35566", 128.0)
        .containsEntry("asn/21299", 93.0)
        .containsEntry("asn/47192", 8.0)
        .containsEntry("country/KZ", 3783.0);
    TimeSeries kz =
        signals.series().entrySet().stream()
            .filter(e -> e.getKey().toString().equals("country/KZ:bgp.visible_slash24"))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow();
    assertThat(kz.start()).isEqualTo(RIB_TIME);
    assertThat(kz.length()).isEqualTo(1);
    // a RIB alone gives no update counts
    assertThat(
            signals.series().keySet().stream().map(SignalKey::signal).collect(Collectors.toSet()))
        .containsExactly(BgpSignalAggregator.VISIBLE);
  }

  @Test
  void kzCountryFromACidrListGivesTheSameCount() throws Exception {
    Path list = shared("kz-country-prefixes/ipv4-aggregated.txt");
    List<long[]> v4 = new ArrayList<>();
    for (String line : Files.readAllLines(list)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] pl = line.trim().split("/");
      long a = ipv4(pl[0]) & 0xFFFF_FFFFL;
      long size = 1L << (32 - Integer.parseInt(pl[1]));
      v4.add(new long[] {a, a + size - 1});
    }
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10);
    MrtSource rib = MrtSource.of(shared(KZ_RIB));
    BgpSignals signals =
        BgpSignals.fromSources(List.of(rib), cfg, IpEntityResolver.of(GeoTable.read(list), null));
    NaiveBgpModel model = new NaiveBgpModel(cfg, new NaiveBgpModel.Country("KZ", v4, List.of()));
    TypedFeed.play(List.of(rib), model);
    model.assertMatches(signals.series());
    assertThat(series(signals, "country/KZ:bgp.visible_slash24").value(0)).isEqualTo(3783);
  }

  @Test
  void iodaThresholdsOnASmallCollectionLeaveVisibilityUndefined() throws Exception {
    BgpSignals signals =
        BgpSignals.fromFiles(List.of(shared(KZ_RIB)), null, VisibilityConfig.ioda(), null);
    assertThat(signals.series()).isEmpty(); // no peer has 400k prefixes: a gap, not zero
    assertThat(signals.stats().lastVisibility().defined()).isFalse();
  }

  /** Update counts on the shared UPDATE files, each alone and all merged. */
  @Test
  void updateFilesCountAnnouncementsAndWithdrawalsLikeTheReference() throws Exception {
    List<MrtSource> files =
        List.of(
            MrtSource.of(shared("mrt-bgpdump/updates.20160811.1600.gz")),
            MrtSource.of(shared("mrt-libbgpstream/ris.rrc06.updates.1427846400.gz")),
            MrtSource.of(
                shared("mrt-libbgpstream/routeviews.route-views.jinx.updates.1427846400.bz2")),
            MrtSource.of(shared("mrt-bgpkit/updates.20100227.1600.first-796-records.gz")),
            MrtSource.of(shared("mrt-bgpdump/updates.20071015.1505.gz")));
    assertThat(files.get(1).collector()).isEqualTo("rrc06");
    assertThat(files.get(2).collector()).isEqualTo("route-views.jinx");
    GeoTable geo = GeoTable.read(shared(RIR));
    VisibilityConfig cfg = VisibilityConfig.ioda();
    List<List<MrtSource>> sets = new ArrayList<>();
    files.forEach(f -> sets.add(List.of(f)));
    sets.add(List.of(files.get(1), files.get(2))); // two collectors, the same 15 minutes
    for (List<MrtSource> set : sets) {
      BgpSignals signals = BgpSignals.fromSources(set, cfg, IpEntityResolver.of(geo, null));
      NaiveBgpModel model = new NaiveBgpModel(cfg, kzFromRirText());
      TypedFeed.play(set, model);
      model.assertMatches(signals.series());
      BgpSignalAggregator.Stats s = signals.stats();
      double sumUpdates =
          signals.series().entrySet().stream()
              .filter(e -> e.getKey().signal().equals(BgpSignalAggregator.UPDATES))
              .filter(e -> e.getKey().entity().type().key().equals("asn"))
              .mapToDouble(
                  e ->
                      java.util.Arrays.stream(e.getValue().values())
                          .filter(x -> !Double.isNaN(x))
                          .sum())
              .sum();
      assertThat(sumUpdates).isPositive().isLessThanOrEqualTo(s.announcements());
      assertThat(signals.failures()).isEmpty();
    }
  }

  /** A RIB, then UPDATEs and a session reset written here, replayed through both models. */
  @Test
  void withdrawalsAndSessionResetsAfterARibMoveVisibility(@TempDir Path dir) throws Exception {
    Path rib = shared(KZ_RIB);
    // Which peers and prefixes the RIB has, from the reference decoding.
    NaiveBgpModel probe = new NaiveBgpModel(VisibilityConfig.ioda(), null);
    TypedFeed.play(List.of(MrtSource.of(rib)), probe);
    List<String> peers = new ArrayList<>(probe.tables.keySet());
    peers.sort(null);
    String fullest =
        peers.stream()
            .max(java.util.Comparator.comparingInt(k -> probe.tables.get(k).size()))
            .get();
    List<NaiveBgpModel.Pfx> kaztelecom = new ArrayList<>();
    probe
        .tables
        .get(fullest)
        .forEach(
            (p, o) -> {
              if (o == 9198 && !p.v6()) {
                kaztelecom.add(p);
              }
            });
    kaztelecom.sort((a, b) -> Long.compare(a.first(), b.first()));
    assertThat(kaztelecom).isNotEmpty();

    Path updates = dir.resolve("updates.20140523.0605.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(updates))) {
      MrtWriter w = new MrtWriter(out);
      int[] withdrawn = new int[kaztelecom.size() * 2];
      for (int i = 0; i < kaztelecom.size(); i++) {
        withdrawn[2 * i] = (int) kaztelecom.get(i).first();
        withdrawn[2 * i + 1] = kaztelecom.get(i).length();
      }
      // 06:10: 20 peers withdraw all of AS9198's prefixes: fewer than half the peer ASes keep them
      for (int k = 0; k < 20; k++) {
        String[] p = peers.get(k).split("\\|");
        w.updateIpv4(
            RIB_TIME + 600, Long.parseLong(p[2]), ipv4(p[1]), withdrawn, new byte[0], new int[0]);
      }
      // 06:15: one peer's session goes down (Established -> Idle): all its routes go
      String[] down = peers.get(25).split("\\|");
      w.stateChange(RIB_TIME + 900, Long.parseLong(down[2]), ipv4(down[1]), 6, 1);
      // 06:25: the 20 re-announce, with a longer path through AS 3356
      for (int k = 0; k < 20; k++) {
        String[] p = peers.get(k).split("\\|");
        long as = Long.parseLong(p[2]);
        byte[] attrs = MrtWriter.attributes(new long[] {as, 3356, 9198}, null, ipv4(p[1]));
        w.updateIpv4(RIB_TIME + 1500, as, ipv4(p[1]), new int[0], attrs, withdrawn);
      }
      // 06:31: one announcement whose path ends in an AS_SET: no origin AS, still KZ's
      String[] p = peers.get(0).split("\\|");
      byte[] set =
          MrtWriter.attributes(new long[] {Long.parseLong(p[2])}, new long[] {9198, 29355}, 1);
      w.updateIpv4(
          RIB_TIME + 1860,
          Long.parseLong(p[2]),
          ipv4(p[1]),
          new int[0],
          set,
          new int[] {(int) kaztelecom.get(0).first(), 24});
    }
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10);
    List<MrtSource> sources =
        List.of(MrtSource.of(updates), MrtSource.of(rib)); // order does not matter
    GeoTable geo = GeoTable.read(shared(RIR));
    BgpSignals signals = BgpSignals.fromSources(sources, cfg, IpEntityResolver.of(geo, null));
    NaiveBgpModel model = new NaiveBgpModel(cfg, kzFromRirText());
    TypedFeed.play(sources, model);
    model.assertMatches(signals.series());

    TimeSeries as9198 = series(signals, "asn/9198:bgp.visible_slash24");
    assertThat(as9198.length()).isEqualTo(7); // 06:00 .. 06:30
    assertThat(as9198.value(0)).isPositive();
    assertThat(as9198.value(1)).isEqualTo(as9198.value(0)); // no record in 06:05: unchanged
    assertThat(as9198.value(2)).isZero(); // withdrawn by 20 of 31 peers
    assertThat(as9198.value(5)).isEqualTo(as9198.value(0)); // back
    assertThat(series(signals, "asn/9198:bgp.withdrawals").value(2))
        .isEqualTo(20.0 * kaztelecom.size());
    assertThat(series(signals, "asn/9198:bgp.updates").value(5))
        .isEqualTo(20.0 * kaztelecom.size());
    assertThat(series(signals, "country/KZ:bgp.updates").value(6)).isEqualTo(1); // the AS_SET one
    assertThat(series(signals, "asn/9198:bgp.updates").value(6)).isZero();
    assertThat(signals.stats().sessionsDown()).isEqualTo(1);
    assertThat(signals.stats().routesCleared()).isEqualTo(probe.tables.get(peers.get(25)).size());
    // the peer that went down no longer counts as full-feed (and AS5056's partial feed, given
    // every AS9198 prefix at 06:25, now does)
    long fullFeedLeft =
        model.tables.values().stream()
            .filter(t -> t.keySet().stream().filter(p -> !p.v6()).count() >= 100)
            .count();
    assertThat(model.tables).doesNotContainKey(peers.get(25));
    assertThat(signals.stats().lastVisibility().fullFeedPeers()).isEqualTo(fullFeedLeft);
  }

  @Test
  void sessionResetClearsOnlyThatPeerOfThatCollector(@TempDir Path dir) throws Exception {
    // two collectors peer with the same router; the session drops at one of them only
    long t0 = 1_641_340_800L; // 2022-01-05 00:00
    Path a = dir.resolve("rrc00.updates.gz");
    Path b = dir.resolve("rrc01.updates.gz");
    int router = 0xC0000201;
    byte[] attrs = MrtWriter.attributes(new long[] {3356, 9198}, null, router);
    int[] prefixes = {0x02480000, 16, 0x02490000, 16};
    for (Path f : List.of(a, b)) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
        MrtWriter w = new MrtWriter(out);
        w.updateIpv4(t0, 3356, router, new int[0], attrs, prefixes);
        if (f == a) {
          w.stateChange(t0 + 400, 3356, router, 6, 2); // Established -> Connect
        }
        w.updateIpv4(t0 + 700, 3356, router, new int[0], attrs, new int[] {0x05220000, 17});
      }
    }
    BgpSignalAggregator agg = new BgpSignalAggregator(VisibilityConfig.ioda(), null, 288, m -> {});
    List<MrtSource> sources = List.of(new MrtSource(a, "rrc00"), new MrtSource(b, "rrc01"));
    List<BgpSignals.Failure> failures = new ArrayList<>();
    BgpSignals.run(sources, agg, failures, new ArrayList<>(), Long.MAX_VALUE);
    RouteTable t = agg.table();
    assertThat(t.peerCount()).isEqualTo(2);
    int p0 = t.peerIpv4("rrc00", router, 3356);
    int p1 = t.peerIpv4("rrc01", router, 3356);
    assertThat(t.prefixCountIpv4(p0)).isEqualTo(1); // cleared, then one new route
    assertThat(t.prefixCountIpv4(p1)).isEqualTo(3);
    assertThat(agg.stats().sessionsDown()).isEqualTo(1);
    assertThat(agg.stats().routesCleared()).isEqualTo(2);
    assertThat(failures).isEmpty();
  }

  @Test
  void aCutFileIsReportedAndTheOthersGoOn(@TempDir Path dir) throws Exception {
    Path good = shared("mrt-bgpdump/updates.20020722.2238.gz");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(good))) {
      in.transferTo(raw);
    }
    byte[] all = raw.toByteArray();
    Path cut = dir.resolve("cut.mrt");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2 + 7));
    BgpSignals s = BgpSignals.fromFiles(List.of(cut, good), null, VisibilityConfig.ioda(), null);
    assertThat(s.failures()).hasSize(1);
    assertThat(s.failures().get(0).file()).isEqualTo(cut);
    assertThat(s.failures().get(0).message()).contains("incomplete");
    assertThat(s.series()).isNotEmpty();
  }

  @Test
  void streamingInSmallChunksGivesTheSameSeries(@TempDir Path dir) throws Exception {
    withdrawalsAndSessionResetsAfterARibMoveVisibility(dir); // writes the update file
    List<MrtSource> sources =
        List.of(
            MrtSource.of(dir.resolve("updates.20140523.0605.gz")), MrtSource.of(shared(KZ_RIB)));
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10);
    IpEntityResolver geo = IpEntityResolver.of(GeoTable.read(shared(RIR)), null);
    Map<SignalKey, TimeSeries> whole = BgpSignals.fromSources(sources, cfg, geo).series();
    Map<SignalKey, List<TimeSeries>> parts = new java.util.HashMap<>();
    List<Integer> chunkLengths = new ArrayList<>();
    BgpSignals.stream(
        sources,
        cfg,
        geo,
        2,
        Long.MAX_VALUE,
        m -> {
          chunkLengths.add(m.values().iterator().next().length());
          m.forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        });
    assertThat(chunkLengths).containsExactly(2, 2, 2, 1);
    assertThat(parts.keySet()).isEqualTo(whole.keySet());
    whole.forEach(
        (k, v) -> {
          double[] joined = new double[v.length()];
          java.util.Arrays.fill(joined, Double.NaN);
          for (TimeSeries t : parts.get(k)) {
            for (int i = 0; i < t.length(); i++) {
              joined[v.indexOf(t.timeAt(i))] = t.value(i);
            }
          }
          assertThat(java.util.Arrays.toString(joined))
              .as(k.toString())
              .isEqualTo(java.util.Arrays.toString(v.values()));
        });
  }

  @Test
  void aLongSilenceIsAGapAndFarApartFilesAreRefused(@TempDir Path dir) throws Exception {
    Path late = dir.resolve("late.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(late))) {
      byte[] attrs = MrtWriter.attributes(new long[] {3356, 9198}, null, 1);
      new MrtWriter(out)
          .updateIpv4(RIB_TIME + 5 * 3600, 3356, 1, new int[0], attrs, new int[] {0x02480000, 16});
    }
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10);
    BgpSignals s =
        BgpSignals.fromSources(
            List.of(MrtSource.of(shared(KZ_RIB)), MrtSource.of(late)), cfg, null);
    TimeSeries vis = series(s, "asn/9198:bgp.visible_slash24");
    assertThat(vis.length()).isEqualTo(61); // 06:00 .. 11:00
    assertThat(vis.value(0)).isPositive();
    assertThat(vis.value(1)).isNaN(); // nothing read for five hours: unknown, not carried
    assertThat(vis.value(60)).isEqualTo(vis.value(0));
    assertThat(series(s, "asn/9198:bgp.updates").value(60)).isEqualTo(1);
    assertThat(series(s, "asn/9198:bgp.updates").value(0)).isNaN();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                BgpSignals.fromFiles(
                    List.of(
                        shared("mrt-bgpdump/updates.20020722.2238.gz"),
                        shared("mrt-bgpdump/updates.20160811.1600.gz")),
                    null,
                    cfg,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("days apart");
  }

  static TimeSeries series(BgpSignals s, String key) {
    return s.series().entrySet().stream()
        .filter(e -> e.getKey().toString().equals(key))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no series " + key));
  }

  static int ipv4(String dotted) {
    String[] o = dotted.split("\\.");
    int v = 0;
    for (String x : o) {
      v = (v << 8) | Integer.parseInt(x);
    }
    return v;
  }
}
