// SPDX-License-Identifier: Apache-2.0
/**
 * Generic time-series import: CSV, TSV and JSON lines with declared columns, into one fixed-step
 * {@link org.vigil.core.TimeSeries} per entity.
 *
 * <p>Start at {@link org.vigil.series.SeriesReader}; describe the file with {@link
 * org.vigil.series.SeriesImportSpec}; read what happened from {@link
 * org.vigil.series.ImportResult}. The {@code internal} package holds the tokenizer and parsers and
 * is not API.
 */
package org.vigil.series;
