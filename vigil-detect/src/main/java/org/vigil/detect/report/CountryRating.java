// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vigil.detect.classify.InputRef;

/**
 * A country's standing in one of Freedom House's surveys for one edition: what statements about a
 * shutdown cite ("Kazakhstan is rated Not Free in Freedom in the World, ...").
 *
 * <pre>{@code
 * CountryRating fiw = new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2022, "NF", 23.0, src);
 * fiw.statusText(); // "Not Free"
 * CountryRating.sentence("Kazakhstan", List.of(fiw));
 * // "Kazakhstan is rated Not Free in Freedom in the World (score 23/100, 2022)."
 * }</pre>
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param survey the survey's name: {@link #FREEDOM_IN_THE_WORLD}, {@link #FREEDOM_ON_THE_NET},
 *     {@link #NATIONS_IN_TRANSIT} or another
 * @param edition the edition's year (Freedom in the World 2022 rates the events of 2021)
 * @param status as published: {@code F}, {@code PF}, {@code NF}, or words ({@code Consolidated
 *     Authoritarian Regime})
 * @param score the total score out of 100, {@code null} when not given
 * @param source the file it was loaded from, {@code null} when not known
 */
public record CountryRating(
    String country, String survey, int edition, String status, Double score, InputRef source) {
  public static final String FREEDOM_IN_THE_WORLD = "Freedom in the World";
  public static final String FREEDOM_ON_THE_NET = "Freedom on the Net";
  public static final String NATIONS_IN_TRANSIT = "Nations in Transit";

  public CountryRating {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(survey, "survey");
    Objects.requireNonNull(status, "status");
  }

  /** {@code NF} → {@code Not Free}, {@code PF} → {@code Partly Free}, {@code F} → {@code Free}. */
  public String statusText() {
    return switch (status.trim().toUpperCase(Locale.ROOT)) {
      case "F" -> "Free";
      case "PF" -> "Partly Free";
      case "NF" -> "Not Free";
      default -> status.trim();
    };
  }

  /**
   * Of each survey, the rating of {@code country} in the edition of {@code year}, or the latest
   * edition before it when that one is not loaded; in the order Freedom in the World, Freedom on
   * the Net, Nations in Transit, then others by name.
   */
  public static List<CountryRating> forYear(List<CountryRating> all, String country, int year) {
    Map<String, CountryRating> best = new LinkedHashMap<>();
    for (String s : List.of(FREEDOM_IN_THE_WORLD, FREEDOM_ON_THE_NET, NATIONS_IN_TRANSIT)) {
      best.put(s, null);
    }
    List<CountryRating> sorted = new ArrayList<>(all);
    sorted.sort(
        java.util.Comparator.comparing(CountryRating::survey)
            .thenComparingInt(CountryRating::edition));
    for (CountryRating r : sorted) {
      if (r.country.equals(country) && r.edition <= year) {
        best.put(r.survey, r);
      }
    }
    List<CountryRating> out = new ArrayList<>();
    for (CountryRating r : best.values()) {
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * One sentence for a statement: {@code Kazakhstan is rated Not Free in Freedom in the World
   * (score 23/100, 2022), Not Free in Freedom on the Net (score 32/100, 2022), and is categorized
   * as a Consolidated Authoritarian Regime in Nations in Transit (score 5/100, 2022).} Empty when
   * there are no ratings.
   */
  public static String sentence(String countryName, List<CountryRating> ratings) {
    List<String> rated = new ArrayList<>();
    List<String> categorized = new ArrayList<>();
    for (CountryRating r : ratings) {
      String detail = r.statusText() + " in " + r.survey + " (" + r.figures() + ")";
      if (r.survey.equals(NATIONS_IN_TRANSIT)) {
        categorized.add(article(r.statusText()) + " " + detail);
      } else {
        rated.add(detail);
      }
    }
    List<String> clauses = new ArrayList<>();
    for (int i = 0; i < rated.size(); i++) {
      clauses.add(i == 0 ? "is rated " + rated.get(i) : rated.get(i));
    }
    for (String c : categorized) {
      clauses.add("is categorized as " + c);
    }
    if (clauses.isEmpty()) {
      return "";
    }
    return countryName + " " + Prose.list(clauses) + ".";
  }

  private String figures() {
    String year = Integer.toString(edition);
    if (score == null) {
      return year;
    }
    String s =
        score == Math.rint(score)
            ? Long.toString(Math.round(score))
            : String.format(Locale.ROOT, "%.1f", score);
    return "score " + s + "/100, " + year;
  }

  private static String article(String word) {
    return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
  }
}
