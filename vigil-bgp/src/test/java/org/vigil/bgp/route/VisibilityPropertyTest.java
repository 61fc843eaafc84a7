// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.vigil.core.net.GeoFormat;
import org.vigil.core.net.GeoSource;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpEntityResolver;

/**
 * Random route tables (partial and full feeds, several peers of one AS, multi-origin prefixes,
 * paths without an origin, nested and more-specific-than-/24 prefixes, masks under /6) against the
 * set-based reference of {@link NaiveBgpModel}, under random visibility rules.
 */
class VisibilityPropertyTest {
  @RepeatedTest(150)
  void aggregatorMatchesTheReference(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(31L * info.getCurrentRepetition());
    int base = 0x0A000000 | (rnd.nextInt(4) << 20); // within 10.0.0.0/10-ish
    // geography: a few KZ ranges, some not /24-aligned
    List<long[]> kz = new ArrayList<>();
    GeoTable.Builder gb = GeoTable.builder();
    for (int i = 0; i < rnd.nextInt(0, 6); i++) {
      long first = (base & 0xFFFF_FFFFL) + rnd.nextLong(0, 1 << 18);
      long last = first + rnd.nextLong(0, rnd.nextBoolean() ? 200 : 20_000);
      kz.add(new long[] {first, last});
      gb.addIpv4(first, last, "KZ", null, -1);
    }
    long f = (base & 0xFFFF_FFFFL) + (1 << 17); // another country, which must not leak into KZ
    gb.addIpv4(f, f + 5000, "UZ", null, -1);
    GeoTable geo = gb.build(new GeoSource("t", "", GeoFormat.CSV_RANGES, kz.size() + 1, 0, ""));
    IpEntityResolver resolver = IpEntityResolver.of(geo, null);

    VisibilityConfig cfg =
        new VisibilityConfig(
            rnd.nextInt(1, 30),
            10,
            new double[] {0, 0.25, 0.5, 0.75, 1}[rnd.nextInt(5)],
            rnd.nextBoolean(),
            rnd.nextInt(0, 12),
            rnd.nextInt(0, 6));
    NaiveBgpModel model = new NaiveBgpModel(cfg, new NaiveBgpModel.Country("KZ", kz, List.of()));
    RouteTable table = new RouteTable();

    int prefixes = rnd.nextInt(1, 60);
    int[] addr = new int[prefixes];
    int[] len = new int[prefixes];
    for (int i = 0; i < prefixes; i++) {
      len[i] = rnd.nextInt(10) == 0 ? rnd.nextInt(0, 8) : rnd.nextInt(12, 31);
      addr[i] = base + rnd.nextInt(1 << 18);
    }
    int peers = rnd.nextInt(1, 12);
    for (int p = 0; p < peers; p++) {
      long as = 64500 + rnd.nextInt(Math.max(1, peers / 2 + 1)); // several peers share ASes
      int address = 0xC0000200 + p;
      int id = table.peerIpv4("", address, as);
      String key = "|" + p;
      double coverage = rnd.nextDouble();
      for (int i = 0; i < prefixes; i++) {
        if (rnd.nextDouble() > coverage) {
          continue;
        }
        long origin =
            rnd.nextInt(8) == 0 ? -1 : 65000 + (rnd.nextInt(6) == 0 ? rnd.nextInt(3) : i % 7);
        table.announceIpv4(id, addr[i], len[i], -1, origin);
        model.rib(key, as, NaiveBgpModel.Pfx.ipv4(addr[i] & 0xFFFF_FFFFL, len[i]), origin);
      }
    }
    Visibility v = new VisibilityAggregator(table, cfg, resolver).compute();
    Map<String, Double> want = model.visibility();
    if (want == null) {
      assertThat(v.defined()).isFalse();
      return;
    }
    Map<String, Double> got = new HashMap<>();
    for (int i = 0; i < v.asCount(); i++) {
      got.put("asn/" + v.asn(i) + ":bgp.visible_slash24", (double) v.asSlash24(i));
    }
    int kzIndex =
        resolver
            .countries()
            .indexOf(
                resolver.countries().stream()
                    .filter(e -> e.code().equals("KZ"))
                    .findFirst()
                    .orElse(null));
    if (kzIndex >= 0 && v.countrySlash24(kzIndex) > 0) {
      got.put("country/KZ:bgp.visible_slash24", (double) v.countrySlash24(kzIndex));
    }
    assertThat(got).as("config %s", cfg).isEqualTo(want);
  }

  @Test
  void sameAsPeersCountOnceAndTheShareIsOfPeerAses() {
    RouteTable t = new RouteTable();
    int a1 = t.peerIpv4("", 1, 100);
    int a2 = t.peerIpv4("", 2, 100);
    int b = t.peerIpv4("", 3, 200);
    int c = t.peerIpv4("", 4, 300);
    // 3 full-feed peer ASes; 10.0.0.0/24 seen by AS100 twice only: 1 of 3, not visible
    for (int p : new int[] {a1, a2, b, c}) {
      t.announceIpv4(p, 0x0B000000, 16, -1, 9);
    }
    t.announceIpv4(a1, 0x0A000000, 24, -1, 7);
    t.announceIpv4(a2, 0x0A000000, 24, -1, 7);
    VisibilityConfig cfg = VisibilityConfig.ioda().withFullFeed(1, 1).withMinPeers(0);
    Visibility v = new VisibilityAggregator(t, cfg, null).compute();
    assertThat(v.fullFeedPeers()).isEqualTo(4);
    assertThat(v.fullFeedAses()).isEqualTo(3);
    assertThat(v.slash24OfAs(7)).isZero();
    assertThat(v.slash24OfAs(9)).isEqualTo(256);
    t.announceIpv4(b, 0x0A000000, 24, -1, 8); // now 2 of 3 ASes, two origins
    v = new VisibilityAggregator(t, cfg, null).compute();
    assertThat(v.slash24ByAs()).containsEntry(7L, 1L).containsEntry(8L, 1L).containsEntry(9L, 256L);
    assertThat(v.visibleSlash24()).isEqualTo(257);
  }

  @Test
  void withoutFullFeedPeersVisibilityIsUndefined() {
    RouteTable t = new RouteTable();
    t.announceIpv4(t.peerIpv4("", 1, 1), 0x0A000000, 8, -1, 1);
    Visibility v = new VisibilityAggregator(t, VisibilityConfig.ioda(), null).compute();
    assertThat(v.defined()).isFalse();
    assertThat(v.visibleSlash24()).isZero();
  }
}
