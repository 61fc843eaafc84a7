// SPDX-License-Identifier: Apache-2.0
/**
 * Accounts of episodes for people and for other trackers: {@link org.vigil.detect.report.Narrative}
 * (a plain-language account with the evidence behind each sentence), {@link
 * org.vigil.detect.report.StopRow} (a row of Access Now's STOP dataset) and {@link
 * org.vigil.detect.report.CountryRating} (the country's standing in Freedom House's surveys, which
 * ends a statement).
 */
package org.vigil.detect.report;
