// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * Turns verdicts into hourly blocking signals per country ({@code country/CC}), per network ({@code
 * asn/N}) and per platform, as OONI's aggregation API counts them.
 *
 * <pre>{@code
 * OoniSignalAggregator agg = OoniSignalAggregator.create(EntityRegistry.load(), testListOrNull);
 * for (Verdict v : verdicts) agg.add(v);
 * Map<SignalKey, TimeSeries> series = agg.series();
 * // country/KZ:ooni.whatsapp.anomaly_ratio, asn/9198:ooni.web_news.measurements, ...
 * }</pre>
 *
 * <p>Per (entity, platform, hour of {@code measurement_start_time}) four series, at a step of 3600
 * s:
 *
 * <ul>
 *   <li>{@code ooni.<platform>.measurements}: scored measurements, failures included;
 *   <li>{@code ooni.<platform>.usable}: the ratio's denominator, scored measurements that are not
 *       {@code failure};
 *   <li>{@code ooni.<platform>.anomaly_ratio}: {@code (anomaly_count + confirmed_count) / usable},
 *       with OONI's aggregation counters ({@code api/ooniapi/aggregation.py}): {@code
 *       anomaly_count} is anomaly ∧ ¬confirmed ∧ ¬failure, {@code confirmed_count} is confirmed ∧
 *       ¬failure, so the numerator is (anomaly ∨ confirmed) ∧ ¬failure. Confirmed measurements
 *       count as anomalies: a blockpage is the strongest evidence of blocking there is, and leaving
 *       it out would make the ratio fall just when blocking is proven (a DNS blockpage makes the
 *       fastpath set both flags, and OONI's counters then move it from anomaly to confirmed);
 *   <li>{@code ooni.<platform>.confirmed}: {@code confirmed_count}.
 * </ul>
 *
 * <p>An hour with no measurements is a gap ({@code NaN}) in all four: during a blackout OONI goes
 * silent, and silence is not evidence that a platform is reachable. An hour whose measurements are
 * all failures has a count and {@code NaN} as its ratio. Series of one aggregator share one time
 * range, from the first hour seen to the last.
 *
 * <p>Platforms are the verdict's: {@code whatsapp}, {@code telegram}, {@code signal}, {@code
 * facebook}, {@code tor}; Web Connectivity is {@code web_<category>} for URLs in the test list
 * ({@code web_news}, {@code web_comm}, …) and {@code web} otherwise. Only {@linkplain
 * Verdict#scored() scored} verdicts count; the others, and those without a start time or with a
 * country the registry does not know, are counted in {@link #skipped()}.
 */
public final class OoniSignalAggregator {
  /** Bin width: one hour. */
  public static final int STEP = 3600;

  /** Count of scored measurements (failures included). */
  public static final String MEASUREMENTS = "measurements";

  /** Scored measurements that are not failures: the ratio's denominator. */
  public static final String USABLE = "usable";

  /** (anomaly ∨ confirmed) ∧ ¬failure over usable measurements. */
  public static final String ANOMALY_RATIO = "anomaly_ratio";

  /** Confirmed ∧ ¬failure. */
  public static final String CONFIRMED = "confirmed";

  /** Platform of Web Connectivity URLs not in the test list (or when there is none). */
  public static final String WEB = "web";

  private final EntityRegistry registry;
  private final CitizenLabTestList testList;
  private final Map<String, Entity> countries = new HashMap<>();
  private final Map<Long, Entity> networks = new HashMap<>();
  private final Map<Cell, Map<Long, long[]>> cells = new LinkedHashMap<>();
  private final Map<String, Long> skipped = new TreeMap<>();
  private long minHour = Long.MAX_VALUE;
  private long maxHour = Long.MIN_VALUE;
  private long added;

  private final List<Anomalous> anomalous = new ArrayList<>();

  private record Cell(Entity entity, String platform) {}

  /**
   * A measurement counted in an anomaly ratio's numerator (anomaly or confirmed, not failed): the
   * evidence behind an hour of {@code key}.
   *
   * @param key the entity and its {@code ooni.<platform>.anomaly_ratio} signal
   * @param hour the bin (epoch seconds, a multiple of an hour)
   * @param measuredAt {@code measurement_start_time}
   * @param measurementUid OONI's id of the measurement, or {@code null} (older measurements)
   * @param reportId the report, which with the input identifies a measurement without uid
   * @param input the measurement's input, or {@code null}
   * @param confirmed whether a blockpage fingerprint confirmed blocking
   */
  public record Anomalous(
      SignalKey key,
      long hour,
      Instant measuredAt,
      String measurementUid,
      String reportId,
      String input,
      boolean confirmed) {}

  // Per-hour counters, indices into the long[4] of a cell's hour.
  private static final int N = 0;
  private static final int USABLE_N = 1;
  private static final int BLOCKED = 2;
  private static final int CONFIRMED_N = 3;

  private OoniSignalAggregator(EntityRegistry registry, CitizenLabTestList testList) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.testList = testList;
  }

  /**
   * An empty aggregator.
   *
   * @param testList categories for Web Connectivity URLs, or {@code null} to put them all in {@code
   *     web}
   */
  public static OoniSignalAggregator create(EntityRegistry registry, CitizenLabTestList testList) {
    return new OoniSignalAggregator(registry, testList);
  }

  /** The signal name {@code ooni.<platform>.<measure>}. */
  public static String signalName(String platform, String measure) {
    return SignalKey.checkSignalName("ooni." + platform + "." + measure);
  }

  /** Adds one verdict; returns whether it was counted. */
  public boolean add(Verdict v) {
    if (!v.scored()) {
      skip(v.outcome().name().toLowerCase(java.util.Locale.ROOT));
      return false;
    }
    Instant t = v.measurementStartTime();
    if (t == null) {
      skip("no measurement_start_time");
      return false;
    }
    String platform = platform(v);
    if (platform == null) {
      skip("no platform");
      return false;
    }
    Entity country = country(v.probeCc());
    if (country == null) {
      skip("unknown probe_cc");
      return false;
    }
    long hour = Math.floorDiv(t.getEpochSecond(), STEP) * STEP;
    minHour = Math.min(minHour, hour);
    maxHour = Math.max(maxHour, hour);
    count(new Cell(country, platform), hour, v);
    if (v.probeAsn() >= 0 && v.probeAsn() <= 0xFFFF_FFFFL) {
      Entity asn = networks.computeIfAbsent(v.probeAsn(), n -> registry.asn(Long.toString(n)));
      count(new Cell(asn, platform), hour, v);
    }
    added++;
    return true;
  }

  private void count(Cell cell, long hour, Verdict v) {
    long[] c =
        cells.computeIfAbsent(cell, k -> new HashMap<>()).computeIfAbsent(hour, h -> new long[4]);
    c[N]++;
    if (!v.failure()) {
      c[USABLE_N]++;
      if (v.anomaly() || v.confirmed()) {
        c[BLOCKED]++;
        anomalous.add(
            new Anomalous(
                new SignalKey(cell.entity(), signalName(cell.platform(), ANOMALY_RATIO)),
                hour,
                v.measurementStartTime(),
                v.measurementUid(),
                v.reportId(),
                v.input(),
                v.confirmed()));
      }
      if (v.confirmed()) {
        c[CONFIRMED_N]++;
      }
    }
  }

  private Entity country(String cc) {
    if (cc == null) {
      return null;
    }
    return countries.computeIfAbsent(
        cc,
        c -> {
          try {
            return registry.country(c);
          } catch (IllegalArgumentException e) {
            return null;
          }
        });
  }

  private String platform(Verdict v) {
    if ("web_connectivity".equals(v.testName())) {
      if (testList == null) {
        return WEB;
      }
      String cat = testList.category(v.input()).orElse(null);
      if (cat == null || !cat.matches("[a-z0-9_]+")) {
        return WEB;
      }
      return WEB + "_" + cat;
    }
    String p = v.platform();
    return p != null && p.matches("[a-z0-9_]+") ? p : null;
  }

  private void skip(String why) {
    skipped.merge(why, 1L, Long::sum);
  }

  /** The measurements behind the anomaly ratios, in the order added. */
  public List<Anomalous> anomalous() {
    return Collections.unmodifiableList(anomalous);
  }

  /** Verdicts counted. */
  public long counted() {
    return added;
  }

  /** Verdicts not counted, by reason ({@code unscored}, {@code discarded}, …). */
  public Map<String, Long> skipped() {
    return Collections.unmodifiableMap(new TreeMap<>(skipped));
  }

  /**
   * The series, in a stable order (entity key, platform, measure), all over the same hours; empty
   * when nothing was counted.
   */
  public Map<SignalKey, TimeSeries> series() {
    if (added == 0) {
      return Map.of();
    }
    return series(minHour, maxHour + STEP);
  }

  /**
   * The series over {@code [from, to)} (epoch seconds, multiples of an hour); hours outside it are
   * left out, hours without measurements are gaps.
   */
  public Map<SignalKey, TimeSeries> series(long from, long to) {
    if (Math.floorMod(from, STEP) != 0 || Math.floorMod(to, STEP) != 0 || to < from) {
      throw new IllegalArgumentException(
          "range must be whole hours, from <= to: " + from + ", " + to);
    }
    int len = Math.toIntExact((to - from) / STEP);
    List<Cell> order = new ArrayList<>(cells.keySet());
    order.sort(
        (a, b) -> {
          int c = a.entity().key().compareTo(b.entity().key());
          return c != 0 ? c : a.platform().compareTo(b.platform());
        });
    Map<SignalKey, TimeSeries> out = new LinkedHashMap<>();
    for (Cell cell : order) {
      double[] n = nan(len);
      double[] usable = nan(len);
      double[] ratio = nan(len);
      double[] confirmed = nan(len);
      for (Map.Entry<Long, long[]> e : cells.get(cell).entrySet()) {
        long hour = e.getKey();
        if (hour < from || hour >= to) {
          continue;
        }
        int i = (int) ((hour - from) / STEP);
        long[] c = e.getValue();
        n[i] = c[N];
        usable[i] = c[USABLE_N];
        confirmed[i] = c[CONFIRMED_N];
        ratio[i] = c[USABLE_N] == 0 ? Double.NaN : (double) c[BLOCKED] / c[USABLE_N];
      }
      put(out, cell, MEASUREMENTS, from, n);
      put(out, cell, USABLE, from, usable);
      put(out, cell, ANOMALY_RATIO, from, ratio);
      put(out, cell, CONFIRMED, from, confirmed);
    }
    return Collections.unmodifiableMap(out);
  }

  private static void put(
      Map<SignalKey, TimeSeries> out, Cell cell, String measure, long from, double[] v) {
    out.put(
        new SignalKey(cell.entity(), signalName(cell.platform(), measure)),
        TimeSeries.of(from, STEP, v));
  }

  private static double[] nan(int len) {
    double[] v = new double[len];
    Arrays.fill(v, Double.NaN);
    return v;
  }
}
