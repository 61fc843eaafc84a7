// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.util.Arrays;
import org.vigil.bgp.route.internal.LongIntHashMap;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpEntityResolver;

/**
 * Computes IPv4 prefix visibility ({@link VisibilityConfig}) over a {@link RouteTable} and counts
 * the visible /24s per origin AS, country and region.
 *
 * <p>Per prefix, as bgpview's per-AS consumer does: the full-feed peers that have it give the set
 * of full-feed peer ASes (the visibility count) and the set of origin ASes; each origin AS in that
 * set is credited with the prefix. A path that ends in an AS_SET of several ASes names no origin
 * (bgpview skips such origin segments too): the prefix still counts for its country and region but
 * for no AS. Country and region come from the geolocation table, address by address: a prefix that
 * spans two countries counts in each for the /24s that lie there.
 *
 * <p>Cost, for P prefixes and F full-feed peers: one pass over each full-feed peer's bit set and
 * origin array (sequential, about P·F/64 words and the origins of the routes present), then one
 * pass over the prefixes in address order. Arrays are kept between calls; nothing is allocated per
 * prefix. A full table (1 M prefixes × 50 peers, 70,000 origin ASes, a geolocation table of 200,000
 * ranges) takes about 0.15 s on one core ({@code VisibilityBenchmark}).
 *
 * <pre>{@code
 * VisibilityAggregator agg = new VisibilityAggregator(table, VisibilityConfig.ioda(), resolver);
 * Visibility v = agg.compute();
 * long kz = v.countrySlash24(resolver.countries().indexOf(kazakhstan));
 * }</pre>
 */
public final class VisibilityAggregator {
  private final RouteTable table;
  private final VisibilityConfig config;
  private final IpEntityResolver geo;

  // per prefix id
  private int[] seenAses = new int[0];
  private int[] seenPeers = new int[0];
  private int[] firstOrigin = new int[0];
  private long[] originSeen = new long[0];
  private long[] multiOrigin = new long[0];
  private long[] orWords = new long[0];

  // prefix ids by address then length
  private int[] sorted = new int[0];
  private int sortedCount;

  // per origin AS
  private final LongIntHashMap asIndex = new LongIntHashMap(1 << 12);
  private long[] asNumbers = new long[64];
  private int asKnown;
  private long[] asCovered = new long[64];
  private long[] asLastBlock = new long[64];
  private long[] asCount = new long[64];
  private int[] origins = new int[16];

  // per country / region (resolver indices)
  private final long[] countryLast;
  private final long[] countryCount;
  private final long[] regionLast;
  private final long[] regionCount;
  private final GeoTable.SegmentVisitor geoVisitor = this::geoSegment;

  private int[] ffPeers = new int[16];

  public VisibilityAggregator(RouteTable table, VisibilityConfig config, IpEntityResolver geo) {
    this.table = table;
    this.config = config;
    this.geo = geo;
    int nc = geo == null ? 0 : geo.countries().size();
    int nr = geo == null ? 0 : geo.regions().size();
    countryLast = new long[nc];
    countryCount = new long[nc];
    regionLast = new long[nr];
    regionCount = new long[nr];
  }

  public VisibilityConfig config() {
    return config;
  }

  /** Visibility of the table as it is now. */
  public Visibility compute() {
    int n = table.prefixes4.size;
    int words = (n + 63) >>> 6;
    RouteTable.Peer[] peers = table.peers;

    // Full-feed peers, ordered by AS so that peers of one AS are adjacent.
    int ff = 0;
    for (int p = 0; p < table.peerCount; p++) {
      if (peers[p].v4.count >= config.ipv4FullFeed()) {
        if (ff == ffPeers.length) {
          ffPeers = Arrays.copyOf(ffPeers, ff * 2);
        }
        ffPeers[ff++] = p;
      }
    }
    sortByAs(ffPeers, ff, peers);
    int ffAses = 0;
    for (int i = 0; i < ff; i++) {
      if (i == 0 || peers[ffPeers[i]].asn != peers[ffPeers[i - 1]].asn) {
        ffAses++;
      }
    }
    if (ffAses == 0) {
      return new Visibility(
          0, 0, 0, 0, new long[0], new long[0], new long[countryLast.length], new long[0]);
    }
    int minSeen = config.minSeen(ffAses);

    ensure(n, words);
    Arrays.fill(seenAses, 0, n, 0);
    Arrays.fill(originSeen, 0, words, 0);
    Arrays.fill(multiOrigin, 0, words, 0);

    // 1. Full-feed peer ASes per prefix: OR the bit sets of each AS's peers, count the bits.
    for (int i = 0; i < ff; ) {
      int j = i + 1;
      long as = peers[ffPeers[i]].asn;
      while (j < ff && peers[ffPeers[j]].asn == as) {
        j++;
      }
      long[] bits;
      if (j - i == 1) {
        bits = peers[ffPeers[i]].v4.present;
      } else {
        Arrays.fill(orWords, 0, words, 0);
        for (int k = i; k < j; k++) {
          long[] pw = peers[ffPeers[k]].v4.present;
          int m = Math.min(words, pw.length);
          for (int w = 0; w < m; w++) {
            orWords[w] |= pw[w];
          }
        }
        bits = orWords;
      }
      countBits(bits, Math.min(words, bits.length), seenAses);
      i = j;
    }

    // 2. Origins seen by full-feed peers: the first one, and whether there are others.
    for (int i = 0; i < ff; i++) {
      RouteTable.Routes r = peers[ffPeers[i]].v4;
      long[] pw = r.present;
      int[] org = r.origin;
      int m = Math.min(words, pw.length);
      for (int w = 0; w < m; w++) {
        long x = pw[w];
        while (x != 0) {
          int id = (w << 6) | Long.numberOfTrailingZeros(x);
          x &= x - 1;
          int o = org[id];
          if (o == RouteTable.NO_ORIGIN) {
            continue;
          }
          long bit = 1L << id;
          if ((originSeen[w] & bit) == 0) {
            originSeen[w] |= bit;
            firstOrigin[id] = o;
          } else if (firstOrigin[id] != o) {
            multiOrigin[w] |= bit;
          }
        }
      }
    }

    // 3. The routed rule's peer count, unless the full-feed rule already implies it.
    boolean countPeers = config.minPeers() > minSeen;
    if (countPeers) {
      Arrays.fill(seenPeers, 0, n, 0);
      for (int p = 0; p < table.peerCount; p++) {
        long[] pw = peers[p].v4.present;
        countBits(pw, Math.min(words, pw.length), seenPeers);
      }
    }

    // 4. Visible prefixes in address order: credit origin ASes and locations.
    sortPrefixes();
    for (int i = 0; i < asKnown; i++) {
      asCovered[i] = -1;
      asLastBlock[i] = -1;
      asCount[i] = 0;
    }
    Arrays.fill(countryLast, -1);
    Arrays.fill(countryCount, 0);
    Arrays.fill(regionLast, -1);
    Arrays.fill(regionCount, 0);
    int[] address = table.prefixes4.address;
    byte[] length = table.prefixes4.length;
    int minMask = config.minMaskLength();
    int minPeers = config.minPeers();
    int visible = 0;
    long total = 0;
    long covered = -1;
    long lastBlock = -1;
    for (int k = 0; k < n; k++) {
      int id = sorted[k];
      if (seenAses[id] < minSeen || length[id] < minMask) {
        continue;
      }
      if (countPeers && seenPeers[id] < minPeers) {
        continue;
      }
      visible++;
      long first = address[id] & 0xFFFF_FFFFL;
      long last = first + (1L << (32 - length[id])) - 1;
      int w = id >>> 6;
      long bit = 1L << id;
      if ((originSeen[w] & bit) != 0) {
        if ((multiOrigin[w] & bit) == 0) {
          creditAs(firstOrigin[id], first, last);
        } else {
          int no = collectOrigins(id, ff);
          for (int q = 0; q < no; q++) {
            creditAs(origins[q], first, last);
          }
        }
      }
      if (last > covered) { // not inside a visible prefix already counted
        long from = Math.max(first >>> 8, lastBlock + 1);
        long to = last >>> 8;
        if (to >= from) {
          total += to - from + 1;
          lastBlock = to;
        }
        covered = last;
        if (geo != null) {
          geo.table().forEachIpv4(first, last, geoVisitor);
        }
      }
    }

    int withCount = 0;
    for (int i = 0; i < asKnown; i++) {
      if (asCount[i] > 0) {
        withCount++;
      }
    }
    long[] asns = new long[withCount];
    long[] counts = new long[withCount];
    int[] order = new int[withCount];
    for (int i = 0, j = 0; i < asKnown; i++) {
      if (asCount[i] > 0) {
        order[j++] = i;
      }
    }
    // AS order for stable output
    long[] keyed = new long[withCount];
    for (int j = 0; j < withCount; j++) {
      keyed[j] = (asNumbers[order[j]] << 24) | j; // AS < 2^32, j < 2^24
    }
    Arrays.sort(keyed);
    for (int j = 0; j < withCount; j++) {
      int idx = order[(int) (keyed[j] & 0xFF_FFFF)];
      asns[j] = asNumbers[idx];
      counts[j] = asCount[idx];
    }
    return new Visibility(
        ff, ffAses, visible, total, asns, counts, countryCount.clone(), regionCount.clone());
  }

  private static void countBits(long[] bits, int words, int[] counts) {
    for (int w = 0; w < words; w++) {
      long x = bits[w];
      int base = w << 6;
      while (x != 0) {
        counts[base + Long.numberOfTrailingZeros(x)]++;
        x &= x - 1;
      }
    }
  }

  /** Distinct origins of prefix {@code id} among the full-feed peers, into {@link #origins}. */
  private int collectOrigins(int id, int ff) {
    int no = 0;
    for (int i = 0; i < ff; i++) {
      RouteTable.Routes r = table.peers[ffPeers[i]].v4;
      if (!r.has(id)) {
        continue;
      }
      int o = r.origin[id];
      if (o == RouteTable.NO_ORIGIN) {
        continue;
      }
      boolean dup = false;
      for (int q = 0; q < no && !dup; q++) {
        dup = origins[q] == o;
      }
      if (!dup) {
        if (no == origins.length) {
          origins = Arrays.copyOf(origins, no * 2);
        }
        origins[no++] = o;
      }
    }
    return no;
  }

  private void creditAs(int origin, long first, long last) {
    long as = RouteTable.load(origin);
    int idx = asIndex.get(as, -1);
    if (idx < 0) {
      idx = asKnown++;
      if (idx == asNumbers.length) {
        int n = idx * 2;
        asNumbers = Arrays.copyOf(asNumbers, n);
        asCovered = Arrays.copyOf(asCovered, n);
        asLastBlock = Arrays.copyOf(asLastBlock, n);
        asCount = Arrays.copyOf(asCount, n);
      }
      asNumbers[idx] = as;
      asCovered[idx] = -1;
      asLastBlock[idx] = -1;
      asCount[idx] = 0;
      asIndex.put(as, idx, -1);
    }
    if (last <= asCovered[idx]) {
      return; // inside a prefix of this AS already counted
    }
    long from = Math.max(first >>> 8, asLastBlock[idx] + 1);
    long to = last >>> 8;
    if (to >= from) {
      asCount[idx] += to - from + 1;
      asLastBlock[idx] = to;
    }
    asCovered[idx] = last;
  }

  private void geoSegment(long first, long last, int record) {
    int c = geo.countryIndex(record);
    if (c >= 0) {
      long from = Math.max(first >>> 8, countryLast[c] + 1);
      long to = last >>> 8;
      if (to >= from) {
        countryCount[c] += to - from + 1;
        countryLast[c] = to;
      }
    }
    int r = geo.regionIndex(record);
    if (r >= 0) {
      long from = Math.max(first >>> 8, regionLast[r] + 1);
      long to = last >>> 8;
      if (to >= from) {
        regionCount[r] += to - from + 1;
        regionLast[r] = to;
      }
    }
  }

  private void ensure(int n, int words) {
    if (seenAses.length < n) {
      int cap = Math.max(n, seenAses.length + (seenAses.length >> 1));
      seenAses = new int[cap];
      seenPeers = new int[cap];
      firstOrigin = new int[cap];
    }
    if (originSeen.length < words) {
      int cap = Math.max(words, originSeen.length + (originSeen.length >> 1));
      originSeen = new long[cap];
      multiOrigin = new long[cap];
      orWords = new long[cap];
    }
  }

  /** Keeps {@link #sorted} in (address, length) order, merging in prefixes new since last time. */
  private void sortPrefixes() {
    Prefixes4 p = table.prefixes4;
    int n = p.size;
    if (n == sortedCount) {
      return;
    }
    if (n >= 1 << 25) {
      throw new IllegalStateException("more than 2^25 distinct IPv4 prefixes");
    }
    int added = n - sortedCount;
    long[] fresh = new long[added];
    for (int i = 0; i < added; i++) {
      int id = sortedCount + i;
      fresh[i] = (p.key(id) << 25) | id; // key < 2^38
    }
    Arrays.sort(fresh);
    int[] merged = new int[n];
    int a = 0;
    int b = 0;
    int k = 0;
    while (a < sortedCount && b < added) {
      long ka = p.key(sorted[a]);
      long kb = fresh[b] >>> 25;
      merged[k++] = ka <= kb ? sorted[a++] : (int) (fresh[b++] & ((1 << 25) - 1));
    }
    while (a < sortedCount) {
      merged[k++] = sorted[a++];
    }
    while (b < added) {
      merged[k++] = (int) (fresh[b++] & ((1 << 25) - 1));
    }
    sorted = merged;
    sortedCount = n;
  }

  private static void sortByAs(int[] ids, int n, RouteTable.Peer[] peers) {
    for (int i = 1; i < n; i++) {
      int x = ids[i];
      int j = i - 1;
      while (j >= 0 && peers[ids[j]].asn > peers[x].asn) {
        ids[j + 1] = ids[j];
        j--;
      }
      ids[j + 1] = x;
    }
  }
}
