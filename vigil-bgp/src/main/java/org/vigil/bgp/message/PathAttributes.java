// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.OptionalLong;

/**
 * The path attributes of an UPDATE or a RIB entry (RFC 4271 §4.3 and §5), decoded. Absent
 * attributes are {@code null}, {@code -1} for the numeric ones, or empty lists.
 *
 * @param origin ORIGIN: 0 IGP, 1 EGP, 2 INCOMPLETE; -1 if absent
 * @param asPath AS_PATH as received (2-octet ASNs if {@code fourOctetAsns} is false)
 * @param as4Path AS4_PATH (RFC 6793), or null
 * @param nextHop NEXT_HOP, or null
 * @param med MULTI_EXIT_DISC, or -1
 * @param localPref LOCAL_PREF, or -1
 * @param fourOctetAsns whether AS_PATH and AGGREGATOR carry 4-octet ASNs (RFC 6793)
 * @param extendedCommunities RFC 4360 extended communities, as 64-bit values
 * @param unknown attributes not interpreted here, in order of appearance
 */
public record PathAttributes(
    int origin,
    AsPath asPath,
    AsPath as4Path,
    InetAddress nextHop,
    long med,
    long localPref,
    boolean atomicAggregate,
    Aggregator aggregator,
    Aggregator as4Aggregator,
    List<Community> communities,
    List<LargeCommunity> largeCommunities,
    List<Long> extendedCommunities,
    Inet4Address originatorId,
    List<Inet4Address> clusterList,
    MpReach mpReach,
    MpUnreach mpUnreach,
    List<RawAttribute> unknown,
    boolean fourOctetAsns) {

  /** AS_TRANS, the 2-octet stand-in for a 4-octet ASN (RFC 6793 §9). */
  public static final long AS_TRANS = 23456;

  public PathAttributes {
    communities = List.copyOf(communities);
    largeCommunities = List.copyOf(largeCommunities);
    extendedCommunities = List.copyOf(extendedCommunities);
    clusterList = List.copyOf(clusterList);
    unknown = List.copyOf(unknown);
  }

  /**
   * Whether AS4_PATH and AS4_AGGREGATOR are to be used (RFC 6793 §4.2.3): only from a 2-octet
   * speaker, and not when an AGGREGATOR names an AS other than AS_TRANS.
   */
  private boolean useAs4() {
    return !fourOctetAsns && (aggregator == null || aggregator.asn() == AS_TRANS);
  }

  /** The AS path with AS4_PATH merged in where RFC 6793 §4.2.3 says so; never null. */
  public AsPath effectiveAsPath() {
    AsPath path = asPath == null ? AsPath.EMPTY : asPath;
    if (as4Path != null && useAs4()) {
      return AsPath.merge(path, as4Path);
    }
    return path;
  }

  /** AGGREGATOR, replaced by AS4_AGGREGATOR where RFC 6793 §4.2.3 says so; or null. */
  public Aggregator effectiveAggregator() {
    if (as4Aggregator != null && aggregator != null && useAs4()) {
      return as4Aggregator;
    }
    return aggregator;
  }

  /** The originating AS of {@link #effectiveAsPath()} (see {@link AsPath#originAs()}). */
  public OptionalLong originAs() {
    return effectiveAsPath().originAs();
  }
}
