// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.io.IOException;

/** Fills a {@link Row} from the next record of a file. Not API. */
public interface RowSource {
  /**
   * Reads the next data row into {@code row}.
   *
   * @return false at the end of the input
   * @throws org.vigil.core.InputFormatException if the record is malformed
   */
  boolean next(Row row) throws IOException;

  /** The line being read, for errors raised below the parser (such as undecodable bytes). */
  long line();

  /** Records skipped without error (blank lines), to be reported. */
  long skipped();
}
