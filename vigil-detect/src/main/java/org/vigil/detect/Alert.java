// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

/**
 * A change of a series' alert state, as IODA emits it: an alert is a state transition, and a return
 * to normal is an alert with level {@link Level#NORMAL}.
 *
 * @param time epoch second of the bin at which the new state begins (backdated to the first
 *     non-normal bin when a minimum duration delayed the confirmation)
 * @param level the new state
 * @param value the bin's value
 * @param expected the baseline for that bin
 * @param ratio {@code value / expected}
 */
public record Alert(long time, Level level, double value, double expected, double ratio) {}
