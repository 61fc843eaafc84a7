// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

/**
 * A detected event on one series, as stored: {@code end} is {@code null} while ongoing. Upserted by
 * {@code (seriesId, start)} so an ongoing event that later closes replaces itself.
 */
public record SignalEventRecord(
    int seriesId,
    long start,
    Long end,
    String peakLevel,
    double baseline,
    double lowestRatio,
    double score,
    String kind) {}
