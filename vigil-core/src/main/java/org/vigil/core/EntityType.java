// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import java.util.Locale;

/** The kinds of entity Vigil reports on, with the names used in keys, URLs and the API. */
public enum EntityType {
  COUNTRY("country"),
  REGION("region"),
  ASN("asn");

  private final String key;

  EntityType(String key) {
    this.key = key;
  }

  /** The lower-case name used in {@code type/code} keys, for example {@code country}. */
  public String key() {
    return key;
  }

  /** Parses {@code country}, {@code region} or {@code asn} (case-insensitive). */
  public static EntityType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (EntityType type : values()) {
      if (type.key.equals(t)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown entity type '" + text + "': expected country, region or asn");
  }

  @Override
  public String toString() {
    return key;
  }
}
