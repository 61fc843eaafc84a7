// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.util.Objects;

/**
 * Where a {@link GeoTable} came from, kept with it as evidence: the file's name and SHA-256, its
 * format, and how much of it was used.
 *
 * @param fileName the file's name (no directory)
 * @param sha256 lower-case hex SHA-256 of the file's bytes as read (compressed, if it was)
 * @param format the format it was read as
 * @param ranges ranges or networks taken from it
 * @param skipped lines or entries passed over (summaries, ASN lines, unassigned space, bad lines)
 * @param description what the file says about itself (registry and date, database type), or ""
 */
public record GeoSource(
    String fileName,
    String sha256,
    GeoFormat format,
    long ranges,
    long skipped,
    String description) {
  public GeoSource {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(description, "description");
  }
}
