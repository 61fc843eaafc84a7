// SPDX-License-Identifier: Apache-2.0
/**
 * Route state and BGP signals: {@link org.vigil.bgp.route.RouteTable} (per-peer tables on primitive
 * arrays), {@link org.vigil.bgp.route.VisibilityAggregator} (IODA's visibility rules, /24s per
 * origin AS, country and region), {@link org.vigil.bgp.route.BgpSignalAggregator} (5-minute bins)
 * and {@link org.vigil.bgp.route.BgpSignals}, the entry point from MRT files.
 */
package org.vigil.bgp.route;
