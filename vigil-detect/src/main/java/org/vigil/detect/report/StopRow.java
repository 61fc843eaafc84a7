// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.classify.Kind;
import org.vigil.detect.classify.Pattern;
import org.vigil.detect.classify.Scope;

/**
 * One episode as a row of Access Now's #KeepItOn STOP dataset, filled in from the detections as an
 * analyst would submit it: the columns of the dataset's yearly sheets ({@code 2021_Data.csv}), in
 * their order and with their vocabulary (REFERENCE.md §4.3).
 *
 * <pre>{@code
 * StopRow row = StopRow.of(kzEpisode, "Kazakhstan", ZoneId.of("Asia/Almaty"));
 * row.get("shutdown_type");   // "Shutdown, Throttle"
 * String csv = StopRow.csv(List.of(row)); // header line, then the row
 * }</pre>
 *
 * <p>What measurements can tell is filled in: dates (local, {@code M/D/YYYY}), duration in days
 * (end date minus start date plus one, as the dataset counts; {@code Curfew Style} when every cut
 * recurred as a curfew), country, geographic scope and area, shutdown type (blackouts and outages
 * are {@code Shutdown}, throttling {@code Throttle}, platform blocking a {@code Shutdown} of extent
 * {@code Service-based}), affected network ({@code Broadband, Mobile} when the whole country was
 * cut; otherwise from the networks' access types when given), extent, status, the platforms ({@code
 * Yes} when blocking was measured, {@code No} when it was not: "not detected"), the networks
 * involved and a description of what was measured. What only people can tell (who ordered it, why,
 * the government's justification, violence, SMS and calls) is {@code Unknown} where the dataset's
 * vocabulary has that value, else left empty for the analyst.
 */
public final class StopRow {
  /** The columns, in order, exactly as the dataset's yearly sheets head them. */
  public static final List<String> COLUMNS =
      List.of(
          "start_date_type",
          "start_date",
          "country",
          "geo_scope",
          "area_name",
          "shutdown_type",
          "affected_network",
          "shutdown_extent",
          "ordered_by",
          "decision_maker",
          "actual_cause",
          "actual_cause_details",
          "info_source",
          "info_source_link",
          "shutdown_status",
          "end_date",
          "Duration",
          "gov_justification",
          "gov_just_details",
          "gov_ack",
          "legal_just",
          "legal_method",
          "gov_ack_source",
          "gov_ack_quote",
          "facebook_affected",
          "twitter_affected",
          "whatsapp_affected",
          "instagram_affected",
          "telegram_affected",
          "other_affected",
          "sms_affected",
          "phonecall_affected",
          "telcos_involved",
          "telco_ack",
          "telco_ack_source",
          "telco_ack_quote",
          "election",
          "violence",
          "hr_abuse_reported",
          "users_targeted",
          "users_target_detail",
          "users_notified",
          "econ_impact",
          "event",
          "an_link");

  /** {@code geo_scope} values of the dataset. */
  static final String MANY_REGIONS =
      "It affected locations in more than one state, province, or region";

  static final String NOT_SURE = "Not sure";

  /** The platforms with their own column; the others go to {@code other_affected}. */
  private static final Map<String, String> PLATFORM_COLUMNS =
      Map.of(
          "facebook", "facebook_affected",
          "twitter", "twitter_affected",
          "whatsapp", "whatsapp_affected",
          "instagram", "instagram_affected",
          "telegram", "telegram_affected");

  private final Map<String, String> values;

  private StopRow(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** {@link #of(Episode, String, ZoneId, Map, String)} without access types or a link. */
  public static StopRow of(Episode episode, String countryName, ZoneId local) {
    return of(episode, countryName, local, Map.of(), "");
  }

  /**
   * The row of an episode.
   *
   * @param countryName the country as the dataset names it ({@code Kazakhstan})
   * @param local the country's local time, for the dates
   * @param accessByAsn the access type of networks by ASN ({@code "29355" → "Mobile"}, {@code
   *     "9198" → "Broadband"}): what {@code affected_network} says when not the whole country was
   *     cut; networks not given make it {@code Unknown}
   * @param infoSourceLink where the evidence can be read (an episode's URL on a Vigil server), or
   *     empty
   */
  public static StopRow of(
      Episode episode,
      String countryName,
      ZoneId local,
      Map<String, String> accessByAsn,
      String infoSourceLink) {
    return of(episode, countryName, local, accessByAsn, infoSourceLink, 0);
  }

  /**
   * The row of an episode, its description told knowing how many of the country's regions were
   * measured (see {@link Narrative#of(Episode, String, ZoneId, List, int)}).
   */
  public static StopRow of(
      Episode episode,
      String countryName,
      ZoneId local,
      Map<String, String> accessByAsn,
      String infoSourceLink,
      int regionsMeasured) {
    Objects.requireNonNull(episode, "episode");
    Map<String, String> v = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      v.put(c, "");
    }
    List<ClassifiedEvent> events = episode.events();
    boolean cut = false;
    boolean throttled = false;
    boolean blocked = false;
    boolean nationwideCut = false;
    boolean allCurfew = true;
    Set<String> regions = new TreeSet<>();
    Set<String> networks = new TreeSet<>();
    Set<String> platforms = new TreeSet<>();
    Set<String> access = new TreeSet<>();
    boolean accessUnknown = false;
    for (ClassifiedEvent e : events) {
      switch (e.kind()) {
        case BLACKOUT, OUTAGE -> cut = true;
        case THROTTLING -> throttled = true;
        case PLATFORM_BLOCKING -> blocked = true;
      }
      if (e.kind() != Kind.PLATFORM_BLOCKING) {
        allCurfew &= e.pattern() == Pattern.CURFEW;
        nationwideCut |= e.scope() == Scope.NATIONWIDE && e.kind() != Kind.THROTTLING;
      }
      platforms.addAll(e.platforms());
      switch (e.entity().type()) {
        case REGION -> regions.add(e.entity().name());
        case ASN -> {
          // As the dataset names them: the operator, without its legal form or its AS number
          // when it has a name (two ASes of one operator are one telco).
          String operator = Prose.operator(e.entity().name());
          networks.add(operator.isBlank() ? "AS" + e.entity().code() : operator);
          String a = accessByAsn.get(e.entity().code());
          if (a == null) {
            accessUnknown = true;
          } else {
            access.add(a);
          }
        }
        case COUNTRY -> {}
      }
    }
    boolean nationwide = false;
    for (ClassifiedEvent e : events) {
      nationwide |= e.scope() == Scope.NATIONWIDE;
    }
    LocalDate startDate = Instant.ofEpochSecond(episode.start()).atZone(local).toLocalDate();
    v.put("start_date_type", "Actual");
    v.put("start_date", date(startDate));
    v.put("country", countryName);
    v.put("geo_scope", nationwide || regions.size() > 1 ? MANY_REGIONS : NOT_SURE);
    v.put("area_name", nationwide ? "Entire country" : String.join(", ", regions));
    List<String> types = new ArrayList<>();
    if (cut || blocked) {
      types.add("Shutdown");
    }
    if (throttled) {
      types.add("Throttle");
    }
    v.put("shutdown_type", types.isEmpty() ? "Unknown" : String.join(", ", types));
    String affected;
    if (nationwideCut) {
      affected = "Broadband, Mobile";
    } else if (!access.isEmpty() && !accessUnknown) {
      affected = String.join(", ", access);
    } else {
      affected = "Unknown";
    }
    v.put("affected_network", affected);
    List<String> extent = new ArrayList<>();
    if (cut || throttled) {
      extent.add("Full network");
    }
    if (blocked) {
      extent.add("Service-based");
    }
    v.put("shutdown_extent", String.join(", ", extent));
    v.put("ordered_by", "Unknown");
    v.put("actual_cause", "Unknown");
    v.put("info_source", "Other");
    v.put("info_source_link", infoSourceLink == null ? "" : infoSourceLink);
    v.put("shutdown_status", episode.end() == null ? "Ongoing" : "Ended");
    if (episode.end() != null) {
      // The end is exclusive: a cut that ends at midnight ended the day before.
      LocalDate endDate =
          Instant.ofEpochSecond(Math.max(episode.start(), episode.end() - 1))
              .atZone(local)
              .toLocalDate();
      v.put("end_date", date(endDate));
      v.put(
          "Duration",
          (cut || throttled) && allCurfew
              ? "Curfew Style"
              : Long.toString(ChronoUnit.DAYS.between(startDate, endDate) + 1));
    }
    v.put("gov_justification", "Unknown");
    v.put("gov_ack", "Unknown");
    v.put("legal_just", "Unknown");
    for (Map.Entry<String, String> p : PLATFORM_COLUMNS.entrySet()) {
      v.put(p.getValue(), platforms.contains(p.getKey()) ? "Yes" : "No");
    }
    List<String> other = new ArrayList<>();
    for (String p : platforms) {
      if (!PLATFORM_COLUMNS.containsKey(p)) {
        other.add(Prose.platform(p));
      }
    }
    v.put("other_affected", String.join(", ", other));
    v.put("sms_affected", "Unknown");
    v.put("phonecall_affected", "Unknown");
    List<String> telcos = new ArrayList<>();
    for (String n : networks) {
      telcos.add(countryName + ": " + n);
    }
    v.put("telcos_involved", String.join(", ", telcos));
    v.put("telco_ack", "Unknown");
    v.put("violence", "Unknown");
    v.put("hr_abuse_reported", "Unknown");
    v.put("users_notified", "Unknown");
    v.put("event", description(episode, countryName, local, regionsMeasured));
    return new StopRow(v);
  }

  /** What was measured, in the narrative's words, without references or the closing sentence. */
  private static String description(
      Episode episode, String countryName, ZoneId local, int regionsMeasured) {
    List<String> texts = new ArrayList<>();
    for (Narrative.Sentence s :
        Narrative.of(episode, countryName, local, List.of(), regionsMeasured).steps()) {
      texts.add(s.text());
    }
    return "Measured by Vigil (episode " + episode.id() + "): " + String.join(" ", texts);
  }

  /** {@code 1/5/2022}: month, day, year, as the dataset writes dates. */
  static String date(LocalDate d) {
    return d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear();
  }

  /** The value of one column; empty when the row leaves it to the analyst. */
  public String get(String column) {
    String v = values.get(column);
    if (v == null) {
      throw new IllegalArgumentException("no STOP column '" + column + "'; see StopRow.COLUMNS");
    }
    return v;
  }

  /** The values by column, in the dataset's order. */
  public Map<String, String> values() {
    return values;
  }

  /** The row as one CSV line (RFC 4180 quoting, no line end). */
  public String csvLine() {
    List<String> cells = new ArrayList<>();
    for (String c : COLUMNS) {
      cells.add(quote(values.get(c)));
    }
    return String.join(",", cells);
  }

  /** The header line and one line per row, each ending in CRLF as RFC 4180 has it. */
  public static String csv(List<StopRow> rows) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (StopRow r : rows) {
      out.append(r.csvLine()).append("\r\n");
    }
    return out.toString();
  }

  static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
