// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSinkTest {
  /** bgpdump 1.6.2's own fmt_ipv6 checks ({@code bgpdump -T}) plus its single-zero quirk. */
  @ParameterizedTest
  @CsvSource({
    "fe80::, fe80::",
    "2001:db8::1, 2001:db8::1",
    "::ffff:192.168.2.1, ::ffff:192.168.2.1",
    "::192.168.1.2, ::192.168.1.2",
    "2001:7f8:30::2:1:0:8447, 2001:7f8:30::2:1:0:8447",
    "::, ::",
    "::1, ::1",
    "2001:db8:0:1:2:3:4:5, 2001:db8::1:2:3:4:5",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
    "2001:0db8:0a00:00b0:0c00:000d:e000:f, 2001:db8:a00:b0:c00:d:e000:f",
  })
  void formatsIpv6AsBgpdump(String in, String expected) throws Exception {
    byte[] a = new byte[16];
    byte[] addr = InetAddress.getByName(in).getAddress();
    System.arraycopy(addr, 0, a, 16 - addr.length, addr.length);
    if (addr.length == 4) {
      a[10] = (byte) 0xff; // Java maps ::ffff:a.b.c.d to IPv4; put the mapping back
      a[11] = (byte) 0xff;
    }
    assertThat(new ByteSink(8).ipv6(a, 0).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "9, 9", "10, 10", "4294967295, 4294967295", "-5, -5"})
  void formatsDecimals(long v, String expected) {
    assertThat(new ByteSink(1).decimal(v).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 0.0.0.0", "-1, 255.255.255.255", "3221225985, 192.0.2.1"})
  void formatsIpv4(long v, String expected) {
    assertThat(new ByteSink(1).ipv4((int) v).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 6, 000000", "123456, 6, 123456", "1234567, 6, 1234567", "7, 2, 07"})
  void padsWithZeros(long v, int width, String expected) {
    assertThat(new ByteSink(1).padded(v, width).toString()).isEqualTo(expected);
  }
}
