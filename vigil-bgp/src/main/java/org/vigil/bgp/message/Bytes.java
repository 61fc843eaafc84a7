// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality, for fields carried undecoded (unknown attributes,
 * unknown records, optional parameters).
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code b[off, off + len)}. */
  public static Bytes of(byte[] b, int off, int len) {
    return len == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(b, off, off + len));
  }

  /** A copy of {@code b}. */
  public static Bytes of(byte... b) {
    return of(b, 0, b.length);
  }

  /** A copy of the buffer's bytes from {@code off} to {@code off + len} (absolute indexes). */
  public static Bytes of(ByteBuffer buf, int off, int len) {
    byte[] b = new byte[len];
    buf.get(off, b);
    return len == 0 ? EMPTY : new Bytes(b);
  }

  /** Parses hex digits, ignoring white space. */
  public static Bytes ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
  }

  public int length() {
    return bytes.length;
  }

  public int get(int i) {
    return bytes[i] & 0xFF;
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** A read-only view. */
  public ByteBuffer asBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes && Arrays.equals(bytes, ((Bytes) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
