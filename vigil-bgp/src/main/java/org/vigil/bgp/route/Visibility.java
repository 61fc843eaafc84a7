// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link VisibilityAggregator} found in a route table at one moment: the full-feed peers, the
 * visible prefixes, and the visible /24s per origin AS, per country and per region.
 *
 * <p>A "/24 count" is the number of distinct /24 blocks that a visible prefix reaches: nested
 * prefixes are counted once, a prefix longer than /24 counts the /24 it lies in (as bgpstream's
 * {@code bgpstream_patricia_tree_count_24subnets} does).
 */
public final class Visibility {
  private final int fullFeedPeers;
  private final int fullFeedAses;
  private final int visiblePrefixes;
  private final long visibleSlash24;
  private final long[] asns;
  private final long[] asSlash24;
  private final long[] countrySlash24;
  private final long[] regionSlash24;

  Visibility(
      int fullFeedPeers,
      int fullFeedAses,
      int visiblePrefixes,
      long visibleSlash24,
      long[] asns,
      long[] asSlash24,
      long[] countrySlash24,
      long[] regionSlash24) {
    this.fullFeedPeers = fullFeedPeers;
    this.fullFeedAses = fullFeedAses;
    this.visiblePrefixes = visiblePrefixes;
    this.visibleSlash24 = visibleSlash24;
    this.asns = asns;
    this.asSlash24 = asSlash24;
    this.countrySlash24 = countrySlash24;
    this.regionSlash24 = regionSlash24;
  }

  /** Whether there was any full-feed peer: without one, visibility is undefined (a gap). */
  public boolean defined() {
    return fullFeedAses > 0;
  }

  /** IPv4 full-feed peers. */
  public int fullFeedPeers() {
    return fullFeedPeers;
  }

  /** Distinct ASes among the IPv4 full-feed peers: the denominator of the 50 % rule. */
  public int fullFeedAses() {
    return fullFeedAses;
  }

  /** IPv4 prefixes that passed the visibility rules. */
  public int visiblePrefixes() {
    return visiblePrefixes;
  }

  /** Distinct /24s reached by visible prefixes, whatever their origin or location. */
  public long visibleSlash24() {
    return visibleSlash24;
  }

  /** Number of origin ASes with at least one visible /24. */
  public int asCount() {
    return asns.length;
  }

  /** The {@code i}-th origin AS (0 ≤ i < {@link #asCount()}). */
  public long asn(int i) {
    return asns[i];
  }

  /** Visible /24s of the {@code i}-th origin AS. */
  public long asSlash24(int i) {
    return asSlash24[i];
  }

  /** Visible /24s originated by {@code asn} (0 if none). */
  public long slash24OfAs(long asn) {
    for (int i = 0; i < asns.length; i++) {
      if (asns[i] == asn) {
        return asSlash24[i];
      }
    }
    return 0;
  }

  /** Visible /24s per origin AS, in AS order. */
  public Map<Long, Long> slash24ByAs() {
    Map<Long, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < asns.length; i++) {
      m.put(asns[i], asSlash24[i]);
    }
    return m;
  }

  /** Visible /24s in the country with this resolver index. */
  public long countrySlash24(int countryIndex) {
    return countryIndex < countrySlash24.length ? countrySlash24[countryIndex] : 0;
  }

  /** Visible /24s in the region with this resolver index. */
  public long regionSlash24(int regionIndex) {
    return regionIndex < regionSlash24.length ? regionSlash24[regionIndex] : 0;
  }

  int countries() {
    return countrySlash24.length;
  }

  int regions() {
    return regionSlash24.length;
  }

  @Override
  public String toString() {
    int countries = 0;
    for (long c : countrySlash24) {
      if (c > 0) {
        countries++;
      }
    }
    return "Visibility["
        + fullFeedPeers
        + " full-feed peers in "
        + fullFeedAses
        + " ASes, "
        + visiblePrefixes
        + " visible prefixes, "
        + visibleSlash24
        + " /24s, "
        + asns.length
        + " origin ASes, "
        + countries
        + " countries]";
  }
}
