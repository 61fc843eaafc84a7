// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

/**
 * MRT input that is not what RFC 6396 (or the BGP message inside it) says: names the file, the byte
 * offset and what was wrong. The offset counts bytes of the uncompressed MRT stream, since that is
 * the only position meaningful for a compressed file; for a problem inside a record it is the
 * offset of the offending field, and {@link #recordOffset()} is where that record starts.
 *
 * <p>Readers throw it and nothing else for bad input (I/O failures of the underlying file stay
 * {@link java.io.IOException}); {@code vigil mrt dump} prints its message and exits non-zero.
 */
public final class MrtFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;
  private final long recordOffset;

  /**
   * @param source the file (or stream) name
   * @param recordOffset byte offset of the record the problem is in (of the stream end for a
   *     truncated header)
   * @param offset byte offset of the problem itself, at or after {@code recordOffset}
   * @param message what was wrong and what was expected
   */
  public MrtFormatException(String source, long recordOffset, long offset, String message) {
    super(source + ": byte " + offset + ": " + message);
    this.source = source;
    this.offset = offset;
    this.recordOffset = recordOffset;
  }

  /** The file or stream name. */
  public String source() {
    return source;
  }

  /** Byte offset of the problem in the uncompressed stream. */
  public long offset() {
    return offset;
  }

  /** Byte offset of the start of the record the problem is in. */
  public long recordOffset() {
    return recordOffset;
  }
}
