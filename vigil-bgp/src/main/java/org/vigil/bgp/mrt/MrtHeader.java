// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.time.Instant;

/**
 * The MRT common header (RFC 6396 §2, with the §3 microseconds of the {@code _ET} types) and where
 * the record starts.
 *
 * @param offset byte offset of the record in the uncompressed stream
 * @param timestamp seconds since 1970 (unsigned 32-bit)
 * @param microseconds the extended-timestamp microseconds, 0 for other types
 */
public record MrtHeader(long offset, long timestamp, int microseconds, int type, int subtype) {
  public static final int TABLE_DUMP = 12;
  public static final int TABLE_DUMP_V2 = 13;
  public static final int BGP4MP = 16;
  public static final int BGP4MP_ET = 17;

  /** The record time, with microseconds where the type has them. */
  public Instant time() {
    return Instant.ofEpochSecond(timestamp, microseconds * 1000L);
  }
}
