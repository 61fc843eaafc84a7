// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

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
 * serialised between them, gives exactly the alerts and events of one run over the whole series. To
 * let the configuration choose between this baseline and {@link SimilarDaysDetector}, call {@link
 * BaselineDetector} instead.
 */
public final class MovingMedianDetector {
  private MovingMedianDetector() {}

  /**
   * Runs over the whole series from an empty state.
   *
   * @throws IllegalArgumentException if the configuration names another baseline
   */
  public static DetectionResult detect(TimeSeries series, DetectorConfig config) {
    return run(series, DetectorState.initial(config, series.step()));
  }

  /**
   * Consumes {@code bins} from where {@code state} stopped, as {@link BaselineDetector#run} does.
   *
   * @throws IllegalArgumentException if the series' step is not the state's, or the state is not a
   *     moving-median state (use {@link BaselineDetector#run} to run whichever it is)
   */
  public static DetectionResult run(TimeSeries bins, DetectorState state) {
    Objects.requireNonNull(state, "state");
    BaselineDetector.require(state, Baseline.MOVING_MEDIAN);
    return BaselineDetector.run(bins, state);
  }
}
