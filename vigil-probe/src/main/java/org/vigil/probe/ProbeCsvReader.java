// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Consumer;
import org.vigil.probe.internal.Ipv4;

/**
 * Reads probe results made elsewhere as CSV, {@code time,address,responded[,rtt_ms]}:
 *
 * <pre>
 * time,address,responded,rtt_ms
 * 1641378600,198.18.1.7,1,23.5
 * 2022-01-05T10:30:02Z,198.18.1.9,0,
 * </pre>
 *
 * {@code time} is epoch seconds (decimals allowed) or an ISO-8601 instant (a date-time without zone
 * is UTC); {@code responded} is {@code 1}/{@code 0}, {@code true}/{@code false} or {@code
 * yes}/{@code no}; {@code rtt_ms} may be empty. A header line, blank lines and {@code #} comments
 * are skipped; a malformed line is reported with its line number, skipped and counted.
 */
public final class ProbeCsvReader {
  private ProbeCsvReader() {}

  /**
   * Counts for one read.
   *
   * @param lines lines read
   * @param replies results passed on
   * @param problems malformed lines, skipped
   */
  public record Stats(long lines, long replies, long problems) {}

  /** Reads CSV text; {@code source} names it in problems. */
  public static Stats read(
      Reader text, String source, Consumer<ProbeReply> replies, Consumer<Problem> problems)
      throws IOException {
    BufferedReader r = text instanceof BufferedReader b ? b : new BufferedReader(text, 1 << 16);
    long lineNo = 0;
    long ok = 0;
    long bad = 0;
    boolean seenData = false;
    String line;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.charAt(0) == '#') {
        continue;
      }
      if (!seenData && t.regionMatches(true, 0, "time", 0, 4)) {
        seenData = true;
        continue;
      }
      seenData = true;
      try {
        replies.accept(parse(t));
        ok++;
      } catch (IllegalArgumentException e) {
        bad++;
        problems.accept(new Problem(source, lineNo, e.getMessage()));
      }
    }
    return new Stats(lineNo, ok, bad);
  }

  static ProbeReply parse(String line) {
    String[] c = line.split(",", -1);
    if (c.length < 3 || c.length > 4) {
      throw new IllegalArgumentException(
          "expected time,address,responded[,rtt_ms], got " + c.length + " columns");
    }
    long micros = parseTime(c[0].strip());
    long address = Ipv4.parse(c[1].strip());
    if (address < 0) {
      throw new IllegalArgumentException("not an IPv4 address: '" + c[1].strip() + "'");
    }
    boolean responded =
        switch (c[2].strip().toLowerCase(Locale.ROOT)) {
          case "1", "true", "yes" -> true;
          case "0", "false", "no" -> false;
          default ->
              throw new IllegalArgumentException(
                  "responded must be 1 or 0 (true/false), got '" + c[2].strip() + "'");
        };
    double rtt = Double.NaN;
    if (c.length == 4 && !c[3].isBlank()) {
      try {
        rtt = Double.parseDouble(c[3].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("rtt_ms is not a number: '" + c[3].strip() + "'");
      }
      if (!(rtt >= 0)) {
        throw new IllegalArgumentException("rtt_ms must be a non-negative number");
      }
    }
    return new ProbeReply(micros, (int) address, responded, responded ? rtt : Double.NaN);
  }

  /** Epoch seconds (with decimals) or an ISO-8601 instant, as epoch microseconds. */
  static long parseTime(String t) {
    if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') && isNumber(t)) {
      try {
        return new BigDecimal(t)
            .movePointRight(6)
            .setScale(0, java.math.RoundingMode.HALF_UP)
            .longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("time out of range: '" + t + "'");
      }
    }
    Instant i;
    try {
      i = Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        i = LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "time must be epoch seconds or an ISO-8601 instant, got '" + t + "'");
      }
    }
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  private static boolean isNumber(String t) {
    int dots = 0;
    for (int i = t.charAt(0) == '-' ? 1 : 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch == '.') {
        dots++;
      } else if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return dots <= 1 && t.length() > (t.charAt(0) == '-' ? 1 : 0);
  }
}
