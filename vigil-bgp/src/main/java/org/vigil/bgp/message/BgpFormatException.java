// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

/**
 * A BGP message or attribute that breaks RFC 4271 (or 4760, 6793, 7911): says what and where, as an
 * index into the buffer being decoded. MRT readers turn it into an {@code MrtFormatException} with
 * the file and the byte offset in it.
 */
public final class BgpFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int position;

  public BgpFormatException(int position, String message) {
    super(message);
    this.position = position;
  }

  /** Absolute index, in the decoded buffer, of the offending field. */
  public int position() {
    return position;
  }
}
