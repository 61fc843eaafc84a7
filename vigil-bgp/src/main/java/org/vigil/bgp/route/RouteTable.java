// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.bgp.route.internal.LongIntHashMap;

/**
 * The routes every peer currently has: one table per peer, keyed by collector, peer address and
 * peer AS, for IPv4 and IPv6, advanced by RIB entries, announcements, withdrawals and session
 * resets.
 *
 * <p>Memory: prefixes are interned once as dense ids; each peer holds a bit set of the ids it has
 * and an {@code int[]} of their origin ASes, 4.1 bytes a prefix a peer, so a full table of 1 M
 * prefixes seen by 50 peers takes about 210 MB. ADD-PATH routes (RFC 7911 path identifiers) are
 * kept per path in a primitive hash map for the peers that send them. Nothing is boxed.
 *
 * <pre>{@code
 * RouteTable table = new RouteTable();
 * int peer = table.peerIpv4("route-views2", IpAddresses.parseIpv4("4.69.184.193"), 3356);
 * table.announceIpv4(peer, IpAddresses.parseIpv4("2.72.0.0"), 13, -1, 9198);
 * table.withdrawIpv4(peer, IpAddresses.parseIpv4("2.72.0.0"), 13, -1); // 9198
 * }</pre>
 *
 * <p>Not thread-safe: one thread advances it (the files are merged in time order first).
 */
public final class RouteTable {
  /** Returned by withdrawals and lookups when the peer has no such route. */
  public static final long ABSENT = -2;

  /** Origin stored for a route whose path names no single origin AS (empty, or ending in a set). */
  static final int NO_ORIGIN = -1;

  /** Who a peer is. {@code collector} is "" when the files did not say. */
  public record PeerKey(String collector, InetAddress address, long asn) {
    @Override
    public String toString() {
      return (collector.isEmpty() ? "" : collector + " ") + address.getHostAddress() + " AS" + asn;
    }
  }

  /** One address family's routes of one peer. */
  static final class Routes {
    long[] present = new long[0];
    int[] origin = new int[0];
    int count;
    LongIntHashMap paths; // (id << 32 | pathId) -> origin, ADD-PATH peers only
    LongIntHashMap pathCounts; // id -> paths held

    boolean has(int id) {
      int w = id >>> 6;
      return w < present.length && (present[w] & (1L << id)) != 0;
    }

    void ensure(int id, int capacity) {
      if (id >= origin.length) {
        int n = Math.max(Math.max(id + 1, capacity), origin.length + (origin.length >> 1));
        origin = Arrays.copyOf(origin, n);
        present = Arrays.copyOf(present, (n + 63) >>> 6);
      }
    }

    void clear() {
      Arrays.fill(present, 0);
      count = 0;
      if (paths != null) {
        paths.clear();
        pathCounts.clear();
      }
    }

    long footprint() {
      return present.length * 8L
          + origin.length * 4L
          + (paths == null ? 0 : paths.footprint() + pathCounts.footprint());
    }
  }

  static final class Peer {
    final int collectorId;
    final boolean ipv6;
    final long addressHigh;
    final long addressLow;
    final long asn;
    final Routes v4 = new Routes();
    final Routes v6 = new Routes();

    Peer(int collectorId, boolean ipv6, long addressHigh, long addressLow, long asn) {
      this.collectorId = collectorId;
      this.ipv6 = ipv6;
      this.addressHigh = addressHigh;
      this.addressLow = addressLow;
      this.asn = asn;
    }
  }

  /** Bumped by every change of any route: lets visibility skip recomputing an unchanged table. */
  long changes;

  final Prefixes4 prefixes4 = new Prefixes4();
  final Prefixes6 prefixes6 = new Prefixes6();
  private int[] lastOrigin4 = new int[0];
  private int[] lastOrigin6 = new int[0];

  private final List<String> collectors = new ArrayList<>();
  private final Map<String, Integer> collectorIds = new HashMap<>();
  Peer[] peers = new Peer[16];
  int peerCount;
  private int[] peerSlots = new int[64]; // open addressing: peer index + 1

  // ------------------------------------------------------------------ peers

  /** The id of a collector name, registering it. */
  public int collector(String name) {
    Integer id = collectorIds.get(name);
    if (id == null) {
      id = collectors.size();
      collectors.add(name);
      collectorIds.put(name, id);
    }
    return id;
  }

  /** The peer with this key (IPv4 session address), creating an empty table for it if new. */
  public int peerIpv4(String collector, int address, long asn) {
    return peer(collector(collector), false, 0, address & 0xFFFF_FFFFL, asn);
  }

  /**
   * The peer with this key, creating an empty table for it if new.
   *
   * @param collectorId from {@link #collector(String)}
   * @param ipv6 whether the session address is IPv6
   * @param addressHigh high 64 bits of an IPv6 address, 0 for IPv4
   * @param addressLow low 64 bits of an IPv6 address, or the IPv4 address (unsigned)
   */
  public int peer(int collectorId, boolean ipv6, long addressHigh, long addressLow, long asn) {
    int m = peerSlots.length - 1;
    int i = peerHash(collectorId, addressHigh, addressLow, asn) & m;
    while (true) {
      int s = peerSlots[i];
      if (s == 0) {
        break;
      }
      Peer p = peers[s - 1];
      if (p.collectorId == collectorId
          && p.addressLow == addressLow
          && p.addressHigh == addressHigh
          && p.asn == asn
          && p.ipv6 == ipv6) {
        return s - 1;
      }
      i = (i + 1) & m;
    }
    int id = peerCount++;
    if (id == peers.length) {
      peers = Arrays.copyOf(peers, id * 2);
    }
    peers[id] = new Peer(collectorId, ipv6, addressHigh, addressLow, asn);
    peerSlots[i] = id + 1;
    if (peerCount * 2 > peerSlots.length) {
      int[] slots = new int[peerSlots.length * 2];
      int mm = slots.length - 1;
      for (int k = 0; k < peerCount; k++) {
        Peer p = peers[k];
        int j = peerHash(p.collectorId, p.addressHigh, p.addressLow, p.asn) & mm;
        while (slots[j] != 0) {
          j = (j + 1) & mm;
        }
        slots[j] = k + 1;
      }
      peerSlots = slots;
    }
    return id;
  }

  private static int peerHash(int collector, long hi, long lo, long asn) {
    long h = (hi * 31 + lo) * 0x9E3779B97F4A7C15L + asn * 0xC2B2AE3D27D4EB4FL + collector;
    return (int) (h ^ (h >>> 29) ^ (h >>> 47));
  }

  /** How many peers have been seen. */
  public int peerCount() {
    return peerCount;
  }

  /** Who peer {@code peer} is (allocates; for reports). */
  public PeerKey peerKey(int peer) {
    Peer p = peers[peer];
    ByteBuffer b = ByteBuffer.allocate(p.ipv6 ? 16 : 4);
    if (p.ipv6) {
      b.putLong(p.addressHigh).putLong(p.addressLow);
    } else {
      b.putInt((int) p.addressLow);
    }
    try {
      return new PeerKey(collectors.get(p.collectorId), InetAddress.getByAddress(b.array()), p.asn);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // cannot happen for 4 or 16 bytes
    }
  }

  public long peerAs(int peer) {
    return peers[peer].asn;
  }

  /** Number of IPv4 prefixes the peer has. */
  public int prefixCountIpv4(int peer) {
    return peers[peer].v4.count;
  }

  /** Number of IPv6 prefixes the peer has. */
  public int prefixCountIpv6(int peer) {
    return peers[peer].v6.count;
  }

  /** Distinct IPv4 prefixes ever seen (ids are not reused). */
  public int knownPrefixesIpv4() {
    return prefixes4.size;
  }

  public int knownPrefixesIpv6() {
    return prefixes6.size;
  }

  // ------------------------------------------------------------------ routes

  private static int store(long originAs) {
    return originAs < 0 ? NO_ORIGIN : (int) originAs;
  }

  static long load(int origin) {
    return origin == NO_ORIGIN ? -1 : origin & 0xFFFF_FFFFL;
  }

  /**
   * A peer announces (or a RIB lists) an IPv4 route, replacing the one it had for that prefix and
   * path id.
   *
   * @param pathId RFC 7911 path identifier, or -1 without ADD-PATH
   * @param originAs the origin AS, or -1 when the path names none
   */
  public void announceIpv4(int peer, int address, int length, long pathId, long originAs) {
    int id = prefixes4.id(address, length);
    if (id >= lastOrigin4.length) {
      lastOrigin4 = Arrays.copyOf(lastOrigin4, Math.max(id + 1, prefixes4.address.length));
    }
    int o = store(originAs);
    if (o != NO_ORIGIN) {
      lastOrigin4[id] = o; // the last origin anyone announced, for withdrawals
    }
    announce(peers[peer].v4, id, prefixes4.address.length, pathId, o);
  }

  /** Like {@link #announceIpv4} for an IPv6 prefix. */
  public void announceIpv6(int peer, long high, long low, int length, long pathId, long originAs) {
    int id = prefixes6.id(high, low, length);
    if (id >= lastOrigin6.length) {
      lastOrigin6 = Arrays.copyOf(lastOrigin6, Math.max(id + 1, prefixes6.high.length));
    }
    int o = store(originAs);
    if (o != NO_ORIGIN) {
      lastOrigin6[id] = o;
    }
    announce(peers[peer].v6, id, prefixes6.high.length, pathId, o);
  }

  private void announce(Routes r, int id, int capacity, long pathId, int origin) {
    changes++;
    r.ensure(id, capacity);
    int w = id >>> 6;
    long bit = 1L << id;
    if (pathId >= 0) {
      if (r.paths == null) {
        r.paths = new LongIntHashMap(64);
        r.pathCounts = new LongIntHashMap(64);
      }
      if (r.paths.put(((long) id << 32) | pathId, origin, Integer.MIN_VALUE) == Integer.MIN_VALUE) {
        r.pathCounts.put(id, r.pathCounts.get(id, 0) + 1, 0);
      }
    }
    if ((r.present[w] & bit) == 0) {
      r.present[w] |= bit;
      r.count++;
    }
    r.origin[id] = origin;
  }

  /**
   * A peer withdraws an IPv4 route.
   *
   * @return the origin AS of the route withdrawn, -1 if it named none, or {@link #ABSENT} if the
   *     peer had no such route
   */
  public long withdrawIpv4(int peer, int address, int length, long pathId) {
    int id = prefixes4.find(address, length);
    return id < 0 ? ABSENT : withdraw(peers[peer].v4, id, pathId);
  }

  /** Like {@link #withdrawIpv4} for an IPv6 prefix. */
  public long withdrawIpv6(int peer, long high, long low, int length, long pathId) {
    int id = prefixes6.find(high, low, length);
    return id < 0 ? ABSENT : withdraw(peers[peer].v6, id, pathId);
  }

  private long withdraw(Routes r, int id, long pathId) {
    if (!r.has(id)) {
      return ABSENT;
    }
    changes++;
    int origin;
    if (pathId >= 0 && r.paths != null) {
      origin = r.paths.remove(((long) id << 32) | pathId, Integer.MIN_VALUE);
      if (origin == Integer.MIN_VALUE) {
        return ABSENT;
      }
      int left = r.pathCounts.get(id, 0) - 1;
      if (left > 0) {
        r.pathCounts.put(id, left, 0);
        return load(origin);
      }
      r.pathCounts.remove(id, 0);
    } else {
      origin = r.origin[id];
    }
    r.present[id >>> 6] &= ~(1L << id);
    r.count--;
    return load(origin);
  }

  /** The origin AS of the peer's IPv4 route, -1 if it names none, or {@link #ABSENT}. */
  public long originIpv4(int peer, int address, int length) {
    int id = prefixes4.find(address, length);
    Routes r = peers[peer].v4;
    return id < 0 || !r.has(id) ? ABSENT : load(r.origin[id]);
  }

  /** The origin AS of the peer's IPv6 route, -1 if it names none, or {@link #ABSENT}. */
  public long originIpv6(int peer, long high, long low, int length) {
    int id = prefixes6.find(high, low, length);
    Routes r = peers[peer].v6;
    return id < 0 || !r.has(id) ? ABSENT : load(r.origin[id]);
  }

  /** The last origin AS any peer announced for an IPv4 prefix, or -1. */
  public long lastOriginIpv4(int address, int length) {
    int id = prefixes4.find(address, length);
    return id < 0 || id >= lastOrigin4.length ? -1 : lastKnown(lastOrigin4[id]);
  }

  /** The last origin AS any peer announced for an IPv6 prefix, or -1. */
  public long lastOriginIpv6(long high, long low, int length) {
    int id = prefixes6.find(high, low, length);
    return id < 0 || id >= lastOrigin6.length ? -1 : lastKnown(lastOrigin6[id]);
  }

  private static long lastKnown(int o) {
    // 0 is both "never set" and AS 0, which RFC 7607 forbids as an origin
    return o == 0 ? -1 : load(o);
  }

  /**
   * Drops every route of a peer (its session left Established, or a new RIB dump replaces its
   * table).
   *
   * @return how many routes were dropped
   */
  public int clearPeer(int peer) {
    Peer p = peers[peer];
    int n = p.v4.count + p.v6.count;
    changes++;
    p.v4.clear();
    p.v6.clear();
    return n;
  }

  /** An estimate of the heap the table's arrays take, in bytes. */
  public long footprint() {
    long b = prefixes4.footprint() + prefixes6.footprint();
    b += lastOrigin4.length * 4L + lastOrigin6.length * 4L;
    for (int i = 0; i < peerCount; i++) {
      b += peers[i].v4.footprint() + peers[i].v6.footprint() + 64;
    }
    return b;
  }
}
