// SPDX-License-Identifier: Apache-2.0
/**
 * The machinery behind {@link org.vigil.series.SeriesReader}: text decoding, the CSV tokenizer, the
 * JSON row reader, number and time parsers, and binning. Not API: anything here may change.
 */
package org.vigil.series.internal;
