// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetListOrderTest {
  private static int ip(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }

  @Test
  void blocksOnBothSidesOf128AreFoundWhateverTheOrderTheyWereAddedIn() {
    // Kazakhtelecom's 2.132.0.0/14 and 145.255.160.0/19: the second is a negative int.
    TargetList.Builder b = TargetList.builder();
    for (int host = 1; host <= 20; host++) {
      b.add(ip(145, 255, 184, host), 0.5);
      b.add(ip(2, 132, 7, host), 0.5);
      b.add(ip(212, 19, 130, host), 0.5);
    }
    TargetList t = b.build();
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.network(0)).isEqualTo(ip(2, 132, 7, 0));
    assertThat(t.network(1)).isEqualTo(ip(145, 255, 184, 0));
    assertThat(t.network(2)).isEqualTo(ip(212, 19, 130, 0));
    for (int[] a : new int[][] {{2, 132, 7}, {145, 255, 184}, {212, 19, 130}}) {
      assertThat(t.contains(ip(a[0], a[1], a[2], 7))).as("%s", a[0]).isTrue();
      assertThat(t.indexOf(ip(a[0], a[1], a[2], 7))).isNotNegative();
    }
    assertThat(t.contains(ip(145, 255, 184, 21))).isFalse();
  }
}
