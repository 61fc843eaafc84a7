// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.util.Objects;

/**
 * Something in the input that could not be used as it stands, with where it is. The reader and the
 * verdict pipeline report problems and go on with the rest of the input; they are counted, never
 * dropped silently.
 *
 * @param source the file (or stream) name
 * @param line the 1-based line, or 0 when the problem concerns the whole source
 * @param kind what sort of problem
 * @param message what was wrong
 */
public record Problem(String source, long line, Kind kind, String message) {
  /** Sorts of problem. */
  public enum Kind {
    /** The file could not be read: corrupt or truncated gzip data, an unreadable file. */
    IO_ERROR(true),
    /** A line that is not JSON, or content after a complete JSON value. */
    NOT_JSON(true),
    /** A JSON value cut off by the end of the input. */
    TRUNCATED(true),
    /** A JSON value that is not an object, where a measurement was expected. */
    NOT_A_MEASUREMENT(true),
    /**
     * A measurement without a key the pipeline needs ({@code test_name}, {@code report_id}, {@code
     * probe_cc} for web_connectivity) or with a value of the wrong type: OONI's fastpath raises on
     * it or discards it, and stores nothing.
     */
    MALFORMED_MEASUREMENT(true),
    /** A measurement wrapped in a form Vigil does not read (YAML content). */
    UNSUPPORTED(true),
    /** A measurement of a test Vigil does not score; kept, unscored. */
    UNKNOWN_TEST(false),
    /** A file in a directory that is not a measurement file ({@code .json[l][.gz]}). */
    SKIPPED_FILE(false);

    private final boolean error;

    Kind(boolean error) {
      this.error = error;
    }

    /** Whether input was lost (true) or only set aside as expected (false). */
    public boolean isError() {
      return error;
    }
  }

  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** {@code source:line: kind: message}, the form printed for users. */
  @Override
  public String toString() {
    String where = line > 0 ? source + ":" + line : source;
    return where + ": " + kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
