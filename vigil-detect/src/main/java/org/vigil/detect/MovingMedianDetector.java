// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vigil.core.TimeSeries;

/**
 * IODA's moving-median detector with in-painting, made streaming: each bin is compared with the
 * median of the cleaned history before it, and bins that are far off the baseline enter the history
 * as the baseline, so an outage does not drag the baseline down with it (REFERENCE.md §1.3,
 * watchtower-sentry's {@code MovingStat}).
 *
 * <p>The baseline of bin t is, with no period configured, the median of the cleaned values in
 * {@code [t - window, t)} (IODA exactly); with a period (one day by default), the median of the
 * values at the same phase of earlier periods, {@code t - k·period} and their neighbours ±1 bin,
 * within the window. Nothing is assessed until the history covers the warm-up and the baseline
 * rests on at least 3 values, nor where the baseline is not positive.
 *
 * <p>In-painting is limited, as in IODA: once the ratio has stayed outside {@code [inpaintLow,
 * inpaintHigh]} for {@link DetectorConfig#maxInpaintSeconds()} (one window by default), the actual
 * values go into the history again, so a lasting level shift becomes the new baseline once it fills
 * half of the samples the median is taken from, and its event ends. The run counts bins with data:
 * a gap (no value) neither extends it nor ends it, so a blackout that shows as missing data does
 * not use up the limit; any bin with a value whose ratio is within the bounds, or that has no
 * baseline, ends it. Unlike IODA, which on reaching the limit also swaps the in-painted part of its
 * history back to the actual values, Vigil lets the in-painted values age out of the window: the
 * state keeps one window of history, not two, and a permanent shift ends its event after the limit
 * plus the time the median needs to move (about half the window).
 *
 * <pre>{@code
 * TimeSeries bins = ...; // probe.up_slash24 for one country, 10-minute bins
 * DetectionResult r = MovingMedianDetector.detect(bins, DetectorConfig.forSignal("probe.up_slash24"));
 * for (SeriesEvent e : r.events()) {
 *   System.out.println(e.start() + " " + e.peakLevel().key() + " " + e.score());
 * }
 * // Incrementally: keep r.state().toBytes(), and next time
 * DetectionResult next = MovingMedianDetector.run(newBins, DetectorState.fromBytes(saved));
 * }</pre>
 *
 * <p>Deterministic and allocation-free per bin: a run over many small chunks, with the state
 * serialised between them, gives exactly the alerts and events of one run over the whole series.
 */
public final class MovingMedianDetector {
  private MovingMedianDetector() {}

  /** Runs over the whole series from an empty state. */
  public static DetectionResult detect(TimeSeries series, DetectorConfig config) {
    return run(series, DetectorState.initial(config, series.step()));
  }

  /**
   * Consumes {@code bins} from where {@code state} stopped. Bins before {@link
   * DetectorState#nextTime()} were seen already and are skipped; a gap between it and the first bin
   * counts as bins without data. {@code state} itself is not changed.
   *
   * @throws IllegalArgumentException if the series' step is not the state's
   */
  public static DetectionResult run(TimeSeries bins, DetectorState state) {
    Objects.requireNonNull(bins, "bins");
    Objects.requireNonNull(state, "state");
    if (bins.step() != state.stepSeconds()) {
      throw new IllegalArgumentException(
          "the series has a step of "
              + bins.step()
              + " s but the detector state was built for "
              + state.stepSeconds()
              + " s");
    }
    DetectorState s = state.copy();
    DetectorConfig cfg = s.config;
    int len = bins.length();
    int step = bins.step();
    double[] expected = new double[len];
    double[] ratio = new double[len];
    Level[] level = new Level[len];
    Arrays.fill(expected, Double.NaN);
    Arrays.fill(ratio, Double.NaN);
    Arrays.fill(level, Level.NORMAL);
    List<Alert> alerts = new ArrayList<>();
    List<SeriesEvent> events = new ArrayList<>();

    int first = 0;
    if (s.nextTime != Long.MIN_VALUE && len > 0) {
      // A difference that overflows (only from absurd times) wraps negative: read it as "far".
      if (bins.start() < s.nextTime) {
        long ahead = s.nextTime - bins.start();
        first = ahead < 0 ? len : (int) Math.min(len, ahead / step);
      } else if (bins.start() > s.nextTime) {
        long gap = bins.start() - s.nextTime;
        s.ensureSorted();
        s.skipGap(gap < 0 ? Long.MAX_VALUE : gap / step);
      }
    }
    if (first < len) {
      s.ensureSorted();
      double low = cfg.inpaintLow();
      double high = cfg.inpaintHigh();
      int slot = s.slot(Math.floorDiv(bins.timeAt(first), step));
      for (int i = first; i < len; i++) {
        double v = bins.value(i);
        double e = s.warm() ? s.baseline(slot) : Double.NaN;
        expected[i] = e;
        // Infinities are not measurements: they are gaps, like NaN. Adding 0.0 turns -0.0 into
        // 0.0, so equal values are equal bit for bit in the history.
        double clean = Double.isFinite(v) ? v + 0.0 : Double.NaN;
        // A NaN baseline fails e > 0; a baseline of zero or below cannot fall, so is not assessed.
        if (clean == clean && e > 0 && e < Double.POSITIVE_INFINITY) {
          double r = v / e;
          ratio[i] = r;
          level[i] = s.machine.assess(bins.timeAt(i), v, e, r, alerts, events);
          if (r < low || r > high) {
            if (s.extendInpaintRun()) {
              clean = e; // in-painting: keep the outage out of the baseline
            }
          } else {
            s.endInpaintRun();
          }
        } else if (clean == clean) {
          s.endInpaintRun(); // a value without a baseline goes into the history as it is
        }
        s.store(slot, clean);
        s.countBin(!Double.isNaN(clean));
        slot = slot + 1 == s.windowBins ? 0 : slot + 1;
      }
      s.nextTime = bins.end();
    }
    SeriesEvent open = s.machine.ongoingEvent();
    if (open != null) {
      events.add(open);
    }
    return new DetectionResult(
        bins.start(), step, first, expected, ratio, level, alerts, events, s);
  }
}
