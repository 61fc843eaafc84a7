// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.util.Objects;

/**
 * Input that could not be used as it stands, with where it is: a malformed hitlist line, a scamper
 * record that does not parse. Readers report problems and go on; they are counted, never dropped
 * silently.
 *
 * @param source the file (or stream) name
 * @param line the 1-based line, or 0 when the problem concerns the whole source
 * @param message what was wrong
 */
public record Problem(String source, long line, String message) {
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** {@code source:line: message}, the form printed for users. */
  @Override
  public String toString() {
    return (line > 0 ? source + ":" + line : source) + ": " + message;
  }
}
