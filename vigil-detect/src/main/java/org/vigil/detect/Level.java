// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

/**
 * Alert level of a bin or of an alert state, in increasing severity. The keys are IODA's level
 * names ({@code watchtower-alert}'s {@code LEVELS}).
 */
public enum Level {
  NORMAL("normal"),
  WARNING("warning"),
  CRITICAL("critical");

  private final String key;

  Level(String key) {
    this.key = key;
  }

  /** The lower-case name used in the API, the store and alerts: {@code "warning"}. */
  public String key() {
    return key;
  }

  /** The level whose {@link #key()} is {@code key}. */
  public static Level fromKey(String key) {
    for (Level l : values()) {
      if (l.key.equals(key)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "unknown level '" + key + "': expected normal, warning or critical");
  }

  /** The more severe of two levels. */
  static Level max(Level a, Level b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
