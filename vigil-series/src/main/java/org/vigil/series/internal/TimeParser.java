// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import org.vigil.series.TimeFormat;

/**
 * Reads the time column into epoch seconds. Not API.
 *
 * <p>One instance per import: it remembers the last text it parsed, because files sorted by time
 * repeat the same time on consecutive rows (one row per country or county per bin), and a compare
 * of a few characters is far cheaper than a parse. ISO text is parsed by hand for the same reason;
 * patterns go through {@link DateTimeFormatter}.
 */
public final class TimeParser {
  /** Returned for text that is not a time in the expected format. */
  public static final long INVALID = Long.MIN_VALUE;

  /** Above this magnitude an epoch number is milliseconds (see {@link TimeFormat}). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private static final int[] MONTH_DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private final TimeFormat format;
  private TimeFormat.Kind kind;
  private final DateTimeFormatter formatter;

  private char[] lastText = new char[32];
  private int lastLength = -1;
  private ZoneId lastZone;
  private long lastResult;
  private boolean lastAdjusted;
  private boolean lastMillis;

  private long dstAdjusted;
  private long millisRows;

  // Set by the parse of one value; fields rather than a returned object so a parse allocates
  // nothing beyond what java.time needs.
  private boolean adjusted;
  private boolean millis;

  public TimeParser(TimeFormat format) {
    this.format = format;
    this.kind = format.kind();
    this.formatter = kind == TimeFormat.Kind.PATTERN ? format.formatter() : null;
  }

  /** The format in use; {@code AUTO} until the first value decides. */
  public TimeFormat.Kind kind() {
    return kind;
  }

  /** Rows whose local time fell in a daylight-saving change (a skipped or repeated hour). */
  public long dstAdjusted() {
    return dstAdjusted;
  }

  /** Rows whose epoch number was read as milliseconds. */
  public long millisRows() {
    return millisRows;
  }

  /**
   * Epoch seconds (floored) of the time in {@code b[start, end)}, local times read in {@code zone};
   * {@link #INVALID} if the text is not a time in the expected format.
   */
  public long parse(char[] b, int start, int end, ZoneId zone) {
    int s = start;
    int e = end;
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    int n = e - s;
    if (n == lastLength && zone == lastZone && equalsLast(b, s, n)) {
      count(lastAdjusted, lastMillis);
      return lastResult;
    }
    if (n == 0) {
      return INVALID;
    }
    if (kind == TimeFormat.Kind.AUTO) {
      // Decided once, by the first value: a file does not mix epoch numbers with dates.
      kind = Decimals.isNumber(b, s, e) ? TimeFormat.Kind.EPOCH : TimeFormat.Kind.ISO;
    }
    adjusted = false;
    millis = false;
    long t =
        switch (kind) {
          case EPOCH -> epoch(b, s, e);
          case ISO -> iso(b, s, e, zone);
          default -> pattern(new String(b, s, n), zone);
        };
    if (t == INVALID) {
      return INVALID;
    }
    remember(b, s, n, zone, t);
    count(adjusted, millis);
    return t;
  }

  private void count(boolean adjusted, boolean millis) {
    if (adjusted) {
      dstAdjusted++;
    }
    if (millis) {
      millisRows++;
    }
  }

  private boolean equalsLast(char[] b, int s, int n) {
    char[] last = lastText;
    for (int i = 0; i < n; i++) {
      if (last[i] != b[s + i]) {
        return false;
      }
    }
    return true;
  }

  private void remember(char[] b, int s, int n, ZoneId zone, long result) {
    if (n > lastText.length) {
      lastText = new char[Math.max(n, lastText.length * 2)];
    }
    System.arraycopy(b, s, lastText, 0, n);
    lastLength = n;
    lastZone = zone;
    lastResult = result;
    lastAdjusted = adjusted;
    lastMillis = millis;
  }

  /** What a time should look like, for error messages. */
  public String expected() {
    return switch (kind) {
      case EPOCH -> "epoch seconds (or milliseconds) such as 1641378600";
      case ISO, AUTO ->
          "an ISO-8601 time such as 2022-01-05T10:30:00Z, 2022-01-05T10:30:00+02:00,"
              + " 2022-01-05 10:30:00 or 2022-01-05";
      case PATTERN -> "the pattern '" + format.pattern() + "'" + example();
    };
  }

  private String example() {
    try {
      return " (for example "
          + formatter.format(ZonedDateTime.of(2022, 1, 5, 10, 30, 0, 0, ZoneOffset.UTC))
          + ")";
    } catch (DateTimeException e) {
      return "";
    }
  }

  // ---- epoch

  private long epoch(char[] b, int s, int e) {
    int i = s;
    boolean negative = false;
    if (b[i] == '+' || b[i] == '-') {
      negative = b[i] == '-';
      i++;
    }
    long whole = 0;
    int digits = 0;
    while (i < e && Decimals.isDigit(b[i]) && digits < 18) {
      whole = whole * 10 + (b[i++] - '0');
      digits++;
    }
    boolean fraction = false;
    boolean fractionDigits = false;
    if (i < e && b[i] == '.') {
      i++;
      while (i < e && Decimals.isDigit(b[i])) {
        fractionDigits = true;
        fraction |= b[i++] != '0';
      }
    }
    long seconds;
    if (i == e && (digits > 0 || fractionDigits)) {
      long v = negative ? -whole : whole;
      if (negative && fraction) {
        v--; // floor, not truncate
      }
      seconds = v;
      if (Math.abs(v) > MILLIS_THRESHOLD) {
        millis = true;
        seconds = Math.floorDiv(v, 1000);
      }
    } else {
      // Exponents or very long numbers: rare, so a double is good enough (microsecond precision
      // at today's epoch seconds).
      double d = Decimals.parse(b, s, e);
      if (Double.isNaN(d) || Math.abs(d) > 9e18) {
        return INVALID;
      }
      if (Math.abs(d) > MILLIS_THRESHOLD) {
        millis = true;
        d = d / 1000;
      }
      seconds = (long) Math.floor(d);
    }
    return seconds;
  }

  // ---- ISO-8601

  private long iso(char[] b, int s, int e, ZoneId zone) {
    // yyyy-MM-dd
    if (e - s < 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      return INVALID;
    }
    int year = digits(b, s, 4);
    int month = digits(b, s + 5, 2);
    int day = digits(b, s + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
      return INVALID;
    }
    int i = s + 10;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (i < e && (b[i] == 'T' || b[i] == 't' || (b[i] == ' ' && i + 1 < e && isDigit(b, i + 1)))) {
      i++;
      if (e - i < 5 || b[i + 2] != ':') {
        return INVALID;
      }
      hour = digits(b, i, 2);
      minute = digits(b, i + 3, 2);
      i += 5;
      if (i < e && b[i] == ':') {
        if (e - i < 3) {
          return INVALID;
        }
        second = digits(b, i + 1, 2);
        i += 3;
        if (i < e && (b[i] == '.' || b[i] == ',')) {
          i++;
          int from = i;
          while (i < e && Decimals.isDigit(b[i])) {
            i++;
          }
          if (i == from) {
            return INVALID;
          }
        }
      }
      if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return INVALID;
      }
    }
    long local =
        LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L;
    local += second;
    if (i < e && b[i] == ' ') {
      i++; // "2022-01-05 10:30:00 UTC"
    }
    if (i == e) {
      return toUtc(local, year, month, day, hour, minute, second, zone);
    }
    int offset; // seconds east of UTC
    char c = b[i];
    if ((c == 'Z' || c == 'z') && i + 1 == e) {
      offset = 0;
    } else if (e - i == 3 && (upperIs(b, i, "UTC") || upperIs(b, i, "GMT"))) {
      offset = 0;
    } else if (c == '+' || c == '-') {
      i++;
      int oh = e - i >= 2 ? digits(b, i, 2) : -1;
      int om = 0;
      i += 2;
      if (i < e && b[i] == ':') {
        i++;
      }
      if (i < e) {
        om = e - i == 2 ? digits(b, i, 2) : -1;
        i += 2;
      }
      if (oh < 0 || oh > 18 || om < 0 || om > 59 || i != e) {
        return INVALID;
      }
      offset = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
    } else {
      return INVALID;
    }
    return local - offset;
  }

  private static boolean upperIs(char[] b, int i, String word) {
    for (int k = 0; k < word.length(); k++) {
      char c = b[i + k];
      if (c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      }
      if (c != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char[] b, int i) {
    return Decimals.isDigit(b[i]);
  }

  /** The {@code n}-digit number at {@code b[i]}, or -1 if any of them is not a digit. */
  private static int digits(char[] b, int i, int n) {
    int v = 0;
    for (int k = 0; k < n; k++) {
      char c = b[i + k];
      if (!Decimals.isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int monthLength(int year, int month) {
    return month == 2 && Year.isLeap(year) ? 29 : MONTH_DAYS[month - 1];
  }

  /**
   * A local time to epoch seconds in {@code zone}. In a daylight-saving gap or overlap the offset
   * before the change is used, which is what {@link ZonedDateTime#of} does for a gap (it moves the
   * time forward by the gap) and for an overlap (it keeps the earlier offset); such rows are
   * counted so the import can say how many there were.
   */
  private long toUtc(
      long localSeconds,
      int year,
      int month,
      int day,
      int hour,
      int minute,
      int second,
      ZoneId zone) {
    if (zone instanceof ZoneOffset o) {
      return localSeconds - o.getTotalSeconds();
    }
    ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      return localSeconds - rules.getOffset(Instant.EPOCH).getTotalSeconds();
    }
    LocalDateTime ldt = LocalDateTime.of(year, month, day, hour, minute, second);
    List<ZoneOffset> valid = rules.getValidOffsets(ldt);
    ZoneOffset offset;
    if (valid.size() == 1) {
      offset = valid.get(0);
    } else {
      ZoneOffsetTransition transition = rules.getTransition(ldt);
      offset = transition.getOffsetBefore();
      adjusted = true;
    }
    return localSeconds - offset.getTotalSeconds();
  }

  // ---- patterns

  private long pattern(String text, ZoneId zone) {
    TemporalAccessor t;
    try {
      t = formatter.parse(text);
    } catch (DateTimeParseException e) {
      return INVALID;
    }
    if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return t.getLong(ChronoField.INSTANT_SECONDS); // the pattern has an offset or zone
    }
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      return INVALID;
    }
    LocalTime time = t.query(TemporalQueries.localTime());
    if (time == null) {
      time = LocalTime.MIDNIGHT;
    }
    long local = date.toEpochDay() * 86_400L + time.toSecondOfDay();
    return toUtc(
        local,
        date.getYear(),
        date.getMonthValue(),
        date.getDayOfMonth(),
        time.getHour(),
        time.getMinute(),
        time.getSecond(),
        zone);
  }
}
