// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.vigil.bgp.mrt.MrtWriter;
import org.vigil.core.net.GeoFormat;
import org.vigil.core.net.GeoSource;
import org.vigil.core.net.GeoTable;

/**
 * Route tables shaped like the real one, for benchmarks: prefix lengths as in the 2022 IPv4 table
 * (six in ten /24s), origins from 70,000 ASes with a long tail, paths of 2 to 7 ASes, some
 * communities, and a country per range.
 */
final class SyntheticRoutes {
  final int[] address;
  final int[] length;
  final long[] origin;

  SyntheticRoutes(int prefixes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    address = new int[prefixes];
    length = new int[prefixes];
    origin = new long[prefixes];
    Set<Long> seen = new HashSet<>(prefixes * 2);
    int[] lengths = {
      24, 24, 24, 24, 24, 24, 23, 22, 22, 21, 20, 19, 18, 17, 16, 16, 15, 14, 12, 10
    };
    for (int i = 0; i < prefixes; ) {
      int len = lengths[r.nextInt(lengths.length)];
      int a = (r.nextInt(1, 224) << 24 | r.nextInt(1 << 24)) & (-1 << (32 - len));
      if (seen.add(((a & 0xFFFF_FFFFL) << 6) | len)) {
        address[i] = a;
        length[i] = len;
        // long tail: a few ASes originate many prefixes
        double u = r.nextDouble();
        origin[i] = 1 + (long) (70_000 * u * u * u);
        i++;
      }
    }
  }

  /** Peer {@code p}'s AS: 50 peers in 40 ASes (some ASes peer from two routers). */
  static long peerAs(int p) {
    return 64_512 + (p % 40);
  }

  static int peerAddress(int p) {
    return 0xC633_6400 + p; // 198.51.100.0/24
  }

  /** A TABLE_DUMP_V2 dump of every prefix seen by every one of {@code peers} peers. */
  byte[] rib(int peers, long time) {
    SplittableRandom r = new SplittableRandom(7);
    ByteArrayOutputStream out = new ByteArrayOutputStream(address.length * peers * 60);
    MrtWriter w = new MrtWriter(out);
    try {
      long[] as = new long[peers];
      byte[][] addr = new byte[peers][];
      int[] idx = new int[peers];
      for (int p = 0; p < peers; p++) {
        as[p] = peerAs(p);
        int a = peerAddress(p);
        addr[p] = new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
        idx[p] = p;
      }
      w.peerIndexTable(time, as, addr);
      byte[][] attrs = new byte[peers][];
      for (int i = 0; i < address.length; i++) {
        for (int p = 0; p < peers; p++) {
          int hops = r.nextInt(1, 6);
          long[] path = new long[hops + 1];
          path[0] = as[p];
          for (int h = 1; h < hops; h++) {
            path[h] = 1 + r.nextInt(70_000);
          }
          path[hops] = origin[i];
          byte[] base = MrtWriter.attributes(path, null, peerAddress(p));
          int communities = r.nextInt(4) == 0 ? r.nextInt(1, 6) : 0;
          if (communities == 0) {
            attrs[p] = base;
          } else {
            byte[] a = java.util.Arrays.copyOf(base, base.length + 3 + 4 * communities);
            int q = base.length;
            a[q++] = (byte) 0xC0; // optional transitive
            a[q++] = 8; // COMMUNITIES (RFC 1997)
            a[q++] = (byte) (4 * communities);
            for (int c = 0; c < communities; c++) {
              int v = r.nextInt();
              a[q++] = (byte) (v >>> 24);
              a[q++] = (byte) (v >>> 16);
              a[q++] = (byte) (v >>> 8);
              a[q++] = (byte) v;
            }
            attrs[p] = a;
          }
        }
        w.ribIpv4(time, i, address[i], length[i], idx, attrs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The IPv4 space cut into {@code ranges} ranges, each in one of 240 countries. */
  static GeoTable geo(int ranges, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    GeoTable.Builder b = GeoTable.builder();
    long step = (1L << 32) / ranges;
    for (int i = 0; i < ranges; i++) {
      int c = r.nextInt(240);
      String cc = "" + (char) ('A' + c / 26 % 26) + (char) ('A' + c % 26);
      b.addIpv4(i * step, i * step + step - 1, cc, null, -1);
    }
    return b.build(new GeoSource("synthetic", "", GeoFormat.CSV_RANGES, ranges, 0, ""));
  }
}
