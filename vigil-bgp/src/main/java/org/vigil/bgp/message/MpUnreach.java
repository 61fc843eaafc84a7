// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.util.List;

/**
 * MP_UNREACH_NLRI (RFC 4760 §4).
 *
 * @param nlri the withdrawn prefixes, for IPv4/IPv6 unicast and multicast
 * @param unparsedNlri the withdrawn routes of other families, undecoded
 */
public record MpUnreach(int afi, int safi, List<Nlri> nlri, Bytes unparsedNlri) {
  public MpUnreach {
    nlri = List.copyOf(nlri);
  }
}
