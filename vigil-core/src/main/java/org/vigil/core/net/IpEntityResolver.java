// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;

/**
 * Resolves IP addresses to {@link Entity} values through a {@link GeoTable}: every entity is made
 * once, when the resolver is built, so lookups return shared instances and allocate nothing.
 *
 * <p>Each country, region and AS the table names also gets a dense index ({@link
 * #countryIndex(int)}, {@link #regionIndex(int)}), so aggregators can count into plain arrays.
 *
 * <pre>{@code
 * IpEntityResolver resolver = IpEntityResolver.of(GeoTable.load(path), EntityRegistry.load());
 * Entity country = resolver.countryOfIpv4(IpAddresses.parseIpv4("2.72.0.1")); // country/KZ
 * }</pre>
 */
public final class IpEntityResolver {
  private final GeoTable table;
  private final List<Entity> countries;
  private final List<Entity> regions;
  private final int[] countryIndex; // per record, -1 none
  private final int[] regionIndex;
  private final Entity[] asnEntity;

  private IpEntityResolver(GeoTable table, EntityRegistry registry) {
    this.table = table;
    int n = table.recordCount();
    Map<String, Integer> cIds = new LinkedHashMap<>();
    Map<String, Integer> rIds = new LinkedHashMap<>();
    List<Entity> cs = new ArrayList<>();
    List<Entity> rs = new ArrayList<>();
    countryIndex = new int[n];
    regionIndex = new int[n];
    asnEntity = new Entity[n];
    Arrays.fill(countryIndex, -1);
    Arrays.fill(regionIndex, -1);
    for (int r = 0; r < n; r++) {
      String cc = table.country(r);
      if (cc != null) {
        Integer id = cIds.get(cc);
        if (id == null) {
          id = cs.size();
          cIds.put(cc, id);
          cs.add(country(cc, registry));
        }
        countryIndex[r] = id;
      }
      String rg = table.region(r);
      if (rg != null) {
        String key = cc + "|" + rg;
        Integer id = rIds.get(key);
        if (id == null) {
          Entity e = region(rg, cc, registry);
          if (e != null) {
            id = rs.size();
            rIds.put(key, id);
            rs.add(e);
          }
        }
        if (id != null) {
          regionIndex[r] = id;
        }
      }
      long as = table.asn(r);
      if (as >= 0) {
        asnEntity[r] = asn(as);
      }
    }
    this.countries = Collections.unmodifiableList(cs);
    this.regions = Collections.unmodifiableList(rs);
  }

  /**
   * A resolver over {@code table}; entity names come from {@code registry} (ISO data), or are the
   * codes themselves when it is null or does not list a code.
   */
  public static IpEntityResolver of(GeoTable table, EntityRegistry registry) {
    return new IpEntityResolver(Objects.requireNonNull(table, "table"), registry);
  }

  /** The entity for an AS number ({@code asn/9198}, named {@code AS9198}). */
  public static Entity asn(long asn) {
    return new Entity(EntityType.ASN, Long.toString(asn), "AS" + asn, null);
  }

  private static Entity country(String cc, EntityRegistry registry) {
    if (registry != null) {
      var e = registry.findCountry(cc);
      if (e.isPresent() && e.get().code().equals(cc)) {
        return e.get();
      }
    }
    return new Entity(EntityType.COUNTRY, cc, cc, cc);
  }

  private static Entity region(String region, String cc, EntityRegistry registry) {
    if (registry != null) {
      String code = region;
      if (region.length() > 3 && region.charAt(2) == '-' && registry.findRegion(region).isEmpty()) {
        code = region.substring(3); // a code ISO does not list: region/CC:ID
      }
      try {
        return registry.region(code, cc, region);
      } catch (IllegalArgumentException e) {
        return null; // no country to place a named region in
      }
    }
    if (region.length() > 3 && region.charAt(2) == '-') {
      return new Entity(EntityType.REGION, region, region, region.substring(0, 2));
    }
    return cc == null ? null : new Entity(EntityType.REGION, cc + ":" + region, region, cc);
  }

  public GeoTable table() {
    return table;
  }

  /** Every country the table names, by index. */
  public List<Entity> countries() {
    return countries;
  }

  /** Every region the table names, by index. */
  public List<Entity> regions() {
    return regions;
  }

  /** The country index of a table record, or -1. */
  public int countryIndex(int record) {
    return record < 0 ? -1 : countryIndex[record];
  }

  /** The region index of a table record, or -1. */
  public int regionIndex(int record) {
    return record < 0 ? -1 : regionIndex[record];
  }

  public Entity countryOfIpv4(int address) {
    int i = countryIndex(table.recordIpv4(address));
    return i < 0 ? null : countries.get(i);
  }

  public Entity regionOfIpv4(int address) {
    int i = regionIndex(table.recordIpv4(address));
    return i < 0 ? null : regions.get(i);
  }

  /** The origin AS the table gives for an address (pfx2as, an ASN database), or null. */
  public Entity asnOfIpv4(int address) {
    int r = table.recordIpv4(address);
    return r < 0 ? null : asnEntity[r];
  }

  public Entity countryOfIpv6(long high) {
    int i = countryIndex(table.recordIpv6(high));
    return i < 0 ? null : countries.get(i);
  }

  public Entity regionOfIpv6(long high) {
    int i = regionIndex(table.recordIpv6(high));
    return i < 0 ? null : regions.get(i);
  }

  public Entity asnOfIpv6(long high) {
    int r = table.recordIpv6(high);
    return r < 0 ? null : asnEntity[r];
  }
}
