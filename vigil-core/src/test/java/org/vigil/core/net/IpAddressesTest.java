// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
  @Test
  void parsesAndPrintsIpv4() {
    assertThat(IpAddresses.parseIpv4("1.2.3.4")).isEqualTo(0x01020304);
    assertThat(IpAddresses.parseIpv4("255.255.255.255")).isEqualTo(-1);
    assertThat(IpAddresses.formatIpv4(0xC0000201)).isEqualTo("192.0.2.1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "1..2.3",
        "1.2.3.",
        "a.b.c.d",
        "1234.1.1.1"
      })
  void rejectsBadIpv4(String s) {
    assertThatThrownBy(() -> IpAddresses.parseIpv4(s)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesIpv6Forms() {
    assertThat(IpAddresses.parseIpv6("::")).containsExactly(0, 0);
    assertThat(IpAddresses.parseIpv6("2001:db8::1")).containsExactly(0x20010db800000000L, 1L);
    assertThat(IpAddresses.parseIpv6("::ffff:1.2.3.4")).containsExactly(0L, 0x0000ffff01020304L);
    assertThat(IpAddresses.parseIpv6("1:2:3:4:5:6:7:8"))
        .containsExactly(0x0001000200030004L, 0x0005000600070008L);
    assertThat(IpAddresses.parseIpv6("2a00:1a08::")).containsExactly(0x2a001a0800000000L, 0L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ":",
        ":::",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::",
        "g::",
        "1:"
      })
  void rejectsBadIpv6(String s) {
    assertThatThrownBy(() -> IpAddresses.parseIpv6(s)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Property: printing then parsing gives the address back, and the JDK agrees on the text. */
  @RepeatedTest(20)
  void ipv6RoundTripsAndMatchesTheJdk(org.junit.jupiter.api.RepetitionInfo info) throws Exception {
    SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
    for (int i = 0; i < 500; i++) {
      long hi = rnd.nextLong();
      long lo = rnd.nextLong();
      // zero out random groups so "::" appears
      for (int g = 0; g < 8; g++) {
        if (rnd.nextInt(3) == 0) {
          if (g < 4) {
            hi &= ~(0xFFFFL << (48 - 16 * g));
          } else {
            lo &= ~(0xFFFFL << (48 - 16 * (g - 4)));
          }
        }
      }
      String text = IpAddresses.formatIpv6(hi, lo);
      assertThat(IpAddresses.parseIpv6(text)).containsExactly(hi, lo);
      byte[] b = ByteBuffer.allocate(16).putLong(hi).putLong(lo).array();
      InetAddress jdk = InetAddress.getByAddress(b); // no lookup: built from bytes
      if (jdk instanceof java.net.Inet6Address) { // ::ffff:a.b.c.d comes back as IPv4
        assertThat(IpAddresses.parseIpv6(jdk.getHostAddress())).containsExactly(hi, lo);
      }
    }
  }
}
