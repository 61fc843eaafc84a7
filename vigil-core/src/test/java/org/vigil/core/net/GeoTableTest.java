// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.EntityRegistry;
import org.vigil.core.InputFormatException;

class GeoTableTest {
  static Path shared(String relative) {
    Path p = Path.of(System.getProperty("vigil.shared.data", "../../shared/data"), relative);
    assumeTrue(Files.isRegularFile(p), "missing shared data file " + p);
    return p;
  }

  static final Path RIR = Path.of("rir-delegated-ripencc-2014/delegated-ripencc-20140630-KZ.txt");

  @Test
  void readsRirStatisticsAndAgreesWithALineByLineScan() throws Exception {
    Path file = shared(RIR.toString());
    assertThat(GeoFormat.detect(file)).isEqualTo(GeoFormat.RIR_DELEGATED);
    GeoTable t = GeoTable.read(file);
    // Independent reading: ranges of the ipv4 lines, straight from the text.
    List<long[]> v4 = new ArrayList<>();
    int v6 = 0;
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\\|");
      if (f.length >= 7 && f[2].equals("ipv4") && !f[1].equals("*")) {
        long s = IpAddresses.parseIpv4(f[3]) & 0xFFFF_FFFFL;
        v4.add(new long[] {s, s + Long.parseLong(f[4]) - 1});
      } else if (f.length >= 7 && f[2].equals("ipv6") && !f[1].equals("*")) {
        v6++;
      }
    }
    assertThat(t.sources()).hasSize(1);
    GeoSource src = t.sources().get(0);
    assertThat(src.ranges()).isEqualTo(v4.size() + v6);
    assertThat(src.sha256()).hasSize(64);
    assertThat(src.description()).startsWith("ripencc");
    SplittableRandom rnd = new SplittableRandom(3);
    for (long[] r : v4) {
      for (long a : new long[] {r[0], r[1], rnd.nextLong(r[0], r[1] + 1)}) {
        assertThat(t.country(t.recordIpv4((int) a))).isEqualTo("KZ");
      }
    }
    for (int i = 0; i < 5000; i++) {
      long a = rnd.nextLong(0, 1L << 32);
      boolean inside = v4.stream().anyMatch(r -> r[0] <= a && a <= r[1]);
      assertThat(t.country(t.recordIpv4((int) a))).isEqualTo(inside ? "KZ" : null);
    }
    long[] kazakhtelecomV6 = IpAddresses.parseIpv6("2a00:1a08::");
    assertThat(t.country(t.recordIpv6(kazakhtelecomV6[0] + 5))).isEqualTo("KZ");
  }

  @Test
  void readsPfx2asAndMatchesANaiveLongestPrefixMatch() throws Exception {
    Path file = shared("caida-pfx2as/routeviews-rv2-20160202-1200.pfx2as.gz");
    assertThat(GeoFormat.detect(file)).isEqualTo(GeoFormat.PFX2AS);
    GeoTable t = GeoTable.read(file);
    // naive: a hash map per prefix length, looked up from /32 down
    List<Map<Integer, Long>> byLength = new ArrayList<>();
    for (int i = 0; i <= 32; i++) {
      byLength.add(new HashMap<>());
    }
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("\t");
        int len = Integer.parseInt(f[1]);
        int a = IpAddresses.parseIpv4(f[0]) & IpAddresses.ipv4Mask(len);
        byLength.get(len).put(a, Long.parseLong(f[2].split("[_,]")[0]));
      }
    }
    assertThat(t.asn(t.recordIpv4(IpAddresses.parseIpv4("1.0.0.1")))).isEqualTo(15169);
    assertThat(t.asn(t.recordIpv4(IpAddresses.parseIpv4("1.2.4.9")))).isEqualTo(24151); // MOAS
    SplittableRandom rnd = new SplittableRandom(5);
    List<Integer> samples = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      samples.add(rnd.nextInt());
    }
    for (Map<Integer, Long> m : byLength) { // and addresses inside known prefixes
      m.keySet().stream().limit(200).forEach(a -> samples.add(a + rnd.nextInt(0, 256)));
    }
    for (int a : samples) {
      long expect = -1;
      for (int len = 32; len >= 0 && expect < 0; len--) {
        Long as = byLength.get(len).get(a & IpAddresses.ipv4Mask(len));
        if (as != null) {
          expect = as;
        }
      }
      assertThat(t.asn(t.recordIpv4(a))).as(IpAddresses.formatIpv4(a)).isEqualTo(expect);
    }
  }

  @Test
  void readsCidrListsWithTheCountryFromTheCommentOrTheName() throws Exception {
    Path ipverse = shared("kz-country-prefixes/ipv4-aggregated.txt");
    Path cidr6 = shared("kz-country-prefixes/kz.ipv6.cidr");
    assertThat(GeoFormat.detect(ipverse)).isEqualTo(GeoFormat.CIDR_LIST);
    GeoTable a = GeoTable.read(ipverse);
    GeoTable b = GeoTable.read(cidr6);
    assertThat(a.country(a.recordIpv4(IpAddresses.parseIpv4("2.72.1.1")))).isEqualTo("KZ");
    assertThat(a.sources().get(0).description()).isEqualTo("country KZ");
    assertThat(b.country(b.recordIpv6(IpAddresses.parseIpv6("2a00:1a08:1::")[0]))).isEqualTo("KZ");
    long lines =
        Files.readAllLines(ipverse).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .count();
    assertThat(a.sources().get(0).ranges()).isEqualTo(lines);
  }

  @Test
  void readsCsvRangesWithHeaderRegionsAndAsns(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("ranges.csv");
    Files.writeString(
        csv,
        "ip_range_start,ip_range_end,country_code,region\n"
            + "2.72.0.0,2.79.255.255,KZ,\n"
            + "2.72.0.0,2.72.0.255,KZ,KZ-75\n"
            + "\"5.34.0.0\",\"5.34.127.255\",kz,Almaty\n"
            + "2a00:1a08::,2a00:1a08:ffff:ffff:ffff:ffff:ffff:ffff,KZ,\n"
            + "10.0.0.0,10.0.0.255,ZZ,\n");
    Path asn = dir.resolve("asn.csv");
    Files.writeString(asn, "2.72.0.0,2.79.255.255,29355,Kcell\n");
    assertThat(GeoFormat.detect(csv)).isEqualTo(GeoFormat.CSV_RANGES);
    GeoTable t = GeoTable.read(csv);
    GeoTable u = GeoTable.read(asn);
    int r = t.recordIpv4(IpAddresses.parseIpv4("2.72.0.9"));
    assertThat(t.country(r)).isEqualTo("KZ");
    assertThat(t.region(r)).isEqualTo("KZ-75");
    int s = t.recordIpv4(IpAddresses.parseIpv4("2.72.1.9"));
    assertThat(t.region(s)).isNull();
    assertThat(t.region(t.recordIpv4(IpAddresses.parseIpv4("5.34.1.1")))).isEqualTo("Almaty");
    assertThat(t.recordIpv4(IpAddresses.parseIpv4("10.0.0.1"))).isEqualTo(GeoTable.NONE);
    assertThat(t.sources().get(0).skipped()).isEqualTo(2); // header and ZZ
    GeoTable both = GeoTable.overlay(List.of(t, u));
    int q = both.recordIpv4(IpAddresses.parseIpv4("2.72.0.9"));
    assertThat(both.country(q)).isEqualTo("KZ");
    assertThat(both.region(q)).isEqualTo("KZ-75");
    assertThat(both.asn(q)).isEqualTo(29355);
    assertThat(both.asn(both.recordIpv4(IpAddresses.parseIpv4("2.80.0.0")))).isEqualTo(-1);
    assertThat(both.sources()).hasSize(2);
  }

  @Test
  void reportsTheLineOfABadCsvRow(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "1.0.0.0,1.0.0.255,AU\n1.0.1.0,1.0.300.255,AU\n");
    assertThatThrownBy(() -> GeoTable.read(csv, GeoFormat.CSV_RANGES, null))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void readsAMaxMindDatabaseThroughMaxMindsReader(@TempDir Path dir) throws Exception {
    Map<String, Object> kzAlmaty =
        Map.of(
            "country", Map.of("iso_code", "KZ", "names", Map.of("en", "Kazakhstan")),
            "subdivisions", List.of(Map.of("iso_code", "ALA", "names", Map.of("en", "Almaty"))));
    Map<String, Object> kz = Map.of("country", Map.of("iso_code", "KZ"));
    Map<String, Object> registeredOnly = Map.of("registered_country", Map.of("iso_code", "RU"));
    Map<String, Object> asn = Map.of("autonomous_system_number", 9198L);
    byte[] db =
        new MmdbTestWriter("GeoLite2-City")
            .insertIpv4(IpAddresses.parseIpv4("2.72.0.0"), 13, kz)
            .insertIpv4(IpAddresses.parseIpv4("2.72.4.0"), 22, kzAlmaty)
            .insertIpv4(IpAddresses.parseIpv4("95.56.0.0"), 16, registeredOnly)
            .insertIpv4(IpAddresses.parseIpv4("92.46.0.0"), 17, asn)
            .insertIpv6(0x2a00_1a08_0000_0000L, 0, 32, kzAlmaty)
            .toBytes();
    Path file = dir.resolve("test.mmdb");
    Files.write(file, db);
    assertThat(GeoFormat.detect(file)).isEqualTo(GeoFormat.MMDB);
    GeoTable t = GeoTable.read(file);
    int r = t.recordIpv4(IpAddresses.parseIpv4("2.72.5.1"));
    assertThat(t.country(r)).isEqualTo("KZ");
    assertThat(t.region(r)).isEqualTo("KZ-ALA");
    assertThat(t.region(t.recordIpv4(IpAddresses.parseIpv4("2.73.0.1")))).isNull();
    assertThat(t.country(t.recordIpv4(IpAddresses.parseIpv4("2.73.0.1")))).isEqualTo("KZ");
    assertThat(t.country(t.recordIpv4(IpAddresses.parseIpv4("95.56.1.1")))).isEqualTo("RU");
    assertThat(t.asn(t.recordIpv4(IpAddresses.parseIpv4("92.46.1.1")))).isEqualTo(9198);
    assertThat(t.recordIpv4(IpAddresses.parseIpv4("2.80.0.1"))).isEqualTo(GeoTable.NONE);
    assertThat(t.region(t.recordIpv6(0x2a00_1a08_0001_0000L))).isEqualTo("KZ-ALA");
    assertThat(t.sources().get(0).description()).startsWith("GeoLite2-City");
    // the reader walks the tree's leaves: the /13 comes back cut around the /22 inside it
    assertThat(t.sources().get(0).ranges()).isGreaterThanOrEqualTo(5);
    // and through the resolver, with ISO names
    EntityRegistry registry = EntityRegistry.fromDirectory(EntityRegistry.DEBIAN_ISO_CODES);
    IpEntityResolver resolver = IpEntityResolver.of(t, registry);
    assertThat(resolver.countryOfIpv4(IpAddresses.parseIpv4("2.72.5.1")).name())
        .isEqualTo("Kazakhstan");
    assertThat(resolver.regionOfIpv4(IpAddresses.parseIpv4("2.72.5.1")).key())
        .isEqualTo("region/KZ-ALA");
    assertThat(resolver.asnOfIpv4(IpAddresses.parseIpv4("92.46.1.1")).key()).isEqualTo("asn/9198");
    assertThat(resolver.countryOfIpv4(IpAddresses.parseIpv4("2.80.0.1"))).isNull();
  }

  @Test
  void refusesADamagedOrForeignSavedTable(@TempDir Path dir) throws Exception {
    GeoTable t = GeoTable.read(shared(RIR.toString()));
    Path f = dir.resolve("kz.vgeo");
    t.save(f);
    assertThat(GeoFormat.detect(f)).isEqualTo(GeoFormat.VIGIL);
    assertThat(GeoTable.read(f).sources()).isEqualTo(t.sources());
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 0x40;
    Path damaged = dir.resolve("damaged.vgeo");
    Files.write(damaged, b);
    assertThatThrownBy(() -> GeoTable.load(damaged)).isInstanceOf(InputFormatException.class);
    Path cut = dir.resolve("cut.vgeo");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(f), 100));
    assertThatThrownBy(() -> GeoTable.load(cut))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> GeoTable.load(shared(RIR.toString())))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void resolverWithoutRegistryUsesCodesAsNames() throws Exception {
    GeoTable t = GeoTable.read(shared(RIR.toString()));
    IpEntityResolver r = IpEntityResolver.of(t, null);
    assertThat(r.countries()).hasSize(1);
    assertThat(r.countries().get(0).key()).isEqualTo("country/KZ");
    assertThat(r.countryIndex(t.recordIpv4(IpAddresses.parseIpv4("2.72.0.1")))).isZero();
  }

  @Test
  void loadsADirectoryOfSavedTablesMostPreciseFirst(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("city.csv");
    Files.writeString(csv, "2.72.0.0,2.72.0.255,UZ,UZ-TO\n"); // deliberately disagrees with RIR
    Path geo = dir.resolve("geo");
    assertThat(GeoTable.loadDirectory(geo)).isNull();
    GeoTable.read(shared(RIR.toString())).save(geo.resolve("a-ripencc" + GeoTable.EXTENSION));
    GeoTable.read(csv).save(geo.resolve("z-city" + GeoTable.EXTENSION));
    GeoTable t = GeoTable.loadDirectory(geo);
    assertThat(t.sources())
        .extracting(GeoSource::format)
        .containsExactly(GeoFormat.CSV_RANGES, GeoFormat.RIR_DELEGATED);
    assertThat(t.country(t.recordIpv4(IpAddresses.parseIpv4("2.72.0.1")))).isEqualTo("UZ");
    assertThat(t.country(t.recordIpv4(IpAddresses.parseIpv4("2.72.1.1")))).isEqualTo("KZ");
  }
}
