// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe.internal;

/**
 * IPv4 addresses as {@code int}s (the address's 32 bits, so 198.18.1.7 is {@code 0xC6120107}):
 * parsing and formatting without allocating an {@code InetAddress} or touching DNS.
 */
public final class Ipv4 {
  private Ipv4() {}

  /**
   * Parses dotted-quad text ({@code 198.18.1.7}); returns the address as a long in {@code [0,
   * 2^32)}, or -1 when the text is not exactly four decimal octets.
   */
  public static long parse(CharSequence s, int from, int to) {
    long value = 0;
    int octets = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      if (i == start || octet > 255) {
        return -1;
      }
      value = (value << 8) | octet;
      octets++;
      if (i < to) {
        if (s.charAt(i) != '.' || octets == 4) {
          return -1;
        }
        i++;
        if (i == to) {
          return -1;
        }
      }
    }
    return octets == 4 ? value : -1;
  }

  /** Parses dotted-quad text; returns -1 when it is not an IPv4 address. */
  public static long parse(CharSequence s) {
    return parse(s, 0, s.length());
  }

  /** Parses dotted-quad text or throws {@link IllegalArgumentException}. */
  public static int parseOrThrow(String s) {
    long v = parse(s.trim());
    if (v < 0) {
      throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
    }
    return (int) v;
  }

  /** Dotted-quad text of an address. */
  public static String format(int address) {
    return (address >>> 24)
        + "."
        + ((address >>> 16) & 0xFF)
        + "."
        + ((address >>> 8) & 0xFF)
        + "."
        + (address & 0xFF);
  }

  /** Appends the dotted-quad text of an address. */
  public static StringBuilder append(StringBuilder sb, int address) {
    return sb.append(address >>> 24)
        .append('.')
        .append((address >>> 16) & 0xFF)
        .append('.')
        .append((address >>> 8) & 0xFF)
        .append('.')
        .append(address & 0xFF);
  }

  /** The first address of the /24 holding {@code address}. */
  public static int slash24(int address) {
    return address & 0xFFFF_FF00;
  }

  /** {@code 198.18.1.0/24} for any address in that block. */
  public static String formatSlash24(int address) {
    return format(slash24(address)) + "/24";
  }
}
