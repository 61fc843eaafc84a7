// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix: address family, length in bits and the address with host bits cleared
 * (RFC 4271 §4.3 says they are irrelevant; cleared, two announcements of one prefix compare equal).
 *
 * <pre>{@code
 * Prefix p = Prefix.parse("193.0.0.0/21");
 * p.length();      // 21
 * p.toString();    // "193.0.0.0/21"
 * }</pre>
 */
public final class Prefix implements Comparable<Prefix> {
  private final int afi;
  private final int length;
  private final byte[] address;

  private Prefix(int afi, byte[] address, int length) {
    this.afi = afi;
    this.length = length;
    this.address = address;
  }

  /**
   * A prefix of {@code length} bits from {@code bytes[off, off + (length + 7) / 8)}.
   *
   * @param afi {@link Afi#IPV4} or {@link Afi#IPV6}
   * @throws IllegalArgumentException if the length does not fit the family
   */
  public static Prefix of(int afi, byte[] bytes, int off, int length) {
    int size = Afi.addressLength(afi);
    if (length < 0 || length > size * 8) {
      throw new IllegalArgumentException("prefix length " + length + " for AFI " + afi);
    }
    byte[] a = new byte[size];
    int n = (length + 7) >>> 3;
    System.arraycopy(bytes, off, a, 0, n);
    if ((length & 7) != 0) {
      a[n - 1] &= (byte) (0xFF << (8 - (length & 7)));
    }
    return new Prefix(afi, a, length);
  }

  /** Parses "a.b.c.d/len" or "x:y::z/len". */
  public static Prefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a prefix: " + text);
    }
    byte[] a;
    try {
      a = InetAddress.getByName(text.substring(0, slash)).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a prefix: " + text, e);
    }
    return of(
        a.length == 4 ? Afi.IPV4 : Afi.IPV6, a, 0, Integer.parseInt(text.substring(slash + 1)));
  }

  public int afi() {
    return afi;
  }

  public int length() {
    return length;
  }

  /** The network address (host bits zero). */
  public InetAddress address() {
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** The network address as bytes (4 or 16). */
  public byte[] addressBytes() {
    return address.clone();
  }

  /** For IPv4, the address as a big-endian int. */
  public int ipv4() {
    return ((address[0] & 0xFF) << 24)
        | ((address[1] & 0xFF) << 16)
        | ((address[2] & 0xFF) << 8)
        | (address[3] & 0xFF);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prefix
        && ((Prefix) o).length == length
        && Arrays.equals(((Prefix) o).address, address);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(address) * 31 + length;
  }

  @Override
  public int compareTo(Prefix o) {
    int c = Integer.compare(address.length, o.address.length);
    if (c == 0) {
      c = Arrays.compareUnsigned(address, o.address);
    }
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public String toString() {
    return address().getHostAddress() + "/" + length;
  }
}
