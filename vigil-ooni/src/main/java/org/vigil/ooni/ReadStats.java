// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

/**
 * Counts for one {@link MeasurementReader#read} call.
 *
 * @param files files read (a stream counts as one)
 * @param lines lines read
 * @param blankLines empty or whitespace-only lines, skipped
 * @param measurements measurements passed to the sink
 * @param problems problems passed to the sink (of any kind)
 */
public record ReadStats(long files, long lines, long blankLines, long measurements, long problems) {
  /** The sum of two counts. */
  public ReadStats plus(ReadStats o) {
    return new ReadStats(
        files + o.files,
        lines + o.lines,
        blankLines + o.blankLines,
        measurements + o.measurements,
        problems + o.problems);
  }
}
