// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.probe.internal.Ipv4;

/** Target lists and entities for tests, all in the benchmarking range 198.18.0.0/15. */
final class TestTargets {
  private TestTargets() {}

  /** The first address of test block {@code k}: 198.18.0.0/24, 198.18.1.0/24, ... */
  static int block(int k) {
    return Ipv4.parseOrThrow("198.18.0.0") + (k << 8);
  }

  /** {@code blocks} blocks with hosts .1 to .{@code hosts}, each scored {@code score}. */
  static TargetList uniform(int blocks, int hosts, double score) {
    TargetList.Builder b = TargetList.builder();
    for (int k = 0; k < blocks; k++) {
      for (int h = 1; h <= hosts; h++) {
        b.add(block(k) | h, score);
      }
    }
    return b.build();
  }

  static Entity country(String cc) {
    return new Entity(EntityType.COUNTRY, cc, cc, cc);
  }

  static Entity asn(long n) {
    return new Entity(EntityType.ASN, Long.toString(n), "AS" + n, null);
  }

  static int ip(String dotted) {
    return Ipv4.parseOrThrow(dotted);
  }
}
