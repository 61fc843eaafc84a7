// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.net.Inet4Address;
import java.util.List;

/** A BGP-4 message (RFC 4271 §4), decoded. */
public sealed interface BgpMessage {
  /** RFC 4271 §4.2 OPEN; the optional parameters (capabilities) are carried undecoded. */
  record Open(int version, int myAs, int holdTime, Inet4Address bgpId, Bytes optionalParameters)
      implements BgpMessage {}

  /** RFC 4271 §4.3 UPDATE (with RFC 4760 MP_REACH/MP_UNREACH among the attributes). */
  record Update(List<Nlri> withdrawn, PathAttributes attributes, List<Nlri> announced)
      implements BgpMessage {
    public Update {
      withdrawn = List.copyOf(withdrawn);
      announced = List.copyOf(announced);
    }
  }

  /** RFC 4271 §4.5 NOTIFICATION. */
  record Notification(int code, int subcode, Bytes data) implements BgpMessage {}

  /** RFC 4271 §4.4 KEEPALIVE. */
  record Keepalive() implements BgpMessage {}

  /** RFC 2918 §3 ROUTE-REFRESH. */
  record RouteRefresh(int afi, int subtype, int safi) implements BgpMessage {}

  /** A message type not interpreted here, carried as it came (counted by readers). */
  record Unknown(int type, Bytes body) implements BgpMessage {}
}
