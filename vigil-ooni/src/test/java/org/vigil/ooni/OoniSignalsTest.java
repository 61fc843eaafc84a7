// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.InputFormatException;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

class OoniSignalsTest {
  static final EntityRegistry REGISTRY =
      EntityRegistry.fromDirectory(Fixtures.shared().resolve("iso3166"));

  @TempDir Path tmp;

  static SignalKey key(Entity e, String platform, String measure) {
    return new SignalKey(e, OoniSignalAggregator.signalName(platform, measure));
  }

  private OoniSignals.Result week(long seed) throws IOException {
    SyntheticWeek w = new SyntheticWeek(seed);
    Path file = tmp.resolve("raw/20220101/00/KZ/signal/week.jsonl.gz");
    Files.createDirectories(file.getParent());
    Files.write(file, Fixtures.gzip(w.jsonl));
    return OoniSignals.fromFiles(
        List.of(tmp.resolve("raw")), Fixtures.fingerprints(), REGISTRY, null);
  }

  @Test
  void syntheticWeekGivesHourlyCountsRatiosPerCountryAndNetwork() throws IOException {
    SyntheticWeek w = new SyntheticWeek(42);
    OoniSignals.Result r = week(42);
    assertThat(r.problems()).isEmpty();
    assertThat(r.outcomes()).containsOnlyKeys(Verdict.Outcome.SCORED);
    Entity kz = REGISTRY.country("KZ");
    // 1 country + 2 networks, 4 measures each
    assertThat(r.series()).hasSize(12);
    for (int a = 0; a < SyntheticWeek.ASNS.length; a++) {
      Entity asn = REGISTRY.asn("AS" + SyntheticWeek.ASNS[a]);
      TimeSeries n = r.series().get(key(asn, "signal", OoniSignalAggregator.MEASUREMENTS));
      TimeSeries u = r.series().get(key(asn, "signal", OoniSignalAggregator.USABLE));
      TimeSeries ratio = r.series().get(key(asn, "signal", OoniSignalAggregator.ANOMALY_RATIO));
      TimeSeries confirmed = r.series().get(key(asn, "signal", OoniSignalAggregator.CONFIRMED));
      assertThat(n.start()).isEqualTo(SyntheticWeek.START);
      assertThat(n.step()).isEqualTo(3600);
      assertThat(n.length()).isEqualTo(SyntheticWeek.HOURS);
      for (int h = 0; h < SyntheticWeek.HOURS; h++) {
        if (w.measurements[a][h] == 0) {
          assertThat(n.value(h)).as("hour %d", h).isNaN();
          assertThat(ratio.value(h)).as("hour %d", h).isNaN();
          assertThat(confirmed.value(h)).isNaN();
          continue;
        }
        assertThat(n.value(h)).as("hour %d", h).isEqualTo(w.measurements[a][h]);
        assertThat(u.value(h)).as("hour %d", h).isEqualTo(w.usable[a][h]);
        assertThat(confirmed.value(h)).isZero();
        if (w.usable[a][h] == 0) {
          assertThat(ratio.value(h)).isNaN();
        } else {
          assertThat(ratio.value(h))
              .as("hour %d", h)
              .isCloseTo((double) w.anomalies[a][h] / w.usable[a][h], within(1e-12));
        }
      }
    }
    TimeSeries country = r.series().get(key(kz, "signal", OoniSignalAggregator.MEASUREMENTS));
    for (int h = 0; h < SyntheticWeek.HOURS; h++) {
      int total = w.measurements[0][h] + w.measurements[1][h];
      if (total == 0) {
        assertThat(country.value(h)).isNaN();
      } else {
        assertThat(country.value(h)).isEqualTo(total);
      }
    }
  }

  @Test
  void blackoutHoursAreGapsNeverZeroPercentBlocked() throws IOException {
    OoniSignals.Result r = week(7);
    TimeSeries ratio =
        r.series().get(key(REGISTRY.country("KZ"), "signal", OoniSignalAggregator.ANOMALY_RATIO));
    for (int h = SyntheticWeek.BLACKOUT_FROM; h < SyntheticWeek.BLACKOUT_TO; h++) {
      assertThat(ratio.value(h)).as("hour %d", h).isNaN();
    }
    // and blocking shows before and after the blackout
    assertThat(ratio.value(SyntheticWeek.BLACKOUT_FROM - 1)).isGreaterThan(0.5);
    assertThat(ratio.value(SyntheticWeek.BLACKOUT_TO)).isGreaterThan(0.5);
  }

  @Test
  void failuresCountAsMeasurementsButNotInTheRatio() {
    OoniSignalAggregator agg = OoniSignalAggregator.create(REGISTRY, null);
    long t = SyntheticWeek.START;
    FastpathScorer scorer = Fixtures.scorer();
    agg.add(scorer.score(Fixtures.measurement(SyntheticWeek.line(1, 9198, t, true, true))));
    agg.add(scorer.score(Fixtures.measurement(SyntheticWeek.line(2, 9198, t + 60, false, true))));
    agg.add(scorer.score(Fixtures.measurement(SyntheticWeek.line(3, 9198, t + 3600, true, false))));
    agg.add(scorer.score(Fixtures.measurement(SyntheticWeek.line(4, 9198, t + 3660, false, true))));
    Map<SignalKey, TimeSeries> s = agg.series();
    Entity asn = REGISTRY.asn("9198");
    assertThat(s.get(key(asn, "signal", "measurements")).values()).containsExactly(2, 2);
    assertThat(s.get(key(asn, "signal", "usable")).values()).containsExactly(0, 1);
    TimeSeries ratio = s.get(key(asn, "signal", "anomaly_ratio"));
    assertThat(ratio.value(0)).isNaN(); // only failures: no usable measurement
    assertThat(ratio.value(1)).isEqualTo(1.0);
  }

  @Test
  void fixturesGiveOoniFlagsPerPlatform() throws IOException {
    List<Path> files =
        List.of(
            Fixtures.backend("web_connectivity_ir_fp.json"),
            Fixtures.backend("vanilla_tor.json"),
            Fixtures.backend("signal_2627.json"),
            Fixtures.backend("whatsapp.json"));
    OoniSignals.Result r = OoniSignals.fromFiles(files, Fixtures.fingerprints(), REGISTRY, null);
    assertThat(r.counted()).isEqualTo(4);
    assertThat(r.stats().files()).isEqualTo(4);
    Entity ir = REGISTRY.country("IR");
    TimeSeries web = r.series().get(key(ir, "web", "anomaly_ratio"));
    TimeSeries confirmed = r.series().get(key(ir, "web", "confirmed"));
    // 2022-08-15T19:01:30Z: anomaly and confirmed (a DNS blockpage): the ratio counts it
    int i = web.indexOf(1_660_590_090L);
    assertThat(web.value(i)).isEqualTo(1.0);
    assertThat(confirmed.value(i)).isEqualTo(1.0);
    assertThat(web.presentCount()).isEqualTo(1);
    TimeSeries tor = r.series().get(key(REGISTRY.country("CN"), "tor", "anomaly_ratio"));
    assertThat(tor.value(tor.indexOf(1_659_477_329L))).isEqualTo(1.0);
    assertThat(r.series().get(key(REGISTRY.asn("17623"), "tor", "confirmed")).presentCount())
        .isEqualTo(1);
    // signal_2627: a failure (known-bad version): counted, not in the ratio
    TimeSeries am = r.series().get(key(REGISTRY.country("AM"), "signal", "measurements"));
    assertThat(am.presentCount()).isEqualTo(1);
    assertThat(
            r.series().get(key(REGISTRY.country("AM"), "signal", "anomaly_ratio")).presentCount())
        .isZero();
    TimeSeries wa = r.series().get(key(REGISTRY.country("IE"), "whatsapp", "anomaly_ratio"));
    assertThat(wa.value(wa.indexOf(1_669_985_929L))).isZero();
    // all series share one range
    assertThat(r.series().values().stream().map(TimeSeries::start).distinct()).hasSize(1);
  }

  @Test
  void webConnectivityIsGroupedByTestListCategory() {
    CitizenLabTestList list = CitizenLabTestList.of(Map.of("https://www.facebook.com/", "GRP"));
    OoniSignalAggregator agg = OoniSignalAggregator.create(REGISTRY, list);
    Verdict v =
        Fixtures.scorer()
            .score(Fixtures.measurement(Fixtures.backend("web_connectivity_ir_fp.json")));
    assertThat(agg.add(v)).isTrue();
    assertThat(agg.series().keySet())
        .extracting(SignalKey::signal)
        .contains("ooni.web_grp.anomaly_ratio")
        .noneMatch(s -> s.startsWith("ooni.web."));
  }

  @Test
  void readsTheKazakhTestList() throws IOException {
    CitizenLabTestList list =
        CitizenLabTestList.read(Fixtures.shared().resolve("citizenlab-test-list-kz/kz.csv"));
    assertThat(list.size()).isGreaterThan(400);
    assertThat(list.category("http://www.akorda.kz/")).contains("cultr");
    // by host, and without www.
    assertThat(list.category("https://akorda.kz/some/page")).contains("cultr");
    assertThat(list.category("https://unknown.example/")).isEmpty();
    assertThat(list.category(null)).isEmpty();
  }

  @Test
  void parsesQuotedCsvFields() {
    assertThat(CitizenLabTestList.fields("a,\"b, c\",\"d \"\"e\"\"\","))
        .containsExactly("a", "b, c", "d \"e\"", "");
  }

  @Test
  void rejectsAFileThatIsNotATestList() throws IOException {
    Path f = tmp.resolve("x.csv");
    Files.writeString(f, "foo,bar\n1,2\n");
    assertThatThrownBy(() -> CitizenLabTestList.read(f))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("category_code");
  }

  @Test
  void unscoredDiscardedAndBadInputAreCountedNotSignalled() throws IOException {
    Path f = tmp.resolve("mixed.jsonl");
    long t = SyntheticWeek.START;
    Files.writeString(
        f,
        SyntheticWeek.line(1, 9198, t, false, false)
            + "\nnot json\n"
            + SyntheticWeek.line(2, 0, t, false, false) // AS0: discarded as OONI does
            + "\n"
            + SyntheticWeek.line(3, 9198, t, false, false).replace("\"signal\"", "\"dnscheck\"")
            + "\n");
    OoniSignals.Result r =
        OoniSignals.fromFiles(List.of(f), Fixtures.fingerprints(), REGISTRY, null);
    assertThat(r.counted()).isEqualTo(1);
    assertThat(r.outcomes())
        .containsEntry(Verdict.Outcome.SCORED, 1L)
        .containsEntry(Verdict.Outcome.DISCARDED, 1L)
        .containsEntry(Verdict.Outcome.UNSCORED, 1L);
    assertThat(r.problemCounts())
        .containsEntry(Problem.Kind.NOT_JSON, 1L)
        .containsEntry(Problem.Kind.UNKNOWN_TEST, 1L);
    assertThat(r.problems()).extracting(Problem::line).containsExactly(2L, 4L);
    assertThat(r.hadErrors()).isTrue();
    assertThat(r.skipped()).containsEntry("discarded", 1L).containsEntry("unscored", 1L);
  }

  @Test
  void noMeasurementsGiveNoSeries() {
    OoniSignalAggregator agg = OoniSignalAggregator.create(REGISTRY, null);
    assertThat(agg.series()).isEmpty();
    assertThatThrownBy(() -> agg.series(1, 3600)).isInstanceOf(IllegalArgumentException.class);
  }
}
