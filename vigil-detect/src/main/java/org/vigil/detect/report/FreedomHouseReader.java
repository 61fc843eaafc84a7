// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.vigil.core.InputFormatException;
import org.vigil.detect.classify.InputRef;

/**
 * Reads Freedom House's published ratings: the layout of its "Freedom in the World 2013-2024 Raw
 * Data" sheet saved as CSV (a title line, then a header with {@code Country/Territory}, {@code
 * Edition}, {@code Status} and {@code Total}, then a row per country and edition), and small files
 * of the same shape for Freedom on the Net and Nations in Transit (whose {@code Status} holds the
 * category in words, such as {@code Consolidated Authoritarian Regime}).
 *
 * <pre>{@code
 * FreedomHouseReader.Result r =
 *     FreedomHouseReader.read(Path.of("FIW13-24.csv"), null, name -> registry.findCountry(name).map(Entity::code), src);
 * r.ratings(); // Kazakhstan 2022: NF, 23
 * }</pre>
 *
 * <p>The survey is named by the title line ("Freedom in the World ...", "Freedom on the Net ...",
 * "Nations in Transit ...") unless given. Countries are matched by name (ISO 3166 and everyday
 * names, plus Freedom House's own spellings such as {@code Congo (Kinshasa)}); territories without
 * an ISO 3166 code (Crimea, Somaliland) are skipped and named in the result. A row without an
 * edition, status or country, or with a score that is not a number, is refused with its line.
 */
public final class FreedomHouseReader {
  private FreedomHouseReader() {}

  /** Freedom House's spellings that neither ISO 3166 nor CLDR use. */
  private static final Map<String, String> SPELLINGS =
      Map.of(
          "congo (brazzaville)", "CG",
          "congo (kinshasa)", "CD",
          "the gambia", "GM",
          "st. kitts and nevis", "KN",
          "st. lucia", "LC",
          "st. vincent and the grenadines", "VC");

  /**
   * What a file held.
   *
   * @param survey the survey the ratings belong to
   * @param ratings one per country and edition
   * @param skipped the names without an ISO 3166 code, in alphabetical order
   */
  public record Result(String survey, List<CountryRating> ratings, Set<String> skipped) {
    public Result {
      ratings = List.copyOf(ratings);
      skipped = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(skipped));
    }
  }

  /**
   * Reads one file.
   *
   * @param survey the survey's name, or {@code null} to take it from the title line
   * @param countryCode a country's alpha-2 code from its name, if it has one
   * @param source the file as evidence (its path and SHA-256), carried by every rating
   * @throws InputFormatException naming the file and line, for a file not of this layout
   */
  public static Result read(
      Path file, String survey, Function<String, Optional<String>> countryCode, InputRef source)
      throws IOException {
    List<Csv.Row> rows;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      rows = Csv.parse(in, file.toString());
    }
    String name = file.toString();
    int header = -1;
    for (int i = 0; i < rows.size() && header < 0; i++) {
      List<String> f = rows.get(i).fields();
      if (f.contains("Edition") && f.contains("Status")) {
        header = i;
      }
    }
    if (header < 0) {
      throw new InputFormatException(
          name,
          0,
          null,
          "no header line with Edition and Status: expected Freedom House's layout"
              + " (Country/Territory,...,Edition,Status,...,Total)");
    }
    String s = survey != null ? survey : surveyOf(rows.subList(0, header), name);
    List<String> h = rows.get(header).fields();
    int country =
        h.indexOf("Country/Territory") >= 0 ? h.indexOf("Country/Territory") : h.indexOf("Country");
    if (country < 0) {
      throw new InputFormatException(
          name, rows.get(header).line(), null, "no Country/Territory column in the header");
    }
    int edition = h.indexOf("Edition");
    int status = h.indexOf("Status");
    int total = h.indexOf("Total");
    List<CountryRating> out = new ArrayList<>();
    Set<String> skipped = new TreeSet<>();
    for (Csv.Row row : rows.subList(header + 1, rows.size())) {
      List<String> f = row.fields();
      if (f.stream().allMatch(String::isBlank)) {
        continue;
      }
      String who = cell(f, country);
      String ed = cell(f, edition);
      String st = cell(f, status);
      if (who.isEmpty() || ed.isEmpty() || st.isEmpty()) {
        throw new InputFormatException(
            name,
            row.line(),
            who.isEmpty() ? h.get(country) : ed.isEmpty() ? "Edition" : "Status",
            "empty: every row needs a country, an edition and a status");
      }
      int year;
      try {
        year = Integer.parseInt(ed);
      } catch (NumberFormatException e) {
        throw new InputFormatException(
            name, row.line(), "Edition", "expected a year, got '" + ed + "'");
      }
      Double score = null;
      String t = total < 0 ? "" : cell(f, total);
      if (!t.isEmpty() && !t.equalsIgnoreCase("N/A")) {
        try {
          score = Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw new InputFormatException(
              name, row.line(), "Total", "expected a number, got '" + t + "'");
        }
      }
      Optional<String> cc = code(who, countryCode);
      if (cc.isEmpty()) {
        skipped.add(who);
        continue;
      }
      out.add(new CountryRating(cc.get(), s, year, st, score, source));
    }
    return new Result(s, out, skipped);
  }

  private static Optional<String> code(String name, Function<String, Optional<String>> byName) {
    String alias = SPELLINGS.get(name.toLowerCase(Locale.ROOT));
    return alias != null ? Optional.of(alias) : byName.apply(name);
  }

  private static String cell(List<String> f, int i) {
    return i < f.size() ? f.get(i).trim() : "";
  }

  private static String surveyOf(List<Csv.Row> title, String name) {
    for (Csv.Row r : title) {
      String text = String.join(" ", r.fields());
      for (String s :
          List.of(
              CountryRating.FREEDOM_IN_THE_WORLD,
              CountryRating.FREEDOM_ON_THE_NET,
              CountryRating.NATIONS_IN_TRANSIT)) {
        if (text.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT))) {
          return s;
        }
      }
    }
    throw new InputFormatException(
        name,
        1,
        null,
        "the title line names no survey (Freedom in the World, Freedom on the Net, Nations in"
            + " Transit): give it with --survey");
  }
}
