// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the MRT records Vigil's tests and benchmarks synthesize (RFC 6396): TABLE_DUMP_V2 peer
 * tables and IPv4/IPv6 unicast RIB records, BGP4MP_MESSAGE_AS4 UPDATEs for IPv4, and
 * BGP4MP_STATE_CHANGE_AS4. Not a general encoder: 4-octet ASes throughout, IPv4 sessions only for
 * BGP4MP.
 *
 * <pre>{@code
 * MrtWriter w = new MrtWriter(out);
 * w.peerIndexTable(t, new long[] {3356}, new byte[][] {{10, 0, 0, 1}});
 * w.ribIpv4(t, 0, prefix, 24, new int[] {0}, new byte[][] {MrtWriter.attributes(path, null, hop)});
 * }</pre>
 */
public final class MrtWriter {
  private final OutputStream out;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

  public MrtWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Path attributes ORIGIN (IGP), AS_PATH and NEXT_HOP, with 4-octet ASes.
   *
   * @param sequence the AS_SEQUENCE, nearest AS first
   * @param originSet an AS_SET after the sequence (RFC 4271 aggregation), or null
   * @param nextHop IPv4 next hop
   */
  public static byte[] attributes(long[] sequence, long[] originSet, int nextHop) {
    ByteArrayOutputStream path = new ByteArrayOutputStream();
    for (int from = 0; from < sequence.length; from += 255) {
      int n = Math.min(255, sequence.length - from);
      path.write(2);
      path.write(n);
      for (int i = 0; i < n; i++) {
        u32(path, sequence[from + i]);
      }
    }
    if (originSet != null) {
      path.write(1);
      path.write(originSet.length);
      for (long as : originSet) {
        u32(path, as);
      }
    }
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    a.write(0x40);
    a.write(1);
    a.write(1);
    a.write(0); // ORIGIN IGP
    byte[] p = path.toByteArray();
    if (p.length > 255) {
      a.write(0x50);
      a.write(2);
      u16(a, p.length);
    } else {
      a.write(0x40);
      a.write(2);
      a.write(p.length);
    }
    a.write(p, 0, p.length);
    a.write(0x40);
    a.write(3);
    a.write(4);
    u32(a, nextHop & 0xFFFF_FFFFL);
    return a.toByteArray();
  }

  /** RFC 6396 §4.3.1 PEER_INDEX_TABLE; addresses of 4 or 16 bytes, 4-octet ASes. */
  public void peerIndexTable(long time, long[] peerAs, byte[][] peerAddress) throws IOException {
    body.reset();
    u32(body, 0x0A000001L); // collector BGP ID
    u16(body, 0); // no view name
    u16(body, peerAs.length);
    for (int i = 0; i < peerAs.length; i++) {
      boolean v6 = peerAddress[i].length == 16;
      body.write((v6 ? 1 : 0) | 2);
      u32(body, 0x0A000000L + i);
      body.write(peerAddress[i], 0, peerAddress[i].length);
      u32(body, peerAs[i]);
    }
    record(time, MrtHeader.TABLE_DUMP_V2, 1);
  }

  /** RFC 6396 §4.3.2 RIB_IPV4_UNICAST: one prefix, one entry per peer index. */
  public void ribIpv4(
      long time, long sequence, int prefix, int length, int[] peerIndex, byte[][] attributes)
      throws IOException {
    body.reset();
    u32(body, sequence);
    body.write(length);
    for (int i = 0; i < (length + 7) / 8; i++) {
      body.write(prefix >>> (24 - 8 * i));
    }
    entries(time, peerIndex, attributes);
    record(time, MrtHeader.TABLE_DUMP_V2, 2);
  }

  /** RFC 6396 §4.3.2 RIB_IPV6_UNICAST (attributes as given; no MP_REACH is added). */
  public void ribIpv6(
      long time,
      long sequence,
      long high,
      long low,
      int length,
      int[] peerIndex,
      byte[][] attributes)
      throws IOException {
    body.reset();
    u32(body, sequence);
    body.write(length);
    for (int i = 0; i < (length + 7) / 8; i++) {
      body.write((int) ((i < 8 ? high : low) >>> (56 - 8 * (i & 7))));
    }
    entries(time, peerIndex, attributes);
    record(time, MrtHeader.TABLE_DUMP_V2, 4);
  }

  private void entries(long time, int[] peerIndex, byte[][] attributes) {
    u16(body, peerIndex.length);
    for (int i = 0; i < peerIndex.length; i++) {
      u16(body, peerIndex[i]);
      u32(body, time);
      u16(body, attributes[i].length);
      body.write(attributes[i], 0, attributes[i].length);
    }
  }

  /**
   * RFC 6396 §4.4.3 BGP4MP_MESSAGE_AS4 carrying an IPv4 UPDATE (RFC 4271 §4.3).
   *
   * @param withdrawn prefixes as {@code {address, length, address, length, ...}}
   * @param attributes path attributes, or an empty array for a withdrawal-only UPDATE
   * @param announced prefixes as {@code {address, length, ...}}
   */
  public void updateIpv4(
      long time, long peerAs, int peerAddress, int[] withdrawn, byte[] attributes, int[] announced)
      throws IOException {
    body.reset();
    u32(body, peerAs);
    u32(body, 6447); // local AS
    u16(body, 0);
    u16(body, 1);
    u32(body, peerAddress & 0xFFFF_FFFFL);
    u32(body, 0x0A0000FEL);
    ByteArrayOutputStream w = new ByteArrayOutputStream();
    nlri(w, withdrawn);
    ByteArrayOutputStream n = new ByteArrayOutputStream();
    nlri(n, announced);
    int length = 19 + 2 + w.size() + 2 + attributes.length + n.size();
    for (int i = 0; i < 16; i++) {
      body.write(0xFF);
    }
    u16(body, length);
    body.write(2);
    u16(body, w.size());
    body.write(w.toByteArray(), 0, w.size());
    u16(body, attributes.length);
    body.write(attributes, 0, attributes.length);
    body.write(n.toByteArray(), 0, n.size());
    record(time, MrtHeader.BGP4MP, 4);
  }

  /** RFC 6396 §4.4.2 BGP4MP_STATE_CHANGE_AS4 of an IPv4 session (RFC 4271 §8.2.2 states). */
  public void stateChange(long time, long peerAs, int peerAddress, int oldState, int newState)
      throws IOException {
    body.reset();
    u32(body, peerAs);
    u32(body, 6447);
    u16(body, 0);
    u16(body, 1);
    u32(body, peerAddress & 0xFFFF_FFFFL);
    u32(body, 0x0A0000FEL);
    u16(body, oldState);
    u16(body, newState);
    record(time, MrtHeader.BGP4MP, 5);
  }

  private static void nlri(ByteArrayOutputStream o, int[] prefixes) {
    for (int i = 0; i < prefixes.length; i += 2) {
      int len = prefixes[i + 1];
      o.write(len);
      for (int k = 0; k < (len + 7) / 8; k++) {
        o.write(prefixes[i] >>> (24 - 8 * k));
      }
    }
  }

  private void record(long time, int type, int subtype) throws IOException {
    ByteArrayOutputStream h = new ByteArrayOutputStream(12);
    u32(h, time);
    u16(h, type);
    u16(h, subtype);
    u32(h, body.size());
    h.writeTo(out);
    body.writeTo(out);
  }

  private static void u16(ByteArrayOutputStream o, int v) {
    o.write(v >>> 8);
    o.write(v);
  }

  private static void u32(ByteArrayOutputStream o, long v) {
    o.write((int) (v >>> 24));
    o.write((int) (v >>> 16));
    o.write((int) (v >>> 8));
    o.write((int) v);
  }
}
