// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Results of Python 3.11 {@code base64.b64decode(s)} (non-validating), checked by hand. */
class PyBase64Test {
  static String decode(String s) {
    return new String(PyBase64.decode(s), StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "YWJj|abc",
        "YQ==|a",
        "YWI=|ab",
        "YQ==YWJj|a", // the padding ends the data
        "Y!Q=*=|a", // characters outside the alphabet are skipped
        "YWJj=|abc", // padding at a quad boundary is ignored
        "YW=Jj|abc", // a lone '=' after two characters is not yet padding
      })
  void decodesAsPythonDoes(String in, String out) {
    assertThat(decode(in)).isEqualTo(out);
  }

  @Test
  void whitespaceIsSkippedAndNothingIsNothing() {
    assertThat(decode("YW Jj\r\n")).isEqualTo("abc");
    assertThat(decode("")).isEmpty();
    assertThat(decode("====")).isEmpty();
  }

  @Test
  void incompleteLastQuadIsAnError() {
    assertThatThrownBy(() -> PyBase64.decode("YWJ"))
        .isInstanceOf(BinasciiError.class)
        .hasMessage("Incorrect padding");
    assertThatThrownBy(() -> PyBase64.decode("YQ")).isInstanceOf(BinasciiError.class);
    assertThatThrownBy(() -> PyBase64.decode("YWJjY"))
        .isInstanceOf(BinasciiError.class)
        .hasMessageContaining("1 more than a multiple of 4");
    assertThatThrownBy(() -> PyBase64.decode("YQ=")).isInstanceOf(BinasciiError.class);
  }

  @Test
  void nonAsciiIsNotABinasciiError() {
    assertThatThrownBy(() -> PyBase64.decode("YWJj\u00e9"))
        .isInstanceOf(FastpathError.class)
        .isNotInstanceOf(BinasciiError.class);
  }

  @Test
  void agreesWithJavaOnWellFormedInput() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 500; i++) {
      byte[] b = new byte[rnd.nextInt(100)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) rnd.nextInt(256);
      }
      assertThat(PyBase64.decode(Base64.getEncoder().encodeToString(b))).isEqualTo(b);
      assertThat(PyBase64.decode(Base64.getMimeEncoder().encodeToString(b))).isEqualTo(b);
    }
  }
}
