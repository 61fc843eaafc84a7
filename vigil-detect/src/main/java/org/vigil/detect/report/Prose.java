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

  /**
   * {@code Kazakhstan}, {@code Almaty}, {@code Kcell (AS29355)}, {@code Kar-Tel (Beeline
   * Kazakhstan, AS21299)}, {@code AS29355}: a network by its operator's name without the legal
   * form, then its number.
   */
  static String name(Entity e) {
    return switch (e.type()) {
      case ASN -> {
        String as = "AS" + e.code();
        String n = operator(e.name());
        if (n.isBlank() || n.equals(as)) {
          yield as;
        }
        yield n.endsWith(")") && n.lastIndexOf(" (") > 0
            ? n.substring(0, n.length() - 1) + ", " + as + ")"
            : n + " (" + as + ")";
      }
      case COUNTRY, REGION -> e.name();
    };
  }

  /** Legal forms that say nothing to a reader of a statement: {@code Kcell JSC} is Kcell. */
  private static final java.util.regex.Pattern LEGAL_FORM =
      java.util.regex.Pattern.compile(
          "(?:^(?:JSC|OJSC|CJSC|PJSC|AO|TOO|LLC|LLP)\\s+)"
              + "|(?:,?\\s+(?:JSC|OJSC|CJSC|PJSC|AO|TOO|LLC|LLP|Ltd\\.?|LTD|Limited|Inc\\.?|Corp\\.?"
              + "|GmbH|S\\.A\\.|SA|plc|PLC|B\\.V\\.|N\\.V\\.|AG)$)");

  /**
   * An operator's name as people say it: the legal form dropped at either end, before any
   * parenthesis ({@code JSC Kazakhtelecom} → {@code Kazakhtelecom}, {@code Kar-Tel LLC (Beeline
   * Kazakhstan)} → {@code Kar-Tel (Beeline Kazakhstan)}); a name that is only a legal form stays.
   */
  static String operator(String name) {
    String n = name.strip();
    String paren = "";
    int open = n.indexOf(" (");
    if (open > 0 && n.endsWith(")")) {
      paren = n.substring(open);
      n = n.substring(0, open);
    }
    String shorter = LEGAL_FORM.matcher(n).replaceAll("").strip();
    return (shorter.isEmpty() ? n : shorter) + paren;
  }

  /** A total time in hours: {@code 111 hours 10 minutes}, {@code 45 minutes}. */
  static String hours(long seconds) {
    long minutes = Math.round(seconds / 60.0);
    if (minutes < 60) {
      return plural(minutes, "minute");
    }
    long m = minutes % 60;
    return plural(minutes / 60, "hour") + (m == 0 ? "" : " " + plural(m, "minute"));
  }

  /** Two ratios as a range of shares: {@code 63–66 %}, {@code 64 %} when they round alike. */
  static String range(double low, double high) {
    String a = percent(low);
    String b = percent(high);
    if (a.equals(b)) {
      return a;
    }
    return low < 0.005 ? a + " to " + b : a.replace(" %", "") + "–" + b;
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
