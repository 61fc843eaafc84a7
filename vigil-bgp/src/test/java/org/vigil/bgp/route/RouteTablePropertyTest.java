// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Random announce / withdraw / session-reset sequences against a map-of-maps reference. */
class RouteTablePropertyTest {
  /** prefix key -> path id -> origin, per peer. */
  static final class Model {
    final Map<Integer, Map<String, Map<Long, Long>>> routes = new HashMap<>();

    Map<String, Map<Long, Long>> of(int peer) {
      return routes.computeIfAbsent(peer, p -> new HashMap<>());
    }

    void announce(int peer, String prefix, long pathId, long origin) {
      of(peer).computeIfAbsent(prefix, k -> new HashMap<>()).put(pathId, origin);
    }

    long withdraw(int peer, String prefix, long pathId) {
      Map<Long, Long> paths = of(peer).get(prefix);
      if (paths == null || !paths.containsKey(pathId)) {
        return RouteTable.ABSENT;
      }
      long o = paths.remove(pathId);
      if (paths.isEmpty()) {
        of(peer).remove(prefix);
      }
      return o;
    }

    int count(int peer, boolean v6) {
      return (int) of(peer).keySet().stream().filter(k -> k.startsWith("6") == v6).count();
    }
  }

  static String key4(int address, int length) {
    int a = length == 0 ? 0 : address & (-1 << (32 - length));
    return "4 " + Integer.toUnsignedString(a) + "/" + length;
  }

  static String key6(long hi, long lo, int length) {
    long mh = length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    long ml = length <= 64 ? 0 : -1L << (128 - length);
    return "6 " + Long.toHexString(hi & mh) + " " + Long.toHexString(lo & ml) + "/" + length;
  }

  @RepeatedTest(60)
  void randomSequencesMatchTheReference(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition() * 7919L);
    RouteTable t = new RouteTable();
    Model m = new Model();
    int peers = rnd.nextInt(1, 6);
    int[] ids = new int[peers];
    for (int p = 0; p < peers; p++) {
      ids[p] = t.peerIpv4(p % 2 == 0 ? "rrc00" : "route-views2", 0x0A000000 + p, 64500 + p);
      assertThat(ids[p]).isEqualTo(p);
    }
    boolean addPath = rnd.nextInt(4) == 0;
    // a small prefix universe so that the same prefixes come back often, host bits included
    int[] addr = new int[30];
    int[] len = new int[30];
    long[] hi = new long[30];
    for (int i = 0; i < addr.length; i++) {
      addr[i] = 0x0A000000 | rnd.nextInt(1 << 16);
      len[i] = rnd.nextInt(8, 33);
      hi[i] = 0x2001_0DB8_0000_0000L | rnd.nextInt(1 << 12);
    }
    for (int step = 0; step < 2000; step++) {
      int p = rnd.nextInt(peers);
      int i = rnd.nextInt(addr.length);
      long pathId = addPath ? rnd.nextInt(3) : -1;
      long origin = rnd.nextInt(5) == 0 ? -1 : 64496 + rnd.nextInt(4);
      boolean v6 = rnd.nextInt(4) == 0;
      int l6 = len[i] + 16;
      int op = rnd.nextInt(100);
      if (op < 55) {
        if (v6) {
          t.announceIpv6(p, hi[i], 0, l6, pathId, origin);
          m.announce(p, key6(hi[i], 0, l6), pathId, origin);
        } else {
          t.announceIpv4(p, addr[i], len[i], pathId, origin);
          m.announce(p, key4(addr[i], len[i]), pathId, origin);
        }
      } else if (op < 98) {
        long got =
            v6
                ? t.withdrawIpv6(p, hi[i], 0, l6, pathId)
                : t.withdrawIpv4(p, addr[i], len[i], pathId);
        long want = m.withdraw(p, v6 ? key6(hi[i], 0, l6) : key4(addr[i], len[i]), pathId);
        assertThat(got).as("withdraw at step %d", step).isEqualTo(want);
      } else {
        int dropped = t.clearPeer(p);
        int had = m.count(p, false) + m.count(p, true);
        assertThat(dropped).isEqualTo(had);
        m.of(p).clear();
      }
      assertThat(t.prefixCountIpv4(p))
          .as("IPv4 count at step %d", step)
          .isEqualTo(m.count(p, false));
      assertThat(t.prefixCountIpv6(p)).isEqualTo(m.count(p, true));
      if (!addPath) {
        long o = t.originIpv4(p, addr[i], len[i]);
        Map<Long, Long> paths = m.of(p).get(key4(addr[i], len[i]));
        assertThat(o).isEqualTo(paths == null ? RouteTable.ABSENT : paths.get(-1L));
      }
    }
  }

  @Test
  void peersAreKeyedByCollectorAddressAndAs() {
    RouteTable t = new RouteTable();
    int a = t.peerIpv4("rrc00", 0x0A000001, 3356);
    assertThat(t.peerIpv4("rrc00", 0x0A000001, 3356)).isEqualTo(a);
    assertThat(t.peerIpv4("rrc01", 0x0A000001, 3356)).isNotEqualTo(a);
    assertThat(t.peerIpv4("rrc00", 0x0A000002, 3356)).isNotEqualTo(a);
    assertThat(t.peerIpv4("rrc00", 0x0A000001, 174)).isNotEqualTo(a);
    int v6 = t.peer(t.collector("rrc00"), true, 0x2001_0DB8_0000_0000L, 1, 3356);
    assertThat(t.peerKey(v6).toString()).isEqualTo("rrc00 2001:db8:0:0:0:0:0:1 AS3356");
    assertThat(t.peerKey(a).toString()).isEqualTo("rrc00 10.0.0.1 AS3356");
    for (int i = 0; i < 1000; i++) { // growth keeps every key findable
      assertThat(t.peerIpv4("x", i, i)).isEqualTo(t.peerIpv4("x", i, i));
    }
    assertThat(t.peerCount()).isEqualTo(1005);
  }

  @Test
  void hostBitsDoNotMakeADifferentPrefix() {
    RouteTable t = new RouteTable();
    int p = t.peerIpv4("", 1, 1);
    t.announceIpv4(p, 0x0A000001, 8, -1, 42);
    assertThat(t.originIpv4(p, 0x0A000000, 8)).isEqualTo(42);
    assertThat(t.withdrawIpv4(p, 0x0AFFFFFF, 8, -1)).isEqualTo(42);
    assertThat(t.knownPrefixesIpv4()).isEqualTo(1);
    assertThat(t.lastOriginIpv4(0x0A000000, 8)).isEqualTo(42);
    t.announceIpv4(p, 0, 0, -1, 4_200_000_000L); // 4-octet AS round trip
    assertThat(t.originIpv4(p, 0, 0)).isEqualTo(4_200_000_000L);
  }
}
