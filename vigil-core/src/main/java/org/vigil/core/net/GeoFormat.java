// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The formats a {@link GeoTable} is read from; {@link #detect} tells them apart by content. */
public enum GeoFormat {
  /**
   * RIR statistics, {@code delegated-<rir>-extended-latest} or {@code delegated-<rir>-latest}
   * (NRO's {@code registry|cc|type|start|value|date|status[|opaque-id]}): a country per range.
   */
  RIR_DELEGATED,
  /**
   * CSV ranges {@code start,end,CC} as published by ip-location-db and DB-IP ({@code
   * start,end,CC,REGION} and the city layout {@code start,end,CC,state,...} give regions; {@code
   * start,end,ASN[,org]} gives origin ASes).
   */
  CSV_RANGES,
  /** A MaxMind DB ({@code .mmdb}): GeoLite2/GeoIP2 or DB-IP Country, City or ASN. */
  MMDB,
  /** CAIDA RouteViews prefix-to-AS ({@code prefix<TAB>length<TAB>asn}, MOAS {@code a_b}). */
  PFX2AS,
  /** One CIDR prefix per line, all of one country (ipverse, herrbischoff country-ip-blocks). */
  CIDR_LIST,
  /** Vigil's own binary form ({@link GeoTable#save}). */
  VIGIL;

  static final byte[] MMDB_MARKER = {
    (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
  };

  /**
   * Tells the format of a file from its content (gzip-compressed text is looked into).
   *
   * @throws IllegalArgumentException if it is none of them
   */
  public static GeoFormat detect(Path file) throws IOException {
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n == 8 && new String(head, StandardCharsets.ISO_8859_1).equals(GeoTable.MAGIC)) {
      return VIGIL;
    }
    if (hasMmdbMarker(file)) {
      return MMDB;
    }
    try (InputStream in = GeoTextReaders.openText(file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int seen = 0;
      while ((line = r.readLine()) != null && seen < 50) {
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        seen++;
        if (t.indexOf('|') >= 0) {
          return RIR_DELEGATED;
        }
        String[] tab = t.split("\t");
        if (tab.length == 3 && tab[1].matches("\\d{1,3}")) {
          return PFX2AS;
        }
        if (t.indexOf(',') >= 0) {
          String first = t.substring(0, t.indexOf(',')).trim();
          if (GeoTextReaders.looksLikeAddress(first)) {
            return CSV_RANGES;
          }
          continue; // a header line
        }
        if (t.indexOf('/') > 0 && GeoTextReaders.looksLikeAddress(t.substring(0, t.indexOf('/')))) {
          return CIDR_LIST;
        }
      }
    }
    throw new IllegalArgumentException(
        file
            + ": not a geolocation file Vigil knows (RIR delegated statistics, CSV ranges"
            + " start,end,CC, a MaxMind .mmdb, CAIDA pfx2as, or a CIDR list)");
  }

  private static boolean hasMmdbMarker(Path file) throws IOException {
    // MaxMind DB spec: the metadata section starts after the last "\xAB\xCD\xEFMaxMind.com",
    // within the last 128 KiB of the file.
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      int tail = (int) Math.min(len, 128 * 1024);
      byte[] b = new byte[tail];
      raf.seek(len - tail);
      raf.readFully(b);
      outer:
      for (int i = tail - MMDB_MARKER.length; i >= 0; i--) {
        for (int j = 0; j < MMDB_MARKER.length; j++) {
          if (b[i + j] != MMDB_MARKER[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }
  }
}
