// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.series.SeriesImportSpec.Aggregate;

/** Imports of Monash IP Observatory files: the real border-regions file and a synthetic one. */
class MonashImportTest {
  static final EntityRegistry REGISTRY =
      EntityRegistry.fromDirectory(Path.of("/usr/share/iso-codes/json"));

  static final Path BORDER_REGIONS =
      Path.of(
          System.getProperty("vigil.shared.data", "../../shared/data"),
          "monash-ip-observatory",
          "ukr-2022-01-18_border-regions.csv");

  static final long DEC_1_0300Z = 1_638_327_600L; // 2021-12-01T03:00:00Z
  static final long JAN_17_2100Z = 1_642_453_200L; // 2022-01-17T21:00:00Z
  static final int THREE_HOURS = 10_800;

  static SeriesImportSpec borderRegionsSpec() {
    // vigil ingest series FILE --signal index.latency --entity-type region
    //   --entity-column adm1_unique_identifier --country-column country_iso_three_char_code
    //   --name-column adm1_name --time-column time_local --time-format 'dd-MMM-yyyy HH:mm:ss'
    //   --timezone-column timezone_name --value-column latency_indx
    return SeriesImportSpec.builder()
        .signal("index.latency")
        .entityColumn(EntityType.REGION, "adm1_unique_identifier")
        .countryColumn("country_iso_three_char_code")
        .nameColumn("adm1_name")
        .timeColumn("time_local")
        .timeFormat(TimeFormat.parse("dd-MMM-yyyy HH:mm:ss"))
        .timezoneColumn("timezone_name")
        .valueColumn("latency_indx")
        .build();
  }

  @Test
  void importsBorderRegionsFileWithPerRowTimezones() throws Exception {
    ImportResult r = SeriesReader.read(BORDER_REGIONS, borderRegionsSpec(), REGISTRY);

    assertThat(r.rows()).isEqualTo(3830);
    assertThat(r.stepSeconds()).isEqualTo(THREE_HOURS);
    assertThat(r.notes()).contains("step inferred: 3h (the most common interval between times)");
    // Every region starts at 06:00 Moscow / 05:00 Kyiv local, which is the same UTC instant.
    assertThat(r.firstTime()).isEqualTo(DEC_1_0300Z);
    assertThat(r.lastTime()).isEqualTo(JAN_17_2100Z);

    List<Entity> regions =
        r.series().keySet().stream()
            .map(SignalKey::entity)
            .filter(e -> e.type() == EntityType.REGION)
            .collect(Collectors.toList());
    assertThat(regions).hasSize(10);
    // The source's own ids become CC:ID areas; "Sevastopol'" is matched to ISO's UA-40 by name.
    assertThat(regions.stream().map(Entity::key))
        .containsExactly(
            "region/RU:RUS-42",
            "region/RU:RUS-63",
            "region/RU:RUS-8",
            "region/RU:RUS-86",
            "region/RU:RUS-9",
            "region/UA:UKR-11",
            "region/UA:UKR-15",
            "region/UA-40",
            "region/UA:UKR-4",
            "region/UA:UKR-6");
    assertThat(regions.get(0).name()).isEqualTo("Kursk");
    assertThat(regions.get(5).name()).isEqualTo("Kiev City");
    assertThat(regions.get(5).country()).isEqualTo("UA");

    for (SignalKey key : r.series().keySet()) {
      TimeSeries s = r.series().get(key);
      assertThat(key.signal()).isEqualTo("index.latency");
      assertThat(s.step()).isEqualTo(THREE_HOURS);
      assertThat(s.start()).as(key.toString()).isEqualTo(DEC_1_0300Z);
      assertThat(s.length()).as(key.toString()).isEqualTo(383);
      assertThat(s.presentCount()).as(key.toString()).isEqualTo(383);
    }
  }

  @Test
  void convertsLocalTimesToUtcPerRow() throws Exception {
    ImportResult r = SeriesReader.read(BORDER_REGIONS, borderRegionsSpec(), REGISTRY);
    TimeSeries kursk = r.find("region/RU:RUS-42").orElseThrow();
    TimeSeries kyiv = r.find("region/UA:UKR-11").orElseThrow();
    TimeSeries crimea = r.find("region/UA:UKR-4").orElseThrow();
    TimeSeries luhansk = r.find("region/UA:UKR-15").orElseThrow();

    // Checked by hand against the file (MSK = UTC+3 all year; Kyiv and Zaporozhye EET = UTC+2 in
    // winter; Simferopol on Moscow time since 2014):
    // line 2 "RUS,...,Kursk,RUS-42,3,Europe/Moscow,01-Dec-2021 06:00:00,100.8" -> 03:00Z
    assertThat(kursk.value(kursk.indexOf(DEC_1_0300Z))).isEqualTo(100.8);
    // line 384 "...Kursk,...,18-Jan-2022 00:00:00,99" -> 2022-01-17T21:00Z, the last bin
    assertThat(kursk.value(kursk.indexOf(JAN_17_2100Z))).isEqualTo(99.0);
    assertThat(kursk.indexOf(JAN_17_2100Z)).isEqualTo(382);
    // line 325 "...Kursk,...,10-Jan-2022 15:00:00,99" -> 2022-01-10T12:00Z
    long jan10Noon = 1_641_816_000L;
    assertThat(kursk.value(kursk.indexOf(jan10Noon))).isEqualTo(99.0);
    // line 2240 "UKR,Ukraine,Kiev City,UKR-11,2,Europe/Kiev,10-Jan-2022 14:00:00,99.7" -> 12:00Z
    assertThat(kyiv.value(kyiv.indexOf(jan10Noon))).isEqualTo(99.7);
    // "UKR,...,Kiev City,...,01-Dec-2021 05:00:00,103.7" -> 03:00Z
    assertThat(kyiv.value(0)).isEqualTo(103.7);
    // "UKR,Ukraine,Crimea,UKR-4,3,Europe/Simferopol,01-Dec-2021 06:00:00,100.7" -> 03:00Z
    assertThat(crimea.value(0)).isEqualTo(100.7);
    // "UKR,...,Luhans'k,UKR-15,2,Europe/Zaporozhye,01-Dec-2021 05:00:00,103.4" -> 03:00Z
    assertThat(luhansk.value(0)).isEqualTo(103.4);
    // 01-Dec 08:00 Kyiv -> 06:00Z, the second bin
    assertThat(kyiv.value(1)).isEqualTo(102.2);
  }

  @Test
  void rollsBorderRegionsUpIntoUkraineAndRussia() throws Exception {
    ImportResult r = SeriesReader.read(BORDER_REGIONS, borderRegionsSpec(), REGISTRY);
    TimeSeries ua = r.find("country/UA").orElseThrow();
    TimeSeries ru = r.find("country/RU").orElseThrow();
    assertThat(r.series()).hasSize(12);
    assertThat(ua.start()).isEqualTo(DEC_1_0300Z);
    assertThat(ua.length()).isEqualTo(383);
    // Mean of the five regions at 2021-12-01T03:00Z: (103.7 + 103.4 + 101.6 + 100.7 + 102.3) / 5
    assertThat(ua.value(0)).isCloseTo(102.34, within(1e-9));
    // (100.8 + 101.2 + 103.3 + 100.9 + 101.5) / 5
    assertThat(ru.value(0)).isCloseTo(101.54, within(1e-9));
    // At 2022-01-10T12:00Z: RU 99.0, 99.5, 99.7, 100.4, 100.6; UA 99.7, 99.7, 99.2, 99.9, 100.0
    int i = ua.indexOf(1_641_816_000L);
    assertThat(ru.value(i)).isCloseTo((99.0 + 99.5 + 99.7 + 100.4 + 100.6) / 5, within(1e-9));
    assertThat(ua.value(i)).isCloseTo((99.7 + 99.7 + 99.2 + 99.9 + 100.0) / 5, within(1e-9));
    assertThat(r.notes())
        .contains(
            "regions rolled up into countries by mean of their regions: RU (5 regions), UA (5"
                + " regions)");
    assertThat(
            r.series().keySet().stream()
                .filter(k -> k.entity().type() == EntityType.COUNTRY)
                .map(k -> k.entity().name()))
        .containsExactly("Russian Federation", "Ukraine");
  }

  @Test
  void readsTheSameFileGzippedFromAStream() throws Exception {
    byte[] plain = java.nio.file.Files.readAllBytes(BORDER_REGIONS);
    ImportResult fromFile = SeriesReader.read(BORDER_REGIONS, borderRegionsSpec(), REGISTRY);
    try (InputStream in = new java.io.ByteArrayInputStream(TestFiles.gzip(plain))) {
      ImportResult fromGzip =
          SeriesReader.read(in, "border-regions.csv.gz", borderRegionsSpec(), REGISTRY);
      assertThat(fromGzip.series()).isEqualTo(fromFile.series());
      assertThat(fromGzip.notes()).contains("gzip-compressed (recognised by its first bytes)");
    }
  }

  /**
   * The fixture is synthetic: shaped like the Monash IP Observatory's regional connectivity files
   * (one row per county and hour, epoch seconds), with values made up so that sums check by hand.
   * See src/test/resources/series/README.md.
   */
  @Test
  void sumsCountiesIntoRegionsAndRegionsIntoTheCountry() throws Exception {
    SeriesImportSpec spec =
        SeriesImportSpec.builder()
            .signal("probe.connectivity")
            .entityColumn(EntityType.REGION, "id_1")
            .countryColumn("iso")
            .nameColumn("name_1")
            .timeColumn("time_e")
            .timeFormat(TimeFormat.epoch())
            .valueColumn("connectivity")
            .aggregate(Aggregate.SUM)
            .build();
    ImportResult r;
    try (InputStream in = TestFiles.resource("series/monash-regional-synthetic.csv")) {
      r = SeriesReader.read(in, "monash-regional-synthetic.csv", spec, REGISTRY);
    }
    long t0 = 1_641_340_800L; // 2022-01-05T00:00Z
    assertThat(r.rows()).isEqualTo(19);
    assertThat(r.stepSeconds()).isEqualTo(3600);
    assertThat(r.firstTime()).isEqualTo(t0);
    assertThat(r.lastTime()).isEqualTo(t0 + 3 * 3600);
    // "Almaty" is ISO's KZ-ALA by name; "Aqmola" is not an ISO name, so it keeps the source's id.
    assertThat(r.series().keySet().stream().map(SignalKey::toString))
        .containsExactly(
            "region/KZ-ALA:probe.connectivity",
            "region/KZ:KAZ.2_1:probe.connectivity",
            "country/KZ:probe.connectivity");
    // Almaty: three counties; at 02:00 one county is empty (a gap), so two are summed.
    assertThat(r.find("region/KZ-ALA").orElseThrow())
        .isEqualTo(TimeSeries.of(t0, 3600, new double[] {600, 610, 90, 630}));
    // Aqmola: two counties; at 03:00 one county has no row.
    assertThat(r.find("region/KZ:KAZ.2_1").orElseThrow())
        .isEqualTo(TimeSeries.of(t0, 3600, new double[] {30, 33, 2, 11}));
    assertThat(r.find("country/KZ").orElseThrow())
        .isEqualTo(TimeSeries.of(t0, 3600, new double[] {630, 643, 92, 641}));
    assertThat(r.notes())
        .contains(
            "1 empty value (empty, NA, NaN or null) was read as a gap",
            // 11 values in Almaty's bins, 6 in Aqmola's (its 03:00 row is alone)
            "17 rows shared a bin with other rows of the same entity and were combined by sum");
  }
}
