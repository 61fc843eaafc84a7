// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpCodecTest {
  static ByteBuffer hex(String s) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(s.replaceAll("\\s+", "")));
  }

  static final String MARKER = "ffffffffffffffffffffffffffffffff";

  // https://www.rfc-editor.org/rfc/rfc4271#section-4.2 OPEN
  @Test
  void decodesOpen() {
    ByteBuffer b = hex(MARKER + "001d 01" + "04 fbf0 00b4 c0000201 00");
    BgpMessage.Open o = (BgpMessage.Open) BgpCodec.decodeMessage(b, 0, b.capacity(), true, false);
    assertThat(o.version()).isEqualTo(4);
    assertThat(o.myAs()).isEqualTo(64496);
    assertThat(o.holdTime()).isEqualTo(180);
    assertThat(o.bgpId().getHostAddress()).isEqualTo("192.0.2.1");
    assertThat(o.optionalParameters().length()).isZero();
  }

  // https://www.rfc-editor.org/rfc/rfc4271#section-4.4 KEEPALIVE, 4.5 NOTIFICATION
  // https://www.rfc-editor.org/rfc/rfc2918#section-3 ROUTE-REFRESH
  @Test
  void decodesKeepaliveNotificationRouteRefreshAndUnknown() {
    ByteBuffer k = hex(MARKER + "0013 04");
    assertThat(BgpCodec.decodeMessage(k, 0, 19, false, false))
        .isEqualTo(new BgpMessage.Keepalive());
    ByteBuffer n = hex(MARKER + "0017 03 06 02 abcd");
    assertThat(BgpCodec.decodeMessage(n, 0, 23, false, false))
        .isEqualTo(new BgpMessage.Notification(6, 2, Bytes.ofHex("abcd")));
    ByteBuffer r = hex(MARKER + "0017 05 0001 00 01");
    assertThat(BgpCodec.decodeMessage(r, 0, 23, false, false))
        .isEqualTo(new BgpMessage.RouteRefresh(1, 0, 1));
    ByteBuffer u = hex(MARKER + "0015 63 0102");
    assertThat(BgpCodec.decodeMessage(u, 0, 21, false, false))
        .isEqualTo(new BgpMessage.Unknown(99, Bytes.ofHex("0102")));
  }

  // https://www.rfc-editor.org/rfc/rfc7911#section-3 ADD-PATH NLRI encoding
  @Test
  void decodesAddPathNlri() {
    ByteBuffer b = hex("00000001 18 c00002  00000002 20 c0000201");
    List<Nlri> nlri = BgpCodec.decodeNlri(b, 0, b.capacity(), Afi.IPV4, true);
    assertThat(nlri)
        .containsExactly(
            new Nlri(Prefix.parse("192.0.2.0/24"), 1), new Nlri(Prefix.parse("192.0.2.1/32"), 2));
  }

  @Test
  void rejectsBadMarkerWithPosition() {
    ByteBuffer b = hex("ffffffff00ffffffffffffffffffffff 0013 04");
    assertThatThrownBy(() -> BgpCodec.decodeMessage(b, 0, 19, false, false))
        .isInstanceOf(BgpFormatException.class)
        .hasMessageContaining("marker")
        .satisfies(e -> assertThat(((BgpFormatException) e).position()).isEqualTo(4));
  }

  @Test
  void rejectsLengthThatDisagreesWithTheRecord() {
    ByteBuffer b = hex(MARKER + "0015 04 00");
    assertThatThrownBy(() -> BgpCodec.decodeMessage(b, 0, 20, false, false))
        .isInstanceOf(BgpFormatException.class)
        .hasMessageContaining("length field says 21 bytes, the message has 20");
    ByteBuffer c = hex(MARKER + "0013 04");
    assertThatThrownBy(() -> BgpCodec.decodeMessage(c, 0, 18, false, false))
        .hasMessageContaining("shorter than its 19-byte header");
  }

  @Test
  void rejectsOverrunningAttributeAndDuplicates() {
    ByteBuffer over = hex("400105 00");
    assertThatThrownBy(() -> BgpCodec.decodeAttributes(over, 0, 4, true, false, false))
        .isInstanceOf(BgpFormatException.class)
        .hasMessageContaining("attribute 1 declares 5 bytes, 1 remain");
    ByteBuffer dup = hex("40010100 40010101");
    assertThatThrownBy(() -> BgpCodec.decodeAttributes(dup, 0, 8, true, false, false))
        .hasMessageContaining("duplicate attribute of type 1")
        .satisfies(e -> assertThat(((BgpFormatException) e).position()).isEqualTo(4));
    ByteBuffer badLen = hex("400303 010203");
    assertThatThrownBy(() -> BgpCodec.decodeAttributes(badLen, 0, 6, true, false, false))
        .hasMessageContaining("attribute 3 has length 3, expected 4");
    ByteBuffer badPrefix = hex("21 c0000201 00");
    assertThatThrownBy(() -> BgpCodec.decodeNlri(badPrefix, 0, 6, Afi.IPV4, false))
        .hasMessageContaining("prefix length 33 exceeds 32 bits");
  }

  @Test
  void readsAggregatorWidthFromItsLength() {
    ByteBuffer two = hex("c00706 5ba0 c0000201");
    assertThat(BgpCodec.decodeAttributes(two, 0, 9, true, false, false).aggregator().asn())
        .isEqualTo(23456);
    ByteBuffer four = hex("c00708 fa56ea01 c0000201");
    assertThat(BgpCodec.decodeAttributes(four, 0, 11, false, false, false).aggregator().asn())
        .isEqualTo(4200000001L);
  }

  // https://www.rfc-editor.org/rfc/rfc6793#section-4.2.3 reconstructing the AS path
  @Test
  void mergesAs4PathPerRfc6793() {
    AsPath asPath = path(seq(64496, 23456, 23456), set(64510, 64511));
    AsPath as4 = path(seq(4200000000L, 4200000001L), set(64510, 64511));
    assertThat(AsPath.merge(asPath, as4)).hasToString("64496 4200000000 4200000001 {64510,64511}");
    // AS4_PATH longer than AS_PATH: AS_PATH as is
    assertThat(AsPath.merge(path(seq(23456)), as4)).hasToString("23456");
    // a partial sequence is cut, confederation segments count zero
    AsPath withConfed = path(confed(65001), seq(64496, 64497, 23456));
    assertThat(AsPath.merge(withConfed, path(seq(4200000000L))))
        .hasToString("(65001) 64496 64497 4200000000");
    assertThat(withConfed.pathLength()).isEqualTo(3);
  }

  @Test
  void findsTheOriginAs() {
    assertThat(path(seq(1, 2, 3)).originAs()).hasValue(3);
    assertThat(path(seq(1, 2), set(3)).originAs()).hasValue(3);
    assertThat(path(seq(1, 2), set(3, 4)).originAs()).isEmpty();
    assertThat(AsPath.EMPTY.originAs()).isEmpty();
  }

  @Test
  void prefixesClearHostBitsAndPrintPlainly() {
    byte[] a = {11, 13, 0, 0};
    assertThat(Prefix.of(Afi.IPV4, a, 0, 13)).hasToString("11.8.0.0/13");
    assertThat(Prefix.parse("2001:db8::/32")).hasToString("2001:db8:0:0:0:0:0:0/32");
    assertThat(Prefix.parse("10.0.0.0/8").compareTo(Prefix.parse("10.0.0.0/9"))).isNegative();
    assertThatThrownBy(() -> Prefix.of(Afi.IPV4, a, 0, 33))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static AsPath path(AsPathSegment... s) {
    return new AsPath(List.of(s));
  }

  static AsPathSegment seq(long... asns) {
    return new AsPathSegment(AsPathSegment.AS_SEQUENCE, box(asns));
  }

  static AsPathSegment set(long... asns) {
    return new AsPathSegment(AsPathSegment.AS_SET, box(asns));
  }

  static AsPathSegment confed(long... asns) {
    return new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, box(asns));
  }

  static List<Long> box(long... v) {
    return java.util.Arrays.stream(v).boxed().collect(java.util.stream.Collectors.toList());
  }
}
