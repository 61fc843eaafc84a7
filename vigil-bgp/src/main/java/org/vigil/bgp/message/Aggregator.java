// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.net.Inet4Address;

/** AGGREGATOR (RFC 4271 §5.1.7) or AS4_AGGREGATOR (RFC 6793 §3). */
public record Aggregator(long asn, Inet4Address address) {}
