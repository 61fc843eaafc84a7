// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** PEP 440 ordering, as {@code packaging.version.Version} orders (PEP 440 examples). */
class Pep440VersionTest {
  static Pep440Version v(String s) {
    return Pep440Version.parse(s);
  }

  @Test
  void ordersAsPep440Says() {
    List<String> ascending =
        List.of(
            "0.2.1",
            "0.2.2",
            "0.2.3",
            "1.0.dev0",
            "1.0a0",
            "1.0a1",
            "1.0b2.post3.dev4",
            "1.0b2.post3",
            "1.0rc1",
            "1.0",
            "1.0+abc",
            "1.0+5",
            "1.0.post1.dev0",
            "1.0.post1",
            "3.17.0-alpha",
            "3.17.0",
            "3.17.2-beta.1",
            "3.17.2",
            "1!0.1");
    for (int i = 0; i + 1 < ascending.size(); i++) {
      assertThat(v(ascending.get(i)).compareTo(v(ascending.get(i + 1))))
          .as(ascending.get(i) + " < " + ascending.get(i + 1))
          .isNegative();
    }
  }

  @Test
  void equalVersionsCompareEqual() {
    assertThat(v("1.0")).isEqualTo(v("1.0.0")).hasSameHashCodeAs(v("1.0.0"));
    assertThat(v("v1.0-ALPHA")).isEqualTo(v("1.0a0"));
    assertThat(v("1.0-1")).isEqualTo(v("1.0.post1"));
    assertThat(v(" 0.2.4 ")).isEqualTo(v("0.2.4"));
  }

  @Test
  void refusesWhatIsNotAVersion() {
    for (String bad : List.of("", "bogus", "1.0-alpha-beta", "3.17.0-rc.1.x", "1..0", "x1.0")) {
      assertThatThrownBy(() -> v(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
