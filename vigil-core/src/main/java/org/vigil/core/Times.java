// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Time arguments as people type them (CLI options, API parameters), times as every output prints
 * them (ISO-8601 UTC), and bin widths as people read them.
 */
public final class Times {
  private Times() {}

  /**
   * Parses {@code 2022-01-05T10:30:00Z}, {@code 2022-01-05T10:30:00+06:00}, {@code
   * 2022-01-05T10:30} (UTC), {@code 2022-01-05} (midnight UTC) or epoch seconds.
   */
  public static long parse(String text) {
    String t = text.trim();
    try {
      if (t.matches("-?\\d{5,}")) {
        return Long.parseLong(t);
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      }
      if (t.endsWith("Z") || t.endsWith("z")) {
        return Instant.parse(t.toUpperCase(java.util.Locale.ROOT)).getEpochSecond();
      }
      if (t.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return OffsetDateTime.parse(t).toEpochSecond();
      }
      return LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad time '"
              + text
              + "': use ISO-8601 such as 2022-01-05T10:30:00Z, a date such as 2022-01-05, or"
              + " epoch seconds");
    }
  }

  /** ISO-8601 UTC, seconds precision: {@code 2022-01-05T10:30:00Z}. */
  public static String iso(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  /** {@code 300} → {@code 5m}, {@code 10800} → {@code 3h}, {@code 90} → {@code 90s}. */
  public static String formatStep(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
