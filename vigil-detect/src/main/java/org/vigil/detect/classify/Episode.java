// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.core.EntityType;
import org.vigil.core.Sha256;

/**
 * A country's disruption as one story: its classified events (the country, its regions, its
 * networks) that follow each other closely, for example a week of blocking, blackout and unstable
 * restoration.
 *
 * <pre>{@code
 * List<Episode> episodes = Episode.group("KZ", classifiedEvents);
 * episodes.get(0).summary();
 * // KZ 2022-01-04 10:00 – ongoing UTC: nationwide blackout (data-plane cut; to 2 %); ...
 * }</pre>
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param start the earliest start of its events
 * @param end the latest end; {@code null} while one of its events is ongoing
 * @param events its events, by start
 * @param summary one line, deterministic, for lists and logs
 */
public record Episode(
    String country, long start, Long end, List<ClassifiedEvent> events, String summary) {

  /** Events closer than this belong to one episode. */
  public static final Duration DEFAULT_GAP = Duration.ofHours(48);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  public Episode {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(summary, "summary");
    events = List.copyOf(events);
  }

  public boolean ongoing() {
    return end == null;
  }

  /**
   * A short id that stays the same while the episode's country and start do: the first 12 hex
   * digits of the SHA-256 of {@code country@start}, as event ids are made.
   */
  public String id() {
    return Sha256.of(country + "@" + start).substring(0, 12);
  }

  /** {@link #group(String, List, Duration)} with the default gap of 48 h. */
  public static List<Episode> group(String country, List<ClassifiedEvent> events) {
    return group(country, events, DEFAULT_GAP);
  }

  /**
   * Groups a country's classified events into episodes, in time order: an event that starts less
   * than {@code gap} after the latest end so far of the current episode (or while one of its events
   * is ongoing) joins it; otherwise it opens the next episode. The order of the input does not
   * matter: events are sorted by start, then entity, then end.
   */
  public static List<Episode> group(String country, List<ClassifiedEvent> events, Duration gap) {
    Objects.requireNonNull(country, "country");
    long gapSeconds = gap.getSeconds();
    if (gapSeconds < 0) {
      throw new IllegalArgumentException("the gap must not be negative: " + gap);
    }
    List<ClassifiedEvent> sorted = new ArrayList<>(events);
    sorted.sort(
        Comparator.comparingLong(ClassifiedEvent::start)
            .thenComparing(e -> e.entity().key())
            .thenComparingLong(ClassifiedEvent::until));
    List<Episode> out = new ArrayList<>();
    List<ClassifiedEvent> current = new ArrayList<>();
    long until = Long.MIN_VALUE;
    for (ClassifiedEvent e : sorted) {
      boolean joins =
          !current.isEmpty() && (until == Long.MAX_VALUE || e.start() - until < gapSeconds);
      if (!current.isEmpty() && !joins) {
        out.add(of(country, current));
        current = new ArrayList<>();
      }
      until = current.isEmpty() ? e.until() : Math.max(until, e.until());
      current.add(e);
    }
    if (!current.isEmpty()) {
      out.add(of(country, current));
    }
    return out;
  }

  private static Episode of(String country, List<ClassifiedEvent> events) {
    long start = Long.MAX_VALUE;
    long until = Long.MIN_VALUE;
    for (ClassifiedEvent e : events) {
      start = Math.min(start, e.start());
      until = Math.max(until, e.until());
    }
    Long end = until == Long.MAX_VALUE ? null : until;
    return new Episode(country, start, end, events, summary(country, start, end, events));
  }

  /**
   * {@code KZ 2022-01-04 10:00 – 2022-01-11 02:15 UTC: nationwide blackout (data-plane cut; to 2
   * %); throttling on 2 networks; nationwide platform blocking (signal, telegram, whatsapp);
   * curfew-style cuts in 1 region; restoration unstable; 9 events}: per kind (in the order of
   * {@link Kind}), its widest scope or where it was; the patterns and where; the restoration of the
   * last event that has one; the count.
   */
  static String summary(String country, long start, Long end, List<ClassifiedEvent> events) {
    StringBuilder s = new StringBuilder();
    s.append(country)
        .append(' ')
        .append(TIME.format(Instant.ofEpochSecond(start)))
        .append(" – ")
        .append(end == null ? "ongoing" : TIME.format(Instant.ofEpochSecond(end)))
        .append(" UTC: ");
    Map<Kind, List<ClassifiedEvent>> byKind = new EnumMap<>(Kind.class);
    for (ClassifiedEvent e : events) {
      byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(e);
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Kind, List<ClassifiedEvent>> k : byKind.entrySet()) {
      parts.add(describe(k.getKey(), k.getValue()));
    }
    for (Pattern p : Pattern.values()) {
      Map<EntityType, Set<String>> where = new EnumMap<>(EntityType.class);
      for (ClassifiedEvent e : events) {
        if (e.pattern() == p) {
          where.computeIfAbsent(e.entity().type(), t -> new TreeSet<>()).add(e.entity().code());
        }
      }
      if (!where.isEmpty()) {
        parts.add(
            (p == Pattern.CURFEW ? "curfew-style cuts" : "intermittent restoration")
                + " "
                + where(where));
      }
    }
    ClassifiedEvent lastRestored = null;
    for (ClassifiedEvent e : events) {
      if (e.restoration() != null && (lastRestored == null || e.start() >= lastRestored.start())) {
        lastRestored = e;
      }
    }
    if (lastRestored != null) {
      parts.add("restoration " + lastRestored.restoration().key());
    }
    parts.add(events.size() + (events.size() == 1 ? " event" : " events"));
    return s.append(String.join("; ", parts)).toString();
  }

  private static String describe(Kind kind, List<ClassifiedEvent> events) {
    Scope widest = Scope.NETWORK;
    Map<EntityType, Set<String>> where = new EnumMap<>(EntityType.class);
    Set<Mechanism> mechanisms = new LinkedHashSet<>();
    Set<String> platforms = new TreeSet<>();
    double lowest = Double.NaN;
    for (ClassifiedEvent e : events) {
      if (e.scope().ordinal() < widest.ordinal()) {
        widest = e.scope();
      }
      where.computeIfAbsent(e.entity().type(), t -> new TreeSet<>()).add(e.entity().code());
      if (e.mechanism() != null && e.mechanism() != Mechanism.UNKNOWN) {
        mechanisms.add(e.mechanism());
      }
      platforms.addAll(e.platforms());
      double low = e.lowestDataPlaneRatio();
      if (!(low >= lowest)) {
        lowest = low;
      }
    }
    List<String> details = new ArrayList<>();
    if (!platforms.isEmpty()) {
      details.add(String.join(", ", platforms));
    }
    for (Mechanism m : mechanisms) {
      details.add(m == Mechanism.DATA_PLANE_CUT ? "data-plane cut" : "routing withdrawal");
    }
    if (kind == Kind.BLACKOUT && lowest == lowest) {
      details.add(String.format(Locale.ROOT, "to %.0f %%", lowest * 100));
    }
    String name =
        switch (kind) {
          case BLACKOUT -> "blackout";
          case OUTAGE -> "outage";
          case THROTTLING -> "throttling";
          case PLATFORM_BLOCKING -> "platform blocking";
        };
    StringBuilder s = new StringBuilder();
    if (widest == Scope.NATIONWIDE) {
      s.append("nationwide ").append(name);
    } else {
      s.append(name).append(' ').append(where(where));
    }
    if (!details.isEmpty()) {
      s.append(" (").append(String.join("; ", details)).append(')');
    }
    return s.toString();
  }

  /** "in 2 regions and on 1 network", "in the country". */
  private static String where(Map<EntityType, Set<String>> where) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<EntityType, Set<String>> w : where.entrySet()) {
      int n = w.getValue().size();
      parts.add(
          switch (w.getKey()) {
            case COUNTRY -> "in the country";
            case REGION -> "in " + n + (n == 1 ? " region" : " regions");
            case ASN -> "on " + n + (n == 1 ? " network" : " networks");
          });
    }
    return String.join(" and ", parts);
  }
}
