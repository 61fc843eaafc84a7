// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigil.core.TimeSeries;

/**
 * OONI's changepoint detector (a Bernoulli CUSUM, {@code ooni/data: changepoint-api}, REFERENCE.md
 * §2.4) on an hourly anomaly-ratio series, emitting {@value #KIND} events.
 *
 * <pre>{@code
 * TimeSeries ratio = series.get(new SignalKey(kz, "ooni.whatsapp.anomaly_ratio"));
 * TimeSeries usable = series.get(new SignalKey(kz, "ooni.whatsapp.usable"));
 * CusumDetector.Result r = CusumDetector.defaults().detect(ratio, usable);
 * for (SeriesEvent e : r.events()) System.out.println(e.start() + " " + e.end());
 * }</pre>
 *
 * <p><b>From measurements to hours.</b> OONI's detector treats each measurement as a Bernoulli
 * trial, blocked with probability {@code p0} (0.05) while a platform is reachable and {@code p1}
 * (0.50) while it is blocked, and adds each one's log-likelihood ratio to a statistic: {@code a =
 * ln(p1/p0)} (+2.303) for an anomalous measurement, {@code b = ln((1-p1)/(1-p0))} (−0.642) for a
 * normal one. An hour with {@code n} usable measurements and anomaly ratio {@code r} holds {@code k
 * = r·n} anomalous and {@code n-k} normal ones, so its log-likelihood ratio is {@code k·a +
 * (n-k)·b}: exactly the sum OONI's detector adds over the same measurements. The only difference is
 * that the statistic is floored at zero once an hour rather than after each measurement, so the
 * order of measurements within an hour does not matter. An hour climbs when its ratio is above
 * {@code -b/(a-b)} (about 0.22 with the defaults). The second input is the count {@code n}: pass
 * the ratio's denominator ({@code ooni.<platform>.usable}); the measurement count (failures
 * included) also works, and then slightly overstates the evidence of hours with failures.
 *
 * <p><b>States.</b> Two one-sided statistics run as OONI's do: {@code s_pos = max(0, s_pos + llr)}
 * gathers evidence that blocking began, {@code s_neg = max(0, s_neg - llr)} that it ended. In state
 * OK a crossing of {@code h} (30) by {@code s_pos} moves to BLOCK and opens an event whose start is
 * the changepoint: the first hour of the climb that crossed, i.e. the hour after {@code s_pos} was
 * last zero. In BLOCK a crossing by {@code s_neg} returns to OK and closes the event; its end is
 * the first hour of that climb, the first hour back at normal. Until either statistic first crosses
 * {@code h} the state is unknown and that first crossing sets it without an event, so a platform
 * blocked since before the series began (or a constant series of any value) yields no event: there
 * is no changepoint in it. OONI's API has a 30-day warm-up for the same reason.
 *
 * <p><b>Gaps.</b> An hour without a ratio, or with fewer than {@code minMeasurements} usable
 * measurements, is a gap: OONI goes silent in a blackout. A gap neither moves the state nor resets
 * the statistics; both decay towards zero with a half-life of {@code gapHalfLifeHours} (24), as in
 * OONI's detector, so a long silence weakens old evidence without ending or starting an event.
 *
 * <p>Deterministic; never throws on any values (NaN, infinities, negative or impossible counts and
 * ratios outside [0, 1] are gaps).
 */
public final class CusumDetector {
  /** The kind of the events: platform blocking seen in OONI measurements. */
  public static final String KIND = "platform-blocking";

  /** OONI's defaults ({@code ooni/data: changepoint-api/API.md}). */
  public static final double DEFAULT_P0 = 0.05;

  public static final double DEFAULT_P1 = 0.50;
  public static final double DEFAULT_H = 30;
  public static final double DEFAULT_GAP_HALF_LIFE_HOURS = 24;

  /**
   * Vigil's default minimum of usable measurements for an hour to count: fewer is a gap. One or two
   * measurements from one probe say little about a network and are often the same flaky device.
   */
  public static final int DEFAULT_MIN_MEASUREMENTS = 3;

  private static final double NONE = Double.NaN;

  /** More measurements than this in one bin is impossible input, taken as a gap (no overflow). */
  static final double MAX_MEASUREMENTS = 1e12;

  private final double p0;
  private final double p1;
  private final double h;
  private final double gapHalfLifeHours;
  private final int minMeasurements;
  private final double blockedLlr;
  private final double normalLlr;

  private CusumDetector(
      double p0, double p1, double h, double gapHalfLifeHours, int minMeasurements) {
    if (!(p0 > 0 && p0 < p1 && p1 < 1)) {
      throw new IllegalArgumentException("need 0 < p0 < p1 < 1, got p0 " + p0 + ", p1 " + p1);
    }
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("threshold h must be positive and finite, got " + h);
    }
    if (!(gapHalfLifeHours > 0)) {
      throw new IllegalArgumentException("gap half-life must be positive, got " + gapHalfLifeHours);
    }
    if (minMeasurements < 1) {
      throw new IllegalArgumentException(
          "minMeasurements must be at least 1, got " + minMeasurements);
    }
    this.p0 = p0;
    this.p1 = p1;
    this.h = h;
    this.gapHalfLifeHours = gapHalfLifeHours;
    this.minMeasurements = minMeasurements;
    this.blockedLlr = Math.log(p1 / p0);
    this.normalLlr = Math.log((1 - p1) / (1 - p0));
  }

  /** OONI's defaults: p0 0.05, p1 0.50, h 30, 24 h gap half-life; at least 3 measurements. */
  public static CusumDetector defaults() {
    return of(
        DEFAULT_P0, DEFAULT_P1, DEFAULT_H, DEFAULT_GAP_HALF_LIFE_HOURS, DEFAULT_MIN_MEASUREMENTS);
  }

  /**
   * A detector with these parameters.
   *
   * @throws IllegalArgumentException unless {@code 0 < p0 < p1 < 1}, {@code h > 0}, the half-life
   *     is positive and {@code minMeasurements >= 1}
   */
  public static CusumDetector of(
      double p0, double p1, double h, double gapHalfLifeHours, int minMeasurements) {
    return new CusumDetector(p0, p1, h, gapHalfLifeHours, minMeasurements);
  }

  /** The same detector with another minimum of measurements per hour. */
  public CusumDetector withMinMeasurements(int min) {
    return of(p0, p1, h, gapHalfLifeHours, min);
  }

  public double p0() {
    return p0;
  }

  public double p1() {
    return p1;
  }

  public double h() {
    return h;
  }

  public double gapHalfLifeHours() {
    return gapHalfLifeHours;
  }

  public int minMeasurements() {
    return minMeasurements;
  }

  /**
   * What a run found.
   *
   * @param events the {@value #KIND} events, in time order; the last one may be ongoing
   * @param sPos the blocking-began statistic after each bin
   * @param sNeg the blocking-ended statistic after each bin
   * @param state after each bin: 1 BLOCK, 0 OK, {@code NaN} not yet known
   */
  public record Result(
      List<SeriesEvent> events, TimeSeries sPos, TimeSeries sNeg, TimeSeries state) {
    public Result {
      events = List.copyOf(events);
    }
  }

  /**
   * Runs over {@code anomalyRatio}, with the usable measurements of each hour in {@code
   * measurements} (same step; matched by time, a bin it does not cover is a gap).
   *
   * @throws IllegalArgumentException if the two series have different steps
   */
  public Result detect(TimeSeries anomalyRatio, TimeSeries measurements) {
    Objects.requireNonNull(anomalyRatio, "anomalyRatio");
    Objects.requireNonNull(measurements, "measurements");
    if (anomalyRatio.step() != measurements.step()) {
      throw new IllegalArgumentException(
          "the ratio and count series must have the same step, got "
              + anomalyRatio.step()
              + " s and "
              + measurements.step()
              + " s");
    }
    int len = anomalyRatio.length();
    double decay = Math.pow(0.5, anomalyRatio.step() / (gapHalfLifeHours * 3600.0));
    double[] pos = new double[len];
    double[] neg = new double[len];
    double[] states = new double[len];
    List<SeriesEvent> events = new ArrayList<>();

    double sPos = 0;
    double sNeg = 0;
    double state = NONE; // NaN unknown, 0 OK, 1 BLOCK
    int posClimb = -1; // first bin of the current climb of sPos, -1 when at zero
    int negClimb = -1;
    int open = -1; // start bin of the open event
    double peak = 0;

    for (int i = 0; i < len; i++) {
      double r = anomalyRatio.value(i);
      int j = measurements.indexOf(anomalyRatio.timeAt(i));
      double n = j < 0 ? Double.NaN : measurements.value(j);
      if (!usable(r, n)) {
        sPos *= decay;
        sNeg *= decay;
      } else {
        double k = r * n;
        double llr = k * blockedLlr + (n - k) * normalLlr;
        double nextPos = Math.max(0, sPos + llr);
        double nextNeg = Math.max(0, sNeg - llr);
        posClimb = nextPos == 0 ? -1 : (sPos == 0 || posClimb < 0 ? i : posClimb);
        negClimb = nextNeg == 0 ? -1 : (sNeg == 0 || negClimb < 0 ? i : negClimb);
        sPos = nextPos;
        sNeg = nextNeg;
        if (Double.isNaN(state)) {
          // First crossing sets the state silently: no changepoint is known yet.
          if (sPos > h) {
            state = 1;
            sNeg = 0;
            negClimb = -1;
          } else if (sNeg > h) {
            state = 0;
            sPos = 0;
            posClimb = -1;
          }
        } else if (state == 0) {
          sNeg = 0; // only the statistic for the next change runs
          negClimb = -1;
          if (sPos > h) {
            state = 1;
            open = posClimb;
            peak = sPos;
          }
        } else {
          if (open >= 0) {
            peak = Math.max(peak, sPos);
          }
          if (sNeg > h) {
            if (open >= 0) {
              events.add(event(anomalyRatio, measurements, open, negClimb, peak));
            }
            open = -1;
            state = 0;
            sPos = 0;
            sNeg = 0;
            posClimb = -1;
            negClimb = -1;
          }
        }
      }
      pos[i] = sPos;
      neg[i] = sNeg;
      states[i] = state;
    }
    if (open >= 0) {
      events.add(event(anomalyRatio, measurements, open, -1, peak));
    }
    long start = anomalyRatio.start();
    int step = anomalyRatio.step();
    return new Result(
        events,
        TimeSeries.of(start, step, pos),
        TimeSeries.of(start, step, neg),
        TimeSeries.of(start, step, states));
  }

  private boolean usable(double r, double n) {
    return r >= 0 && r <= 1 && n >= minMeasurements && n <= MAX_MEASUREMENTS;
  }

  /**
   * The event over bins {@code [from, to)} ({@code to} -1 while ongoing): baseline {@code p0},
   * {@code lowestRatio} the lowest share of normal measurements ({@code 1 - r}) in a usable bin,
   * score the highest {@code s_pos} (evidence, in nats).
   */
  private SeriesEvent event(TimeSeries ratio, TimeSeries counts, int from, int to, double peak) {
    double lowest = Double.NaN;
    int end = to < 0 ? ratio.length() : to;
    for (int i = from; i < end; i++) {
      double r = ratio.value(i);
      int j = counts.indexOf(ratio.timeAt(i));
      if (usable(r, j < 0 ? Double.NaN : counts.value(j))) {
        lowest = Double.isNaN(lowest) ? 1 - r : Math.min(lowest, 1 - r);
      }
    }
    return new SeriesEvent(
        ratio.timeAt(from),
        to < 0 ? null : ratio.timeAt(to),
        Level.CRITICAL,
        p0,
        lowest,
        peak,
        KIND);
  }
}
