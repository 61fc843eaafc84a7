// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one-line JSON form of a verdict, as {@code vigil ooni verdict} prints it:
 *
 * <pre>{@code
 * {"report_id":"20220815T190043Z_webconnectivity_IR_197207_n1_cCbffjGasS4tFgb2",
 *  "test_name":"web_connectivity","probe_cc":"IR","probe_asn":197207,
 *  "measurement_start_time":"2022-08-15T19:01:30Z","input":"https://www.facebook.com/",
 *  "platform":"www.facebook.com","anomaly":true,"confirmed":true,"failure":false,
 *  "blocking_type":"dns"}
 * }</pre>
 *
 * <p>(on one line). The first key is {@code measurement_uid} when the measurement has one (as those
 * of OONI's archive and API do), else {@code report_id}. {@code probe_asn} is a number; {@code
 * measurement_start_time} is ISO-8601 UTC; absent values are {@code null}. A measurement of a test
 * not scored has {@code null} flags and platform.
 */
public final class VerdictLine {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private VerdictLine() {}

  /** The line for {@code v}, without a line terminator. */
  public static String of(Verdict v) {
    StringBuilder sb = new StringBuilder(256);
    append(v, sb);
    return sb.toString();
  }

  /** Appends the line for {@code v}, without a line terminator. */
  public static void append(Verdict v, StringBuilder sb) {
    boolean scored = v.scored();
    if (v.measurementUid() != null) {
      sb.append("{\"measurement_uid\":");
      string(v.measurementUid(), sb);
    } else {
      sb.append("{\"report_id\":");
      string(v.reportId(), sb);
    }
    sb.append(",\"test_name\":");
    string(v.testName(), sb);
    sb.append(",\"probe_cc\":");
    string(v.probeCc(), sb);
    sb.append(",\"probe_asn\":");
    if (v.probeAsn() < 0) {
      sb.append("null");
    } else {
      sb.append(v.probeAsn());
    }
    sb.append(",\"measurement_start_time\":");
    Instant t = v.measurementStartTime();
    if (t == null) {
      sb.append("null");
    } else {
      iso(t, sb);
    }
    sb.append(",\"input\":");
    string(v.input(), sb);
    sb.append(",\"platform\":");
    string(v.platform(), sb);
    sb.append(",\"anomaly\":").append(scored ? String.valueOf(v.anomaly()) : "null");
    sb.append(",\"confirmed\":").append(scored ? String.valueOf(v.confirmed()) : "null");
    sb.append(",\"failure\":").append(scored ? String.valueOf(v.failure()) : "null");
    sb.append(",\"blocking_type\":");
    string(v.blockingType(), sb);
    sb.append('}');
  }

  /**
   * {@code "uuuu-MM-dd'T'HH:mm:ss'Z'"} in UTC, quoted, as {@link DateTimeFormatter} writes it
   * (years beyond 9999 with a sign), but without its machinery: it is on the hot path.
   */
  static void iso(Instant t, StringBuilder sb) {
    long seconds = t.getEpochSecond();
    long day = Math.floorDiv(seconds, 86_400);
    int second = Math.floorMod(seconds, 86_400);
    if (day < -719_528 || day > 2_932_896) { // outside years 0000..9999
      sb.append('"').append(ISO.format(t)).append('"');
      return;
    }
    LocalDate date = LocalDate.ofEpochDay(day);
    sb.append('"');
    digits(date.getYear(), 4, sb);
    sb.append('-');
    digits(date.getMonthValue(), 2, sb);
    sb.append('-');
    digits(date.getDayOfMonth(), 2, sb);
    sb.append('T');
    digits(second / 3600, 2, sb);
    sb.append(':');
    digits(second / 60 % 60, 2, sb);
    sb.append(':');
    digits(second % 60, 2, sb);
    sb.append("Z\"");
  }

  private static void digits(int value, int width, StringBuilder sb) {
    for (int d = width == 4 ? 1000 : 10; d > 0; d /= 10) {
      sb.append((char) ('0' + value / d % 10));
    }
  }

  /** A JSON string (or {@code null}); lone surrogates are escaped so no character is lost. */
  static void string(String s, StringBuilder sb) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          boolean lone =
              Character.isSurrogate(c)
                  && !(Character.isHighSurrogate(c)
                      && i + 1 < n
                      && Character.isLowSurrogate(s.charAt(i + 1)));
          if (c < 0x20 || lone) {
            sb.append(String.format("\\u%04x", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            sb.append(c).append(s.charAt(++i));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
