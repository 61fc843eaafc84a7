// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The pieces of Python semantics that OONI's fastpath applies to measurement values, over Jackson
 * trees. A {@code null} node stands for a missing key (Python's {@code dict.get} returning {@code
 * None}), like JSON {@code null}.
 */
public final class Py {
  private Py() {}

  /** {@code v is None}: the key is missing or the value is JSON null. */
  public static boolean isNone(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode();
  }

  /** Python's {@code bool(v)}: false for None, false, 0, 0.0, "" and empty lists and dicts. */
  public static boolean truthy(JsonNode v) {
    if (isNone(v)) {
      return false;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isNumber()) {
      return v.isIntegralNumber() ? v.bigIntegerValue().signum() != 0 : v.doubleValue() != 0.0;
    }
    if (v.isTextual()) {
      return !v.textValue().isEmpty();
    }
    if (v.isContainerNode()) {
      return v.size() > 0;
    }
    return true;
  }

  /** {@code v is True}: the JSON literal {@code true} and nothing else. */
  public static boolean isTrue(JsonNode v) {
    return v != null && v.isBoolean() && v.booleanValue();
  }

  /** {@code v is False}: the JSON literal {@code false} and nothing else. */
  public static boolean isFalse(JsonNode v) {
    return v != null && v.isBoolean() && !v.booleanValue();
  }

  /** {@code v == False}: {@code false} or a number equal to zero ({@code 0 == False} in Python). */
  public static boolean equalsFalse(JsonNode v) {
    return isFalse(v) || (v != null && v.isNumber() && numericValue(v) == 0.0);
  }

  /**
   * {@code v in (True, False, None)}: booleans, None, and the numbers equal to 1 or 0 (Python's
   * tuple membership compares with {@code ==}, and {@code 1 == True}).
   */
  public static boolean inTrueFalseNone(JsonNode v) {
    if (isNone(v) || v.isBoolean()) {
      return true;
    }
    if (v.isNumber()) {
      double d = numericValue(v);
      return d == 0.0 || d == 1.0;
    }
    return false;
  }

  /** {@code v == s} for a Python string {@code s}: only an equal JSON string. */
  public static boolean textEquals(JsonNode v, String s) {
    return v != null && v.isTextual() && v.textValue().equals(s);
  }

  private static double numericValue(JsonNode v) {
    if (v.isIntegralNumber() && !v.canConvertToLong()) {
      return v.bigIntegerValue().signum() == 0 ? 0.0 : Double.NaN; // neither 0 nor 1
    }
    return v.doubleValue();
  }

  /**
   * Python's {@code float(v)}.
   *
   * @throws FastpathError when Python raises ({@code None}, lists, dicts, unparsable strings)
   */
  public static double toFloat(JsonNode v) {
    if (isNone(v)) {
      throw new FastpathError("float() argument must be a string or a number, not 'NoneType'");
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? 1.0 : 0.0;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      return parseFloat(v.textValue());
    }
    throw new FastpathError("float() argument must be a string or a number");
  }

  /**
   * Python's {@code float(str)}: surrounding whitespace, a sign, digits with single underscores
   * between them, an optional fraction and exponent, or {@code inf}, {@code infinity}, {@code nan}
   * in any case; any Unicode decimal digit counts as a digit.
   *
   * @throws FastpathError if Python raises {@code ValueError}
   */
  public static double parseFloat(String text) {
    String s = strip(text);
    int i = 0;
    int n = s.length();
    boolean negative = false;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    String word = s.substring(i);
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (word.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    StringBuilder ascii = new StringBuilder(n + 1).append(negative ? '-' : '+');
    int mantissaDigits = 0;
    i = digits(s, i, ascii);
    mantissaDigits += ascii.length() - 1;
    if (i < n && s.charAt(i) == '.') {
      ascii.append('.');
      int before = ascii.length();
      i = digits(s, i + 1, ascii);
      mantissaDigits += ascii.length() - before;
    }
    if (mantissaDigits == 0) {
      throw new FastpathError("could not convert string to float: '" + text + "'");
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      ascii.append('e');
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        ascii.append(s.charAt(i));
        i++;
      }
      int before = ascii.length();
      i = digits(s, i, ascii);
      if (ascii.length() == before) {
        throw new FastpathError("could not convert string to float: '" + text + "'");
      }
    }
    if (i != n) {
      throw new FastpathError("could not convert string to float: '" + text + "'");
    }
    return Double.parseDouble(ascii.toString());
  }

  /** Appends the digits at {@code s[i..]} (underscores allowed between digits); returns the end. */
  private static int digits(String s, int i, StringBuilder out) {
    int n = s.length();
    boolean lastDigit = false;
    while (i < n) {
      char c = s.charAt(i);
      int d = Character.digit(c, 10);
      if (d >= 0 && Character.isDigit(c)) {
        out.append((char) ('0' + d));
        lastDigit = true;
        i++;
      } else if (c == '_' && lastDigit && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        lastDigit = false;
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  /** Python's {@code str.strip()}: removes Unicode whitespace at both ends. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /**
   * Python's {@code datetime.strptime(s, "%Y-%m-%d %H:%M:%S")}, the form of OONI's {@code
   * measurement_start_time} (UTC). Like Python it accepts one-digit fields ({@code 2022-1-4
   * 1:2:3}), a day written as space and digit, and any run of whitespace between date and time.
   *
   * @return the time, or {@code null} where Python raises {@code ValueError}
   */
  public static LocalDateTime strptime(String s) {
    int[] pos = {0};
    int year = fixedDigits(s, pos, 4);
    if (year < 1 || !literal(s, pos, '-')) { // datetime.MINYEAR is 1
      return null;
    }
    int month = field(s, pos, 12, false);
    if (month < 1 || !literal(s, pos, '-')) {
      return null;
    }
    int day = field(s, pos, 31, true);
    if (day < 1) {
      return null;
    }
    int spaces = pos[0];
    while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
      pos[0]++;
    }
    if (pos[0] == spaces) {
      return null;
    }
    int hour = field(s, pos, 23, false);
    if (hour < 0 || !literal(s, pos, ':')) {
      return null;
    }
    int minute = field(s, pos, 59, false);
    if (minute < 0 || !literal(s, pos, ':')) {
      return null;
    }
    int second = field(s, pos, 61, false);
    if (second < 0 || pos[0] != s.length()) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second);
    } catch (DateTimeException e) {
      return null; // year 0, 31 April, second 60 or 61: datetime() refuses them
    }
  }

  private static boolean literal(String s, int[] pos, char c) {
    if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
      pos[0]++;
      return true;
    }
    return false;
  }

  private static int digitAt(String s, int i) {
    if (i >= s.length() || !Character.isDigit(s.charAt(i))) {
      return -1;
    }
    return Character.digit(s.charAt(i), 10);
  }

  private static int fixedDigits(String s, int[] pos, int count) {
    int v = 0;
    for (int k = 0; k < count; k++) {
      int d = digitAt(s, pos[0] + k);
      if (d < 0) {
        return -1;
      }
      v = v * 10 + d;
    }
    pos[0] += count;
    return v;
  }

  /**
   * One {@code strptime} numeric field of one or two digits (two preferred when they form a value
   * within {@code max}, as Python's regular expression alternatives do), or for the day a space
   * followed by one digit. Values out of range or a leading zero on its own fail.
   */
  private static int field(String s, int[] pos, int max, boolean spaceDigit) {
    int i = pos[0];
    if (spaceDigit && i < s.length() && s.charAt(i) == ' ') {
      int d = digitAt(s, i + 1);
      if (d >= 1) {
        pos[0] = i + 2;
        return d;
      }
      return -1;
    }
    int d1 = digitAt(s, i);
    if (d1 < 0) {
      return -1;
    }
    int d2 = digitAt(s, i + 1);
    if (d2 >= 0 && d1 * 10 + d2 <= max) {
      int v = d1 * 10 + d2;
      // "00" is a valid hour, minute or second but not a month or day.
      if (v == 0 && (max == 12 || max == 31)) {
        return -1;
      }
      pos[0] = i + 2;
      return v;
    }
    if (d1 == 0 && (max == 12 || max == 31)) {
      return -1;
    }
    pos[0] = i + 1;
    return d1;
  }
}
