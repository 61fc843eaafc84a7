// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

/**
 * Decimal numbers read straight from a character buffer. Not API.
 *
 * <p>Why not {@link Double#parseDouble}: it needs a {@code String} per field (garbage on every row
 * of a file with tens of millions of rows), and it accepts things a data file should not contain
 * ({@code 1d}, {@code 0x1p3}, {@code Infinity}, surrounding control characters). This parser
 * accepts exactly {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} and gives the
 * same correctly rounded result as {@code Double.parseDouble}: on the fast path the significand is
 * an exact integer below 2<sup>53</sup> and the power of ten is exact (at most 10<sup>22</sup>), so
 * one IEEE multiplication or division rounds correctly; anything else goes to {@code
 * Double.parseDouble} after the syntax check.
 */
public final class Decimals {
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Decimals() {}

  /**
   * The number in {@code b[start, end)} (spaces around it ignored), or {@code NaN} if the text is
   * not a decimal number. Callers treat gap words ({@code NA}, {@code NaN}, ...) before calling.
   */
  public static double parse(char[] b, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    int i = s;
    if (i == e) {
      return Double.NaN;
    }
    boolean negative = false;
    if (b[i] == '+' || b[i] == '-') {
      negative = b[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0; // significant digits held in m
    int exp10 = 0;
    boolean any = false;
    boolean lossy = false; // digits beyond what m can hold were dropped
    while (i < e && isDigit(b[i])) {
      int d = b[i++] - '0';
      any = true;
      if (m == 0 && d == 0) {
        continue;
      }
      if (digits < 18) {
        m = m * 10 + d;
        digits++;
      } else {
        exp10++;
        lossy |= d != 0;
      }
    }
    if (i < e && b[i] == '.') {
      i++;
      while (i < e && isDigit(b[i])) {
        int d = b[i++] - '0';
        any = true;
        if (m == 0 && d == 0) {
          exp10--;
          continue;
        }
        if (digits < 18) {
          m = m * 10 + d;
          digits++;
          exp10--;
        } else {
          lossy |= d != 0;
        }
      }
    }
    if (!any) {
      return Double.NaN;
    }
    if (i < e && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < e && (b[i] == '+' || b[i] == '-')) {
        expNegative = b[i] == '-';
        i++;
      }
      if (i == e || !isDigit(b[i])) {
        return Double.NaN;
      }
      int x = 0;
      while (i < e && isDigit(b[i])) {
        // Clamp: anything this large over- or underflows anyway, and the slow path decides which.
        x = Math.min(x * 10 + (b[i++] - '0'), 100_000);
      }
      exp10 += expNegative ? -x : x;
    }
    if (i != e) {
      return Double.NaN;
    }
    if (m == 0) {
      return negative ? -0.0 : 0.0;
    }
    if (!lossy && m < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
      double v = exp10 >= 0 ? m * POW10[exp10] : m / POW10[-exp10];
      return negative ? -v : v;
    }
    return Double.parseDouble(new String(b, s, e - s));
  }

  /** True for {@code [+-]? digits [. digits] [e...]} text that looks like a number. */
  public static boolean isNumber(char[] b, int start, int end) {
    return !Double.isNaN(parse(b, start, end));
  }

  /**
   * True for the words that mean "no value": empty, {@code NA}, {@code NaN}, {@code null} (any
   * case, spaces around ignored).
   */
  public static boolean isGap(char[] b, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    int n = e - s;
    if (n == 0) {
      return true;
    }
    if (n == 2) {
      return lower(b[s]) == 'n' && lower(b[s + 1]) == 'a';
    }
    if (n == 3) {
      return lower(b[s]) == 'n' && lower(b[s + 1]) == 'a' && lower(b[s + 2]) == 'n';
    }
    if (n == 4) {
      return lower(b[s]) == 'n'
          && lower(b[s + 1]) == 'u'
          && lower(b[s + 2]) == 'l'
          && lower(b[s + 3]) == 'l';
    }
    return false;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
