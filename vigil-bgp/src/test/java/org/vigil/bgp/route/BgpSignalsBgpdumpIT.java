// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpAddresses;
import org.vigil.core.net.IpEntityResolver;

/**
 * The signals against the installed {@code bgpdump}: its {@code -m} text, read by the plain
 * reference model, gives the numbers (a third decoder, written in C by others).
 */
class BgpSignalsBgpdumpIT {
  static final Path BGPDUMP = Path.of("/usr/bin/bgpdump");

  /** The lines of {@code bgpdump -m file}. */
  static List<String[]> bgpdump(Path file) throws Exception {
    assumeTrue(Files.isExecutable(BGPDUMP), "bgpdump is not installed");
    Process p =
        new ProcessBuilder(BGPDUMP.toString(), "-m", file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String[]> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) {
        lines.add(l.split("\\|", -1));
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return lines;
  }

  static NaiveBgpModel.Pfx prefix(String text) {
    int slash = text.indexOf('/');
    int len = Integer.parseInt(text.substring(slash + 1));
    if (IpAddresses.isIpv6(text)) {
      long[] a = IpAddresses.parseIpv6(text, 0, slash);
      return NaiveBgpModel.Pfx.ipv6(a[0], a[1], len);
    }
    return NaiveBgpModel.Pfx.ipv4(IpAddresses.parseIpv4(text, 0, slash) & 0xFFFF_FFFFL, len);
  }

  /** bgpdump prints the AS path with sets as {@code {a,b}}: the origin is the last plain AS. */
  static long origin(String path) {
    String[] tokens = path.trim().split(" ");
    String last = tokens[tokens.length - 1];
    if (last.isEmpty()) {
      return -1;
    }
    if (last.startsWith("{")) {
      String inner = last.substring(1, last.length() - 1);
      return inner.contains(",") ? -1 : Long.parseLong(inner);
    }
    if (last.startsWith("(") || last.startsWith("[")) {
      return -1; // confederation segment
    }
    return Long.parseLong(last);
  }

  static void play(List<String[]> lines, NaiveBgpModel m) {
    for (String[] f : lines) {
      long t = Long.parseLong(f[1]);
      String peer = "|" + f[3] + "|" + f[4];
      long peerAs = Long.parseLong(f[4]);
      switch (f[2]) {
        case "B" -> {
          m.time(t, false);
          m.rib(peer, peerAs, prefix(f[5]), origin(f[6]));
        }
        case "A" -> {
          m.time(t, true);
          m.announce(peer, peerAs, prefix(f[5]), origin(f[6]));
        }
        case "W" -> {
          m.time(t, true);
          m.withdraw(peer, prefix(f[5]));
        }
        case "STATE" -> {
          m.time(t, true);
          if (f[5].equals("6") && !f[6].equals("6")) {
            m.sessionDown(peer);
          }
        }
        default -> throw new AssertionError("unexpected line type " + f[2]);
      }
    }
    m.finish();
  }

  @Test
  void kzOriginRibVisibilityMatchesBgpdump() throws Exception {
    Path rib = BgpSignalsTest.shared(BgpSignalsTest.KZ_RIB);
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(100, 10);
    GeoTable geo = GeoTable.read(BgpSignalsTest.shared(BgpSignalsTest.RIR));
    BgpSignals signals =
        BgpSignals.fromSources(List.of(MrtSource.of(rib)), cfg, IpEntityResolver.of(geo, null));
    NaiveBgpModel model = new NaiveBgpModel(cfg, BgpSignalsTest.kzFromRirText());
    play(bgpdump(rib), model);
    model.assertMatches(signals.series());
  }

  static Stream<String> updateFiles() {
    return Stream.of(
        "mrt-bgpdump/updates.20160811.1600.gz",
        "mrt-libbgpstream/ris.rrc06.updates.1427846400.gz",
        "mrt-libbgpstream/routeviews.route-views.jinx.updates.1427846400.bz2",
        "mrt-bgpkit/updates.20100227.1600.first-796-records.gz",
        "mrt-bgpdump/updates.20071015.1505.gz");
  }

  /**
   * Per entity and bin, announcements and withdrawals equal bgpdump's A and W lines (bins that hold
   * records bgpdump prints no line for, keepalives, are left out of the comparison).
   */
  @ParameterizedTest
  @MethodSource("updateFiles")
  void updateCountsMatchBgpdump(String file) throws Exception {
    Path f = BgpSignalsTest.shared(file);
    VisibilityConfig cfg = VisibilityConfig.ioda();
    GeoTable geo = GeoTable.read(BgpSignalsTest.shared(BgpSignalsTest.RIR));
    BgpSignals signals =
        BgpSignals.fromSources(List.of(MrtSource.of(f)), cfg, IpEntityResolver.of(geo, null));
    NaiveBgpModel model = new NaiveBgpModel(cfg, BgpSignalsTest.kzFromRirText());
    List<String[]> lines = bgpdump(f);
    play(lines, model);
    Map<String, Double> want = new TreeMap<>();
    model.values.forEach(
        (k, m) -> m.forEach((bin, v) -> want.merge(k + "@" + bin, v, Double::sum)));
    Map<String, Double> got = new TreeMap<>();
    for (Map.Entry<SignalKey, TimeSeries> e : signals.series().entrySet()) {
      TimeSeries s = e.getValue();
      for (int i = 0; i < s.length(); i++) {
        if (!Double.isNaN(s.value(i)) && s.value(i) != 0) {
          got.put(e.getKey() + "@" + s.timeAt(i), s.value(i));
        }
      }
    }
    want.values().removeIf(v -> v == 0);
    assertThat(got).isEqualTo(want);
    long a = lines.stream().filter(l -> l[2].equals("A")).count();
    long w = lines.stream().filter(l -> l[2].equals("W")).count();
    assertThat(signals.stats().announcements()).isEqualTo(a);
    assertThat(signals.stats().withdrawals()).isEqualTo(w);
  }
}
