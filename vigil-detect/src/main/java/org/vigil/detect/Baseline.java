// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.Locale;

/**
 * How a detector computes the expected value of a bin; chosen per signal in {@link
 * DetectorConfig#baseline()}. {@code vigil-detect/BASELINES.md} says when each is the better
 * choice, with measurements.
 */
public enum Baseline {
  /**
   * IODA's moving median with in-painting ({@link MovingMedianDetector}): the median of the window,
   * or of the same phase of earlier periods (REFERENCE.md §1.3).
   */
  MOVING_MEDIAN("moving-median"),

  /**
   * Cloudflare Radar's "most similar days" ({@link SimilarDaysDetector}): the median, at the same
   * time of day, of the days of the window whose shape so far is closest to today's (REFERENCE.md
   * §4.1).
   */
  SIMILAR_DAYS("similar-days");

  private final String key;

  Baseline(String key) {
    this.key = key;
  }

  /** The lower-case name used in configuration files and the store: {@code "similar-days"}. */
  public String key() {
    return key;
  }

  /** The baseline whose {@link #key()} is {@code key} (case-insensitive; '_' reads as '-'). */
  public static Baseline fromKey(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Baseline b : values()) {
      if (b.key.equals(k)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown baseline '" + key + "': expected moving-median or similar-days");
  }
}
