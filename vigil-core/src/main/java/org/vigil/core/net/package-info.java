// SPDX-License-Identifier: Apache-2.0
/**
 * IP addresses to entities: {@link org.vigil.core.net.GeoTable} (longest-prefix match over
 * primitive range arrays, read from RIR statistics, CSV ranges, MaxMind DBs, CAIDA pfx2as and CIDR
 * lists; saved in a compact binary form) and {@link org.vigil.core.net.IpEntityResolver}, which
 * turns its records into {@link org.vigil.core.Entity} values without allocating per lookup.
 */
package org.vigil.core.net;
