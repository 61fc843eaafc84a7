// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.net.InetAddress;
import java.util.List;

/**
 * MP_REACH_NLRI (RFC 4760 §3), or its abbreviated form in MRT RIB entries (RFC 6396 §4.3.4: next
 * hop only, the family being the RIB record's).
 *
 * @param afi address family, or 0 for the abbreviated RIB form
 * @param safi subsequent address family, or 0 for the abbreviated RIB form
 * @param nextHops the next hop addresses when the next hop is one or two plain addresses (IPv4,
 *     IPv6, or IPv6 with its link-local address); empty otherwise
 * @param nextHop the next hop field as it came
 * @param nlri the prefixes, for IPv4/IPv6 unicast and multicast
 * @param unparsedNlri the NLRI field of other families (VPN, flowspec, ...), undecoded
 */
public record MpReach(
    int afi,
    int safi,
    List<InetAddress> nextHops,
    Bytes nextHop,
    List<Nlri> nlri,
    Bytes unparsedNlri) {
  public MpReach {
    nextHops = List.copyOf(nextHops);
    nlri = List.copyOf(nlri);
  }
}
