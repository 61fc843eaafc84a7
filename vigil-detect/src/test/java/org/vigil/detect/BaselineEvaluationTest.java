// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.vigil.detect.Synthetic.DAY;
import static org.vigil.detect.Synthetic.HOUR;
import static org.vigil.detect.Synthetic.T0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.vigil.core.TimeSeries;

/**
 * Measures both baselines on labelled cases and prints the table of {@code
 * vigil-detect/BASELINES.md}: for each case, over {@value #SEEDS} seeds, how many labelled outages
 * were found, the mean onset and end errors in steps, and the false events per 30 days. Reproduce
 * with
 *
 * <pre>
 * mvn -B -o -pl vigil-detect test -Dtest=BaselineEvaluationTest
 * </pre>
 *
 * <p>The assertions hold the conclusions BASELINES.md draws, so that a change to either baseline
 * that overturns one fails here, and the document is revisited.
 */
class BaselineEvaluationTest {
  static final int SEEDS = 10;
  static final int STEP = 300;
  static final double RHYTHM = 0.4;
  static final double NOISE = 0.02;

  /** The history a baseline is given to learn weekly rhythm before false events are counted. */
  static final long COLD_START = 14 * DAY;

  static final DetectorConfig MOVING = DetectorConfig.forSignal("traffic.requests");
  static final DetectorConfig SIMILAR =
      DetectorConfig.forSignal("traffic.requests", Baseline.SIMILAR_DAYS);

  /** A labelled series: outages as {@code {start, end}} (end: the first bin back at normal). */
  record Labelled(TimeSeries series, List<long[]> truth) {}

  /** Totals over the seeds of one case and one baseline. */
  static final class Score {
    int outages;
    int found;
    long onsetError;
    long endError;
    int ends; // found outages whose event ended
    int falseEvents;
    double days;
    int falseAfterColdStart; // false events starting after the first COLD_START of a series
    double daysAfterColdStart;
    long assessed;
    long bins;
    double lowestRatio = Double.POSITIVE_INFINITY;

    String found() {
      return outages == 0 ? "–" : found + "/" + outages;
    }

    String onset() {
      return found == 0 ? "–" : String.format(Locale.ROOT, "%.1f", (double) onsetError / found);
    }

    String end() {
      return ends == 0 ? "–" : String.format(Locale.ROOT, "%.1f", (double) endError / ends);
    }

    double falsePerMonth() {
      return falseEvents * 30.0 / days;
    }

    double falsePerMonthAfterColdStart() {
      return daysAfterColdStart <= 0 ? Double.NaN : falseAfterColdStart * 30.0 / daysAfterColdStart;
    }
  }

  static Score score(List<Labelled> cases, DetectorConfig config) {
    Score s = new Score();
    for (Labelled c : cases) {
      DetectionResult r = BaselineDetector.detect(c.series(), config);
      int step = c.series().step();
      s.days += (double) (c.series().end() - c.series().start()) / DAY;
      s.daysAfterColdStart +=
          Math.max(0, (double) (c.series().end() - c.series().start() - COLD_START) / DAY);
      for (int i = 0; i < r.length(); i++) {
        s.bins++;
        if (!Double.isNaN(r.ratio(i))) {
          s.assessed++;
          s.lowestRatio = Math.min(s.lowestRatio, r.ratio(i));
        }
      }
      List<SeriesEvent> unmatched = new ArrayList<>(r.events());
      for (long[] t : c.truth()) {
        s.outages++;
        SeriesEvent hit = null;
        for (SeriesEvent e : r.events()) {
          long end = e.end() == null ? Long.MAX_VALUE : e.end();
          if (e.start() < t[1] && end > t[0]) {
            if (hit == null) {
              hit = e;
            }
            unmatched.remove(e); // fragments of a found outage are not false events
          }
        }
        if (hit != null) {
          s.found++;
          s.onsetError += Math.abs(hit.start() - t[0]) / step;
          // The end of the last fragment is the end of the detection.
          SeriesEvent last = hit;
          for (SeriesEvent e : r.events()) {
            if (e.start() < t[1] && e.start() >= hit.start()) {
              last = e;
            }
          }
          if (last.end() != null) {
            s.ends++;
            s.endError += Math.abs(last.end() - t[1]) / step;
          }
        }
      }
      s.falseEvents += unmatched.size();
      for (SeriesEvent e : unmatched) {
        if (e.start() >= c.series().start() + COLD_START) {
          s.falseAfterColdStart++;
        }
      }
    }
    return s;
  }

  static String rate(double perMonth) {
    return Double.isNaN(perMonth) ? "–" : String.format(Locale.ROOT, "%.2f", perMonth);
  }

  static List<Labelled> seeds(LongFunction<Labelled> make) {
    List<Labelled> out = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      out.add(make.apply(seed));
    }
    return out;
  }

  static Labelled quiet(Synthetic s) {
    return new Labelled(s.series(), List.of());
  }

  static Labelled cut(Synthetic s, long from, long to, double factor) {
    s.scale(from, to, factor);
    return new Labelled(s.series(), List.of(new long[] {from, to}));
  }

  /** The cases, in the order of the table. */
  static Map<String, List<Labelled>> cases() {
    Map<String, List<Labelled>> c = new LinkedHashMap<>();
    // Quiet data: every event is a false one.
    c.put(
        "quiet, daily rhythm, 35 d",
        seeds(k -> quiet(Synthetic.daily(35, STEP, RHYTHM, NOISE, k))));
    c.put(
        "quiet, noisy (6 %), 35 d", seeds(k -> quiet(Synthetic.daily(35, STEP, RHYTHM, 0.06, k))));
    c.put(
        "quiet, weekends −30 % by day, 56 d",
        seeds(k -> quiet(Synthetic.daily(56, STEP, RHYTHM, NOISE, k).weekly(0.3, false))));
    c.put(
        "quiet, weekends −25 % from midnight, 56 d",
        seeds(k -> quiet(Synthetic.daily(56, STEP, RHYTHM, NOISE, k).weekly(0.25, true))));
    c.put("quiet, weekday holiday shaped like a Sunday, 49 d", seeds(k -> holiday(k)));
    // Labelled outages.
    c.put(
        "blackout 2 %, 6 h, day 30",
        seeds(
            k ->
                cut(
                    Synthetic.daily(35, STEP, RHYTHM, NOISE, k),
                    T0 + 30 * DAY + 3 * HOUR,
                    T0 + 30 * DAY + 9 * HOUR,
                    0.02)));
    c.put(
        "blackout 2 %, 6 h, a weekend day, weekly rhythm",
        seeds(
            k ->
                cut(
                    Synthetic.daily(42, STEP, RHYTHM, NOISE, k).weekly(0.3, false),
                    T0 + 35 * DAY + 4 * HOUR,
                    T0 + 35 * DAY + 10 * HOUR,
                    0.02)));
    c.put(
        "partial to 40 %, 30 h",
        seeds(
            k ->
                cut(
                    Synthetic.daily(35, STEP, RHYTHM, NOISE, k),
                    T0 + 29 * DAY + 17 * HOUR,
                    T0 + 30 * DAY + 23 * HOUR,
                    0.4)));
    c.put(
        "partial to 70 % (warning), 5 h",
        seeds(
            k ->
                cut(
                    Synthetic.daily(35, STEP, RHYTHM, NOISE, k),
                    T0 + 30 * DAY,
                    T0 + 30 * DAY + 5 * HOUR,
                    0.7)));
    c.put("slow recovery: 4 h at 2 %, 2 h ramp", seeds(k -> slowRecovery(k)));
    c.put(
        "blackout 2 %, 111 h (Almaty)",
        seeds(
            k ->
                cut(
                    Synthetic.daily(40, STEP, RHYTHM, NOISE, k),
                    T0 + 30 * DAY + 11 * HOUR,
                    T0 + 30 * DAY + 122 * HOUR,
                    0.02)));
    c.put("three 6 h cuts on consecutive days", seeds(k -> onOff(k)));
    c.put(
        "short history: blackout after 55 h",
        seeds(
            k ->
                cut(
                    Synthetic.daily(4, STEP, RHYTHM, NOISE, k),
                    T0 + 55 * HOUR,
                    T0 + 59 * HOUR,
                    0.02)));
    c.put(
        "short history: blackout on day 10, weekly rhythm",
        seeds(
            k ->
                cut(
                    Synthetic.daily(12, STEP, RHYTHM, NOISE, k).weekly(0.3, false),
                    T0 + 10 * DAY + 4 * HOUR,
                    T0 + 10 * DAY + 8 * HOUR,
                    0.02)));
    return c;
  }

  static Labelled holiday(long seed) {
    // Wednesday of week 6 has a weekend's shape: a public holiday, not an outage.
    Synthetic s = Synthetic.daily(49, STEP, RHYTHM, NOISE, seed).weekly(0.3, false);
    double[] v = s.series().values();
    long day = T0 + 39 * DAY;
    for (int i = s.index(day); i < s.index(day + DAY); i++) {
      double phase = 2 * Math.PI * Math.floorMod(s.time(i), DAY) / DAY;
      v[i] *= 1 - 0.3 * Math.max(0, Math.sin(phase));
    }
    return new Labelled(TimeSeries.of(s.start, STEP, v), List.of());
  }

  static Labelled slowRecovery(long seed) {
    long from = T0 + 30 * DAY + 6 * HOUR;
    long rampFrom = from + 4 * HOUR;
    long rampTo = rampFrom + 2 * HOUR;
    Synthetic s =
        Synthetic.daily(35, STEP, RHYTHM, NOISE, seed)
            .scale(from, rampFrom, 0.02)
            .ramp(rampFrom, rampTo, 0.02, 1.0);
    // Labelled end: where the ratio clears the warning's exit (hysteresis), as a person would
    // read the chart against the documented rule.
    long end = s.firstAtLeast(rampFrom, MOVING.warningExitRatio());
    return new Labelled(s.series(), List.of(new long[] {from, end}));
  }

  static Labelled onOff(long seed) {
    Synthetic s = Synthetic.daily(35, STEP, RHYTHM, NOISE, seed);
    List<long[]> truth = new ArrayList<>();
    for (int d = 28; d < 31; d++) {
      long from = T0 + d * DAY + 13 * HOUR;
      s.scale(from, from + 6 * HOUR, 0.05);
      truth.add(new long[] {from, from + 6 * HOUR});
    }
    return new Labelled(s.series(), truth);
  }

  /**
   * The Monash IP Observatory's latency index for ten Ukrainian and Russian border regions, Dec
   * 2021 to Jan 2022, at 3-hour steps (README in the data folder): quiet real data. One series per
   * {@code adm1_unique_identifier}; local times shifted to UTC by the file's own offset.
   */
  static List<Labelled> monash() {
    Path file =
        Path.of(
            System.getProperty("vigil.shared.data", "../../shared/data"),
            "monash-ip-observatory",
            "ukr-2022-01-18_border-regions.csv");
    assumeTrue(Files.isRegularFile(file), "shared data not found: " + file);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH);
    Map<String, TreeMap<Long, Double>> byRegion = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int region = header.indexOf("adm1_unique_identifier");
    int offset = header.indexOf("timezone_offset");
    int time = header.indexOf("time_local");
    int value = header.indexOf("latency_indx");
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split(",");
      long t =
          LocalDateTime.parse(cols[time], f).toEpochSecond(ZoneOffset.UTC)
              - Long.parseLong(cols[offset]) * HOUR;
      byRegion
          .computeIfAbsent(cols[region], k -> new TreeMap<>())
          .put(t, Double.parseDouble(cols[value]));
    }
    int step = 3 * (int) HOUR;
    List<Labelled> out = new ArrayList<>();
    for (TreeMap<Long, Double> points : byRegion.values()) {
      long first = points.firstKey();
      int n = (int) ((points.lastKey() - first) / step) + 1;
      double[] v = new double[n];
      Arrays.fill(v, Double.NaN);
      points.forEach((t, x) -> v[(int) ((t - first) / step)] = x);
      out.add(new Labelled(TimeSeries.of(first, step, v), List.of()));
    }
    assertThat(out).hasSize(10);
    return out;
  }

  @Test
  void printsTheComparisonTableAndItsConclusionsHold() {
    Map<String, List<Labelled>> cases = cases();
    cases.put("REAL: Monash latency index, 10 regions, 3 h", monash());
    Map<String, Score[]> scores = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    table.append(
        "| case | outages found MM / SD | onset error MM / SD | end error MM / SD |"
            + " false events per 30 d MM / SD | after 14 d MM / SD |\n|---|---|---|---|---|---|\n");
    for (Map.Entry<String, List<Labelled>> e : cases.entrySet()) {
      Score mm = score(e.getValue(), MOVING);
      Score sd = score(e.getValue(), SIMILAR);
      scores.put(e.getKey(), new Score[] {mm, sd});
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s / %s | %s / %s | %s / %s | %.2f / %.2f | %s / %s |%n",
              e.getKey(),
              mm.found(),
              sd.found(),
              mm.onset(),
              sd.onset(),
              mm.end(),
              sd.end(),
              mm.falsePerMonth(),
              sd.falsePerMonth(),
              rate(mm.falsePerMonthAfterColdStart()),
              rate(sd.falsePerMonthAfterColdStart())));
    }
    Score[] m = scores.get("REAL: Monash latency index, 10 regions, 3 h");
    table.append(
        String.format(
            Locale.ROOT,
            "%nMonash: %d bins; assessed MM %d, SD %d; lowest ratio MM %.3f, SD %.3f%n",
            m[0].bins,
            m[0].assessed,
            m[1].assessed,
            m[0].lowestRatio,
            m[1].lowestRatio));
    System.out.println(table);

    // The conclusions of BASELINES.md.
    for (String blackout :
        List.of(
            "blackout 2 %, 6 h, day 30",
            "blackout 2 %, 111 h (Almaty)",
            "partial to 40 %, 30 h",
            "three 6 h cuts on consecutive days")) {
      for (Score s : scores.get(blackout)) {
        assertThat(s.found).as(blackout).isEqualTo(s.outages);
        assertThat((double) s.onsetError / s.found).as(blackout).isLessThanOrEqualTo(1.0);
      }
    }
    Score[] weekends = scores.get("quiet, weekends −30 % by day, 56 d");
    assertThat(weekends[1].falsePerMonth()).isLessThan(weekends[0].falsePerMonth() / 3);
    Score[] holiday = scores.get("quiet, weekday holiday shaped like a Sunday, 49 d");
    assertThat(holiday[1].falseEvents).isLessThan(holiday[0].falseEvents);
    Score[] shortHistory = scores.get("short history: blackout after 55 h");
    assertThat(shortHistory[0].found).isEqualTo(SEEDS);
    Score[] real = scores.get("REAL: Monash latency index, 10 regions, 3 h");
    assertThat(real[0].falsePerMonth()).isLessThan(0.5);
    assertThat(real[1].falsePerMonth()).isLessThan(0.5);
  }
}
