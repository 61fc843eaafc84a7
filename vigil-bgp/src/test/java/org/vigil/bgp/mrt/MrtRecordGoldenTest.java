// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.bgp.message.BgpMessage;
import org.vigil.bgp.message.Bytes;
import org.vigil.bgp.message.Community;
import org.vigil.bgp.message.LargeCommunity;
import org.vigil.bgp.message.Nlri;
import org.vigil.bgp.message.PathAttributes;
import org.vigil.bgp.message.Prefix;
import org.vigil.bgp.message.RawAttribute;

/**
 * Hand-built records, field by field from the RFCs, decoded into typed records and printed the way
 * bgpdump prints them. The expected texts are what Debian's bgpdump 1.6.2 printed for these bytes.
 */
class MrtRecordGoldenTest {
  /** Hex with {@code # comments} and white space ignored. */
  static byte[] hex(String annotated) {
    StringBuilder sb = new StringBuilder();
    for (String line : annotated.split("\n")) {
      int c = line.indexOf('#');
      sb.append(c >= 0 ? line.substring(0, c) : line);
    }
    return HexFormat.of().parseHex(sb.toString().replaceAll("\\s+", ""));
  }

  static List<MrtRecord> read(byte[] mrt) throws IOException {
    List<MrtRecord> out = new ArrayList<>();
    try (MrtReader r =
        MrtReader.of(new ByteArrayInputStream(mrt), "test", MrtReader.OnMalformed.FAIL)) {
      r.read(out::add);
    }
    return out;
  }

  static String dump(byte[] mrt, MrtDump.Mode mode) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MrtDump.dump(new ByteArrayInputStream(mrt), "test", mode, out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  // https://www.rfc-editor.org/rfc/rfc6396#section-4.3.1 PEER_INDEX_TABLE
  // https://www.rfc-editor.org/rfc/rfc6396#section-4.3.2 RIB_IPV4_UNICAST
  // https://www.rfc-editor.org/rfc/rfc6396#section-4.3.4 RIB entries
  static final byte[] PEER_TABLE_AND_RIB =
      hex(
          """
          537e8f80 000d 0001 0000002e   # 2014-05-23 00:00, TABLE_DUMP_V2, PEER_INDEX_TABLE, len 46
          c0000201 0000 0002            # collector 192.0.2.1, no view name, 2 peers
          02 c6336401 c6336401 0000fbf0 # type AS4+IPv4, BGP ID, 198.51.100.1, AS64496
          03 cb007109                   # type AS4+IPv6, BGP ID 203.0.113.9
          20010db8000000000000000000000009 fa56ea00 # 2001:db8::9, AS4200000000
          537e8f80 000d 0002 00000088   # TABLE_DUMP_V2, RIB_IPV4_UNICAST, len 136
          00000007 18 c00002 0002       # sequence 7, 192.0.2.0/24, 2 entries
          0000 537e8170 002e            # peer 0, originated 23:00, 46 bytes of attributes
          40010100                      # ORIGIN IGP
          40020e 02 03 0000fbf0 0000fbf1 fa56ea00 # AS_PATH sequence of three 4-octet ASNs
          400304 c6336401               # NEXT_HOP 198.51.100.1
          800404 00000005               # MULTI_EXIT_DISC 5
          c00808 fbf00001 ffffff01      # COMMUNITIES 64496:1 NO_EXPORT
          0001 537e8f44 0040            # peer 1, originated 23:59, 64 bytes of attributes
          40010102                      # ORIGIN INCOMPLETE
          400210 02 01 fa56ea00 01 02 0000fbf4 0000fbf5 # AS_PATH 4200000000 {64500,64501}
          800e11 10 20010db8000000000000000000000009 # MP_REACH_NLRI, RIB form: next hop only
          400504 00000064               # LOCAL_PREF 100
          400600                        # ATOMIC_AGGREGATE
          c00708 0000fbf4 c0000201      # AGGREGATOR AS64500 192.0.2.1
          """);

  @Test
  void decodesPeerIndexTableAndRibIpv4Unicast() throws IOException {
    List<MrtRecord> records = read(PEER_TABLE_AND_RIB);
    assertThat(records).hasSize(2);
    MrtRecord.PeerIndexTable table = (MrtRecord.PeerIndexTable) records.get(0);
    assertThat(table.collectorBgpId().getHostAddress()).isEqualTo("192.0.2.1");
    assertThat(table.peers()).extracting(MrtRecord.Peer::asn).containsExactly(64496L, 4200000000L);
    assertThat(table.peers().get(1).address().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:9");

    MrtRecord.Rib rib = (MrtRecord.Rib) records.get(1);
    assertThat(rib.header().offset()).isEqualTo(58);
    assertThat(rib.sequence()).isEqualTo(7);
    assertThat(rib.prefix()).isEqualTo(Prefix.parse("192.0.2.0/24"));
    assertThat(rib.entries()).hasSize(2);
    PathAttributes a0 = rib.entries().get(0).attributes();
    assertThat(a0.origin()).isZero();
    assertThat(a0.asPath()).hasToString("64496 64497 4200000000");
    assertThat(a0.nextHop().getHostAddress()).isEqualTo("198.51.100.1");
    assertThat(a0.med()).isEqualTo(5);
    assertThat(a0.localPref()).isEqualTo(-1);
    assertThat(a0.communities()).containsExactly(new Community(64496, 1), Community.NO_EXPORT);
    assertThat(a0.originAs()).hasValue(4200000000L);
    PathAttributes a1 = rib.entries().get(1).attributes();
    assertThat(a1.origin()).isEqualTo(2);
    assertThat(a1.asPath()).hasToString("4200000000 {64500,64501}");
    assertThat(a1.originAs()).isEmpty();
    assertThat(a1.mpReach().nextHops().get(0).getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:9");
    assertThat(a1.atomicAggregate()).isTrue();
    assertThat(a1.aggregator().asn()).isEqualTo(64500);
    assertThat(rib.entries().get(1).originatedTime()).isEqualTo(1400803140L);
  }

  @Test
  void printsPeerIndexTableAndRibLikeBgpdump() throws IOException {
    assertThat(dump(PEER_TABLE_AND_RIB, MrtDump.Mode.ONE_LINE_UNIX_TIME))
        .isEqualTo(
            """
            TABLE_DUMP2|1400803200|B|198.51.100.1|64496|192.0.2.0/24|64496 64497 4200000000|IGP|198.51.100.1|0|5|64496:1 no-export|NAG||
            TABLE_DUMP2|1400803200|B|2001:db8::9|4200000000|192.0.2.0/24|4200000000 {64500,64501}|INCOMPLETE|2001:db8::9|100|0||AG|64500 192.0.2.1|
            """);
    assertThat(dump(PEER_TABLE_AND_RIB, MrtDump.Mode.ONE_LINE_HUMAN_TIME))
        .isEqualTo(
            """
            TABLE_DUMP2|05/23/14 00:00:00|B|198.51.100.1|64496|192.0.2.0/24|64496 64497 4200000000|IGP
            TABLE_DUMP2|05/23/14 00:00:00|B|2001:db8::9|4200000000|192.0.2.0/24|4200000000 {64500,64501}|INCOMPLETE
            """);
    assertThat(dump(PEER_TABLE_AND_RIB, MrtDump.Mode.MULTI_LINE))
        .isEqualTo(
            """
            TIME: 05/23/14 00:00:00
            TYPE: TABLE_DUMP_V2/IPV4_UNICAST
            PREFIX: 192.0.2.0/24
            SEQUENCE: 7
            FROM: 198.51.100.1 AS64496
            ORIGINATED: 05/22/14 23:00:00
            ORIGIN: IGP
            ASPATH: 64496 64497 4200000000
            NEXT_HOP: 198.51.100.1
            MULTI_EXIT_DISC: 5
            COMMUNITY: 64496:1 no-export

            TIME: 05/23/14 00:00:00
            TYPE: TABLE_DUMP_V2/IPV4_UNICAST
            PREFIX: 192.0.2.0/24
            SEQUENCE: 7
            FROM: 2001:db8::9 AS4200000000
            ORIGINATED: 05/22/14 23:59:00
            ORIGIN: INCOMPLETE
            ASPATH: 4200000000 {64500,64501}
            LOCAL_PREF: 100
            ATOMIC_AGGREGATE
            AGGREGATOR: AS64500 192.0.2.1
            MP_REACH_NLRI(IPv6 Unicast)
            NEXT_HOP: 2001:db8::9

            """);
  }

  // https://www.rfc-editor.org/rfc/rfc6396#section-4.4.2 BGP4MP_MESSAGE (2-octet ASNs)
  // https://www.rfc-editor.org/rfc/rfc4271#section-4.3 UPDATE
  // https://www.rfc-editor.org/rfc/rfc6793#section-4.2.3 AS_TRANS, AS4_PATH, AS4_AGGREGATOR
  static final byte[] UPDATE_WITH_AS4_PATH =
      hex(
          """
          537e8f85 0010 0001 00000067   # BGP4MP, MESSAGE, len 103
          5ba0 fbf0 0000 0001           # peer AS23456 (AS_TRANS), local AS64496, ifindex 0, IPv4
          c6336402 c0000201             # peer 198.51.100.2, local 192.0.2.1
          ffffffffffffffffffffffffffffffff 0057 02 # marker, length 87, UPDATE
          0005 080a 100a01              # withdrawn: 10.0.0.0/8, 10.1.0.0/16
          0037                          # 55 bytes of attributes
          40010100                      # ORIGIN IGP
          400208 02 03 5ba0 fbf1 5ba0   # AS_PATH 23456 64497 23456 (2-octet)
          400304 c6336402               # NEXT_HOP
          c00706 5ba0 c0000201          # AGGREGATOR AS_TRANS 192.0.2.1
          c0110a 02 02 0000fbf1 fa56ea01 # AS4_PATH 64497 4200000001
          c01208 fa56ea01 c0000201      # AS4_AGGREGATOR AS4200000001 192.0.2.1
          18 cb0071                     # NLRI 203.0.113.0/24
          """);

  @Test
  void mergesAs4PathIntoTwoOctetUpdate() throws IOException {
    MrtRecord.Bgp4mpMessage m = (MrtRecord.Bgp4mpMessage) read(UPDATE_WITH_AS4_PATH).get(0);
    assertThat(m.peerAs()).isEqualTo(23456);
    assertThat(m.fourOctetAsns()).isFalse();
    BgpMessage.Update u = (BgpMessage.Update) m.message();
    assertThat(u.withdrawn())
        .containsExactly(Nlri.of(Prefix.parse("10.0.0.0/8")), Nlri.of(Prefix.parse("10.1.0.0/16")));
    assertThat(u.announced()).containsExactly(Nlri.of(Prefix.parse("203.0.113.0/24")));
    PathAttributes a = u.attributes();
    assertThat(a.asPath()).hasToString("23456 64497 23456");
    assertThat(a.as4Path()).hasToString("64497 4200000001");
    assertThat(a.effectiveAsPath()).hasToString("23456 64497 4200000001");
    assertThat(a.effectiveAggregator().asn()).isEqualTo(4200000001L);
    assertThat(a.originAs()).hasValue(4200000001L);
  }

  @Test
  void printsMergedUpdateLikeBgpdump() throws IOException {
    assertThat(dump(UPDATE_WITH_AS4_PATH, MrtDump.Mode.ONE_LINE_UNIX_TIME))
        .isEqualTo(
            """
            BGP4MP|1400803205|W|198.51.100.2|23456|10.0.0.0/8
            BGP4MP|1400803205|W|198.51.100.2|23456|10.1.0.0/16
            BGP4MP|1400803205|A|198.51.100.2|23456|203.0.113.0/24|23456 64497 4200000001|IGP|198.51.100.2|0|0||NAG|4200000001 192.0.2.1|
            """);
    assertThat(dump(UPDATE_WITH_AS4_PATH, MrtDump.Mode.MULTI_LINE))
        .isEqualTo(
            """
            TIME: 05/23/14 00:00:05
            TYPE: BGP4MP/MESSAGE/Update
            FROM: 198.51.100.2 AS23456
            TO: 192.0.2.1 AS64496
            ORIGIN: IGP
            ASPATH: 23456 64497 4200000001
            NEXT_HOP: 198.51.100.2
            AGGREGATOR: AS4200000001 192.0.2.1
            WITHDRAW
              10.0.0.0/8
              10.1.0.0/16
            ANNOUNCE
              203.0.113.0/24

            """);
  }

  // https://www.rfc-editor.org/rfc/rfc6396#section-3 extended timestamp
  // https://www.rfc-editor.org/rfc/rfc6396#section-4.4.4 BGP4MP_STATE_CHANGE_AS4
  static final byte[] ET_STATE_CHANGE =
      hex(
          """
          537e8f87 0011 0005 00000034   # BGP4MP_ET, STATE_CHANGE_AS4, len 52 (with microseconds)
          0001e240                      # 123456 microseconds
          fa56ea00 0000fbf0 0000 0002   # peer AS4200000000, local AS64496, ifindex 0, IPv6
          20010db8000000000000000000000002 # peer 2001:db8::2
          20010db8000000000000000000000001 # local 2001:db8::1
          0006 0001                     # Established -> Idle
          """);

  @Test
  void decodesExtendedTimestampStateChange() throws IOException {
    MrtRecord.Bgp4mpStateChange s = (MrtRecord.Bgp4mpStateChange) read(ET_STATE_CHANGE).get(0);
    assertThat(s.header().microseconds()).isEqualTo(123456);
    assertThat(s.header().time()).hasToString("2014-05-23T00:00:07.123456Z");
    assertThat(s.peerAs()).isEqualTo(4200000000L);
    assertThat(s.oldState()).isEqualTo(6);
    assertThat(s.newState()).isEqualTo(1);
    assertThat(MrtRecord.Bgp4mpStateChange.stateName(s.oldState())).isEqualTo("Established");
    assertThat(dump(ET_STATE_CHANGE, MrtDump.Mode.ONE_LINE_UNIX_TIME))
        .isEqualTo("BGP4MP_ET|1400803207.123456|STATE|2001:db8::2|4200000000|6|1\n");
    assertThat(dump(ET_STATE_CHANGE, MrtDump.Mode.ONE_LINE_HUMAN_TIME))
        .isEqualTo("BGP4MP_ET|05/23/14 00:00:07.123456|STATE|2001:db8::2|4200000000|6|1\n");
    assertThat(dump(ET_STATE_CHANGE, MrtDump.Mode.MULTI_LINE))
        .isEqualTo(
            """
            TIME: 05/23/14 00:00:07.123456
            TYPE: BGP4MP_ET/STATE_CHANGE
            PEER: 2001:db8::2 AS4200000000
            STATE: Established/Idle

            """);
  }

  // https://www.rfc-editor.org/rfc/rfc6396#section-4.4.3 BGP4MP_MESSAGE_AS4
  // https://www.rfc-editor.org/rfc/rfc4760#section-3 MP_REACH_NLRI, #section-4 MP_UNREACH_NLRI
  // https://www.rfc-editor.org/rfc/rfc8092#section-3 LARGE_COMMUNITY
  static final byte[] IPV6_UPDATE_WITH_UNKNOWN_ATTRIBUTE =
      hex(
          """
          537e8f89 0010 0004 000000a5   # BGP4MP, MESSAGE_AS4, len 165
          0000fbf0 0000fbf1 0000 0002   # peer AS64496, local AS64497, ifindex 0, IPv6
          20010db8000000000000000000000002 20010db8000000000000000000000001
          ffffffffffffffffffffffffffffffff 0079 02 # marker, length 121, UPDATE
          0000 0062                     # no withdrawn routes, 98 bytes of attributes
          40010100                      # ORIGIN IGP
          40020a 02 02 0000fbf0 00003b41 # AS_PATH 64496 15169
          800e2c 0002 01 20             # MP_REACH_NLRI IPv6 unicast, 32-byte next hop
          20010db8000000000000000000000002 fe800000000000000000000000000002 # global, link-local
          00 30 20010db80001            # reserved, 2001:db8:1::/48
          800f0a 0002 01 30 20010db80002 # MP_UNREACH_NLRI IPv6 unicast 2001:db8:2::/48
          c0200c 0000fbf0 00000001 00000002 # LARGE_COMMUNITY 64496:1:2
          c06303 010203                 # type 99, unknown: carried raw
          """);

  @Test
  void decodesMultiprotocolUpdateAndCountsUnknownAttribute() throws IOException {
    try (MrtReader r =
        MrtReader.of(
            new ByteArrayInputStream(IPV6_UPDATE_WITH_UNKNOWN_ATTRIBUTE),
            "test",
            MrtReader.OnMalformed.FAIL)) {
      MrtRecord.Bgp4mpMessage m = (MrtRecord.Bgp4mpMessage) r.read();
      BgpMessage.Update u = (BgpMessage.Update) m.message();
      PathAttributes a = u.attributes();
      assertThat(a.mpReach().afi()).isEqualTo(2);
      assertThat(a.mpReach().nextHops()).hasSize(2);
      assertThat(a.mpReach().nlri()).containsExactly(Nlri.of(Prefix.parse("2001:db8:1::/48")));
      assertThat(a.mpUnreach().nlri()).containsExactly(Nlri.of(Prefix.parse("2001:db8:2::/48")));
      assertThat(a.largeCommunities()).containsExactly(new LargeCommunity(64496, 1, 2));
      assertThat(a.unknown()).containsExactly(new RawAttribute(0xc0, 99, Bytes.ofHex("010203")));
      assertThat(r.read()).isNull();
      assertThat(r.stats().unknownAttributes()).isEqualTo(1);
    }
    assertThat(dump(IPV6_UPDATE_WITH_UNKNOWN_ATTRIBUTE, MrtDump.Mode.ONE_LINE_UNIX_TIME))
        .isEqualTo(
            """
            BGP4MP|1400803209|W|2001:db8::2|64496|2001:db8:2::/48
            BGP4MP|1400803209|A|2001:db8::2|64496|2001:db8:1::/48|64496 15169|IGP|2001:db8::2|0|0||NAG||
            """);
    assertThat(dump(IPV6_UPDATE_WITH_UNKNOWN_ATTRIBUTE, MrtDump.Mode.MULTI_LINE))
        .isEqualTo(
            """
            TIME: 05/23/14 00:00:09
            TYPE: BGP4MP/MESSAGE/Update
            FROM: 2001:db8::2 AS64496
            TO: 2001:db8::1 AS64497
            ORIGIN: IGP
            ASPATH: 64496 15169
               UNKNOWN_ATTR(192, 99, 3): 01 02 03
            MP_REACH_NLRI(IPv6 Unicast)
            NEXT_HOP: 2001:db8::2
            NEXT_HOP: fe80::2
            MP_UNREACH_NLRI(IPv6 Unicast)
            LARGE_COMMUNITY: 64496:1:2
            WITHDRAW
              2001:db8:2::/48
            ANNOUNCE
              2001:db8:1::/48

            """);
  }

  // https://www.rfc-editor.org/rfc/rfc8050#section-4 RIB_IPV6_UNICAST_ADDPATH
  static final byte[] ADD_PATH_RIB =
      hex(
          """
          537e8f80 000d 0001 00000025   # PEER_INDEX_TABLE, len 37
          c0000201 0004 76696577 0001   # collector 192.0.2.1, view "view", 1 peer
          03 cb007109 20010db8000000000000000000000009 0000fbf0 # AS4+IPv6 peer AS64496
          537e8f80 000d 000a 00000065   # RIB_IPV6_UNICAST_ADDPATH, len 101
          00000001 20 20010db8 0002     # sequence 1, 2001:db8::/32, 2 entries
          0000 537e8f76 00000001 0021   # peer 0, originated, path id 1, 33 bytes
          40010100 400206 02 01 0000fbf0 800e11 10 20010db8000000000000000000000009
          0000 537e8f6c 00000002 0021   # peer 0, originated, path id 2
          40010100 400206 02 01 0000fbf0 800e11 10 20010db8000000000000000000000009
          """);

  @Test
  void decodesAddPathRibEntries() throws IOException {
    List<MrtRecord> records = read(ADD_PATH_RIB);
    assertThat(((MrtRecord.PeerIndexTable) records.get(0)).viewName()).isEqualTo("view");
    MrtRecord.Rib rib = (MrtRecord.Rib) records.get(1);
    assertThat(rib.addPath()).isTrue();
    assertThat(rib.entries()).extracting(MrtRecord.RibEntry::pathId).containsExactly(1L, 2L);
    assertThat(dump(ADD_PATH_RIB, MrtDump.Mode.ONE_LINE_UNIX_TIME))
        .isEqualTo(
            """
            TABLE_DUMP2_AP|1400803200|B|2001:db8::9|64496|2001:db8::/32|1|64496|IGP|2001:db8::9|0|0||NAG||
            TABLE_DUMP2_AP|1400803200|B|2001:db8::9|64496|2001:db8::/32|2|64496|IGP|2001:db8::9|0|0||NAG||
            """);
  }

  // https://www.rfc-editor.org/rfc/rfc6396#section-4.3.3 RIB_GENERIC; an unknown type (48) first
  static final byte[] UNKNOWN_TYPE_AND_RIB_GENERIC =
      hex(
          """
          537e8f80 0030 0000 00000004 01020304 # type 48 (OSPFv3), not decoded
          537e8f80 000d 0001 00000015   # PEER_INDEX_TABLE
          c0000201 0000 0001 02 c6336401 c6336401 0000fbf0
          537e8f80 000d 0006 00000029   # RIB_GENERIC, len 41
          00000003 0001 01 18 c63364 0001 # sequence 3, AFI 1 SAFI 1, 198.51.100.0/24, 1 entry
          0000 537e8f80 0014 40010100 400206 02 01 0000fbf0 400304 c6336401
          """);

  @Test
  void carriesUnknownTypeAndDecodesRibGeneric() throws IOException {
    try (MrtReader r =
        MrtReader.of(
            new ByteArrayInputStream(UNKNOWN_TYPE_AND_RIB_GENERIC),
            "test",
            MrtReader.OnMalformed.FAIL)) {
      MrtRecord.Unknown u = (MrtRecord.Unknown) r.read();
      assertThat(u.header().type()).isEqualTo(48);
      assertThat(u.body()).isEqualTo(Bytes.ofHex("01020304"));
      r.read();
      MrtRecord.Rib g = (MrtRecord.Rib) r.read();
      assertThat(g.afi()).isEqualTo(1);
      assertThat(g.prefix()).isEqualTo(Prefix.parse("198.51.100.0/24"));
      assertThat(g.entries().get(0).attributes().originAs()).hasValue(64496L);
      assertThat(r.stats().unknownRecords()).isEqualTo(1);
    }
    // bgpdump prints neither (it does not decode RIB_GENERIC) and so neither does the dump.
    assertThat(dump(UNKNOWN_TYPE_AND_RIB_GENERIC, MrtDump.Mode.ONE_LINE_UNIX_TIME)).isEmpty();
  }

  /**
   * A RIB record of 128 KiB (two entries with 16000 communities each, extended-length attributes,
   * RFC 4271 §4.3): read whole, and printed with bgpdump's 8191-byte cut of the community text.
   */
  @Test
  void readsRecordsOver64KiB() throws IOException {
    ByteBuffer comms = ByteBuffer.allocate(64000);
    for (int i = 0; i < 16000; i++) {
      comms.putShort((short) 64496).putShort((short) i);
    }
    byte[] head = hex("40010100 400206 02 01 0000fbf0 400304 c6336401 d008 fa00");
    ByteBuffer attrs = ByteBuffer.allocate(head.length + 64000).put(head).put(comms.array());
    ByteBuffer rib = ByteBuffer.allocate(4 + 2 + 2 + 2 * (8 + attrs.capacity()));
    rib.putInt(0).put((byte) 8).put((byte) 10).putShort((short) 2);
    for (int i = 0; i < 2; i++) {
      rib.putShort((short) 0).putInt(1400803200).putShort((short) attrs.capacity());
      rib.put(attrs.array());
    }
    byte[] peers =
        hex("537e8f80 000d 0001 00000015 c0000201 0000 0001 02 c6336401 c6336401 0000fbf0");
    ByteBuffer mrt = ByteBuffer.allocate(peers.length + 12 + rib.capacity()).put(peers);
    mrt.putInt(1400803200).putShort((short) 13).putShort((short) 2).putInt(rib.capacity());
    mrt.put(rib.array());
    assertThat(rib.capacity()).isGreaterThan(65536);

    MrtRecord.Rib r = (MrtRecord.Rib) read(mrt.array()).get(1);
    assertThat(r.entries()).hasSize(2);
    assertThat(r.entries().get(1).attributes().communities()).hasSize(16000);

    String[] lines = dump(mrt.array(), MrtDump.Mode.ONE_LINE_UNIX_TIME).split("\n");
    assertThat(lines).hasSize(2);
    String[] fields = lines[0].split("\\|", -1);
    // bgpdump 1.6.2: 8278-byte line; communities cut inside " 64496:830" after its space.
    assertThat(lines[0]).hasSize(8278);
    assertThat(fields[11]).hasSize(8190).startsWith("64496:0 64496:1 ").endsWith(" 64496:829 ");
  }
}
