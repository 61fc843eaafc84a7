// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;
import java.util.Objects;

/**
 * How the time column is written: epoch numbers, ISO-8601 text, or a {@link DateTimeFormatter}
 * pattern.
 *
 * <ul>
 *   <li>{@code epoch}: seconds since 1970-01-01T00:00Z, decimals allowed ({@code 1641378600.5}). A
 *       number whose magnitude exceeds 10<sup>11</sup> is read as <em>milliseconds</em>: 10<sup>
 *       11</sup> s is the year 5138, while 10<sup>11</sup> ms is March 1973, so the two ranges do
 *       not meet for any data Vigil sees.
 *   <li>{@code iso}: an instant {@code 2022-01-05T10:30:00Z}, a time with an offset {@code
 *       2022-01-05T10:30:00+02:00} (also {@code +0200}, {@code +02}, {@code UTC}), or a local date
 *       and time {@code 2022-01-05T10:30:00}, {@code 2022-01-05 10:30:00}, {@code 2022-01-05 10:30}
 *       or a date {@code 2022-01-05}, read in the import's time zone. Fractions of a second are
 *       allowed and dropped.
 *   <li>a pattern such as {@code dd-MMM-yyyy HH:mm:ss}: English month and day names, matched
 *       without regard to case; read in the import's time zone unless the pattern has an offset or
 *       zone field. A pattern with a date and no time means midnight.
 *   <li>{@code auto} (the default): {@code epoch} if the first row's time is a number, else {@code
 *       iso}; the choice is reported in the import's notes.
 * </ul>
 *
 * <pre>{@code
 * TimeFormat f = TimeFormat.parse("dd-MMM-yyyy HH:mm:ss"); // as typed after --time-format
 * }</pre>
 *
 * @param kind which of the forms above
 * @param pattern the {@link DateTimeFormatter} pattern for {@link Kind#PATTERN}, else {@code null}
 */
public record TimeFormat(Kind kind, String pattern) {

  /** The forms a time column can take. */
  public enum Kind {
    AUTO,
    EPOCH,
    ISO,
    PATTERN
  }

  public TimeFormat {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.PATTERN) {
      Objects.requireNonNull(pattern, "pattern");
      formatterFor(pattern); // fail now, at option time, not on the first row
    } else if (pattern != null) {
      throw new IllegalArgumentException("only a PATTERN time format has a pattern");
    }
  }

  /** Epoch seconds if the first value is a number, else ISO-8601. */
  public static TimeFormat auto() {
    return new TimeFormat(Kind.AUTO, null);
  }

  /** Epoch seconds (or milliseconds above 10<sup>11</sup>). */
  public static TimeFormat epoch() {
    return new TimeFormat(Kind.EPOCH, null);
  }

  /** ISO-8601 instants, offset times, local date-times and dates. */
  public static TimeFormat iso() {
    return new TimeFormat(Kind.ISO, null);
  }

  /** A {@link DateTimeFormatter} pattern in English, such as {@code dd-MMM-yyyy HH:mm:ss}. */
  public static TimeFormat pattern(String pattern) {
    return new TimeFormat(Kind.PATTERN, pattern);
  }

  /**
   * Parses the text of {@code --time-format}: {@code epoch}, {@code iso} or {@code auto} (any
   * case), or else a pattern.
   *
   * @throws IllegalArgumentException if the text is not a valid pattern
   */
  public static TimeFormat parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "epoch":
        return epoch();
      case "iso":
        return iso();
      case "auto":
        return auto();
      default:
        if (t.isEmpty()) {
          throw new IllegalArgumentException(
              "empty --time-format: expected epoch, iso or a pattern such as dd-MMM-yyyy HH:mm:ss");
        }
        return pattern(text);
    }
  }

  /**
   * The formatter for a pattern: English names, case-insensitive, so {@code 01-DEC-2021} and {@code
   * 01-Dec-2021} both parse (exports from spreadsheets upper-case month names).
   */
  static DateTimeFormatter formatterFor(String pattern) {
    try {
      return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(pattern)
          .toFormatter(Locale.ENGLISH);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad --time-format pattern '"
              + pattern
              + "': "
              + e.getMessage()
              + " (expected epoch, iso or a java.time pattern such as dd-MMM-yyyy HH:mm:ss)",
          e);
    }
  }

  /** The formatter for a {@link Kind#PATTERN} format. */
  public DateTimeFormatter formatter() {
    if (kind != Kind.PATTERN) {
      throw new IllegalStateException(kind + " has no pattern");
    }
    return formatterFor(pattern);
  }

  @Override
  public String toString() {
    return kind == Kind.PATTERN ? pattern : kind.name().toLowerCase(Locale.ROOT);
  }
}
