// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

/** An alert: a change of a series' level at time {@code t} (IODA's alert is a state change). */
public record AlertRecord(
    int seriesId, long t, String level, double value, double expected, double ratio) {}
