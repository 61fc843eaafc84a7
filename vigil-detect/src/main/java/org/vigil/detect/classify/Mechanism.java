// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How connectivity was cut: by withdrawing routes or by stopping packets while routes stayed, and
 * the rule that decides it.
 */
public enum Mechanism {
  /** BGP visibility fell with the data plane: the networks' routes were withdrawn. */
  ROUTING_WITHDRAWAL("routing-withdrawal"),
  /** Routes stayed announced while reachability or traffic fell. */
  DATA_PLANE_CUT("data-plane-cut"),
  /** No BGP data to tell. */
  UNKNOWN("unknown");

  private final String key;

  Mechanism(String key) {
    this.key = key;
  }

  /** The lower-case name used in the API and the store: {@code "data-plane-cut"}. */
  public String key() {
    return key;
  }

  /**
   * The value whose {@link #key()} is {@code key} ({@code "data-plane-cut"}), as the store and the
   * API write it.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Mechanism ofKey(String key) {
    for (Mechanism v : values()) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown mechanism '"
            + key
            + "': expected one of "
            + java.util.Arrays.stream(values()).map(Mechanism::key).toList());
  }

  /**
   * The mechanism of the events of one entity over one interval:
   *
   * <ul>
   *   <li>none when no connectivity signal fell (platform blocking has no mechanism here), or only
   *       BGP fell while the data plane, which has data, stayed normal (as {@link Kind} has no kind
   *       for it);
   *   <li>{@link #UNKNOWN} without BGP data;
   *   <li>{@link #ROUTING_WITHDRAWAL} when BGP visibility fell and the data plane did not, or BGP
   *       lost at least half as much as the data plane did (its drop {@code 1 - lowest ratio} is at
   *       least half the data plane's): the withdrawal explains the loss;
   *   <li>{@link #DATA_PLANE_CUT} otherwise: BGP normal, or down much less than the data plane.
   * </ul>
   *
   * Why: in Kazakhstan on Jan 5 "the affected networks have remained visible in the global routing
   * system (BGP)" while traffic fell to about 2 %, and a spike of BGP updates "does not mean
   * withdrawn /24s" (REFERENCE.md §5.2; KAZAKHSTAN-2022.md): a partial BGP dip beside a collapse of
   * the data plane is still a data-plane cut, and a purely BGP-based detector would under-report
   * it.
   *
   * @param events the entity's events over the interval
   * @param withData the families the entity has data for; the events' own families are added
   */
  public static Optional<Mechanism> classify(List<SignalEvent> events, Set<SignalFamily> withData) {
    boolean dataPlaneFell = false;
    double dataPlaneLowest = 1;
    for (SignalEvent e : events) {
      if (e.family().dataPlane()) {
        dataPlaneFell = true;
        dataPlaneLowest = Math.min(dataPlaneLowest, e.lowestRatio());
      }
    }
    boolean bgpFell = Evidence.fell(events, SignalFamily.BGP);
    if (!dataPlaneFell && !bgpFell) {
      return Optional.empty();
    }
    Set<SignalFamily> data = Evidence.withData(events, withData);
    if (!data.contains(SignalFamily.BGP)) {
      return Optional.of(UNKNOWN);
    }
    if (!dataPlaneFell) {
      for (SignalFamily f : data) {
        if (f.dataPlane()) {
          return Optional.empty(); // packets still flowed: the routes that went cut nobody off
        }
      }
      return Optional.of(ROUTING_WITHDRAWAL);
    }
    double bgpDrop = 1 - Evidence.lowest(events, SignalFamily.BGP);
    double dataPlaneDrop = 1 - dataPlaneLowest;
    return Optional.of(bgpDrop >= dataPlaneDrop / 2 ? ROUTING_WITHDRAWAL : DATA_PLANE_CUT);
  }
}
