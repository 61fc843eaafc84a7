// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vigil.core.TimeSeries;
import org.vigil.detect.BaselineDetector;
import org.vigil.detect.DetectorConfig;
import org.vigil.detect.classify.RatioTrack;
import org.vigil.detect.classify.Restoration;
import org.vigil.detect.classify.SignalFamily;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalEventRecord;
import org.vigil.store.SignalStore;

/**
 * The data-plane ratio tracks (value / expected per bin) that the restoration rule reads,
 * recomputed from the stored series when an event needs one.
 *
 * <p>Why recomputed rather than stored: the detector is deterministic, and a run over the whole
 * stored series from an empty state gives exactly the ratios of the incremental runs (the pipeline
 * starts a series over whenever earlier data or another configuration would make them differ). Only
 * series with a cut below {@value Restoration#CUT_RATIO} of their baseline are recomputed, each
 * once per publication, so the cost is a second detection pass over the few series that were cut.
 */
final class RatioTracks {
  private final SignalStore store;
  private final Function<String, DetectorConfig> configFor;
  private final Map<Integer, RatioTrack> cache = new HashMap<>();

  RatioTracks(SignalStore store, Function<String, DetectorConfig> configFor) {
    this.store = store;
    this.configFor = configFor;
  }

  /**
   * The track of a merged event: that of its data-plane signal that fell lowest, when it fell below
   * the restoration rule's cut ratio; {@code null} when no data-plane signal was cut (a partial
   * outage, throttling or blocking has no restoration to judge). Ties go to the earlier series.
   */
  RatioTrack forEvent(List<SignalEventRecord> group, Map<Integer, SeriesInfo> seriesById) {
    SignalEventRecord lowest = null;
    for (SignalEventRecord e : group) {
      SeriesInfo s = seriesById.get(e.seriesId());
      if (SignalFamily.of(s.signal()).dataPlane()
          && e.lowestRatio() < Restoration.CUT_RATIO
          && (lowest == null || e.lowestRatio() < lowest.lowestRatio())) {
        lowest = e;
      }
    }
    return lowest == null ? null : of(seriesById.get(lowest.seriesId()));
  }

  /** The whole series' ratios, from an empty detector state; {@code null} for an empty series. */
  RatioTrack of(SeriesInfo s) {
    if (cache.containsKey(s.id())) {
      return cache.get(s.id());
    }
    long[] range = store.timeRange(s.id());
    RatioTrack track = null;
    if (range != null) {
      TimeSeries series = store.readSeries(s.id(), range[0], range[1] + s.step());
      track = RatioTrack.of(BaselineDetector.detect(series, configFor.apply(s.signal())));
    }
    cache.put(s.id(), track);
    return track;
  }
}
