// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files for tests, following the MaxMind DB File Format Specification 2.0
 * (https://maxmind.github.io/MaxMind-DB/): a binary search tree of 24-bit records over IPv6 (IPv4
 * at ::/96), 16 zero bytes, the data section, then the metadata after {@code
 * \xAB\xCD\xEFMaxMind.com}. MaxMind publishes no Java writer on Maven Central, so the reader path
 * is tested against this one.
 */
final class MmdbTestWriter {
  private static final class Node {
    Object left; // Node, Integer (data offset) or null
    Object right;
  }

  private final Node root = new Node();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private final Map<Object, Integer> dataOffsets = new HashMap<>();
  private final String databaseType;

  MmdbTestWriter(String databaseType) {
    this.databaseType = databaseType;
  }

  /** Inserts an IPv4 network (stored at ::a.b.c.d/96+len). */
  MmdbTestWriter insertIpv4(int address, int length, Map<String, Object> value) {
    byte[] bits = new byte[16];
    bits[12] = (byte) (address >>> 24);
    bits[13] = (byte) (address >>> 16);
    bits[14] = (byte) (address >>> 8);
    bits[15] = (byte) address;
    return insert(bits, 96 + length, value);
  }

  MmdbTestWriter insertIpv6(long high, long low, int length, Map<String, Object> value) {
    byte[] bits = new byte[16];
    for (int i = 0; i < 8; i++) {
      bits[i] = (byte) (high >>> (56 - 8 * i));
      bits[8 + i] = (byte) (low >>> (56 - 8 * i));
    }
    return insert(bits, length, value);
  }

  private MmdbTestWriter insert(byte[] address, int length, Map<String, Object> value) {
    int offset = dataOffsets.computeIfAbsent(value, v -> encodeData(v));
    Node n = root;
    for (int i = 0; i < length; i++) {
      boolean one = ((address[i >> 3] >> (7 - (i & 7))) & 1) != 0;
      if (i == length - 1) {
        if (one) {
          n.right = offset;
        } else {
          n.left = offset;
        }
        return this;
      }
      Object child = one ? n.right : n.left;
      Node next;
      if (child instanceof Node c) {
        next = c;
      } else {
        next = new Node();
        next.left = child; // a less specific network's data continues on both sides
        next.right = child;
        if (one) {
          n.right = next;
        } else {
          n.left = next;
        }
      }
      n = next;
    }
    throw new IllegalArgumentException("zero-length network");
  }

  private int encodeData(Object value) {
    int off = data.size();
    byte[] b = encode(value);
    data.write(b, 0, b.length);
    return off;
  }

  byte[] toBytes() {
    List<Node> nodes = new ArrayList<>();
    Map<Node, Integer> ids = new LinkedHashMap<>();
    nodes.add(root);
    ids.put(root, 0);
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      for (Object c : new Object[] {n.left, n.right}) {
        if (c instanceof Node child && !ids.containsKey(child)) {
          ids.put(child, nodes.size());
          nodes.add(child);
        }
      }
    }
    int nodeCount = nodes.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Node n : nodes) {
      write24(out, record(n.left, ids, nodeCount));
      write24(out, record(n.right, ids, nodeCount));
    }
    out.write(new byte[16], 0, 16);
    byte[] d = data.toByteArray();
    out.write(d, 0, d.length);
    byte[] marker = {
      (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
    };
    out.write(marker, 0, marker.length);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("node_count", new Uint(6, nodeCount));
    meta.put("record_size", new Uint(5, 24));
    meta.put("ip_version", new Uint(5, 6));
    meta.put("database_type", databaseType);
    meta.put("languages", List.of("en"));
    meta.put("binary_format_major_version", new Uint(5, 2));
    meta.put("binary_format_minor_version", new Uint(5, 0));
    meta.put("build_epoch", new Uint(9, 1_700_000_000L));
    meta.put("description", Map.of("en", "Vigil test database"));
    byte[] m = encode(meta);
    out.write(m, 0, m.length);
    return out.toByteArray();
  }

  private static int record(Object child, Map<Node, Integer> ids, int nodeCount) {
    if (child == null) {
      return nodeCount; // no data
    }
    if (child instanceof Node n) {
      return ids.get(n);
    }
    return nodeCount + 16 + (Integer) child;
  }

  private static void write24(ByteArrayOutputStream out, int v) {
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  /** An unsigned integer of a given MaxMind type (5 uint16, 6 uint32, 9 uint64). */
  record Uint(int type, long value) {}

  static byte[] encode(Object v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encode(v, out);
    return out.toByteArray();
  }

  private static void encode(Object v, ByteArrayOutputStream out) {
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      control(out, 2, b.length);
      out.write(b, 0, b.length);
    } else if (v instanceof Uint u) {
      int n = 0;
      for (long x = u.value; x != 0; x >>>= 8) {
        n++;
      }
      control(out, u.type, n);
      for (int i = n - 1; i >= 0; i--) {
        out.write((int) (u.value >>> (8 * i)));
      }
    } else if (v instanceof Long l) {
      encode(new Uint(6, l), out);
    } else if (v instanceof Integer i) {
      encode(new Uint(6, i), out);
    } else if (v instanceof Map<?, ?> m) {
      control(out, 7, m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        encode(e.getKey(), out);
        encode(e.getValue(), out);
      }
    } else if (v instanceof List<?> l) {
      control(out, 11, l.size());
      for (Object o : l) {
        encode(o, out);
      }
    } else {
      throw new IllegalArgumentException("cannot encode " + v);
    }
  }

  /** Control byte: type in the top 3 bits (extended types after it), size in the low 5. */
  private static void control(ByteArrayOutputStream out, int type, int size) {
    int sizeBits;
    byte[] extra;
    if (size < 29) {
      sizeBits = size;
      extra = new byte[0];
    } else if (size < 285) {
      sizeBits = 29;
      extra = new byte[] {(byte) (size - 29)};
    } else {
      int s = size - 285;
      sizeBits = 30;
      extra = new byte[] {(byte) (s >>> 8), (byte) s};
    }
    if (type <= 7) {
      out.write((type << 5) | sizeBits);
    } else {
      out.write(sizeBits);
      out.write(type - 7);
    }
    out.write(extra, 0, extra.length);
  }
}
