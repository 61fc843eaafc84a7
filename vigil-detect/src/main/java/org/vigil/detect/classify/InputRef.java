// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.Objects;

/**
 * A catalogued input file an event rests on, as a statement cites it: where it was read from and
 * its SHA-256, which identifies the bytes whatever the path.
 *
 * @param path the path it was read from (absolute, as catalogued)
 * @param sha256 hex SHA-256 of its bytes
 */
public record InputRef(String path, String sha256) {
  public InputRef {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The file's name without its directories: {@code kz-probe.csv}. */
  public String fileName() {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }

  /** The first 12 hex digits of the SHA-256, enough to tell files apart in a citation. */
  public String shortSha256() {
    return sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
  }
}
