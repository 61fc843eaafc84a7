// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Metadata;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vigil.core.InputFormatException;
import org.vigil.core.Sha256;

/**
 * Reads a MaxMind DB with MaxMind's own reader and flattens every network into the table: country
 * from {@code country.iso_code} (else {@code registered_country.iso_code}, else a flat {@code
 * country_code} as ip-location-db writes), region from the first {@code subdivisions} entry (ISO
 * code as {@code CC-XX}, else its English name), AS from {@code autonomous_system_number}
 * (GeoLite2-ASN, DB-IP ASN) or a flat {@code asn}.
 */
final class MmdbGeoReader {
  private MmdbGeoReader() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static GeoTable read(Path file) throws IOException {
    GeoTable.Builder b = GeoTable.builder();
    long ranges = 0;
    long skipped = 0;
    String description;
    try (Reader reader = new Reader(file.toFile())) {
      Metadata meta = reader.getMetadata();
      description =
          meta.databaseType()
              + (meta.buildTime() == null ? "" : " built " + meta.buildTime().toString());
      Networks<Map> networks;
      try {
        networks = reader.networks(false, Map.class);
      } catch (com.maxmind.db.InvalidDatabaseException | com.maxmind.db.InvalidNetworkException e) {
        throw new InputFormatException(file.toString(), 0, null, e.getMessage());
      }
      while (networks.hasNext()) {
        DatabaseRecord<Map> rec;
        try {
          rec = networks.next();
        } catch (RuntimeException e) {
          throw new InputFormatException(
              file.toString(), 0, null, "cannot read the networks: " + e.getMessage());
        }
        Map<String, Object> data = rec.data();
        if (data == null) {
          skipped++;
          continue;
        }
        String cc = isoCode(data.get("country"));
        if (cc == null) {
          cc = isoCode(data.get("registered_country"));
        }
        if (cc == null && data.get("country_code") instanceof String s) {
          cc = s;
        }
        String region = null;
        if (data.get("subdivisions") instanceof List<?> subs && !subs.isEmpty()) {
          Object first = subs.get(0);
          String iso = isoCode(first);
          if (iso != null && cc != null) {
            region = cc.toUpperCase(java.util.Locale.ROOT) + "-" + iso;
          } else if (first instanceof Map<?, ?> m && m.get("names") instanceof Map<?, ?> names) {
            Object en = names.get("en");
            region = en instanceof String s ? s : null;
          }
        } else if (data.get("state1") instanceof String s && !s.isBlank()) {
          region = s;
        }
        long asn = number(data.get("autonomous_system_number"));
        if (asn < 0) {
          asn = number(data.get("asn"));
        }
        if (cc == null && region == null && asn < 0) {
          skipped++;
          continue;
        }
        Network net = rec.network();
        InetAddress addr = net.networkAddress();
        int len = net.prefixLength();
        byte[] a = addr.getAddress();
        if (addr instanceof Inet4Address) {
          b.addIpv4Prefix(int32(a, 0), len, cc, region, asn);
        } else if (len >= 96 && int32(a, 0) == 0 && int32(a, 4) == 0 && int32(a, 8) == 0) {
          b.addIpv4Prefix(int32(a, 12), len - 96, cc, region, asn); // IPv4 subtree at ::/96
        } else {
          long hi = ((long) int32(a, 0) << 32) | (int32(a, 4) & 0xFFFF_FFFFL);
          long lo = ((long) int32(a, 8) << 32) | (int32(a, 12) & 0xFFFF_FFFFL);
          b.addIpv6Prefix(hi, lo, len, cc, region, asn);
        }
        ranges++;
      }
    } catch (com.maxmind.db.InvalidDatabaseException e) {
      throw new InputFormatException(file.toString(), 0, null, e.getMessage());
    }
    return b.build(
        new GeoSource(
            file.getFileName().toString(),
            Sha256.of(file),
            GeoFormat.MMDB,
            ranges,
            skipped,
            description));
  }

  private static String isoCode(Object o) {
    if (o instanceof Map<?, ?> m && m.get("iso_code") instanceof String s && !s.isBlank()) {
      return s;
    }
    return null;
  }

  private static long number(Object o) {
    if (o instanceof Number n) {
      return n.longValue();
    }
    if (o instanceof String s && s.matches("(?i)(AS)?\\d{1,10}")) {
      return Long.parseLong(s.replaceFirst("(?i)^AS", ""));
    }
    return -1;
  }

  private static int int32(byte[] a, int i) {
    return ((a[i] & 0xFF) << 24)
        | ((a[i + 1] & 0xFF) << 16)
        | ((a[i + 2] & 0xFF) << 8)
        | (a[i + 3] & 0xFF);
  }
}
