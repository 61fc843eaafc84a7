// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * A second, deliberately plain implementation of the BGP signals for tests: hash maps of strings
 * for route tables, hash sets of /24 block numbers for counting, a linear scan of ranges for the
 * country. Fed with events decoded by a different path (the typed {@code MrtReader}, or bgpdump's
 * text), it gives the numbers the real implementation must reproduce.
 */
final class NaiveBgpModel {
  /** A prefix, masked. IPv4: first and last address; IPv6: first and last /64 (unsigned). */
  record Pfx(boolean v6, long first, long last, int length, String text) {
    static Pfx ipv4(long address, int length) {
      long size = 1L << (32 - length);
      long first = address / size * size;
      return new Pfx(false, first, first + size - 1, length, first + "/" + length);
    }

    static Pfx ipv6(long high, long low, int length) {
      long mh = length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
      long ml = length <= 64 ? 0 : -1L << (128 - length);
      return new Pfx(
          true,
          high & mh,
          (high & mh) | ~mh,
          length,
          Long.toHexString(high & mh) + ":" + Long.toHexString(low & ml) + "/" + length);
    }
  }

  /** One country's address ranges: IPv4 {first, last}, IPv6 {firstHigh, lastHigh} unsigned. */
  record Country(String code, List<long[]> v4, List<long[]> v6) {
    boolean reaches(Pfx p, long first, long last) {
      for (long[] r : p.v6 ? v6 : v4) {
        boolean overlap =
            p.v6
                ? Long.compareUnsigned(r[0], last) <= 0 && Long.compareUnsigned(first, r[1]) <= 0
                : r[0] <= last && first <= r[1];
        if (overlap) {
          return true;
        }
      }
      return false;
    }
  }

  final VisibilityConfig config;
  final Country country; // may be null
  final Map<String, Long> peerAs = new HashMap<>();
  final Map<String, Map<Pfx, Long>> tables = new HashMap<>();
  final Map<Pfx, Long> lastOrigin = new HashMap<>();
  final Map<String, TreeMap<Long, Double>> values = new LinkedHashMap<>();
  final TreeSet<Long> visValidBins = new TreeSet<>();
  final TreeSet<Long> updateBins = new TreeSet<>();
  long firstBin = Long.MIN_VALUE;
  long bin = Long.MIN_VALUE;
  boolean ribSeen;
  Map<String, Double> snapshot;

  NaiveBgpModel(VisibilityConfig config, Country country) {
    this.config = config;
    this.country = country;
  }

  /** A record at {@code t}; {@code update} if from an UPDATE file (not a RIB dump). */
  void time(long t, boolean update) {
    time(t);
    if (update) {
      updateBins.add(bin);
    }
  }

  void time(long t) {
    long b = Math.floorDiv(t, 300) * 300;
    if (bin == Long.MIN_VALUE) {
      bin = b;
      firstBin = b;
      return;
    }
    if (b <= bin) {
      return;
    }
    close();
    if ((b - bin) / 300 - 1 <= 24) { // after two silent hours the state is not carried on
      for (long x = bin + 300; x < b; x += 300) {
        put(x, snapshot);
      }
    }
    bin = b;
  }

  private void close() {
    snapshot = ribSeen ? visibility() : null;
    put(bin, snapshot);
  }

  private void put(long b, Map<String, Double> snap) {
    if (snap == null) {
      return;
    }
    visValidBins.add(b);
    snap.forEach(
        (k, v) -> values.computeIfAbsent(k, x -> new TreeMap<>()).merge(b, v, Double::sum));
  }

  void peerTable(List<String> peers) {
    for (String p : peers) {
      tables.remove(p);
    }
  }

  void rib(String peer, long as, Pfx p, long origin) {
    ribSeen = true;
    peerAs.put(peer, as);
    tables.computeIfAbsent(peer, k -> new HashMap<>()).put(p, origin);
    if (origin >= 0) {
      lastOrigin.put(p, origin);
    }
  }

  void announce(String peer, long as, Pfx p, long origin) {
    peerAs.put(peer, as);
    tables.computeIfAbsent(peer, k -> new HashMap<>()).put(p, origin);
    if (origin >= 0) {
      lastOrigin.put(p, origin);
    }
    count("bgp.updates", p, origin);
  }

  void withdraw(String peer, Pfx p) {
    Map<Pfx, Long> t = tables.get(peer);
    Long had = t == null ? null : t.remove(p);
    long origin = had != null ? had : lastOrigin.getOrDefault(p, -1L);
    count("bgp.withdrawals", p, origin);
  }

  void sessionDown(String peer) {
    tables.remove(peer);
  }

  private void count(String signal, Pfx p, long origin) {
    if (origin >= 0) {
      add("asn/" + origin + ":" + signal, 1);
    }
    boolean located = p.v6 ? p.length >= 16 : p.length >= config.minMaskLength();
    if (country != null && located && country.reaches(p, p.first, p.last)) {
      add("country/" + country.code + ":" + signal, 1);
    }
  }

  private void add(String key, double v) {
    values.computeIfAbsent(key, x -> new TreeMap<>()).merge(bin, v, Double::sum);
  }

  /** IODA's rules, spelled out with sets. Null when there is no full-feed peer. */
  Map<String, Double> visibility() {
    Set<String> ff = new HashSet<>();
    Set<Long> ffAses = new HashSet<>();
    for (Map.Entry<String, Map<Pfx, Long>> e : tables.entrySet()) {
      long v4 = e.getValue().keySet().stream().filter(p -> !p.v6).count();
      if (v4 >= config.ipv4FullFeed()) {
        ff.add(e.getKey());
        ffAses.add(peerAs.get(e.getKey()));
      }
    }
    if (ffAses.isEmpty()) {
      return null;
    }
    Set<Pfx> all = new HashSet<>();
    tables.values().forEach(t -> t.keySet().stream().filter(p -> !p.v6).forEach(all::add));
    Map<Long, Set<Long>> asBlocks = new HashMap<>();
    Set<Long> countryBlocks = new HashSet<>();
    for (Pfx p : all) {
      Set<Long> seenBy = new HashSet<>();
      Set<Long> origins = new HashSet<>();
      int peers = 0;
      for (Map.Entry<String, Map<Pfx, Long>> e : tables.entrySet()) {
        Long o = e.getValue().get(p);
        if (o == null) {
          continue;
        }
        peers++;
        if (ff.contains(e.getKey())) {
          seenBy.add(peerAs.get(e.getKey()));
          if (o >= 0) {
            origins.add(o);
          }
        }
      }
      double share = (double) seenBy.size() / ffAses.size();
      boolean visible = config.inclusive() ? share >= config.fraction() : share > config.fraction();
      if (seenBy.isEmpty()
          || !visible
          || p.length < config.minMaskLength()
          || peers < config.minPeers()) {
        continue;
      }
      List<Long> blocks = new ArrayList<>();
      for (long b = p.first >>> 8; b <= p.last >>> 8; b++) {
        blocks.add(b);
      }
      for (long o : origins) {
        asBlocks.computeIfAbsent(o, k -> new HashSet<>()).addAll(blocks);
      }
      if (country != null) {
        for (long b : blocks) {
          if (country.reaches(p, Math.max(p.first, b << 8), Math.min(p.last, (b << 8) | 255))) {
            countryBlocks.add(b);
          }
        }
      }
    }
    Map<String, Double> out = new HashMap<>();
    asBlocks.forEach((as, b) -> out.put("asn/" + as + ":bgp.visible_slash24", (double) b.size()));
    if (!countryBlocks.isEmpty()) {
      out.put("country/" + country.code + ":bgp.visible_slash24", (double) countryBlocks.size());
    }
    return out;
  }

  /** Closes the last bin. */
  void finish() {
    if (bin != Long.MIN_VALUE) {
      close();
    }
  }

  /** Asserts that {@code series} holds exactly the model's numbers. */
  void assertMatches(Map<SignalKey, TimeSeries> series) {
    Map<String, TimeSeries> byKey = new TreeMap<>();
    series.forEach((k, v) -> byKey.put(k.toString(), v));
    Set<String> expected = new TreeSet<>();
    values.forEach(
        (k, m) -> {
          if (m.values().stream().anyMatch(v -> v != 0)) {
            expected.add(k);
            // announcements and withdrawals come as a pair: one without the other is zero
            if (k.endsWith(":bgp.updates")) {
              expected.add(k.replace(":bgp.updates", ":bgp.withdrawals"));
            } else if (k.endsWith(":bgp.withdrawals")) {
              expected.add(k.replace(":bgp.withdrawals", ":bgp.updates"));
            }
          }
        });
    assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    for (Map.Entry<String, TimeSeries> e : byKey.entrySet()) {
      TimeSeries s = e.getValue();
      assertThat(s.step()).isEqualTo(300);
      assertThat(s.start()).isEqualTo(firstBin);
      assertThat(s.end()).isEqualTo(bin + 300);
      boolean vis = e.getKey().endsWith("visible_slash24");
      TreeMap<Long, Double> want = values.getOrDefault(e.getKey(), new TreeMap<>());
      for (int i = 0; i < s.length(); i++) {
        long t = s.timeAt(i);
        boolean valid = vis ? visValidBins.contains(t) : updateBins.contains(t);
        if (!valid) {
          assertThat(s.value(i)).as("%s at %d", e.getKey(), t).isNaN();
        } else {
          assertThat(s.value(i)).as("%s at %d", e.getKey(), t).isEqualTo(want.getOrDefault(t, 0.0));
        }
      }
    }
  }

  /** The model's value, for reporting (0 if none). */
  double value(String key, long bin) {
    TreeMap<Long, Double> m = values.get(key);
    return m == null ? 0 : m.getOrDefault(bin, 0.0);
  }
}
