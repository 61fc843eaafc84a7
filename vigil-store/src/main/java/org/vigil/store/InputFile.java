// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.time.Instant;

/**
 * One catalogued input file: what was read, when, and how many records it held. Every event names
 * the input files it was derived from.
 *
 * @param id the catalog id (0 before the file is stored)
 * @param sha256 hex SHA-256 of the file's bytes as read (compressed bytes for a compressed file)
 * @param sizeBytes the file's size in bytes
 * @param format what was read, for example {@code series/csv}
 * @param recipe the import options, canonical: the same bytes with other options are another input
 * @param path the path the file was read from
 * @param ingestedAt when the ingest committed
 * @param records how many records (rows, measurements, MRT records) it held
 * @param detail free text: the options used, notes from the reader
 */
public record InputFile(
    long id,
    String sha256,
    long sizeBytes,
    String format,
    String recipe,
    String path,
    Instant ingestedAt,
    long records,
    String detail) {}
