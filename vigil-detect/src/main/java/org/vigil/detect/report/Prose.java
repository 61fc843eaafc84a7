// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.vigil.core.Entity;
import org.vigil.detect.classify.SignalFamily;

/** The words the narrative and the exports share: names, times, amounts and lists. */
final class Prose {
  private Prose() {}

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /** {@code a}, {@code a and b}, {@code a, b, and c}. */
  static String list(List<String> items) {
    int n = items.size();
    if (n == 0) {
      return "";
    }
    if (n == 1) {
      return items.get(0);
    }
    if (n == 2) {
      return items.get(0) + " and " + items.get(1);
    }
    return String.join(", ", items.subList(0, n - 1)) + ", and " + items.get(n - 1);
  }

  /**
   * {@code 5 January 2022 at 10:30 UTC (16:30 local time)}; when the local date differs, {@code 4
   * January 2022 at 22:00 UTC (5 January, 04:00 local time)}; in UTC alone when the zone is UTC.
   */
  static String moment(long epochSecond, ZoneId local) {
    ZonedDateTime utc = Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC);
    String s = DATE.format(utc) + " at " + CLOCK.format(utc) + " UTC";
    if (isUtc(local)) {
      return s;
    }
    ZonedDateTime here = utc.withZoneSameInstant(local);
    String clock = CLOCK.format(here) + " local time";
    return s
        + " ("
        + (here.toLocalDate().equals(utc.toLocalDate())
            ? clock
            : DAY_MONTH.format(here) + ", " + clock)
        + ")";
  }

  static boolean isUtc(ZoneId zone) {
    return zone.normalized().equals(ZoneOffset.UTC);
  }

  /** {@code UTC+6}, {@code UTC-3:30}, {@code UTC} at that instant. */
  static String offset(ZoneId zone, long epochSecond) {
    ZoneOffset o = zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
    if (o.getTotalSeconds() == 0) {
      return "UTC";
    }
    int minutes = Math.abs(o.getTotalSeconds()) / 60;
    String sign = o.getTotalSeconds() < 0 ? "-" : "+";
    return "UTC"
        + sign
        + minutes / 60
        + (minutes % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", minutes % 60));
  }

  /** A ratio to its baseline as a share: {@code 3 %}, {@code less than 1 %}. */
  static String percent(double ratio) {
    if (ratio < 0.005) {
      return "less than 1 %";
    }
    return Math.round(ratio * 100) + " %";
  }

  /** {@code 45 minutes}, {@code 3 hours 20 minutes}, {@code 5 days 16 hours}. */
  static String duration(long seconds) {
    long minutes = Math.round(seconds / 60.0);
    if (minutes < 60) {
      return plural(minutes, "minute");
    }
    long hours = minutes / 60;
    if (hours < 48) {
      long m = minutes % 60;
      return plural(hours, "hour") + (m == 0 ? "" : " " + plural(m, "minute"));
    }
    long days = hours / 24;
    long h = hours % 24;
    return plural(days, "day") + (h == 0 ? "" : " " + plural(h, "hour"));
  }

  static String plural(long n, String one) {
    return n + " " + (n == 1 ? one : one + "s");
  }

  /** {@code Kazakhstan}, {@code Almaty}, {@code Kcell JSC (AS29355)}, {@code AS29355}. */
  static String name(Entity e) {
    return switch (e.type()) {
      case ASN -> {
        String as = "AS" + e.code();
        yield e.name().equals(as) || e.name().isBlank() ? as : e.name() + " (" + as + ")";
      }
      case COUNTRY, REGION -> e.name();
    };
  }

  /** What a signal measures, in words: {@code active probing}, {@code traffic}. */
  static String measure(SignalFamily f) {
    return switch (f) {
      case PROBE -> "active probing";
      case TRAFFIC -> "traffic";
      case TELESCOPE -> "telescope traffic";
      case BGP -> "BGP visibility";
      case OONI -> "OONI measurements";
      case OTHER -> "the signal";
    };
  }

  /** A platform as people write it: {@code whatsapp} → {@code WhatsApp}. */
  static String platform(String key) {
    return switch (key) {
      case "whatsapp" -> "WhatsApp";
      case "telegram" -> "Telegram";
      case "signal" -> "Signal";
      case "facebook" -> "Facebook Messenger";
      case "tor" -> "Tor";
      case "web" -> "websites";
      default ->
          key.startsWith("web_")
              ? "websites (" + key.substring(4).toUpperCase(Locale.ROOT) + ")"
              : key;
    };
  }
}
