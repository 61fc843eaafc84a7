// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vigil.scenario.Scenario.Network;

/**
 * Probe results as a Trinocular-style prober would record them ({@code
 * time,address,responded,rtt_ms}), and the table of blocks to entities ({@code prefix,entity}) that
 * {@code vigil ingest probes --entities} reads.
 *
 * <p>Each network contributes a sample of its real /24s, each placed in a region by population,
 * with its own ever-responsive addresses and availability A(E(b)). Every round each block gets one
 * probe, then up to 14 more while the prober's belief (IODA's Bayes update: P(reply | up) = A,
 * P(reply | down) = 0.99/256, clamped to [0.01, 0.99]) is between 0.1 and 0.9; an address answers
 * with probability A times the reach level of its region and network.
 */
final class ProbeFiles {
  private static final int MAX_PROBES = 15;

  private ProbeFiles() {}

  /** A sampled block. */
  record Block(int network, int region, int base, int[] hosts, double availability) {
    String prefix() {
      return address(base) + "/24";
    }
  }

  static List<Block> blocks(Scenario s) {
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x626c_6f63_6b73L);
    double population = 0;
    for (Scenario.Region r : s.regions()) {
      population += r.population();
    }
    List<Block> out = new ArrayList<>();
    for (int n = 0; n < s.networks().size(); n++) {
      Network net = s.networks().get(n);
      List<int[]> prefixes = new ArrayList<>();
      long total = 0;
      for (String p : net.prefixes()) {
        int[] parsed = parsePrefix(p);
        prefixes.add(parsed);
        total += parsed[1] >= 24 ? 1 : 1L << (24 - parsed[1]);
      }
      java.util.Set<Integer> chosen = new java.util.TreeSet<>();
      int want = (int) Math.min(s.probing().blocksPerNetwork(), total);
      while (chosen.size() < want) {
        long k = random.nextLong(total);
        for (int[] p : prefixes) {
          long size = p[1] >= 24 ? 1 : 1L << (24 - p[1]);
          if (k < size) {
            chosen.add(p[0] + (int) (k << 8));
            break;
          }
          k -= size;
        }
      }
      for (int base : chosen) {
        double pick = random.nextDouble() * population;
        int region = 0;
        while (pick >= s.regions().get(region).population() && region < s.regions().size() - 1) {
          pick -= s.regions().get(region).population();
          region++;
        }
        int[] range = s.probing().responsive();
        int count = range[0] + random.nextInt(range[1] - range[0] + 1);
        List<Integer> octets = new ArrayList<>();
        for (int i = 1; i < 255; i++) {
          octets.add(i);
        }
        int[] hosts = new int[count];
        for (int i = 0; i < count; i++) {
          hosts[i] = octets.remove(random.nextInt(octets.size()));
        }
        java.util.Arrays.sort(hosts);
        double[] a = s.probing().availability();
        out.add(new Block(n, region, base, hosts, a[0] + random.nextDouble() * (a[1] - a[0])));
      }
    }
    return out;
  }

  static void writeEntities(Scenario s, List<Block> blocks, Writer out) throws IOException {
    out.write("prefix,entity\n");
    for (Block b : blocks) {
      out.write(b.prefix() + ",country/" + s.country() + "\n");
      out.write(b.prefix() + ",asn/" + s.networks().get(b.network()).asn() + "\n");
      out.write(b.prefix() + ",region/" + s.regions().get(b.region()).code() + "\n");
    }
  }

  static void writeResults(Timeline timeline, List<Block> blocks, Writer out) throws IOException {
    Scenario s = timeline.scenario();
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x7072_6f62_6573L);
    long round = s.probing().round().getSeconds();
    long start = s.start().getEpochSecond();
    long end = s.end().getEpochSecond();
    double[] belief = new double[blocks.size()];
    int[] next = new int[blocks.size()];
    java.util.Arrays.fill(belief, 0.99);
    StringBuilder line = new StringBuilder(64);
    out.write("time,address,responded,rtt_ms\n");
    for (long t0 = start; t0 < end; t0 += round) {
      for (int i = 0; i < blocks.size(); i++) {
        Block b = blocks.get(i);
        // Probes spread evenly over the round; adaptive probes follow 3 s apart.
        long t = t0 + (long) i * round / blocks.size();
        double reach = timeline.level(b.region(), b.network(), Timeline.REACH, t);
        double a = b.availability();
        for (int k = 0; k < MAX_PROBES; k++) {
          int host = b.hosts()[next[i]];
          next[i] = (next[i] + 1) % b.hosts().length;
          boolean replied = random.nextDouble() < a * Math.min(1, reach);
          belief[i] = update(belief[i], a, replied);
          line.setLength(0);
          line.append(t + 3L * k).append(',').append(address(b.base() + host)).append(',');
          if (replied) {
            line.append("1,")
                .append(String.format(Locale.ROOT, "%.1f", 20 + 60 * random.nextDouble()));
          } else {
            line.append("0,");
          }
          out.write(line.append('\n').toString());
          if (belief[i] >= 0.9 || belief[i] <= 0.1) {
            break;
          }
        }
      }
    }
  }

  /** IODA's Bayes update of a block's belief after one probe. */
  static double update(double belief, double a, boolean replied) {
    double up = replied ? a : 1 - a;
    double down = replied ? 0.99 / 256 : 1 - 0.99 / 256;
    double b = belief * up / (belief * up + (1 - belief) * down);
    return Math.max(0.01, Math.min(0.99, b));
  }

  static int[] parsePrefix(String p) {
    int slash = p.indexOf('/');
    String[] o = p.substring(0, slash).split("\\.");
    int addr = 0;
    for (String x : o) {
      addr = addr << 8 | Integer.parseInt(x);
    }
    return new int[] {addr, Integer.parseInt(p.substring(slash + 1))};
  }

  static String address(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
  }
}
