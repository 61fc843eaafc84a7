// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.store.AlertRecord;
import org.vigil.store.InputFile;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalEventRecord;
import org.vigil.store.SignalStore.DetectorSnapshot;
import org.vigil.store.StoredEvent;
import org.vigil.store.duckdb.DuckDbSignalStore;

/**
 * A small store filled through the real store API: four days (3 to 6 January 2022) of Kazakhstan
 * with a nationwide blackout on 5 January 08:00-16:00 UTC seen by two signals, a short dip on 3
 * January, an Almaty blackout from 5 January 10:00 still open at the end of the data, and a flat
 * network.
 *
 * <pre>
 * country/KZ  traffic.requests     3600 s  100; 70 at 3 Jan 12:00; 2 on 5 Jan 08-16; gap at 30 h
 * country/KZ  bgp.visible_slash24  1800 s  5000; 4900 on 5 Jan 07-08; 1200 on 5 Jan 08-16
 * region/KZ-ALA traffic.requests   3600 s  50; 0 from 5 Jan 10:00 on
 * asn/9198    bgp.visible_slash24  1800 s  800
 * </pre>
 */
final class Fixture {
  static final long T0 = 1_641_168_000L; // 2022-01-03T00:00:00Z
  static final long HOUR = 3600;
  static final long T_END = T0 + 96 * HOUR; // 2022-01-07T00:00:00Z
  static final Instant INGESTED = Instant.parse("2022-02-01T00:00:00Z");

  static final EntityRegistry REGISTRY = EntityRegistry.load();
  static final Entity KZ = REGISTRY.country("KZ");
  static final Entity ALMATY = REGISTRY.findRegion("KZ-ALA").orElseThrow();
  static final Entity KAZTELECOM = new Entity(EntityType.ASN, "9198", "JSC Kazakhtelecom", null);

  static final String DIP_ID = "0c0ffee00001";
  static final String BLACKOUT_ID = "3f2a9c1d0b7e";
  static final String ALMATY_ID = "a1b2c3d4e5f6";

  static final String PROBE_CONFIG =
      "DetectorConfig[windowSeconds=604800, warningRatio=0.8, criticalRatio=0.5, inpaintLow=0.8,"
          + " inpaintHigh=2.0, periodSeconds=86400, warmupSeconds=86400, minDurationSeconds=0,"
          + " recoveryMargin=0.05, maxInpaintSeconds=604800]";
  static final String BGP_CONFIG =
      "DetectorConfig[windowSeconds=86400, warningRatio=0.99, criticalRatio=0.5, inpaintLow=0.8,"
          + " inpaintHigh=2.0, periodSeconds=0, warmupSeconds=3600, minDurationSeconds=0,"
          + " recoveryMargin=0.05, maxInpaintSeconds=86400]";

  private Fixture() {}

  static long at(double hours) {
    return T0 + (long) (hours * HOUR);
  }

  /** Creates the store in {@code dir} and closes it, so a server can open it. */
  static void create(Path dir) {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir, InstantSource.fixed(INGESTED))) {
      InputFile kzTraffic =
          ingest(store, "kz-traffic.csv", new SignalKey(KZ, "traffic.requests"), kzTraffic());
      InputFile kzBgp =
          ingest(store, "kz-bgp.csv", new SignalKey(KZ, "bgp.visible_slash24"), kzBgp());
      InputFile almaty =
          ingest(store, "almaty.csv", new SignalKey(ALMATY, "traffic.requests"), almaty());
      ingest(store, "as9198.csv", new SignalKey(KAZTELECOM, "bgp.visible_slash24"), flat(800));

      int kzTrafficId = seriesId(store, KZ, "traffic.requests");
      int kzBgpId = seriesId(store, KZ, "bgp.visible_slash24");
      int almatyId = seriesId(store, ALMATY, "traffic.requests");
      store.saveDetection(
          kzTrafficId,
          new DetectorSnapshot(PROBE_CONFIG, new byte[] {1}),
          true,
          List.of(
              new AlertRecord(kzTrafficId, at(12), "warning", 70, 100, 0.7),
              new AlertRecord(kzTrafficId, at(13), "normal", 100, 100, 1),
              new AlertRecord(kzTrafficId, at(56), "critical", 2, 100, 0.02),
              new AlertRecord(kzTrafficId, at(64), "normal", 100, 100, 1)),
          List.of(
              new SignalEventRecord(
                  kzTrafficId, at(12), at(13), "warning", 100, 0.7, 1800, "outage"),
              new SignalEventRecord(
                  kzTrafficId, at(56), at(64), "critical", 100, 0.02, 47040, "blackout")));
      store.saveDetection(
          kzBgpId,
          new DetectorSnapshot(BGP_CONFIG, new byte[] {1}),
          true,
          List.of(
              new AlertRecord(kzBgpId, at(55), "warning", 4900, 5000, 0.98),
              new AlertRecord(kzBgpId, at(56), "critical", 1200, 5000, 0.24),
              new AlertRecord(kzBgpId, at(64), "normal", 5000, 5000, 1)),
          List.of(
              new SignalEventRecord(
                  kzBgpId, at(55), at(64), "critical", 5000, 0.24, 36600, "outage")));
      // A configuration the server cannot read thresholds from: conditions fall back to levels.
      store.saveDetection(
          almatyId,
          new DetectorSnapshot("custom detector", new byte[] {1}),
          true,
          List.of(new AlertRecord(almatyId, at(58), "critical", 0, 50, 0)),
          List.of(
              new SignalEventRecord(
                  almatyId, at(58), null, "critical", 50, 0, 228000, "blackout")));

      store.replaceEvents(
          List.of(
              new StoredEvent(
                  DIP_ID,
                  KZ,
                  at(12),
                  at(13),
                  "outage",
                  "regional",
                  null,
                  null,
                  null,
                  List.of(),
                  1800,
                  List.of(
                      new StoredEvent.Signal("traffic.requests", at(12), at(13), 100, 0.7, 1800)),
                  List.of(kzTraffic)),
              new StoredEvent(
                  BLACKOUT_ID,
                  KZ,
                  at(55),
                  at(64),
                  "blackout",
                  "nationwide",
                  null,
                  null,
                  null,
                  List.of(),
                  47040.0 * 36600.0,
                  List.of(
                      new StoredEvent.Signal("traffic.requests", at(56), at(64), 100, 0.02, 47040),
                      new StoredEvent.Signal(
                          "bgp.visible_slash24", at(55), at(64), 5000, 0.24, 36600)),
                  List.of(kzTraffic, kzBgp)),
              new StoredEvent(
                  ALMATY_ID,
                  ALMATY,
                  at(58),
                  null,
                  "blackout",
                  "regional",
                  null,
                  null,
                  null,
                  List.of(),
                  228000,
                  List.of(new StoredEvent.Signal("traffic.requests", at(58), null, 50, 0, 228000)),
                  List.of(almaty))));
    }
  }

  private static InputFile ingest(
      DuckDbSignalStore store, String path, SignalKey key, TimeSeries series) {
    InputFile in =
        new InputFile(
            0,
            "sha256-of-" + path,
            1000 + path.length(),
            "series/csv",
            "recipe",
            "/data/" + path,
            null,
            series.length(),
            null);
    return store.ingestSeries(in, Map.of(key, series)).input();
  }

  private static int seriesId(DuckDbSignalStore store, Entity e, String signal) {
    for (SeriesInfo s : store.series()) {
      if (s.entity().key().equals(e.key()) && s.signal().equals(signal)) {
        return s.id();
      }
    }
    throw new IllegalStateException("no series " + e + " " + signal);
  }

  static TimeSeries kzTraffic() {
    double[] v = new double[96];
    Arrays.fill(v, 100);
    v[12] = 70;
    Arrays.fill(v, 56, 64, 2);
    v[30] = Double.NaN;
    return TimeSeries.of(T0, 3600, v);
  }

  static TimeSeries kzBgp() {
    double[] v = new double[192];
    Arrays.fill(v, 5000);
    Arrays.fill(v, 110, 112, 4900);
    Arrays.fill(v, 112, 128, 1200);
    return TimeSeries.of(T0, 1800, v);
  }

  static TimeSeries almaty() {
    double[] v = new double[96];
    Arrays.fill(v, 50);
    Arrays.fill(v, 58, 96, 0);
    return TimeSeries.of(T0, 3600, v);
  }

  static TimeSeries flat(double value) {
    double[] v = new double[192];
    Arrays.fill(v, value);
    return TimeSeries.of(T0, 1800, v);
  }
}
