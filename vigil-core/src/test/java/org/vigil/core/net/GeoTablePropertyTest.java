// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random nested and overlapping ranges against a naive most-specific-range scan. */
class GeoTablePropertyTest {
  record Range(long first, long last, String cc, int order) {}

  /**
   * The naive rule: among ranges holding the address, the latest start, then shortest, then last.
   */
  static Range naive(List<Range> ranges, long address) {
    Range best = null;
    for (Range r : ranges) {
      if (r.first <= address && address <= r.last) {
        if (best == null
            || r.first > best.first
            || r.first == best.first && r.last < best.last
            || r.first == best.first && r.last == best.last && r.order > best.order) {
          best = r;
        }
      }
    }
    return best;
  }

  static List<Range> randomRanges(SplittableRandom rnd, long max, int n) {
    List<Range> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long first;
      long last;
      if (rnd.nextBoolean()) { // a prefix
        int len = rnd.nextInt(0, 33);
        long size = 1L << (32 - len);
        first = (rnd.nextLong(0, max + 1) / size) * size;
        last = first + size - 1;
      } else { // any range, often small
        first = rnd.nextLong(0, max + 1);
        last = Math.min(max, first + rnd.nextLong(0, rnd.nextBoolean() ? 300 : 1L << 28));
      }
      ranges.add(new Range(first, last, "C" + (char) ('A' + rnd.nextInt(26)), i));
    }
    return ranges;
  }

  @RepeatedTest(40)
  void ipv4LookupsMatchTheNaiveScan(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(1000 + info.getCurrentRepetition());
    List<Range> ranges = randomRanges(rnd, 0xFFFF_FFFFL, rnd.nextInt(0, 60));
    GeoTable.Builder b = GeoTable.builder();
    for (Range r : ranges) {
      b.addIpv4(r.first, r.last, r.cc, null, -1);
    }
    GeoTable t = b.build(new GeoSource("random", "", GeoFormat.CSV_RANGES, ranges.size(), 0, ""));
    List<Long> probes = new ArrayList<>(List.of(0L, 0xFFFF_FFFFL));
    for (Range r : ranges) { // the edges are where bugs live
      probes.add(r.first);
      probes.add(r.last);
      probes.add(Math.max(0, r.first - 1));
      probes.add(Math.min(0xFFFF_FFFFL, r.last + 1));
    }
    for (int i = 0; i < 200; i++) {
      probes.add(rnd.nextLong(0, 1L << 32));
    }
    for (long a : probes) {
      Range expect = naive(ranges, a);
      assertThat(t.country(t.recordIpv4((int) a)))
          .as("address %d among %s", a, ranges)
          .isEqualTo(expect == null ? null : expect.cc);
    }
    // forEachIpv4 tiles any range exactly, each part agreeing with point lookups
    for (int k = 0; k < 20; k++) {
      long f = rnd.nextLong(0, 1L << 32);
      long l = Math.min(0xFFFF_FFFFL, f + rnd.nextLong(0, 1L << 30));
      long[] next = {f};
      t.forEachIpv4(
          f,
          l,
          (first, last, rec) -> {
            assertThat(first).isEqualTo(next[0]);
            assertThat(last).isBetween(first, l);
            assertThat(t.recordIpv4((int) first)).isEqualTo(rec);
            assertThat(t.recordIpv4((int) last)).isEqualTo(rec);
            next[0] = last + 1;
          });
      assertThat(next[0]).isEqualTo(l + 1);
    }
  }

  @RepeatedTest(20)
  void ipv6LookupsMatchTheNaiveScan(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(2000 + info.getCurrentRepetition());
    List<Range> ranges = new ArrayList<>();
    List<long[]> raw = new ArrayList<>();
    GeoTable.Builder b = GeoTable.builder();
    for (int i = 0; i < rnd.nextInt(0, 40); i++) {
      int len = rnd.nextInt(0, 65);
      long mask = IpAddresses.mask64(len);
      long high = rnd.nextLong() & mask;
      String cc = "C" + (char) ('A' + rnd.nextInt(26));
      b.addIpv6Prefix(high, 0, len, cc, null, -1);
      // unsigned order mapped to signed for the naive scan
      ranges.add(new Range(high ^ Long.MIN_VALUE, (high | ~mask) ^ Long.MIN_VALUE, cc, i));
      raw.add(new long[] {high, high | ~mask});
    }
    GeoTable t = b.build(new GeoSource("random6", "", GeoFormat.CSV_RANGES, ranges.size(), 0, ""));
    List<Long> probes = new ArrayList<>(List.of(0L, -1L));
    for (long[] r : raw) {
      probes.add(r[0]);
      probes.add(r[1]);
      probes.add(r[0] - 1);
      probes.add(r[1] + 1);
    }
    for (int i = 0; i < 200; i++) {
      probes.add(rnd.nextLong());
    }
    for (long high : probes) {
      Range expect = naiveSigned(ranges, high ^ Long.MIN_VALUE);
      assertThat(t.country(t.recordIpv6(high))).isEqualTo(expect == null ? null : expect.cc);
    }
  }

  private static Range naiveSigned(List<Range> ranges, long a) {
    return naive(ranges, a);
  }

  @Test
  void lookupsAllocateNothing() {
    SplittableRandom rnd = new SplittableRandom(7);
    GeoTable.Builder b = GeoTable.builder();
    for (Range r : randomRanges(rnd, 0xFFFF_FFFFL, 5000)) {
      b.addIpv4(r.first, r.last, r.cc, null, -1);
    }
    GeoTable t = b.build(new GeoSource("random", "", GeoFormat.CSV_RANGES, 5000, 0, ""));
    int[] addresses = new int[100_000];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = rnd.nextInt();
    }
    long sink = 0;
    for (int a : addresses) { // warm up
      sink += t.recordIpv4(a) + t.recordIpv6(a * 31L);
    }
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    for (int a : addresses) {
      sink += t.recordIpv4(a) + t.recordIpv6(a * 31L);
    }
    long after = mx.getThreadAllocatedBytes(tid);
    assertThat(after - before)
        .as("bytes allocated by 200k lookups (sink %d)", sink)
        .isLessThan(1024);
  }

  @Test
  void savedTablesLoadIdentically(@TempDir Path dir) throws Exception {
    SplittableRandom rnd = new SplittableRandom(11);
    GeoTable.Builder b = GeoTable.builder();
    for (Range r : randomRanges(rnd, 0xFFFF_FFFFL, 300)) {
      b.addIpv4(r.first, r.last, r.cc, rnd.nextBoolean() ? r.cc + "-1" : null, rnd.nextInt(-1, 5));
    }
    b.addIpv6Prefix(0x2a00_1a08_0000_0000L, 0, 32, "KZ", null, 9198);
    GeoTable t = b.build(new GeoSource("x.csv", "ab12", GeoFormat.CSV_RANGES, 301, 2, "desc"));
    Path f = dir.resolve("geo/x.vgeo");
    t.save(f);
    GeoTable u = GeoTable.load(f);
    assertThat(u.sources()).isEqualTo(t.sources());
    assertThat(u.recordCount()).isEqualTo(t.recordCount());
    for (int i = 0; i < 10_000; i++) {
      int a = rnd.nextInt();
      int r = t.recordIpv4(a);
      int s = u.recordIpv4(a);
      assertThat(u.country(s)).isEqualTo(t.country(r));
      assertThat(u.region(s)).isEqualTo(t.region(r));
      assertThat(u.asn(s)).isEqualTo(t.asn(r));
    }
    assertThat(u.asn(u.recordIpv6(0x2a00_1a08_1234_0000L))).isEqualTo(9198);
  }
}
