// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.Consumer;
import org.vigil.probe.internal.Ipv4;

/**
 * The /24 blocks to probe, each with its ever-responsive addresses E(b) and their availability
 * A(E(b)), the mean reply rate of those addresses. Immutable, and compact: per block one {@code
 * int} (the block number), one {@code float} and a 256-bit map of E(b), 40 bytes however many
 * addresses E(b) holds. Blocks are sorted by address.
 *
 * <p>Built from a hitlist file ({@link #read}) or by {@link Discovery}; saved with {@link #write}
 * as a hitlist with scores, which {@link #read} loads back to the same E(b) and A(E(b)).
 *
 * <pre>{@code
 * TargetList targets = TargetList.read(Path.of("targets.csv"), problem -> System.err.println(problem));
 * int probed = targets.eligibleCount();
 * }</pre>
 */
public final class TargetList {
  private final int[] blocks; // the /24 number: network address >>> 8, ascending
  private final long[] hosts; // 4 longs per block: bit i set when address i of the block is in E(b)
  private final float[] availability;
  private final int eligibleCount;

  private TargetList(int[] blocks, long[] hosts, float[] availability) {
    this.blocks = blocks;
    this.hosts = hosts;
    this.availability = availability;
    int e = 0;
    for (int i = 0; i < blocks.length; i++) {
      if (eligible(i)) {
        e++;
      }
    }
    this.eligibleCount = e;
  }

  /** Reads a hitlist file (see {@link HitlistReader}); malformed lines go to {@code problems}. */
  public static TargetList read(Path file, Consumer<Problem> problems) throws IOException {
    return HitlistReader.read(file, problems).targets();
  }

  /** A builder collecting addresses with scores. */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of blocks, eligible or not. */
  public int size() {
    return blocks.length;
  }

  /** Number of blocks with |E(b)| ≥ 15 and A(E(b)) ≥ 0.1: the blocks the prober probes. */
  public int eligibleCount() {
    return eligibleCount;
  }

  /** The first address of block {@code i} (198.18.1.0 for 198.18.1.0/24). */
  public int network(int i) {
    return blocks[i] << 8;
  }

  /** A(E(b)) of block {@code i}. */
  public double availability(int i) {
    return availability[i];
  }

  /** |E(b)| of block {@code i}. */
  public int responsive(int i) {
    int base = i * 4;
    return Long.bitCount(hosts[base])
        + Long.bitCount(hosts[base + 1])
        + Long.bitCount(hosts[base + 2])
        + Long.bitCount(hosts[base + 3]);
  }

  /** Whether block {@code i} qualifies for probing ({@link BeliefModel#eligible}). */
  public boolean eligible(int i) {
    return BeliefModel.eligible(responsive(i), availability[i]);
  }

  /** Whether address {@code lastOctet} of block {@code i} is in E(b). */
  public boolean isResponsive(int i, int lastOctet) {
    return (hosts[i * 4 + (lastOctet >>> 6)] & (1L << (lastOctet & 63))) != 0;
  }

  /** The addresses of E(b) of block {@code i}, ascending. */
  public int[] addresses(int i) {
    int[] out = new int[responsive(i)];
    int n = 0;
    for (int h = 0; h < 256; h++) {
      if (isResponsive(i, h)) {
        out[n++] = network(i) | h;
      }
    }
    return out;
  }

  /** The index of the block holding {@code address}, or a negative number if none does. */
  public int indexOf(int address) {
    return Arrays.binarySearch(blocks, address >>> 8);
  }

  /** Whether {@code address} is an ever-responsive address of a listed block. */
  public boolean contains(int address) {
    int i = indexOf(address);
    return i >= 0 && isResponsive(i, address & 0xFF);
  }

  /**
   * Picks the next address of E(b) to probe in block {@code i}: the addresses are visited in a
   * fixed pseudo-random order per block (an odd stride through 0..255), cycling, so consecutive
   * probes of a block go to different hosts as in Trinocular. {@code cursor} is the position
   * reached so far; the method returns the new position in bits 8..15 and the host (last octet) in
   * bits 0..7.
   */
  int nextHost(int i, int cursor) {
    int stride = (mix(blocks[i]) & 0xFE) | 1; // odd, so the walk visits all 256 positions
    int offset = mix(blocks[i] * 31 + 7) & 0xFF;
    for (int k = 1; k <= 256; k++) {
      int pos = (cursor + k) & 0xFF;
      int host = (pos * stride + offset) & 0xFF;
      if (isResponsive(i, host)) {
        return (pos << 8) | host;
      }
    }
    throw new IllegalStateException("block " + Ipv4.formatSlash24(network(i)) + " has no hosts");
  }

  private static int mix(int x) {
    x ^= x >>> 16;
    x *= 0x7feb352d;
    x ^= x >>> 15;
    x *= 0x846ca68b;
    return x ^ (x >>> 16);
  }

  /**
   * Writes the list as a hitlist with scores: one line {@code address,score} per address of E(b),
   * each scored with its block's A(E(b)), so that {@link #read} restores E(b) and A(E(b)) exactly.
   * The file is replaced atomically.
   */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
      write(w);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes the list in the hitlist format of {@link #write(Path)}. */
  public void write(Writer w) throws IOException {
    w.write("# Vigil probe targets: address,score. Every address is ever-responsive (in E(b));\n");
    w.write("# its score is its /24's availability A(E(b)).\n");
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < blocks.length; i++) {
      String score = Float.toString(availability[i]);
      for (int h = 0; h < 256; h++) {
        if (isResponsive(i, h)) {
          sb.setLength(0);
          Ipv4.append(sb, network(i) | h).append(',').append(score).append('\n');
          w.append(sb);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "TargetList[" + blocks.length + " blocks, " + eligibleCount + " eligible]";
  }

  /**
   * Collects addresses and their scores (reply rates in [0, 1]); an address with a score above 0 is
   * ever-responsive. A block's A(E(b)) is the mean score of its ever-responsive addresses. An
   * address given twice counts once (with the lower score), and is counted in {@link
   * #duplicates()}.
   */
  public static final class Builder {
    private long[] entries = new long[1024]; // address << 32 | float bits of the score
    private int size;
    private long duplicates;

    private Builder() {}

    /** Adds an address with its score, a reply rate in [0, 1]. */
    public Builder add(int address, double score) {
      if (!(score >= 0 && score <= 1)) {
        throw new IllegalArgumentException("score must be in [0, 1], got " + score);
      }
      if (size == entries.length) {
        entries = Arrays.copyOf(entries, size * 2);
      }
      entries[size++] =
          ((address & 0xFFFF_FFFFL) << 32) | (Float.floatToIntBits((float) score) & 0xFFFF_FFFFL);
      return this;
    }

    /** Addresses seen more than once, counted by the last {@link #build()}. */
    public long duplicates() {
      return duplicates;
    }

    public TargetList build() {
      // Sorting packed longs keeps the build primitive: no boxing for millions of addresses.
      // Addresses are unsigned: flip the sign bit so that a signed sort puts 128.0.0.0 and above
      // after 127.255.255.255, as the binary search in indexOf expects.
      long[] sorted = Arrays.copyOf(entries, size);
      for (int i = 0; i < sorted.length; i++) {
        sorted[i] ^= Long.MIN_VALUE;
      }
      Arrays.sort(sorted);
      for (int i = 0; i < sorted.length; i++) {
        sorted[i] ^= Long.MIN_VALUE;
      }
      int n = 0;
      duplicates = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (n > 0 && (sorted[n - 1] >>> 32) == (sorted[i] >>> 32)) {
          duplicates++;
        } else {
          sorted[n++] = sorted[i];
        }
      }
      int blockCount = 0;
      int lastBlock = -1;
      for (int i = 0; i < n; i++) {
        int block = (int) (sorted[i] >>> 40);
        if (block != lastBlock && responsiveScore(sorted[i])) {
          blockCount++;
          lastBlock = block;
        }
      }
      int[] blocks = new int[blockCount];
      long[] hosts = new long[blockCount * 4];
      float[] availability = new float[blockCount];
      int b = -1;
      double sum = 0;
      int count = 0;
      for (int i = 0; i < n; i++) {
        long e = sorted[i];
        if (!responsiveScore(e)) {
          continue;
        }
        int block = (int) (e >>> 40);
        if (b < 0 || blocks[b] != block) {
          if (b >= 0) {
            availability[b] = (float) (sum / count);
          }
          b++;
          blocks[b] = block;
          sum = 0;
          count = 0;
        }
        int host = (int) ((e >>> 32) & 0xFF);
        hosts[b * 4 + (host >>> 6)] |= 1L << (host & 63);
        sum += Float.intBitsToFloat((int) e);
        count++;
      }
      if (b >= 0) {
        availability[b] = (float) (sum / count);
      }
      return new TargetList(blocks, hosts, availability);
    }

    private static boolean responsiveScore(long entry) {
      return Float.intBitsToFloat((int) entry) > 0;
    }
  }
}
