// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * What the rules need to know about a country beyond its events.
 *
 * <pre>{@code
 * CountryContext kz = CountryContext.of("KZ")
 *     .withRegionsWithData(17)
 *     .withAddressShares(Map.of("9198", 0.55, "29355", 0.08))
 *     .withZone(ZoneOffset.ofHours(6));
 * }</pre>
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param regionsWithData how many of the country's regions have connectivity data, whether or not
 *     they had an event (0 when there is no regional breakdown)
 * @param addressShares for the networks that serve the country, by ASN (decimal, as in {@code
 *     Entity.code()}), their share of its address space, 0 to 1 (RIR delegations or the /24s the
 *     probing covers); networks not listed count as 0
 * @param zone the country's local time, for clock-time patterns (UTC is always tried too)
 */
public record CountryContext(
    String country, int regionsWithData, Map<String, Double> addressShares, ZoneId zone) {
  public CountryContext {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(zone, "zone");
    if (regionsWithData < 0) {
      throw new IllegalArgumentException("regionsWithData must not be negative");
    }
    addressShares = Map.copyOf(addressShares);
    for (double share : addressShares.values()) {
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("an address share is between 0 and 1, got " + share);
      }
    }
  }

  /** A country with no regional breakdown, no address shares, in UTC. */
  public static CountryContext of(String country) {
    return new CountryContext(country, 0, Map.of(), ZoneOffset.UTC);
  }

  public CountryContext withRegionsWithData(int n) {
    return new CountryContext(country, n, addressShares, zone);
  }

  public CountryContext withAddressShares(Map<String, Double> shares) {
    return new CountryContext(country, regionsWithData, shares, zone);
  }

  public CountryContext withZone(ZoneId z) {
    return new CountryContext(country, regionsWithData, addressShares, z);
  }

  /** The share of the country's address space of network {@code asn}; 0 if unknown. */
  public double addressShare(String asn) {
    return addressShares.getOrDefault(asn, 0.0);
  }
}
