// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.util.List;

/**
 * One AS_PATH segment (RFC 4271 §4.3; confederation types from RFC 5065 §3).
 *
 * @param type {@link #AS_SET}, {@link #AS_SEQUENCE}, {@link #AS_CONFED_SEQUENCE} or {@link
 *     #AS_CONFED_SET}
 * @param asns the AS numbers, unsigned 32-bit values
 */
public record AsPathSegment(int type, List<Long> asns) {
  public static final int AS_SET = 1;
  public static final int AS_SEQUENCE = 2;
  public static final int AS_CONFED_SEQUENCE = 3;
  public static final int AS_CONFED_SET = 4;

  public AsPathSegment {
    if (type < AS_SET || type > AS_CONFED_SET) {
      throw new IllegalArgumentException("segment type " + type);
    }
    asns = List.copyOf(asns);
  }

  public boolean isSet() {
    return type == AS_SET || type == AS_CONFED_SET;
  }

  public boolean isConfederation() {
    return type == AS_CONFED_SEQUENCE || type == AS_CONFED_SET;
  }

  /** RFC 4271 §9.1.2.2 path length: a sequence counts its members, a set one, confederations 0. */
  public int pathLength() {
    return isConfederation() ? 0 : isSet() ? 1 : asns.size();
  }
}
