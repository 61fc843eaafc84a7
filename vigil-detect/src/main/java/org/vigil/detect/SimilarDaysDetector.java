// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.Objects;
import org.vigil.core.TimeSeries;

/**
 * Cloudflare Radar's "most similar days" baseline (REFERENCE.md §4.1, "Gone offline: how Cloudflare
 * Radar detects Internet outages"), made streaming like the {@link MovingMedianDetector}: the
 * expected value of a bin is the median, at the same time of day, of the {@link
 * DetectorConfig#similarDays()} days (6) of the window (28 days) whose shape today so far is
 * closest to today's.
 *
 * <p>For bin t on day D (days are {@link DetectorConfig#periodSeconds()} long and start at midnight
 * UTC), each earlier day D−d, d = 1..window/period, is a candidate if it has a value at t's time of
 * day. Its distance to D is the Euclidean distance between D's bins before t and D−d's bins at the
 * same times of day, over the bins both have (gaps are skipped; the mean of squares is compared, so
 * that a day with gaps is neither favoured nor penalised). The closest days win, the more recent on
 * a tie; at the first bin of a day there is no shape yet, and the most recent days are taken. The
 * bin's own value never enters its own baseline, so a gap has an expected value too and an outage
 * cannot pull the choice of days towards itself.
 *
 * <p>In-painting is the moving median's: a value whose ratio is outside {@code [inpaintLow,
 * inpaintHigh]} enters history as its baseline, for at most {@link
 * DetectorConfig#maxInpaintSeconds()}, so today's shape does not carry an outage. Earlier days
 * compete both as in-painted and, where in-painting changed them, as measured: a weekend that was
 * in-painted as a weekday the first time it dipped can still be recognised by the next weekend.
 * When in-painting reaches its limit, the run's in-painted bins go back to their measured values,
 * as IODA's MovingStat does, and a lasting shift becomes the new normal at once. The same {@link
 * AlertMachine} turns ratios into alerts and events, and the same {@link DetectorState} is
 * serialisable; runs over chunks give exactly what one run gives.
 *
 * <p>Cold start, honestly: nothing is assessed before two candidate days exist (the warm-up of the
 * configuration applies as well); with two to five days the median is of what exists. With fewer
 * than about two weeks, K = 6 is more than the days of one kind (two weekend days a week), so
 * weekends are compared with weekdays: see {@code vigil-detect/BASELINES.md}.
 *
 * <pre>{@code
 * DetectorConfig c = DetectorConfig.forSignal("traffic.requests", Baseline.SIMILAR_DAYS);
 * DetectionResult r = SimilarDaysDetector.detect(series, c);
 * DetectionResult next = SimilarDaysDetector.run(newBins, DetectorState.fromBytes(r.state().toBytes()));
 * }</pre>
 *
 * <p>Cost: one pass over the candidate days per bin to keep today's distances, and an insertion
 * sort of them; no allocation per bin. The history is the window plus the current day.
 */
public final class SimilarDaysDetector {
  private SimilarDaysDetector() {}

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
   *     similar-days state
   */
  public static DetectionResult run(TimeSeries bins, DetectorState state) {
    Objects.requireNonNull(state, "state");
    BaselineDetector.require(state, Baseline.SIMILAR_DAYS);
    return BaselineDetector.run(bins, state);
  }
}
