// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.vigil.core.Entity;
import org.vigil.core.Times;

/** JSON building blocks shared by the controllers. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Integral values up to this print without a fraction ({@code 1234}, not {@code 1234.0}). */
  private static final double EXACT_LONG = 1L << 53;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** A measured value: {@code null} for a gap (NaN), a whole number when it is one. */
  static void addValue(ArrayNode a, double v) {
    if (!Double.isFinite(v)) {
      a.addNull();
    } else if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
      a.add((long) v);
    } else {
      a.add(v);
    }
  }

  /** As {@link #addValue}, for a field. */
  static void putValue(ObjectNode o, String field, double v) {
    if (!Double.isFinite(v)) {
      o.putNull(field);
    } else if (v == Math.rint(v) && Math.abs(v) < EXACT_LONG) {
      o.put(field, (long) v);
    } else {
      o.put(field, v);
    }
  }

  /**
   * Six significant digits and at most four decimals: enough for a score or a ratio, and stable in
   * golden files. The same rounding as {@code vigil events --format json}.
   */
  static double round(double v) {
    if (!Double.isFinite(v)) {
      return v;
    }
    return new BigDecimal(v)
        .round(new MathContext(6))
        .setScale(4, RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  /** ISO-8601 UTC with seconds: {@code 2022-01-05T10:30:00Z}, as every output prints times. */
  static String iso(long epochSecond) {
    return Times.iso(epochSecond);
  }

  /** {@code {type, code, name}}: how IODA shapes name an entity. */
  static ObjectNode entityRef(Entity e) {
    ObjectNode o = object();
    o.put("type", e.type().key());
    o.put("code", e.code());
    o.put("name", e.name());
    return o;
  }
}
