// SPDX-License-Identifier: Apache-2.0
package org.vigil.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.store.AlertRecord;
import org.vigil.store.EventQuery;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.MeasurementRecord;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalEventRecord;
import org.vigil.store.SignalStore;
import org.vigil.store.SignalStore.DetectorSnapshot;
import org.vigil.store.SignalStore.RollUp;
import org.vigil.store.StoreException;
import org.vigil.store.StoredEvent;

class DuckDbSignalStoreTest {
  static final Entity KZ = new Entity(EntityType.COUNTRY, "KZ", "Kazakhstan", "KZ");
  static final Entity ALMATY = new Entity(EntityType.REGION, "KZ-75", "Almaty", "KZ");
  static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
  static final long T0 = 1_641_340_800L; // 2022-01-05T00:00:00Z

  @TempDir Path dir;

  static InputFile input(String sha) {
    return new InputFile(0, sha, 100, "series/csv", "r", "x.csv", null, 3, null);
  }

  @Test
  void ingestsReadsBackWithGapsAndCataloguesTheFile() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      assertThat(store.schemaVersion()).isEqualTo(4);
      TimeSeries s = TimeSeries.of(T0, 300, new double[] {1, Double.NaN, 3});
      IngestOutcome out =
          store.ingestSeries(input("aa"), Map.of(new SignalKey(KZ, "traffic.total"), s));
      assertThat(out.alreadyPresent()).isFalse();
      assertThat(out.points()).isEqualTo(2);
      assertThat(out.input().ingestedAt()).isEqualTo(CLOCK.instant());
      SeriesInfo info = store.series().get(0);
      assertThat(info.key()).isEqualTo(new SignalKey(KZ, "traffic.total"));
      assertThat(info.dirtyFrom()).isEqualTo(T0);
      assertThat(store.timeRange(info.id())).containsExactly(T0, T0 + 600);
      assertThat(store.readSeries(info.id(), T0 - 300, T0 + 900).values())
          .containsExactly(Double.NaN, 1, Double.NaN, 3);
      assertThat(store.inputs()).extracting(InputFile::sha256).containsExactly("aa");
    }
  }

  @Test
  void reingestingTheSameBytesIsANoOp() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      Map<SignalKey, TimeSeries> m =
          Map.of(new SignalKey(KZ, "traffic.total"), TimeSeries.of(T0, 300, new double[] {1}));
      store.ingestSeries(input("aa"), m);
      IngestOutcome again = store.ingestSeries(input("aa"), m);
      assertThat(again.alreadyPresent()).isTrue();
      assertThat(again.input().id()).isEqualTo(1);
      assertThat(store.inputs()).hasSize(1);
    }
  }

  @Test
  void theSameBytesWithAnotherRecipeAreAnotherInput() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      store.ingestSeries(
          input("aa"),
          Map.of(new SignalKey(KZ, "traffic.requests"), TimeSeries.of(T0, 300, new double[] {1})));
      InputFile other = new InputFile(0, "aa", 100, "series/csv", "r2", "x.csv", null, 3, null);
      IngestOutcome out =
          store.ingestSeries(
              other,
              Map.of(new SignalKey(KZ, "traffic.bytes"), TimeSeries.of(T0, 300, new double[] {9})));
      assertThat(out.alreadyPresent()).isFalse();
      assertThat(store.findInputs("aa")).hasSize(2);
      assertThat(store.findInput("aa", "r2")).isPresent();
      assertThat(store.series()).hasSize(2);
    }
  }

  static final Entity NUR_SULTAN = new Entity(EntityType.REGION, "KZ-71", "Nur-Sultan", "KZ");

  @Test
  void regionsInSeparateFilesRollUpIntoOneCountrySeries() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      store.ingestSeries(
          input("a"),
          Map.of(
              new SignalKey(ALMATY, "traffic.requests"),
              TimeSeries.of(T0, 300, new double[] {1, 2})),
          RollUp.sum(Map.of("KZ", KZ)),
          p -> {});
      store.ingestSeries(
          input("b"),
          Map.of(
              new SignalKey(NUR_SULTAN, "traffic.requests"),
              TimeSeries.of(T0 + 300, 300, new double[] {10, 20})),
          RollUp.sum(Map.of("KZ", KZ)),
          p -> {});
      SeriesInfo kz =
          store.series().stream().filter(s -> s.entity().equals(KZ)).findFirst().orElseThrow();
      assertThat(store.readSeries(kz.id(), T0, T0 + 900).values()).containsExactly(1, 12, 20);
      assertThat(store.seriesInputs().stream().filter(s -> s.seriesId() == kz.id()))
          .extracting(SignalStore.SeriesInput::inputId)
          .containsExactly(1L, 2L);
    }
  }

  @Test
  void aRollUpNeverOverwritesADirectlyImportedCountrySeries() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      store.ingestSeries(
          input("a"),
          Map.of(
              new SignalKey(KZ, "traffic.requests"), TimeSeries.of(T0, 300, new double[] {1000})));
      assertThatThrownBy(
              () ->
                  store.ingestSeries(
                      input("b"),
                      Map.of(
                          new SignalKey(ALMATY, "traffic.requests"),
                          TimeSeries.of(T0, 300, new double[] {5})),
                      RollUp.sum(Map.of("KZ", KZ)),
                      p -> {}))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("imported directly")
          .hasMessageContaining("sum of regions");
      assertThat(store.readSeries(store.series().get(0).id(), T0, T0 + 300).values())
          .containsExactly(1000);
      assertThat(store.inputs()).hasSize(1);
    }
  }

  @Test
  void laterFilesReplacePointsAtTheSameTimes() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      SignalKey k = new SignalKey(KZ, "traffic.total");
      store.ingestSeries(input("aa"), Map.of(k, TimeSeries.of(T0, 300, new double[] {1, 2})));
      store.ingestSeries(input("bb"), Map.of(k, TimeSeries.of(T0 + 300, 300, new double[] {5, 6})));
      int id = store.series().get(0).id();
      assertThat(store.readSeries(id, T0, T0 + 900).values()).containsExactly(1, 5, 6);
      assertThat(store.seriesInputs()).hasSize(2);
    }
  }

  @Test
  void laterDataAppendsAndMarksTheSeriesDirtyFromItsFirstNewTime() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      SignalKey k = new SignalKey(KZ, "traffic.total");
      store.ingestSeries(input("aa"), Map.of(k, TimeSeries.of(T0, 300, new double[] {1, 2})));
      int id = store.series().get(0).id();
      store.saveDetection(id, new DetectorSnapshot("c", new byte[0]), true, List.of(), List.of());
      List<Long> seen = new java.util.ArrayList<>();
      IngestOutcome out =
          store.ingestSeries(
              input("bb"),
              Map.of(k, TimeSeries.of(T0 + 900, 300, new double[] {Double.NaN, 4})),
              RollUp.NONE,
              seen::add);
      assertThat(out.points()).isEqualTo(1);
      assertThat(seen).last().isEqualTo(1L);
      assertThat(store.readSeries(id, T0, T0 + 1500).values())
          .containsExactly(1, 2, Double.NaN, Double.NaN, 4);
      assertThat(store.series().get(0).dirtyFrom()).isEqualTo(T0 + 1200);
      assertThat(store.seriesInputs())
          .extracting(s -> s.firstT() + "-" + s.lastT())
          .containsExactly(T0 + "-" + (T0 + 300), (T0 + 1200) + "-" + (T0 + 1200));
    }
  }

  @Test
  void aFailedIngestLeavesNothingBehind() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      SignalKey k = new SignalKey(KZ, "traffic.total");
      store.ingestSeries(input("aa"), Map.of(k, TimeSeries.of(T0, 300, new double[] {1})));
      // same signal with another step: refused, and the new region series must not appear
      Map<SignalKey, TimeSeries> bad =
          new java.util.LinkedHashMap<>(
              Map.of(
                  new SignalKey(ALMATY, "traffic.total"),
                  TimeSeries.of(T0, 3600, new double[] {1})));
      bad.put(k, TimeSeries.of(T0, 3600, new double[] {7}));
      assertThatThrownBy(() -> store.ingestSeries(input("bb"), bad))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("step of 300 s");
      assertThat(store.series()).hasSize(1);
      assertThat(store.inputs()).hasSize(1);
      assertThat(store.readSeries(store.series().get(0).id(), T0, T0 + 300).values())
          .containsExactly(1);
    }
  }

  @Test
  void reopensWithoutRerunningMigrationsAndKeepsData() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      store.ingestSeries(
          input("aa"),
          Map.of(new SignalKey(KZ, "traffic.total"), TimeSeries.of(T0, 300, new double[] {1})));
    }
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      assertThat(store.schemaVersion()).isEqualTo(4);
      assertThat(store.series()).hasSize(1);
    }
  }

  @Test
  void savesDetectionAndPublishesEvents() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      SignalKey k = new SignalKey(KZ, "traffic.total");
      IngestOutcome in =
          store.ingestSeries(input("aa"), Map.of(k, TimeSeries.of(T0, 300, new double[] {1, 0})));
      int id = store.series().get(0).id();
      store.saveDetection(
          id,
          new DetectorSnapshot("cfg", new byte[] {1, 2, 3}),
          true,
          List.of(new AlertRecord(id, T0 + 300, "critical", 0, 1, 0)),
          List.of(new SignalEventRecord(id, T0 + 300, null, "critical", 1, 0, 5, "blackout")));
      assertThat(store.series().get(0).dirtyFrom()).isNull();
      assertThat(store.detectorState(id).orElseThrow().state()).containsExactly(1, 2, 3);
      assertThat(store.alerts(id)).hasSize(1);
      // the ongoing event closes in a later run: upserted by start
      store.saveDetection(
          id,
          new DetectorSnapshot("cfg", new byte[] {4}),
          false,
          List.of(),
          List.of(new SignalEventRecord(id, T0 + 300, T0 + 900, "critical", 1, 0, 9, "blackout")));
      assertThat(store.signalEvents())
          .singleElement()
          .satisfies(e -> assertThat(e.end()).isEqualTo(T0 + 900));

      StoredEvent ev =
          new StoredEvent(
              "e1",
              KZ,
              T0 + 300,
              null,
              "blackout",
              "nationwide",
              null,
              null,
              null,
              List.of(),
              9,
              List.of(new StoredEvent.Signal("traffic.total", T0 + 300, null, 1, 0, 9)),
              List.of(in.input()));
      store.replaceEvents(List.of(ev));
      assertThat(store.events(EventQuery.all())).containsExactly(ev);
      assertThat(store.events(new EventQuery("KZ", null, null, null))).hasSize(1);
      assertThat(store.events(new EventQuery("UA", null, null, null))).isEmpty();
      assertThat(store.events(new EventQuery(null, null, null, T0))).isEmpty();
      assertThat(store.events(new EventQuery(null, "country/KZ", T0 + 3600, null))).hasSize(1);
    }
  }

  @Test
  void migrationsToleratesGapsAndApplyALowerVersionThatArrivesLater() throws Exception {
    try (java.sql.Connection c =
        java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("m.duckdb"))) {
      String[] merged = {"V1__initial_schema.sql", "V3__country_context.sql"};
      assertThat(DuckDbSignalStore.Migrations.apply(c, merged)).isEqualTo(3);
      // Another branch's version 2 arrives after 3 was applied: it is applied, once.
      String[] later = {"V1__initial_schema.sql", "V2__gap_filler_for_test.sql", merged[1]};
      assertThat(DuckDbSignalStore.Migrations.apply(c, later)).isEqualTo(3);
      assertThat(DuckDbSignalStore.Migrations.apply(c, later)).isEqualTo(3);
      try (java.sql.Statement st = c.createStatement();
          java.sql.ResultSet rs =
              st.executeQuery(
                  "SELECT string_agg(version::VARCHAR, ',' ORDER BY version)"
                      + " FROM schema_version")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("1,2,3");
      }
      // A store from a newer vigil is refused with what to do.
      assertThatThrownBy(() -> DuckDbSignalStore.Migrations.apply(c, new String[] {merged[0]}))
          .hasMessageContaining("knows only versions [1]")
          .hasMessageContaining("use a newer vigil");
    }
    assertThat(DuckDbSignalStore.Migrations.version("V12__x_y.sql")).isEqualTo(12);
  }

  @Test
  void ratingsAreCataloguedLikeAnyInputAndCarryTheirFile() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      List<org.vigil.detect.report.CountryRating> ratings =
          List.of(
              new org.vigil.detect.report.CountryRating(
                  "KZ", "Freedom in the World", 2022, "NF", 23.0, null),
              new org.vigil.detect.report.CountryRating(
                  "KZ",
                  "Nations in Transit",
                  2022,
                  "Consolidated Authoritarian Regime",
                  null,
                  null));
      InputFile f =
          new InputFile(0, "ff", 10, "context/freedomhouse", "r", "/d/fiw.csv", null, 2, null);
      IngestOutcome out = store.loadRatings(f, ratings);
      assertThat(out.points()).isEqualTo(2);
      assertThat(out.series()).isEqualTo(1);
      assertThat(store.loadRatings(f, ratings).alreadyPresent()).isTrue();
      List<org.vigil.detect.report.CountryRating> back = store.ratings("KZ");
      assertThat(back).hasSize(2);
      assertThat(back.get(0).score()).isEqualTo(23.0);
      assertThat(back.get(1).score()).isNull();
      assertThat(back.get(0).source().path()).isEqualTo("/d/fiw.csv");
      assertThat(back.get(0).source().sha256()).isEqualTo("ff");
      assertThat(store.ratings("UZ")).isEmpty();
    }
  }

  @Test
  void loadedAsNamesNameTheNetworksThatHaveNoNameOfTheirOwn() {
    Entity kcell = new Entity(EntityType.ASN, "29355", "AS29355", null);
    Entity named = new Entity(EntityType.ASN, "9198", "Kazakhtelecom (given at ingest)", null);
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      IngestOutcome in =
          store.ingestSeries(
              input("aa"),
              Map.of(
                  new SignalKey(kcell, "traffic.requests"),
                  TimeSeries.of(T0, 300, new double[] {1}),
                  new SignalKey(named, "traffic.requests"),
                  TimeSeries.of(T0, 300, new double[] {1})));
      store.replaceEvents(
          List.of(
              new StoredEvent(
                  "e1",
                  kcell,
                  T0,
                  T0 + 300,
                  "throttling",
                  "network",
                  null,
                  null,
                  null,
                  List.of(),
                  1,
                  List.of(),
                  List.of(in.input()))));
      assertThat(store.events(EventQuery.all()).get(0).entity().name()).isEqualTo("AS29355");

      InputFile f = new InputFile(0, "nn", 10, "names/ripe", "r", "/d/asn.txt", null, 2, null);
      List<org.vigil.core.asn.AsName> names =
          List.of(
              new org.vigil.core.asn.AsName(9198, "KAZTELECOM-AS", "KZ"),
              new org.vigil.core.asn.AsName(29355, "KCELL-AS", "KZ"));
      assertThat(store.loadAsNames(f, names).points()).isEqualTo(2);
      assertThat(store.loadAsNames(f, names).alreadyPresent()).isTrue();
      assertThat(store.events(EventQuery.all()).get(0).entity())
          .isEqualTo(new Entity(EntityType.ASN, "29355", "KCELL-AS", null));
      assertThat(store.series())
          .extracting(s -> s.entity().name())
          .containsExactlyInAnyOrder("KCELL-AS", "Kazakhtelecom (given at ingest)");
      // a later table replaces the names of the same ASes
      InputFile g = new InputFile(0, "mm", 10, "names/caida", "r", "/d/org.txt", null, 1, null);
      store.loadAsNames(g, List.of(new org.vigil.core.asn.AsName(29355, "Kcell JSC", "KZ")));
      assertThat(store.asName(29355))
          .contains(new org.vigil.core.asn.AsName(29355, "Kcell JSC", "KZ"));
      assertThat(store.asName(9198).orElseThrow().name()).isEqualTo("KAZTELECOM-AS");
      assertThat(store.asName(1)).isEmpty();
    }
  }

  @Test
  void aVersion1StoreIsMigratedToTheLatestKeepingItsData() throws Exception {
    java.nio.file.Files.createDirectories(dir);
    String url = "jdbc:duckdb:" + dir.resolve(DuckDbSignalStore.FILE_NAME);
    try (java.sql.Connection conn = java.sql.DriverManager.getConnection(url)) {
      DuckDbSignalStore.Migrations.apply(conn, new String[] {"V1__initial_schema.sql"});
      try (java.sql.Statement st = conn.createStatement()) {
        st.execute(
            "INSERT INTO input_file VALUES (7, 'aa', 1, 'series/csv', 'r', 'x.csv', 0, 1, NULL)");
      }
    }
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      assertThat(store.schemaVersion()).isEqualTo(4);
      assertThat(store.inputs()).extracting(InputFile::id).containsExactly(7L);
      assertThat(store.measurements(KZ, "ooni.signal.anomaly_ratio", 0, Long.MAX_VALUE)).isEmpty();
    }
  }

  @Test
  void keepsTheMeasurementsBehindSeriesAndEvents() {
    Entity asn = new Entity(EntityType.ASN, "9198", "AS9198", null);
    String signal = "ooni.signal.anomaly_ratio";
    MeasurementRecord a =
        new MeasurementRecord(
            asn, signal, T0, T0 + 10, "20220105000012.000000_KZ_a", "r1", null, false);
    MeasurementRecord b =
        new MeasurementRecord(asn, signal, T0 + 3600, T0 + 3700, null, "r2", "https://x/", true);
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      SignalKey k = new SignalKey(asn, signal);
      store.ingestSeries(
          input("aa"), Map.of(k, TimeSeries.of(T0, 3600, new double[] {1, 1})), List.of(b, a));
      // the same measurement from another file is listed once
      store.ingestSeries(
          input("bb"), Map.of(k, TimeSeries.of(T0, 3600, new double[] {1})), List.of(a));
      assertThat(store.measurements(asn, signal, T0, T0 + 7200)).containsExactly(a, b);
      assertThat(store.measurements(asn, signal, T0 + 3600, T0 + 7200)).containsExactly(b);
      assertThat(store.measurements(asn, "ooni.tor.anomaly_ratio", T0, T0 + 7200)).isEmpty();

      StoredEvent.Measurements ms =
          StoredEvent.Measurements.of(List.of(b.measurement(), a.measurement(), a.measurement()));
      assertThat(ms.count()).isEqualTo(2);
      assertThat(ms.first()).isEqualTo(a.measurement());
      assertThat(ms.last().id()).isEqualTo("r2 https://x/");
      StoredEvent ev =
          new StoredEvent(
              "e1",
              asn,
              T0,
              null,
              "platform-blocking",
              "network",
              null,
              null,
              null,
              List.of("signal"),
              1,
              List.of(),
              List.of(),
              ms);
      store.replaceEvents(List.of(ev));
      assertThat(store.events(EventQuery.all())).containsExactly(ev);
    }
  }

  @Test
  void manyMeasurementsListTheFirstOnesAndTheLast() {
    List<StoredEvent.Measurement> all = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      all.add(new StoredEvent.Measurement(T0 + i, "u" + (1000 + i), null, null, false));
    }
    StoredEvent.Measurements ms = StoredEvent.Measurements.of(all);
    assertThat(ms.count()).isEqualTo(250);
    assertThat(ms.listed()).hasSize(StoredEvent.MEASUREMENTS_LISTED);
    assertThat(ms.first().id()).isEqualTo("u1000");
    assertThat(ms.listed().get(98).id()).isEqualTo("u1098");
    assertThat(ms.last().id()).isEqualTo("u1249");
    assertThat(StoredEvent.Measurements.of(List.of())).isNull();
  }

  @Test
  void readingSeveralSeriesAtOnceGivesWhatReadingEachGives() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, CLOCK)) {
      Entity asn = new Entity(EntityType.ASN, "9198", "AS9198", null);
      store.ingestSeries(
          input("aa"),
          Map.of(
              new SignalKey(KZ, "traffic.requests"),
              TimeSeries.of(T0, 300, new double[] {1, 2, Double.NaN, 4, 5, 6}),
              new SignalKey(asn, "probe.up_slash24"),
              TimeSeries.of(T0, 600, new double[] {7, 8, 9})));
      Map<Integer, Long> starts = new java.util.HashMap<>();
      for (var si : store.series()) {
        starts.put(si.id(), T0 + 600); // mid-span, aligned to both steps
      }
      Map<Integer, TimeSeries> all = store.readSeries(starts, T0 + 1800);
      assertThat(all).hasSize(2);
      for (var e : all.entrySet()) {
        TimeSeries one = store.readSeries(e.getKey(), T0 + 600, T0 + 1800);
        assertThat(e.getValue().start()).isEqualTo(one.start());
        assertThat(e.getValue().step()).isEqualTo(one.step());
        assertThat(e.getValue().length()).isEqualTo(one.length());
        for (int i = 0; i < one.length(); i++) {
          assertThat(Double.valueOf(e.getValue().value(i))).isEqualTo(Double.valueOf(one.value(i)));
        }
      }
    }
  }
}
