// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.core.EntityType;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.CountryZones;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.report.CountryRating;
import org.vigil.detect.report.Narrative;
import org.vigil.detect.report.StopRow;

/**
 * The episodes of published events, per country: computed when read, from the events, so they
 * follow every detection run (an episode's id stays the same while its country and start do).
 *
 * <pre>{@code
 * List<StoredEvent> events = store.events(EventQuery.all());
 * List<Episode> kz = StoredEpisodes.of(events).get("KZ");
 * Narrative.of(kz.get(0)).text();
 * }</pre>
 *
 * <p>Events belong to the country of their entity (the country itself, its regions). A network
 * (ASN) has no country of its own in the store: its events join the country whose events overlap
 * them in time, when exactly one country's do; a network event that overlaps no country's events,
 * or those of several countries, is left out of every episode (it is still listed by {@code vigil
 * events}).
 */
public final class StoredEpisodes {
  private StoredEpisodes() {}

  /** Every country's episodes, by country code, each in time order. */
  public static Map<String, List<Episode>> of(List<StoredEvent> events) {
    Map<String, List<ClassifiedEvent>> byCountry = new TreeMap<>();
    for (StoredEvent e : events) {
      String cc = e.entity().country();
      if (cc != null) {
        byCountry.computeIfAbsent(cc, k -> new ArrayList<>()).add(e.classified());
      }
    }
    placeNetworks(events).forEach((n, cc) -> byCountry.get(cc).add(n.classified()));
    Map<String, List<Episode>> out = new TreeMap<>();
    byCountry.forEach((cc, list) -> out.put(cc, Episode.group(cc, list)));
    return out;
  }

  /** Each network event that overlaps the events of exactly one country, with that country. */
  private static Map<StoredEvent, String> placeNetworks(List<StoredEvent> events) {
    Map<String, List<StoredEvent>> byCountry = new TreeMap<>();
    List<StoredEvent> networks = new ArrayList<>();
    for (StoredEvent e : events) {
      String cc = e.entity().country();
      if (cc == null) {
        networks.add(e);
      } else {
        byCountry.computeIfAbsent(cc, k -> new ArrayList<>()).add(e);
      }
    }
    Map<StoredEvent, String> placed = new java.util.LinkedHashMap<>();
    for (StoredEvent n : networks) {
      Set<String> overlapping = new TreeSet<>();
      for (Map.Entry<String, List<StoredEvent>> c : byCountry.entrySet()) {
        for (StoredEvent e : c.getValue()) {
          if (e.start() < n.until() && n.start() < e.until()) {
            overlapping.add(c.getKey());
          }
        }
      }
      if (overlapping.size() == 1) {
        placed.put(n, overlapping.iterator().next());
      }
    }
    return placed;
  }

  /**
   * The ids of the network (ASN) events that join {@code country}'s episodes: those that overlap
   * its events and no other country's, as {@link #of(List)} places them.
   */
  public static Set<String> networkEventsOf(String country, List<StoredEvent> events) {
    Set<String> out = new TreeSet<>();
    for (Map.Entry<StoredEvent, String> e : placeNetworks(events).entrySet()) {
      if (e.getValue().equals(country)) {
        out.add(e.getKey().id());
      }
    }
    return out;
  }

  /** The episodes of one country (ISO alpha-2), in time order; empty when it has none. */
  public static List<Episode> of(String country, List<StoredEvent> events) {
    return of(events).getOrDefault(country, List.of());
  }

  /**
   * The narrative of an episode as Vigil tells it: the country by its everyday English name, its
   * main time zone ({@link CountryZones}), and its standing in the surveys loaded into {@code
   * store} for the year the episode began ({@link CountryRating#forYear}).
   *
   * <pre>{@code
   * String text = StoredEpisodes.narrative(store, episode).text();
   * }</pre>
   */
  public static Narrative narrative(SignalStore store, Episode episode) {
    String cc = episode.country();
    int year = Instant.ofEpochSecond(episode.start()).atZone(ZoneOffset.UTC).getYear();
    return Narrative.of(
        episode,
        commonName(cc),
        CountryZones.load().zoneOrUtc(cc),
        CountryRating.forYear(store.ratings(cc), cc, year),
        regionsMeasured(store, cc));
  }

  /** How many of a country's regions have series in the store: what "all regions" means. */
  public static int regionsMeasured(SignalStore store, String country) {
    Set<String> regions = new TreeSet<>();
    for (SeriesInfo s : store.series()) {
      if (s.entity().type() == EntityType.REGION && country.equals(s.entity().country())) {
        regions.add(s.entity().code());
      }
    }
    return regions.size();
  }

  /**
   * The STOP row of an episode, with the country's ISO 3166 name (as the dataset names countries:
   * {@code Russian Federation}, {@code Syrian Arab Republic}) and its main time zone for the dates.
   *
   * <pre>{@code
   * String csv = StopRow.csv(List.of(StoredEpisodes.stopRow(episode, "Kazakhstan")));
   * }</pre>
   */
  public static StopRow stopRow(Episode episode, String isoName) {
    return StopRow.of(episode, isoName, CountryZones.load().zoneOrUtc(episode.country()));
  }

  /**
   * As {@link #stopRow(Episode, String)}, its description knowing the regions measured in {@code
   * store} ({@code in all 17 regions}).
   */
  public static StopRow stopRow(SignalStore store, Episode episode, String isoName) {
    return StopRow.of(
        episode,
        isoName,
        CountryZones.load().zoneOrUtc(episode.country()),
        Map.of(),
        "",
        regionsMeasured(store, episode.country()));
  }

  /** A country's everyday English name (Unicode CLDR, as Java ships it): {@code IR → Iran}. */
  public static String commonName(String alpha2) {
    String name = new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH);
    return name.isBlank() ? alpha2 : name;
  }

  /** The episode with this id, in any country. */
  public static Optional<Episode> find(String id, List<StoredEvent> events) {
    for (List<Episode> list : of(events).values()) {
      for (Episode e : list) {
        if (e.id().equals(id)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }
}
