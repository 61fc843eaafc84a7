// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.vigil.bgp.message.BgpMessage;
import org.vigil.bgp.message.Bytes;
import org.vigil.bgp.message.PathAttributes;
import org.vigil.bgp.message.Prefix;

/** One MRT record (RFC 6396), decoded; {@link MrtReader} produces them. */
public sealed interface MrtRecord {
  MrtHeader header();

  /**
   * TABLE_DUMP_V2 PEER_INDEX_TABLE (§4.3.1): the peers that the following RIB records refer to by
   * index.
   */
  record PeerIndexTable(
      MrtHeader header, Inet4Address collectorBgpId, String viewName, List<Peer> peers)
      implements MrtRecord {
    public PeerIndexTable {
      peers = List.copyOf(peers);
    }
  }

  /** A peer of a collector: its BGP identifier, address and AS. */
  record Peer(Inet4Address bgpId, InetAddress address, long asn) {}

  /**
   * TABLE_DUMP_V2 RIB record (§4.3.2 RIB_IPV4/IPV6_UNICAST/MULTICAST, §4.3.3 RIB_GENERIC, and the
   * RFC 8050 §4 ADD-PATH forms): one prefix and every peer's route to it.
   *
   * @param prefix the prefix, or null for a RIB_GENERIC family that is not plain IP
   * @param nlri the NLRI of such a family, undecoded; null otherwise
   * @param addPath whether the entries carry path identifiers
   */
  record Rib(
      MrtHeader header,
      long sequence,
      int afi,
      int safi,
      Prefix prefix,
      Bytes nlri,
      boolean addPath,
      List<RibEntry> entries)
      implements MrtRecord {
    public Rib {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One peer's route in a {@link Rib} record (§4.3.4).
   *
   * @param pathId the RFC 8050 path identifier, or -1
   */
  record RibEntry(
      int peerIndex, Peer peer, long originatedTime, long pathId, PathAttributes attributes) {
    public RibEntry {
      Objects.requireNonNull(peer, "peer");
    }
  }

  /** TABLE_DUMP (§4.2): one route per record; subtypes 3 and 4 are the 4-octet-AS variants. */
  record TableDump(
      MrtHeader header,
      int view,
      int sequence,
      Prefix prefix,
      int status,
      long originatedTime,
      InetAddress peerAddress,
      long peerAs,
      PathAttributes attributes)
      implements MrtRecord {}

  /**
   * BGP4MP(_ET) MESSAGE and its AS4, LOCAL and ADDPATH variants (§4.4.2, §4.4.3, §4.4.5, §4.4.6,
   * RFC 8050 §3): one BGP message between a peer and the collector.
   *
   * @param local whether the collector sent it (the _LOCAL subtypes)
   * @param fourOctetAsns whether the AS fields and the message use 4-octet ASNs
   */
  record Bgp4mpMessage(
      MrtHeader header,
      long peerAs,
      long localAs,
      int interfaceIndex,
      InetAddress peerAddress,
      InetAddress localAddress,
      boolean local,
      boolean fourOctetAsns,
      boolean addPath,
      BgpMessage message)
      implements MrtRecord {}

  /** BGP4MP(_ET) STATE_CHANGE and STATE_CHANGE_AS4 (§4.4.1, §4.4.4): a BGP FSM transition. */
  record Bgp4mpStateChange(
      MrtHeader header,
      long peerAs,
      long localAs,
      int interfaceIndex,
      InetAddress peerAddress,
      InetAddress localAddress,
      int oldState,
      int newState)
      implements MrtRecord {
    /** RFC 4271 §8.2.2 state names (1 Idle .. 6 Established). */
    public static String stateName(int state) {
      switch (state) {
        case 1:
          return "Idle";
        case 2:
          return "Connect";
        case 3:
          return "Active";
        case 4:
          return "OpenSent";
        case 5:
          return "OpenConfirm";
        case 6:
          return "Established";
        default:
          return "state " + state;
      }
    }
  }

  /** A record of a type or subtype not decoded here, carried as it came and counted. */
  record Unknown(MrtHeader header, Bytes body) implements MrtRecord {}
}
