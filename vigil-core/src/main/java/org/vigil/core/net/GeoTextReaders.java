// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.vigil.core.InputFormatException;
import org.vigil.core.Sha256;

/** Readers for the text formats of {@link GeoFormat}; each line is checked and numbered. */
final class GeoTextReaders {
  private GeoTextReaders() {}

  private static final Pattern COUNTRY_COMMENT =
      Pattern.compile("#\\s*Country:.*\\(([A-Za-z]{2})\\)\\s*");
  private static final Pattern CC = Pattern.compile("[A-Za-z]{2}");

  /** The file's bytes as text: gunzipped if it starts with gzip's magic. */
  static InputStream openText(Path file) throws IOException {
    return openText(Files.newInputStream(file));
  }

  private static InputStream openText(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  static boolean looksLikeAddress(String s) {
    try {
      if (IpAddresses.isIpv6(s)) {
        IpAddresses.parseIpv6(s);
      } else {
        IpAddresses.parseIpv4(s);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Numbered lines of a (possibly gzipped) text file. */
  private static final class Lines implements AutoCloseable {
    final Path file;
    final BufferedReader reader;
    long lineNo;

    Lines(Path file) throws IOException {
      this.file = file;
      reader =
          new BufferedReader(
              new InputStreamReader(openText(file), StandardCharsets.UTF_8), 1 << 16);
    }

    String next() throws IOException {
      String l = reader.readLine();
      if (l != null) {
        lineNo++;
      }
      return l;
    }

    InputFormatException error(String column, String message) {
      return new InputFormatException(file.toString(), lineNo, column, message);
    }

    String sha256() throws IOException {
      return Sha256.of(file);
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }

  /** NRO / RIR statistics exchange format: {@code registry|cc|type|start|value|date|status...}. */
  static GeoTable rir(Path file) throws IOException {
    GeoTable.Builder b = GeoTable.builder();
    long ranges = 0;
    long skipped = 0;
    String description = "";
    try (Lines in = new Lines(file)) {
      boolean header = false;
      for (String line; (line = in.next()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        if (!header) {
          header = true;
          if (f.length >= 3 && f[0].matches("\\d+(\\.\\d+)?")) {
            // version|registry|serial|records|startdate|enddate|UTCoffset
            description = f[1] + " " + (f.length > 5 ? f[5] : "");
            continue;
          }
        }
        if (f.length >= 6 && "summary".equals(f[5])) {
          skipped++;
          continue;
        }
        if (f.length < 7) {
          throw in.error(null, "expected registry|cc|type|start|value|date|status, got: " + line);
        }
        String type = f[2];
        String cc = f[1];
        String status = f[6].toLowerCase(Locale.ROOT);
        boolean used = status.equals("allocated") || status.equals("assigned");
        if (!type.equals("ipv4") && !type.equals("ipv6") || !used || !CC.matcher(cc).matches()) {
          skipped++; // asn lines, available/reserved space
          continue;
        }
        try {
          if (type.equals("ipv4")) {
            long start = IpAddresses.parseIpv4(f[3]) & 0xFFFF_FFFFL;
            long count = Long.parseLong(f[4]);
            if (count <= 0 || start + count - 1 > 0xFFFF_FFFFL) {
              throw in.error("value", "bad IPv4 address count " + f[4]);
            }
            b.addIpv4(start, start + count - 1, cc, null, -1);
          } else {
            long[] a = IpAddresses.parseIpv6(f[3]);
            b.addIpv6Prefix(a[0], a[1], Integer.parseInt(f[4]), cc, null, -1);
          }
        } catch (NumberFormatException e) {
          throw in.error("value", "bad count or prefix length '" + f[4] + "'");
        } catch (IllegalArgumentException e) {
          throw in.error("start", e.getMessage());
        }
        ranges++;
      }
      return b.build(
          new GeoSource(
              file.getFileName().toString(),
              in.sha256(),
              GeoFormat.RIR_DELEGATED,
              ranges,
              skipped,
              description.trim()));
    }
  }

  /**
   * CSV ranges: {@code start,end,CC} (ip-location-db, DB-IP lite), {@code start,end,CC,REGION}, the
   * city layout {@code start,end,CC,state1,...} (region = state1), and {@code start,end,ASN[,org]}.
   * A first line that does not start with an address is a header.
   */
  static GeoTable csv(Path file) throws IOException {
    GeoTable.Builder b = GeoTable.builder();
    long ranges = 0;
    long skipped = 0;
    try (Lines in = new Lines(file)) {
      for (String line; (line = in.next()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = splitCsv(line);
        if (f.length < 3) {
          throw in.error(null, "expected start,end,CC");
        }
        String start = f[0].trim();
        String end = f[1].trim();
        if (ranges + skipped == 0 && !looksLikeAddress(start)) {
          skipped++; // header
          continue;
        }
        String third = f[2].trim();
        String cc = null;
        String region = null;
        long asn = -1;
        if (third.matches("(?i)(AS)?\\d+")) {
          asn = Long.parseLong(third.replaceFirst("(?i)^AS", ""));
        } else if (CC.matcher(third).matches()) {
          cc = third.equalsIgnoreCase("ZZ") ? null : third;
          if (f.length >= 4 && !f[3].isBlank()) {
            region = regionCode(cc, f[3].trim());
          }
        } else if (third.isEmpty() || third.equals("-")) {
          skipped++;
          continue;
        } else {
          throw in.error("3", "expected a country code or AS number, got '" + third + "'");
        }
        if (cc == null && region == null && asn < 0) {
          skipped++; // ZZ: unknown
          continue;
        }
        try {
          if (IpAddresses.isIpv6(start)) {
            long[] s = IpAddresses.parseIpv6(start);
            long[] e = IpAddresses.parseIpv6(end);
            if (Long.compareUnsigned(s[0], e[0]) > 0) {
              throw in.error("2", "range end before its start");
            }
            b.addIpv6(s[0], e[0], cc, region, asn);
          } else {
            long s = IpAddresses.parseIpv4(start) & 0xFFFF_FFFFL;
            long e = IpAddresses.parseIpv4(end) & 0xFFFF_FFFFL;
            if (s > e) {
              throw in.error("2", "range end before its start");
            }
            b.addIpv4(s, e, cc, region, asn);
          }
        } catch (IllegalArgumentException e) {
          throw in.error("1", e.getMessage());
        }
        ranges++;
      }
      return b.build(
          new GeoSource(
              file.getFileName().toString(),
              in.sha256(),
              GeoFormat.CSV_RANGES,
              ranges,
              skipped,
              ""));
    }
  }

  /** {@code KZ-75} stays; {@code 75} with country KZ becomes {@code KZ-75}; names stay names. */
  static String regionCode(String cc, String region) {
    if (region.length() >= 4
        && region.charAt(2) == '-'
        && CC.matcher(region.substring(0, 2)).matches()) {
      return region.toUpperCase(Locale.ROOT);
    }
    return region;
  }

  private static String[] splitCsv(String line) {
    if (line.indexOf('"') < 0) {
      return line.split(",", -1);
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          sb.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out.toArray(new String[0]);
  }

  /**
   * CAIDA pfx2as: {@code prefix<TAB>length<TAB>asns}; a multi-origin prefix lists {@code a_b} and
   * an AS set {@code a,b}: the first AS named is taken.
   */
  static GeoTable pfx2as(Path file) throws IOException {
    GeoTable.Builder b = GeoTable.builder();
    long ranges = 0;
    long skipped = 0;
    try (Lines in = new Lines(file)) {
      for (String line; (line = in.next()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 3) {
          throw in.error(null, "expected prefix<TAB>length<TAB>AS");
        }
        int len;
        long asn;
        try {
          len = Integer.parseInt(f[1].trim());
          String first = f[2].trim().split("[_,]", 2)[0];
          asn = Long.parseLong(first);
        } catch (NumberFormatException e) {
          throw in.error(null, "bad length or AS: " + line);
        }
        if (asn < 0 || asn > 0xFFFF_FFFFL) {
          throw in.error("3", "AS number out of range");
        }
        try {
          if (IpAddresses.isIpv6(f[0])) {
            long[] a = IpAddresses.parseIpv6(f[0].trim());
            b.addIpv6Prefix(a[0], a[1], len, null, null, asn);
          } else {
            b.addIpv4Prefix(IpAddresses.parseIpv4(f[0].trim()), len, null, null, asn);
          }
        } catch (IllegalArgumentException e) {
          throw in.error("1", e.getMessage());
        }
        ranges++;
      }
      return b.build(
          new GeoSource(
              file.getFileName().toString(), in.sha256(), GeoFormat.PFX2AS, ranges, skipped, ""));
    }
  }

  /** One CIDR per line, all of {@code country} (or the country its comments or name give). */
  static GeoTable cidrList(Path file, String country) throws IOException {
    String cc = country;
    GeoTable.Builder b = GeoTable.builder();
    long ranges = 0;
    try (Lines in = new Lines(file)) {
      for (String line; (line = in.next()) != null; ) {
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("#")) {
          Matcher m = COUNTRY_COMMENT.matcher(t);
          if (cc == null && m.matches()) {
            cc = m.group(1);
          }
          continue;
        }
        if (cc == null) {
          cc = countryFromName(file);
        }
        if (cc == null || !CC.matcher(cc).matches()) {
          throw in.error(
              null,
              "which country is this list of? Name it (--country CC) or call the file CC.cidr");
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
          throw in.error(null, "expected a prefix like 192.0.2.0/24, got '" + t + "'");
        }
        try {
          int len = Integer.parseInt(t.substring(slash + 1));
          if (IpAddresses.isIpv6(t)) {
            long[] a = IpAddresses.parseIpv6(t, 0, slash);
            b.addIpv6Prefix(a[0], a[1], len, cc, null, -1);
          } else {
            b.addIpv4Prefix(IpAddresses.parseIpv4(t, 0, slash), len, cc, null, -1);
          }
        } catch (IllegalArgumentException e) {
          throw in.error(null, e.getMessage());
        }
        ranges++;
      }
      return b.build(
          new GeoSource(
              file.getFileName().toString(),
              in.sha256(),
              GeoFormat.CIDR_LIST,
              ranges,
              0,
              cc == null ? "" : "country " + cc.toUpperCase(Locale.ROOT)));
    }
  }

  private static String countryFromName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    String stem = dot < 0 ? name : name.substring(0, dot);
    return CC.matcher(stem).matches() ? stem : null;
  }
}
