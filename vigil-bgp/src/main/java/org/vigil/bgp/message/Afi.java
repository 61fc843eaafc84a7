// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

/** Address family and subsequent address family numbers (IANA; RFC 4760 §3) used by Vigil. */
public final class Afi {
  private Afi() {}

  public static final int IPV4 = 1;
  public static final int IPV6 = 2;

  public static final int SAFI_UNICAST = 1;
  public static final int SAFI_MULTICAST = 2;

  /** Whether prefixes of this AFI/SAFI are plain IP prefixes that {@link Prefix} can hold. */
  public static boolean isIpPrefix(int afi, int safi) {
    return (afi == IPV4 || afi == IPV6) && (safi == SAFI_UNICAST || safi == SAFI_MULTICAST);
  }

  /** 4 for IPv4, 16 for IPv6. */
  public static int addressLength(int afi) {
    switch (afi) {
      case IPV4:
        return 4;
      case IPV6:
        return 16;
      default:
        throw new IllegalArgumentException("AFI " + afi);
    }
  }
}
