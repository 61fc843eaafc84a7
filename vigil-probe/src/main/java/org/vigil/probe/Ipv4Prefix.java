// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import org.vigil.probe.internal.Ipv4;

/**
 * An IPv4 prefix such as {@code 198.18.1.0/24}: the address range discovery scans and the entity
 * table maps.
 *
 * @param network the first address (host bits zero)
 * @param length the prefix length, 0 to 32
 */
public record Ipv4Prefix(int network, int length) {

  public Ipv4Prefix {
    if (length < 0 || length > 32) {
      throw new IllegalArgumentException("prefix length must be 0 to 32, got " + length);
    }
    if ((network & ~mask(length)) != 0) {
      throw new IllegalArgumentException(
          Ipv4.format(network) + "/" + length + " has host bits set");
    }
  }

  /**
   * Parses {@code 198.18.1.0/24}; a bare address is a /32.
   *
   * @throws IllegalArgumentException when the text is not a prefix or has host bits set
   */
  public static Ipv4Prefix parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    long a = Ipv4.parse(addr);
    if (a < 0) {
      throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "'");
    }
    int len = 32;
    if (slash >= 0) {
      String l = t.substring(slash + 1);
      if (l.isEmpty() || l.length() > 2 || !l.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "'");
      }
      len = Integer.parseInt(l);
    }
    return new Ipv4Prefix((int) a, len);
  }

  /** The netmask of a prefix length, as an int ({@code /24} is {@code 0xFFFFFF00}). */
  public static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** Number of addresses in the prefix. */
  public long size() {
    return 1L << (32 - length);
  }

  /** The {@code i}-th address of the prefix. */
  public int address(long i) {
    return network + (int) i;
  }

  public boolean contains(int address) {
    return (address & mask(length)) == network;
  }

  @Override
  public String toString() {
    return Ipv4.format(network) + "/" + length;
  }
}
