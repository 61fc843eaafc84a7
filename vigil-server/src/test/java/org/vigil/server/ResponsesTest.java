// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponsesTest {
  static final String TAG = "W/\"abc\"";

  // https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2 (If-None-Match: weak comparison)
  @Test
  void ifNoneMatchComparesWeaklyAndAcceptsListsAndStar() {
    assertThat(Responses.matches(null, TAG)).isFalse();
    assertThat(Responses.matches("W/\"abc\"", TAG)).isTrue();
    assertThat(Responses.matches("\"abc\"", TAG)).isTrue();
    assertThat(Responses.matches("\"x\", W/\"abc\"", TAG)).isTrue();
    assertThat(Responses.matches("*", TAG)).isTrue();
    assertThat(Responses.matches("\"abcd\"", TAG)).isFalse();
  }
}
