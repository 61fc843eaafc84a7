// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;

/**
 * The entities one request can name: every ISO 3166 country and top-level region, and every entity
 * the store holds series or events for (ASNs, named areas ISO does not list). Built per request
 * from the store, so it is never stale.
 */
final class EntityDirectory {
  /** Countries, then regions, then ASNs; by code within a type (ASNs by number). */
  static final Comparator<Entity> ORDER =
      Comparator.comparing(Entity::type)
          .thenComparing(
              e ->
                  e.type() == EntityType.ASN
                      ? String.format(Locale.ROOT, "%010d", Long.parseLong(e.code()))
                      : e.code());

  private final EntityRegistry registry;
  private final Map<String, Entity> stored = new LinkedHashMap<>();
  private final Map<String, Set<String>> signals = new LinkedHashMap<>();
  private final List<SeriesInfo> series;

  private EntityDirectory(EntityRegistry registry, List<SeriesInfo> series) {
    this.registry = registry;
    this.series = series;
    for (SeriesInfo s : series) {
      stored.putIfAbsent(s.entity().key(), s.entity());
      signals.computeIfAbsent(s.entity().key(), k -> new TreeSet<>()).add(s.signal());
    }
  }

  /** Reads the store's series and events. */
  static EntityDirectory of(EntityRegistry registry, SignalStore store, List<StoredEvent> events) {
    EntityDirectory d = new EntityDirectory(registry, store.series());
    for (StoredEvent e : events) {
      d.stored.putIfAbsent(e.entity().key(), e.entity());
    }
    return d;
  }

  static EntityDirectory of(EntityRegistry registry, List<SeriesInfo> series) {
    return new EntityDirectory(registry, series);
  }

  List<SeriesInfo> series() {
    return series;
  }

  /** The stored signals of an entity, sorted. */
  Set<String> signalsOf(Entity e) {
    return signals.getOrDefault(e.key(), Set.of());
  }

  /**
   * The entity of this type with this code (for a country also an alpha-3 code or a name). An
   * unknown country or region is a 404; a malformed AS number a 400.
   */
  Entity resolve(String codeParam, EntityType type, String code) {
    Optional<Entity> found = find(codeParam, type, code);
    if (found.isEmpty()) {
      throw ApiException.notFound(
          codeParam,
          "unknown "
              + type.key()
              + " '"
              + code
              + "'"
              + (type == EntityType.COUNTRY
                  ? ": give an ISO 3166-1 code such as KZ"
                  : ": give an ISO 3166-2 code such as KZ-ALA, or a region code the store holds"));
    }
    return found.get();
  }

  /** As {@link #resolve}, but empty for an unknown entity (a 400 still for a malformed ASN). */
  Optional<Entity> find(String codeParam, EntityType type, String code) {
    String c = code.trim();
    switch (type) {
      case COUNTRY -> {
        Optional<Entity> iso = registry.findCountry(c);
        return Optional.ofNullable(
            iso.map(e -> stored.getOrDefault(e.key(), e))
                .orElse(stored.get("country/" + c.toUpperCase(Locale.ROOT))));
      }
      case REGION -> {
        Entity s = stored.get("region/" + c);
        if (s != null) {
          return Optional.of(s);
        }
        return registry.findRegion(c).map(e -> stored.getOrDefault(e.key(), e));
      }
      case ASN -> {
        Entity asn;
        try {
          asn = registry.asn(c);
        } catch (IllegalArgumentException e) {
          throw ApiException.badParameter(codeParam, e.getMessage());
        }
        return Optional.of(stored.getOrDefault(asn.key(), asn));
      }
      default -> throw new IllegalStateException("unhandled entity type " + type);
    }
  }

  /** Every entity of {@code type} ({@code null}: every type), sorted by {@link #ORDER}. */
  List<Entity> all(EntityType type) {
    Map<String, Entity> out = new LinkedHashMap<>();
    if (type == null || type == EntityType.COUNTRY) {
      for (Entity c : registry.countries()) {
        out.put(c.key(), stored.getOrDefault(c.key(), c));
      }
    }
    if (type == null || type == EntityType.REGION) {
      for (Entity c : registry.countries()) {
        for (Entity r : registry.regionsOf(c.code())) {
          out.put(r.key(), stored.getOrDefault(r.key(), r));
        }
      }
    }
    for (Entity e : stored.values()) {
      if (type == null || e.type() == type) {
        out.putIfAbsent(e.key(), e);
      }
    }
    List<Entity> list = new ArrayList<>(out.values());
    list.sort(ORDER);
    return list;
  }

  /**
   * Entities related to {@code e}: a country's regions (ISO's and the store's), a region's country.
   * Which networks serve a country the store does not record, so a country lists no ASNs yet.
   */
  List<Entity> relatedTo(Entity e) {
    List<Entity> out = new ArrayList<>();
    switch (e.type()) {
      case COUNTRY -> {
        for (Entity r : all(EntityType.REGION)) {
          if (e.code().equals(r.country())) {
            out.add(r);
          }
        }
      }
      case REGION -> find("relatedTo", EntityType.COUNTRY, e.country()).ifPresent(out::add);
      case ASN -> {}
    }
    return out;
  }
}
