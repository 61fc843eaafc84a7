// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

/**
 * One outage seen on one series: a confirmed run of non-normal bins.
 *
 * <p>An event keeps its {@code start} from the run in which it opened to the run in which it
 * closes, so a store can upsert by {@code (series, start)}.
 *
 * @param start epoch second of the first non-normal bin
 * @param end epoch second of the first bin back at normal (exclusive); {@code null} while ongoing
 * @param peakLevel the most severe level reached
 * @param baseline median of the expected values over the event's assessed bins
 * @param lowestRatio smallest {@code value / expected} over the event
 * @param score IODA's "alert area": the sum over the event's bins of drop % times minutes, with
 *     {@code drop = |expected - value| / max(expected, value) * 100}
 * @param kind {@link #BLACKOUT} or {@link #OUTAGE}; a later classifier refines it
 */
public record SeriesEvent(
    long start,
    Long end,
    Level peakLevel,
    double baseline,
    double lowestRatio,
    double score,
    String kind) {

  /** The signal fell to near zero (lowest ratio at most {@value #BLACKOUT_RATIO}). */
  public static final String BLACKOUT = "blackout";

  /** The signal fell, but not to near zero. */
  public static final String OUTAGE = "outage";

  /** A lowest ratio at or below this makes a blackout rather than a partial outage. */
  public static final double BLACKOUT_RATIO = 0.1;

  /** True while the event had not closed at the end of the input. */
  public boolean ongoing() {
    return end == null;
  }

  static String kindFor(double lowestRatio) {
    return lowestRatio <= BLACKOUT_RATIO ? BLACKOUT : OUTAGE;
  }
}
