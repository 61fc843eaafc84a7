// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.detect.ScopeRule;

/**
 * How much of a country a disruption covers, and the rule that decides it. The values are
 * Cloudflare Radar's outage types (NATIONWIDE, REGIONAL, NETWORK; REFERENCE.md §4.1).
 */
public enum Scope {
  /** Most of the country's regions, or most of its address space, down together. */
  NATIONWIDE("nationwide"),
  /** Part of the country. */
  REGIONAL("regional"),
  /** One or a few networks. */
  NETWORK("network");

  /** "Most of": more than half, at the same moment. */
  public static final double MOST = 0.5;

  private final String key;

  Scope(String key) {
    this.key = key;
  }

  /** The lower-case name used in the API and the store: {@code "nationwide"}. */
  public String key() {
    return key;
  }

  /**
   * The value whose {@link #key()} is {@code key} ({@code "nationwide"}), as the store and the API
   * write it.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Scope ofKey(String key) {
    for (Scope v : values()) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '"
            + key
            + "': expected one of "
            + java.util.Arrays.stream(values()).map(Scope::key).toList());
  }

  /**
   * The scope of an event of {@code subject} (the country, one of its regions or one of the
   * networks serving it), given the country's events over the same time.
   *
   * <p>{@link #NATIONWIDE} when, at some moment within the events' span, any of these holds
   * (REFERENCE.md §7.4: "collapse ... across most large ASNs at the same moment"):
   *
   * <ol>
   *   <li>more than half of the regions with data are in an event together ({@link ScopeRule},
   *       which counts concurrent regions so that a wave of local cuts is not one nationwide cut);
   *   <li>networks holding more than half of the country's address space ({@link
   *       CountryContext#addressShares()}) are in an event together;
   *   <li>with no regional or network events in {@code concurrent}: a country-level event lost more
   *       than half of its connectivity signal (lowest ratio below {@value #MOST}) and there is no
   *       regional data to contradict it, or a country-level OONI anomaly (the country's
   *       measurements, taken across its networks, see blocking).
   * </ol>
   *
   * Otherwise the subject's own level: a region's event is {@link #REGIONAL}, a network's {@link
   * #NETWORK}; a country's is {@link #REGIONAL} when regions are in events with it, {@link
   * #NETWORK} when only networks are (Jan 4 in Kazakhstan: the country's traffic fell because Kcell
   * and Tele2 did), and {@link #REGIONAL} when nothing finer says more ("part of the country").
   *
   * @param subject the entity whose event is classified
   * @param concurrent the country's events (country, regions, networks) that overlap the subject's
   *     event, of the same sort: connectivity events for a cut, OONI events for platform blocking;
   *     the subject's own events included
   * @param context the country's regions with data and address shares
   */
  public static Scope classify(
      Entity subject, List<SignalEvent> concurrent, CountryContext context) {
    Objects.requireNonNull(subject, "subject");
    if (concurrent.isEmpty()) {
      throw new IllegalArgumentException("no events to classify");
    }
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
    Map<String, List<long[]>> regions = new LinkedHashMap<>();
    Map<String, List<long[]>> networks = new LinkedHashMap<>();
    List<SignalEvent> country = new ArrayList<>();
    for (SignalEvent e : concurrent) {
      from = Math.min(from, e.start());
      to = Math.max(to, e.until());
      long[] iv = {e.start(), e.until()};
      switch (e.entity().type()) {
        case REGION -> regions.computeIfAbsent(e.entity().code(), k -> new ArrayList<>()).add(iv);
        case ASN -> networks.computeIfAbsent(e.entity().code(), k -> new ArrayList<>()).add(iv);
        case COUNTRY -> country.add(e);
      }
    }
    if (mostRegions(regions, context.regionsWithData(), from, to)
        || mostAddressSpace(networks, context)
        || (regions.isEmpty() && networks.isEmpty() && countryWide(country, context))) {
      return NATIONWIDE;
    }
    if (subject.type() == EntityType.REGION) {
      return REGIONAL;
    }
    if (subject.type() == EntityType.ASN) {
      return NETWORK;
    }
    return regions.isEmpty() && !networks.isEmpty() ? NETWORK : REGIONAL;
  }

  private static boolean mostRegions(
      Map<String, List<long[]>> regions, int regionsWithData, long from, long to) {
    List<long[]> intervals = new ArrayList<>();
    for (List<long[]> one : regions.values()) {
      intervals.addAll(Evidence.union(one)); // ScopeRule wants one region's intervals disjoint
    }
    return ScopeRule.NATIONWIDE.equals(
        ScopeRule.countryScope(intervals, regionsWithData, from, to));
  }

  /** A sweep over the networks' event boundaries, summing the shares of those down together. */
  private static boolean mostAddressSpace(
      Map<String, List<long[]>> networks, CountryContext context) {
    List<long[]> boundaries = new ArrayList<>(); // {time, +1 start / -1 end, network index}
    List<Double> shares = new ArrayList<>();
    for (Map.Entry<String, List<long[]>> n : networks.entrySet()) {
      int index = shares.size();
      shares.add(context.addressShare(n.getKey()));
      for (long[] iv : Evidence.union(n.getValue())) {
        boundaries.add(new long[] {iv[0], 1, index});
        boundaries.add(new long[] {iv[1], -1, index});
      }
    }
    // Ends before starts at the same time: touching events do not overlap.
    long[][] sorted = boundaries.toArray(new long[0][]);
    Arrays.sort(
        sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    double down = 0;
    for (long[] b : sorted) {
      down += b[1] * shares.get((int) b[2]);
      if (down > MOST + 1e-9) {
        return true;
      }
    }
    return false;
  }

  private static boolean countryWide(List<SignalEvent> country, CountryContext context) {
    for (SignalEvent e : country) {
      if (e.family() == SignalFamily.OONI) {
        return true;
      }
      if (e.family().connectivity() && context.regionsWithData() == 0 && e.lowestRatio() < MOST) {
        return true;
      }
    }
    return false;
  }
}
