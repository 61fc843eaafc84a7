// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

/**
 * Parses and prints IP address literals without {@link java.net.InetAddress}, whose {@code
 * getByName} falls back to a DNS lookup for anything that is not a literal.
 *
 * <p>IPv4 addresses are {@code int}s (big-endian, so {@code 1.2.3.4} is {@code 0x01020304}); IPv6
 * addresses are two {@code long}s, the high and the low 64 bits.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /** Whether {@code text} looks like an IPv6 literal (it has a colon). */
  public static boolean isIpv6(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ':') {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses a dotted-quad IPv4 address ({@code 192.0.2.1}).
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static int parseIpv4(CharSequence s) {
    return parseIpv4(s, 0, s.length());
  }

  /** Parses the dotted-quad IPv4 address in {@code s[from, to)}. */
  public static int parseIpv4(CharSequence s, int from, int to) {
    int value = 0;
    int octets = 0;
    int i = from;
    while (i < to) {
      int start = i;
      int octet = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        octet = octet * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || octet > 255) {
        throw bad(s, from, to, "IPv4");
      }
      value = (value << 8) | octet;
      octets++;
      if (i < to) {
        if (s.charAt(i) != '.' || octets == 4 || i + 1 == to) {
          throw bad(s, from, to, "IPv4");
        }
        i++;
      }
    }
    if (octets != 4) {
      throw bad(s, from, to, "IPv4");
    }
    return value;
  }

  /**
   * Parses an IPv6 address (RFC 4291 §2.2: hex groups, one {@code ::}, an optional dotted-quad
   * tail) into {@code {high, low}}.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static long[] parseIpv6(CharSequence s) {
    return parseIpv6(s, 0, s.length());
  }

  /** Parses the IPv6 address in {@code s[from, to)} into {@code {high, low}}. */
  public static long[] parseIpv6(CharSequence s, int from, int to) {
    int[] groups = new int[8];
    int n = 0;
    int gap = -1; // index in groups where "::" stands
    int i = from;
    if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
      gap = 0;
      i += 2;
    } else if (i < to && s.charAt(i) == ':') {
      throw bad(s, from, to, "IPv6");
    }
    while (i < to) {
      if (n == 8) {
        throw bad(s, from, to, "IPv6");
      }
      int start = i;
      int g = 0;
      while (i < to && i - start < 4 && hex(s.charAt(i)) >= 0) {
        g = (g << 4) | hex(s.charAt(i));
        i++;
      }
      if (i < to && s.charAt(i) == '.') {
        // dotted-quad tail: the last 32 bits
        if (n > 6) {
          throw bad(s, from, to, "IPv6");
        }
        int v4 = parseIpv4(s, start, to);
        groups[n++] = v4 >>> 16;
        groups[n++] = v4 & 0xFFFF;
        i = to;
        break;
      }
      if (i == start) {
        throw bad(s, from, to, "IPv6");
      }
      groups[n++] = g;
      if (i < to) {
        if (s.charAt(i) != ':') {
          throw bad(s, from, to, "IPv6");
        }
        i++;
        if (i < to && s.charAt(i) == ':') {
          if (gap >= 0) {
            throw bad(s, from, to, "IPv6");
          }
          gap = n;
          i++;
        } else if (i == to) {
          throw bad(s, from, to, "IPv6");
        }
      }
    }
    if (gap < 0 && n != 8 || gap >= 0 && n == 8) {
      throw bad(s, from, to, "IPv6");
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = n - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 4; k++) {
      hi = (hi << 16) | full[k];
      lo = (lo << 16) | full[k + 4];
    }
    return new long[] {hi, lo};
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static IllegalArgumentException bad(CharSequence s, int from, int to, String what) {
    return new IllegalArgumentException(
        "not an " + what + " address: '" + s.subSequence(from, to) + "'");
  }

  /** {@code 192.0.2.1}. */
  public static String formatIpv4(int address) {
    return (address >>> 24)
        + "."
        + ((address >>> 16) & 0xFF)
        + "."
        + ((address >>> 8) & 0xFF)
        + "."
        + (address & 0xFF);
  }

  /** RFC 5952 text: lower-case hex, the longest run of two or more zero groups as {@code ::}. */
  public static String formatIpv6(long high, long low) {
    int[] g = new int[8];
    for (int k = 0; k < 4; k++) {
      g[k] = (int) (high >>> (48 - 16 * k)) & 0xFFFF;
      g[k + 4] = (int) (low >>> (48 - 16 * k)) & 0xFFFF;
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int k = 0; k < 8; ) {
      if (g[k] != 0) {
        k++;
        continue;
      }
      int j = k;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - k > bestLen) {
        bestStart = k;
        bestLen = j - k;
      }
      k = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int k = 0; k < 8; k++) {
      if (k == bestStart) {
        sb.append("::");
        k += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[k]));
    }
    return sb.toString();
  }

  /** The mask of the first {@code length} bits of an IPv4 address (0 for /0). */
  public static int ipv4Mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  /** The mask of the first {@code length} bits of a 64-bit half (0 for 0, all ones for ≥ 64). */
  public static long mask64(int length) {
    if (length <= 0) {
      return 0;
    }
    return length >= 64 ? -1L : -1L << (64 - length);
  }
}
