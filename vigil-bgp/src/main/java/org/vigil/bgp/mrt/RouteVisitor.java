// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

/**
 * Receives route events from {@link MrtRouteReader}. The {@link RouteView} is reused between calls.
 */
public interface RouteVisitor {
  /** A RIB dump entry, or a prefix announced by an UPDATE (NLRI or MP_REACH_NLRI). */
  void route(RouteView route);

  /** A prefix withdrawn by an UPDATE (withdrawn routes or MP_UNREACH_NLRI); no attributes. */
  default void withdrawal(RouteView route) {}

  /** A PEER_INDEX_TABLE: the peers later RIB entries refer to by {@link RouteView#peerIndex()}. */
  default void peerTable(MrtRecord.PeerIndexTable table) {}

  /** A BGP session changed state (RFC 6396 §4.4.1); leaving Established drops the peer's routes. */
  default void stateChange(MrtRecord.Bgp4mpStateChange change) {}
}
