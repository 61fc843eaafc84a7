// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

/** Median helpers on primitive arrays. */
final class Medians {
  private Medians() {}

  /** Median of the first {@code n} values of an ascending array; NaN when {@code n == 0}. */
  static double ofSorted(double[] a, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    int mid = n >>> 1;
    if ((n & 1) == 1) {
      return a[mid];
    }
    return midpoint(a[mid - 1], a[mid]);
  }

  /**
   * The mean of {@code a <= b} without overflow (two huge values) or underflow (two subnormal
   * values halved to zero would turn a positive baseline into zero).
   */
  static double midpoint(double a, double b) {
    return (a < 0) == (b < 0) ? a + (b - a) * 0.5 : (a + b) * 0.5;
  }

  /**
   * Sorts the first {@code n} values in place and returns their median. Insertion sort: the
   * seasonal sample has at most about 3 × window / period values (20 for a week), where it beats
   * any general-purpose sort and allocates nothing.
   */
  static double ofSmall(double[] a, int n) {
    for (int i = 1; i < n; i++) {
      double x = a[i];
      int j = i - 1;
      while (j >= 0 && a[j] > x) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
    return ofSorted(a, n);
  }
}
