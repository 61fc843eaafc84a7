// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {
  static double parse(String s) {
    char[] c = ("<<" + s + ">>").toCharArray();
    return Decimals.parse(c, 2, c.length - 2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "1",
        "-1",
        "+1",
        "1.5",
        ".5",
        "5.",
        "-.5",
        "0.1",
        "0.3",
        "123456789012345678",
        "1234567890123456789012",
        "1e10",
        "1E-10",
        "2.5e+3",
        "1.7976931348623157E308",
        "4.9E-324",
        "1e400",
        "1e-400",
        "0.000000000000000000000000001",
        " 42 ",
        "00012.50",
        "9007199254740993",
        "3.14159265358979323846264338327950288"
      })
  void agreesWithDoubleParseDouble(String text) {
    assertThat(Double.doubleToRawLongBits(parse(text)))
        .as(text)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "abc",
        "1,5",
        "1.2.3",
        "1e",
        "1e+",
        "e5",
        ".",
        "-",
        "+-1",
        "--1",
        "1d",
        "1f",
        "0x10",
        "Infinity",
        "NaN",
        "1 2",
        "1_000",
        "١٢"
      })
  void rejectsWhatIsNotADecimalNumber(String text) {
    assertThat(parse(text)).as(text).isNaN();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "NA", "na", "NaN", "nan", "NAN", "null", "NULL", " Null "})
  void recognisesGapWords(String text) {
    char[] c = text.toCharArray();
    assertThat(Decimals.isGap(c, 0, c.length)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "N", "NAA", "none", "nil", "-", "N/A"})
  void otherWordsAreNotGaps(String text) {
    char[] c = text.toCharArray();
    assertThat(Decimals.isGap(c, 0, c.length)).isFalse();
  }

  @Test
  void randomDecimalsAgreeWithDoubleParseDouble() {
    SplittableRandom rnd = new SplittableRandom(20220105);
    for (int i = 0; i < 200_000; i++) {
      String s = randomDecimal(rnd);
      assertThat(Double.doubleToRawLongBits(parse(s)))
          .as(s)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }
  }

  @Test
  void randomDoublesRoundTripThroughToString() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double d = Double.longBitsToDouble(rnd.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      assertThat(parse(Double.toString(d))).isEqualTo(d);
    }
  }

  private static String randomDecimal(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    switch (rnd.nextInt(3)) {
      case 0 -> sb.append('-');
      case 1 -> sb.append('+');
      default -> {}
    }
    int whole = rnd.nextInt(25);
    for (int k = 0; k < whole; k++) {
      sb.append((char) ('0' + rnd.nextInt(10)));
    }
    int fraction = whole == 0 ? 1 + rnd.nextInt(25) : rnd.nextInt(25);
    if (fraction > 0 || rnd.nextBoolean()) {
      sb.append('.');
      for (int k = 0; k < fraction; k++) {
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
    }
    if (rnd.nextInt(3) == 0) {
      sb.append(rnd.nextBoolean() ? 'e' : 'E');
      if (rnd.nextBoolean()) {
        sb.append(rnd.nextBoolean() ? '-' : '+');
      }
      sb.append(rnd.nextInt(330));
    }
    return sb.toString();
  }
}
