// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vigil.core.TimeSeries;

/**
 * Runs the detector that a configuration names ({@link DetectorConfig#baseline()}): the {@link
 * MovingMedianDetector} or the {@link SimilarDaysDetector}. Both share everything but the baseline:
 * the in-painting, the {@link AlertMachine}, the events and the serialisable {@link DetectorState},
 * so a pipeline can choose the baseline per signal by configuration alone.
 *
 * <pre>{@code
 * DetectorConfig config = DetectorConfig.forSignal("traffic.requests", Baseline.SIMILAR_DAYS);
 * DetectionResult r = BaselineDetector.detect(series, config);
 * // Incrementally, whichever baseline the saved state was built with:
 * DetectionResult next = BaselineDetector.run(newBins, DetectorState.fromBytes(saved));
 * }</pre>
 */
public final class BaselineDetector {
  private BaselineDetector() {}

  /** Runs over the whole series from an empty state. */
  public static DetectionResult detect(TimeSeries series, DetectorConfig config) {
    return run(series, DetectorState.initial(config, series.step()));
  }

  static void require(DetectorState state, Baseline baseline) {
    Baseline actual = state.config().baseline();
    if (actual != baseline) {
      throw new IllegalArgumentException(
          "this detector state uses the "
              + actual.key()
              + " baseline, not "
              + baseline.key()
              + "; run it with BaselineDetector, which follows the configuration");
    }
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
      long bin = Math.floorDiv(bins.timeAt(first), step);
      int slot = s.slot(bin);
      for (int i = first; i < len; i++, bin++) {
        double v = bins.value(i);
        double e = s.warm() ? s.baseline(slot, bin) : Double.NaN;
        expected[i] = e;
        // Infinities are not measurements: they are gaps, like NaN. Adding 0.0 turns -0.0 into
        // 0.0, so equal values are equal bit for bit in the history.
        double clean = Double.isFinite(v) ? v + 0.0 : Double.NaN;
        double measured = clean;
        // A NaN baseline fails e > 0; a baseline of zero or below cannot fall, so is not assessed.
        if (clean == clean && e > 0 && e < Double.POSITIVE_INFINITY) {
          double r = v / e;
          ratio[i] = r;
          level[i] = s.machine.assess(bins.timeAt(i), v, e, r, alerts, events);
          if (r < low || r > high) {
            if (s.extendInpaintRun()) {
              clean = e; // in-painting: keep the outage out of the baseline
            } else {
              s.acceptShift(bin); // the limit: a lasting shift is the new normal
            }
          } else {
            s.endInpaintRun();
          }
        } else if (clean == clean) {
          s.endInpaintRun(); // a value without a baseline goes into the history as it is
        }
        s.store(slot, bin, clean, measured);
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
