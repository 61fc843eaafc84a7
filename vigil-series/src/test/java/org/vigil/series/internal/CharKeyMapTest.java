// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CharKeyMapTest {
  @Test
  void agreesWithAHashMapThroughManyResizes() {
    SplittableRandom rnd = new SplittableRandom(3);
    CharKeyMap<Integer> map = new CharKeyMap<>();
    Map<String, Integer> reference = new HashMap<>();
    char[] buffer = new char[64];
    for (int i = 0; i < 20_000; i++) {
      // short keys over a small alphabet: many collisions and repeats
      int n = rnd.nextInt(6);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < n; k++) {
        sb.append((char) ('a' + rnd.nextInt(4)));
      }
      String key = sb.toString();
      key.getChars(0, n, buffer, 0);
      buffer[n] = 'z'; // junk after the key must not matter
      assertThat(map.get(buffer, n)).as(key).isEqualTo(reference.get(key));
      if (rnd.nextBoolean()) {
        map.put(buffer, n, i);
        reference.put(key, i);
      }
    }
    assertThat(reference).hasSizeGreaterThan(1000);
    for (Map.Entry<String, Integer> e : reference.entrySet()) {
      char[] k = e.getKey().toCharArray();
      assertThat(map.get(k, k.length)).isEqualTo(e.getValue());
    }
  }
}
