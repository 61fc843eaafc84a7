// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

/** An RFC 1997 community: two 16-bit halves, written {@code asn:value}. */
public record Community(int asn, int value) {
  public static final Community NO_EXPORT = new Community(0xFFFF, 0xFF01);
  public static final Community NO_ADVERTISE = new Community(0xFFFF, 0xFF02);
  public static final Community NO_EXPORT_SUBCONFED = new Community(0xFFFF, 0xFF03);

  public Community {
    if ((asn & ~0xFFFF) != 0 || (value & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("community halves are 16 bits: " + asn + ":" + value);
    }
  }

  public static Community of(int raw) {
    return new Community(raw >>> 16, raw & 0xFFFF);
  }

  @Override
  public String toString() {
    return asn + ":" + value;
  }
}
