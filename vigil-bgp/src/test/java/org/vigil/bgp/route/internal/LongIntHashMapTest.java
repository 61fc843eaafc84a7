// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Random puts and removes (many colliding keys) against {@link HashMap}. */
class LongIntHashMapTest {
  @RepeatedTest(30)
  void behavesLikeAHashMap(RepetitionInfo info) {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    LongIntHashMap m = new LongIntHashMap(rnd.nextInt(1, 64));
    Map<Long, Integer> ref = new HashMap<>();
    long range = rnd.nextBoolean() ? 50 : 5000;
    for (int i = 0; i < 20_000; i++) {
      long k = rnd.nextLong(range) * (rnd.nextBoolean() ? 1 : 1L << 32); // clustered keys
      int v = rnd.nextInt();
      switch (rnd.nextInt(3)) {
        case 0 ->
            assertThat(m.put(k, v, -7))
                .isEqualTo(ref.containsKey(k) ? ref.put(k, v) : putNew(ref, k, v));
        case 1 -> assertThat(m.remove(k, -7)).isEqualTo(ref.containsKey(k) ? ref.remove(k) : -7);
        default -> {
          assertThat(m.get(k, -7)).isEqualTo(ref.getOrDefault(k, -7));
          assertThat(m.containsKey(k)).isEqualTo(ref.containsKey(k));
        }
      }
      assertThat(m.size()).isEqualTo(ref.size());
    }
    ref.forEach((k, v) -> assertThat(m.get(k, -7)).isEqualTo(v));
    m.clear();
    assertThat(m.size()).isZero();
    assertThat(m.containsKey(0)).isFalse();
  }

  private static int putNew(Map<Long, Integer> ref, long k, int v) {
    ref.put(k, v);
    return -7;
  }
}
