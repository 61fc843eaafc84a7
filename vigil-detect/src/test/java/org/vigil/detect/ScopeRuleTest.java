// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.detect.ScopeRule.NATIONWIDE;
import static org.vigil.detect.ScopeRule.REGIONAL;
import static org.vigil.detect.ScopeRule.countryScope;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeRuleTest {
  static long[] iv(long start, long end) {
    return new long[] {start, end};
  }

  @Test
  void moreThanHalfOfTheRegionsAtOnceIsNationwide() {
    List<long[]> three = List.of(iv(0, 100), iv(10, 90), iv(50, 60));
    assertThat(countryScope(three, 5, 0, 100)).isEqualTo(NATIONWIDE);
    assertThat(countryScope(three, 6, 0, 100)).isEqualTo(REGIONAL); // exactly half is not more
  }

  @Test
  void regionsCutOneAfterAnotherAreRegional() {
    // Four of five regions are hit, but never more than two at the same moment.
    List<long[]> wave = List.of(iv(0, 10), iv(5, 20), iv(20, 30), iv(25, 40));
    assertThat(countryScope(wave, 5, 0, 40)).isEqualTo(REGIONAL);
  }

  @Test
  void touchingIntervalsDoNotOverlap() {
    List<long[]> touching = List.of(iv(0, 10), iv(10, 20), iv(10, 20));
    assertThat(countryScope(touching, 4, 0, 20)).isEqualTo(REGIONAL);
    assertThat(countryScope(touching, 3, 0, 20)).isEqualTo(NATIONWIDE);
  }

  @Test
  void onlyTheCountryEventsSpanCounts() {
    List<long[]> three = List.of(iv(0, 100), iv(10, 90), iv(50, 60));
    assertThat(countryScope(three, 5, 60, 100)).isEqualTo(REGIONAL);
    assertThat(countryScope(three, 5, 59, 100)).isEqualTo(NATIONWIDE);
  }

  @Test
  void ongoingEventsUseMaxValue() {
    List<long[]> ongoing = List.of(iv(0, Long.MAX_VALUE), iv(500, Long.MAX_VALUE));
    assertThat(countryScope(ongoing, 3, 1000, Long.MAX_VALUE)).isEqualTo(NATIONWIDE);
    assertThat(countryScope(ongoing, 3, 0, 400)).isEqualTo(REGIONAL);
  }

  @Test
  void noRegionalDataIsNoEvidenceOfANationwideCut() {
    assertThat(countryScope(List.of(), 0, 0, 100)).isEqualTo(REGIONAL);
    assertThat(countryScope(List.of(), 10, 0, 100)).isEqualTo(REGIONAL);
    assertThatThrownBy(() -> countryScope(List.of(), -1, 0, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> countryScope(List.of(new long[] {1}), 2, 0, 100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
