// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.core.EntityType;

/**
 * The parameters of one request, parsed strictly: anything malformed is an {@link ApiException}
 * that names the parameter, never a 500.
 */
final class Params {
  /** IODA's limit on {@code /signals/raw}: the range must be shorter than 100 days. */
  static final long MAX_SIGNAL_RANGE_SECONDS = 100L * 86_400;

  private final Context ctx;

  Params(Context ctx) {
    this.ctx = ctx;
  }

  /** The query parameter, {@code null} when absent or empty. */
  String string(String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  String path(String name) {
    return ctx.pathParam(name);
  }

  /** A required time in unix seconds (IODA's {@code from}, {@code until}). */
  long unixSeconds(String name) {
    String v = string(name);
    if (v == null) {
      throw ApiException.badParameter(
          name, "required: a time in unix seconds, for example " + name + "=1641340800");
    }
    if (!v.matches("\\d{1,12}")) {
      throw ApiException.badParameter(
          name, "expected a time in unix seconds (a whole number), got '" + v + "'");
    }
    return Long.parseLong(v);
  }

  /** {@code from} and {@code until} in unix seconds, both required, {@code from < until}. */
  long[] window() {
    long from = unixSeconds("from");
    long until = unixSeconds("until");
    if (from >= until) {
      throw ApiException.badParameter(
          "until", "must be after from (from=" + from + ", until=" + until + ")");
    }
    return new long[] {from, until};
  }

  /** An optional whole number of at least {@code min}. */
  Integer integer(String name, int min) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "expected a whole number, got '" + v + "'");
    }
    if (n < min) {
      throw ApiException.badParameter(name, "must be at least " + min + ", got " + n);
    }
    return n;
  }

  /** An optional {@code true} or {@code false}; a bare {@code ?name} means true. */
  boolean bool(String name, boolean otherwise) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return otherwise;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "", "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw ApiException.badParameter(name, "expected true or false, got '" + v + "'");
    };
  }

  /** An optional value from a fixed set, compared case-insensitively. */
  String oneOf(String name, String otherwise, String... allowed) {
    String v = string(name);
    if (v == null) {
      return otherwise;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) {
        return a;
      }
    }
    throw ApiException.badParameter(
        name, "expected one of " + String.join(", ", allowed) + ", got '" + v + "'");
  }

  /** An entity type, from a query parameter ({@code null} when absent) or a path parameter. */
  static EntityType entityType(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return EntityType.parse(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, e.getMessage());
    }
  }

  /** A comma list, blanks dropped; empty when the parameter is absent. */
  static List<String> commaList(String value) {
    List<String> out = new ArrayList<>();
    if (value != null) {
      for (String s : value.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  /**
   * {@code limit} and {@code page} (IODA: pages count from 0 and need a limit): the sub-list to
   * return.
   */
  <T> List<T> page(List<T> all, Integer defaultLimit) {
    Integer limit = integer("limit", 1);
    Integer page = integer("page", 0);
    if (page != null && limit == null) {
      throw ApiException.badParameter("page", "needs limit too (pages are limit items long)");
    }
    if (limit == null) {
      limit = defaultLimit;
    }
    if (limit == null) {
      return all;
    }
    long first = (long) limit * (page == null ? 0 : page);
    if (first >= all.size()) {
      return List.of();
    }
    return all.subList((int) first, (int) Math.min(all.size(), first + limit));
  }

  /** Path and query parameters as given, sorted by name: IODA's {@code requestParameters}. */
  Map<String, String> asGiven() {
    Map<String, String> out = new TreeMap<>(ctx.pathParamMap());
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!e.getValue().isEmpty()) {
        out.put(e.getKey(), e.getValue().get(0));
      }
    }
    return out;
  }
}
