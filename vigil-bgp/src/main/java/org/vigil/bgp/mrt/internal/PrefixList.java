// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

/**
 * A list of NLRI prefixes (RFC 4271 §4.3, with RFC 7911 path identifiers) as positions into the
 * record buffer: where the address bytes start, the prefix length in bits, and the path id.
 */
final class PrefixList {
  /**
   * bgpdump keeps at most this many prefixes per list ({@code MAX_PREFIXES}): 8192 in Debian's
   * build of 1.6.2 (upstream's source says 2050), reading and dropping any beyond.
   */
  static final int MAX = 8192;

  int count;
  int[] off = new int[16];
  int[] bits = new int[16];
  int[] pathId = new int[16];

  /** Address bytes present: {@code (bits + 7) / 8}, at most 16. */
  int[] size = new int[16];

  void set(int i, int offset, int length, int path, int bytes) {
    if (i >= off.length) {
      int n = Math.min(MAX, Math.max(i + 1, off.length * 2));
      off = java.util.Arrays.copyOf(off, n);
      bits = java.util.Arrays.copyOf(bits, n);
      pathId = java.util.Arrays.copyOf(pathId, n);
      size = java.util.Arrays.copyOf(size, n);
    }
    off[i] = offset;
    bits[i] = length;
    pathId[i] = path;
    size[i] = bytes;
  }
}
