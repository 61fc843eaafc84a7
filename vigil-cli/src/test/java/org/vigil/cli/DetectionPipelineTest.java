// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.detect.DetectorConfig;
import org.vigil.store.EventQuery;
import org.vigil.store.InputFile;
import org.vigil.store.StoredEvent;
import org.vigil.store.duckdb.DuckDbSignalStore;

class DetectionPipelineTest {
  static final Entity KZ = new Entity(EntityType.COUNTRY, "KZ", "Kazakhstan", "KZ");
  static final long T0 = 1_640_995_200L; // 2022-01-01T00:00:00Z
  static final int STEP = 3600;

  @TempDir Path dir;

  /** Ten flat days at 100, then {@code low} for bins [from, to), then 100 again. */
  static TimeSeries dropping(int from, int to, double low) {
    double[] v = new double[14 * 24];
    for (int i = 0; i < v.length; i++) {
      v[i] = i >= from && i < to ? low : 100;
    }
    return TimeSeries.of(T0, STEP, v);
  }

  static InputFile input(String sha) {
    return new InputFile(0, sha, 1, "series/csv", "r", sha + ".csv", null, 1, null);
  }

  @Test
  void overlappingEventsOfTwoSignalsMergeWithTheProductOfTheirScores() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      store.ingestSeries(
          input("a"), Map.of(new SignalKey(KZ, "traffic.requests"), dropping(240, 250, 2)));
      store.ingestSeries(
          input("b"), Map.of(new SignalKey(KZ, "probe.up_slash24"), dropping(240, 260, 3)));
      DetectionPipeline.Summary s =
          DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 2));
      assertThat(s.events()).isEqualTo(1);
      StoredEvent e = store.events(EventQuery.all()).get(0);
      assertThat(e.start()).isEqualTo(T0 + 240L * STEP);
      assertThat(e.end()).isEqualTo(T0 + 260L * STEP);
      assertThat(e.kind()).isEqualTo("blackout"); // both data-plane signals near zero
      assertThat(e.mechanism()).isEqualTo("unknown"); // no BGP data to tell
      assertThat(e.scope())
          .isEqualTo("nationwide"); // no regional data; the country fell below half
      assertThat(e.signals())
          .extracting(StoredEvent.Signal::name)
          .containsExactlyInAnyOrder("traffic.requests", "probe.up_slash24");
      double product = e.signals().get(0).score() * e.signals().get(1).score();
      assertThat(e.score())
          .isCloseTo(product, org.assertj.core.data.Percentage.withPercentage(1e-9));
      assertThat(e.evidence()).extracting(InputFile::sha256).containsExactly("a", "b");
    }
  }

  @Test
  void trafficFallingHoursBeforeReachabilityIsAThrottlingPhaseThenACut() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      // traffic at 30 % from bin 240, probing at 3 % only from bin 245 (Kcell, 4-5 January 2022)
      store.ingestSeries(
          input("a"), Map.of(new SignalKey(KZ, "traffic.requests"), dropping(240, 260, 30)));
      store.ingestSeries(
          input("b"), Map.of(new SignalKey(KZ, "probe.up_slash24"), dropping(245, 260, 3)));
      DetectionPipeline.Summary s =
          DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 2));
      assertThat(s.events()).isEqualTo(2);
      List<StoredEvent> events = store.events(EventQuery.all());
      assertThat(events.get(0).kind()).isEqualTo("throttling");
      assertThat(events.get(0).start()).isEqualTo(T0 + 240L * STEP);
      assertThat(events.get(0).end()).isEqualTo(T0 + 245L * STEP);
      assertThat(events.get(0).signals())
          .extracting(StoredEvent.Signal::name)
          .containsExactly("traffic.requests");
      assertThat(events.get(1).start()).isEqualTo(T0 + 245L * STEP);
      assertThat(events.get(1).kind()).isIn("blackout", "outage");
      assertThat(events.get(1).signals())
          .extracting(StoredEvent.Signal::name)
          .containsExactlyInAnyOrder("traffic.requests", "probe.up_slash24");
    }
  }

  @Test
  void aBlackoutNeedsEveryDataPlaneSignalNearZeroAndRoutesThatStayMakeADataPlaneCut() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      store.ingestSeries(
          input("a"), Map.of(new SignalKey(KZ, "traffic.requests"), dropping(240, 250, 2)));
      store.ingestSeries(
          input("b"), Map.of(new SignalKey(KZ, "probe.up_slash24"), dropping(240, 250, 30)));
      store.ingestSeries(
          input("c"), Map.of(new SignalKey(KZ, "bgp.visible_slash24"), dropping(0, 0, 100)));
      DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 3));
      StoredEvent e = store.events(EventQuery.all()).get(0);
      // probing still saw 30 % of blocks up: a partial outage, not a blackout
      assertThat(e.kind()).isEqualTo("outage");
      // routes stayed announced while the data plane fell (Kazakhstan, Jan 5)
      assertThat(e.mechanism()).isEqualTo("data-plane-cut");
    }
  }

  @Test
  void eventsThatDoNotOverlapStaySeparateAndDetectionIsIncremental() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      TimeSeries all = dropping(240, 245, 2);
      // 243 hours, then the rest in a second file: the event is ongoing, then closes
      store.ingestSeries(
          input("a"), Map.of(new SignalKey(KZ, "traffic.requests"), all.slice(0, 243)));
      DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 1));
      List<StoredEvent> first = store.events(EventQuery.all());
      assertThat(first).singleElement().satisfies(e -> assertThat(e.end()).isNull());
      store.ingestSeries(
          input("b"), Map.of(new SignalKey(KZ, "traffic.requests"), all.slice(243, all.length())));
      DetectionPipeline.Summary s =
          DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 1));
      assertThat(s.restarted()).isZero();
      List<StoredEvent> second = store.events(EventQuery.all());
      assertThat(second)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.id()).isEqualTo(first.get(0).id());
                assertThat(e.end()).isEqualTo(T0 + 245L * STEP);
                assertThat(e.evidence()).extracting(InputFile::sha256).containsExactly("a", "b");
              });
    }
  }

  /** Hourly series from T0 of 14 days at 100, with {@code runs} of (from bin, to bin, value). */
  static TimeSeries shaped(double... runs) {
    double[] v = new double[14 * 24];
    java.util.Arrays.fill(v, 100);
    for (int i = 0; i < runs.length; i += 3) {
      java.util.Arrays.fill(v, (int) runs[i], (int) runs[i + 1], runs[i + 2]);
    }
    return TimeSeries.of(T0, STEP, v);
  }

  static Entity country(String cc) {
    return new Entity(EntityType.COUNTRY, cc, cc, cc);
  }

  @Test
  void restorationIsJudgedFromTheStoredSeriesAfterTheCut() {
    try (DuckDbSignalStore store = DuckDbSignalStore.open(dir)) {
      String probe = "probe.up_slash24";
      store.ingestSeries(
          input("full"), Map.of(new SignalKey(country("AA"), probe), shaped(240, 250, 2)));
      // back at 60 % for two days: partial
      store.ingestSeries(
          input("partial"),
          Map.of(new SignalKey(country("BB"), probe), shaped(240, 250, 2, 250, 300, 60)));
      // back for 3 h, then cut again (Kazakhstan, Jan 6): unstable
      store.ingestSeries(
          input("unstable"),
          Map.of(new SignalKey(country("CC"), probe), shaped(240, 250, 2, 253, 263, 2)));
      // down to 60 % only: a partial outage, no cut to be restored from
      store.ingestSeries(
          input("outage"), Map.of(new SignalKey(country("DD"), probe), shaped(240, 250, 60)));
      DetectionPipeline.run(store, DetectorConfig::forSignal, Progress.start("t", 4));

      Map<String, StoredEvent> first = new java.util.TreeMap<>();
      for (StoredEvent e : store.events(EventQuery.all())) {
        first.putIfAbsent(e.entity().code(), e);
      }
      assertThat(first.get("AA").restoration()).isEqualTo("full");
      assertThat(first.get("BB").restoration()).isEqualTo("partial");
      assertThat(first.get("CC").restoration()).isEqualTo("unstable");
      assertThat(first.get("CC").start()).isEqualTo(T0 + 240L * STEP);
      assertThat(first.get("DD").restoration()).isNull();
    }
  }
}
