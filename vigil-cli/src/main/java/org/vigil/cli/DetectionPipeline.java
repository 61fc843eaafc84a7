// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.TimeSeries;
import org.vigil.detect.Alert;
import org.vigil.detect.DetectionResult;
import org.vigil.detect.DetectorConfig;
import org.vigil.detect.DetectorState;
import org.vigil.detect.MovingMedianDetector;
import org.vigil.detect.ScopeRule;
import org.vigil.detect.SeriesEvent;
import org.vigil.store.AlertRecord;
import org.vigil.store.InputFile;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalEventRecord;
import org.vigil.store.SignalStore;
import org.vigil.store.SignalStore.DetectorSnapshot;
import org.vigil.store.SignalStore.SeriesInput;
import org.vigil.store.StoredEvent;

/**
 * Incremental detection over the store, then publication of events.
 *
 * <p>Each series keeps its detector state in the store. A run feeds each series only the bins after
 * the state's last one; it starts the series over when data arrived for earlier times or the
 * detector configuration changed. Events are then rebuilt from the per-series events: overlapping
 * events of one entity merge into one, scored as the product of the per-signal scores (IODA).
 */
final class DetectionPipeline {
  /** What a run did. */
  record Summary(int series, int updated, int restarted, long bins, int alerts, int events) {
    /** One line for people: {@code detect: 5 series, 5 with new data, ...}. */
    String describe() {
      return "detect: "
          + plural(series, "series", "series")
          + ", "
          + updated
          + " with new data"
          + (restarted > 0 ? " (" + restarted + " started over)" : "")
          + ", "
          + plural(bins, "bin", "bins")
          + ", "
          + plural(alerts, "alert", "alerts")
          + "; "
          + plural(events, "event", "events")
          + " published";
    }

    private static String plural(long n, String one, String many) {
      return n + " " + (n == 1 ? one : many);
    }
  }

  private DetectionPipeline() {}

  static Summary run(
      SignalStore store, Function<String, DetectorConfig> configFor, Progress progress) {
    List<SeriesInfo> all = store.series();
    int updated = 0;
    int restarted = 0;
    long bins = 0;
    int alerts = 0;
    for (int n = 0; n < all.size(); n++) {
      progress.update(n);
      SeriesInfo info = all.get(n);
      DetectorConfig config = configFor.apply(info.signal());
      String configText = config.toString();
      DetectorState state = null;
      var snapshot = store.detectorState(info.id());
      boolean hadState = snapshot.isPresent();
      if (snapshot.isPresent() && snapshot.get().config().equals(configText)) {
        state = DetectorState.fromBytes(snapshot.get().state());
        if (info.dirtyFrom() == null) {
          continue; // up to date
        }
        if (info.dirtyFrom() < state.nextTime()) {
          state = null; // data changed behind the detector: start over
        }
      }
      long[] range = store.timeRange(info.id());
      if (range == null) {
        continue;
      }
      boolean reset = state == null;
      if (reset) {
        state = DetectorState.initial(config, info.step());
        if (hadState) {
          restarted++;
        }
      }
      long from = reset ? range[0] : state.nextTime();
      long until = range[1] + info.step();
      if (from >= until) {
        continue;
      }
      TimeSeries series = store.readSeries(info.id(), from, until);
      DetectionResult result = MovingMedianDetector.run(series, state);
      List<AlertRecord> alertRecords = new ArrayList<>();
      for (Alert a : result.alerts()) {
        alertRecords.add(
            new AlertRecord(
                info.id(), a.time(), a.level().key(), a.value(), a.expected(), a.ratio()));
      }
      List<SignalEventRecord> events = new ArrayList<>();
      for (SeriesEvent e : result.events()) {
        events.add(
            new SignalEventRecord(
                info.id(),
                e.start(),
                e.end(),
                e.peakLevel().key(),
                e.baseline(),
                e.lowestRatio(),
                e.score(),
                e.kind()));
      }
      store.saveDetection(
          info.id(),
          new DetectorSnapshot(configText, result.state().toBytes()),
          reset,
          alertRecords,
          events);
      updated++;
      bins += series.length();
      alerts += alertRecords.size();
    }
    List<StoredEvent> published = publish(store, all);
    store.replaceEvents(published);
    return new Summary(all.size(), updated, restarted, bins, alerts, published.size());
  }

  /** Builds the published events from every series' events. */
  static List<StoredEvent> publish(SignalStore store, List<SeriesInfo> all) {
    Map<Integer, SeriesInfo> seriesById = new HashMap<>();
    for (SeriesInfo s : all) {
      seriesById.put(s.id(), s);
    }
    Map<Long, InputFile> inputsById = new HashMap<>();
    for (InputFile f : store.inputs()) {
      inputsById.put(f.id(), f);
    }
    Map<Integer, List<SeriesInput>> inputsBySeries = new HashMap<>();
    for (SeriesInput si : store.seriesInputs()) {
      inputsBySeries.computeIfAbsent(si.seriesId(), k -> new ArrayList<>()).add(si);
    }
    // Regions with data per country, and region event intervals per country: the scope rule.
    Map<String, Set<String>> regionsWithData = new HashMap<>();
    for (SeriesInfo s : all) {
      if (s.entity().type() == EntityType.REGION) {
        regionsWithData
            .computeIfAbsent(s.entity().country(), k -> new HashSet<>())
            .add(s.entity().key());
      }
    }
    Map<String, List<SignalEventRecord>> byEntity = new TreeMap<>();
    Map<String, Entity> entities = new HashMap<>();
    for (SignalEventRecord e : store.signalEvents()) {
      SeriesInfo s = seriesById.get(e.seriesId());
      byEntity.computeIfAbsent(s.entity().key(), k -> new ArrayList<>()).add(e);
      entities.put(s.entity().key(), s.entity());
    }
    Map<String, List<long[]>> regionIntervals = new HashMap<>();
    for (Map.Entry<String, List<SignalEventRecord>> entry : byEntity.entrySet()) {
      Entity entity = entities.get(entry.getKey());
      if (entity.type() == EntityType.REGION) {
        regionIntervals
            .computeIfAbsent(entity.country(), k -> new ArrayList<>())
            .addAll(union(entry.getValue()));
      }
    }
    List<StoredEvent> out = new ArrayList<>();
    for (Map.Entry<String, List<SignalEventRecord>> entry : byEntity.entrySet()) {
      Entity entity = entities.get(entry.getKey());
      List<SignalEventRecord> events = new ArrayList<>(entry.getValue());
      events.sort(Comparator.comparingLong(SignalEventRecord::start));
      List<SignalEventRecord> group = new ArrayList<>();
      long groupEnd = Long.MIN_VALUE;
      for (SignalEventRecord e : events) {
        if (!group.isEmpty() && e.start() >= groupEnd) {
          out.add(
              merge(
                  entity,
                  group,
                  seriesById,
                  inputsBySeries,
                  inputsById,
                  regionsWithData,
                  regionIntervals));
          group = new ArrayList<>();
          groupEnd = Long.MIN_VALUE;
        }
        group.add(e);
        groupEnd = Math.max(groupEnd, e.end() == null ? Long.MAX_VALUE : e.end());
      }
      if (!group.isEmpty()) {
        out.add(
            merge(
                entity,
                group,
                seriesById,
                inputsBySeries,
                inputsById,
                regionsWithData,
                regionIntervals));
      }
    }
    out.sort(Comparator.comparingLong(StoredEvent::start).thenComparing(e -> e.entity().key()));
    return out;
  }

  private static StoredEvent merge(
      Entity entity,
      List<SignalEventRecord> group,
      Map<Integer, SeriesInfo> seriesById,
      Map<Integer, List<SeriesInput>> inputsBySeries,
      Map<Long, InputFile> inputsById,
      Map<String, Set<String>> regionsWithData,
      Map<String, List<long[]>> regionIntervals) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    boolean ongoing = false;
    boolean blackout = false;
    double lowest = Double.POSITIVE_INFINITY;
    Map<String, Double> scoreBySignal = new LinkedHashMap<>();
    List<StoredEvent.Signal> signals = new ArrayList<>();
    Set<InputFile> evidence = new LinkedHashSet<>();
    for (SignalEventRecord e : group) {
      start = Math.min(start, e.start());
      if (e.end() == null) {
        ongoing = true;
      } else {
        end = Math.max(end, e.end());
      }
      blackout |= SeriesEvent.BLACKOUT.equals(e.kind());
      lowest = Math.min(lowest, e.lowestRatio());
      SeriesInfo s = seriesById.get(e.seriesId());
      scoreBySignal.merge(s.signal(), e.score(), Double::sum);
      signals.add(
          new StoredEvent.Signal(
              s.signal(), e.start(), e.end(), e.baseline(), e.lowestRatio(), e.score()));
      long eEnd = e.end() == null ? Long.MAX_VALUE : e.end();
      for (SeriesInput si : inputsBySeries.getOrDefault(e.seriesId(), List.of())) {
        if (si.firstT() < eEnd && si.lastT() >= e.start()) {
          evidence.add(inputsById.get(si.inputId()));
        }
      }
    }
    // IODA: the overall score is the product of the per-signal scores.
    double score = 1;
    for (double v : scoreBySignal.values()) {
      score *= v;
    }
    Long endT = ongoing ? null : end;
    String scope =
        switch (entity.type()) {
          case COUNTRY ->
              countryScope(entity, lowest, start, endT, regionsWithData, regionIntervals);
          case REGION -> ScopeRule.REGIONAL;
          case ASN -> "network";
        };
    return new StoredEvent(
        eventId(entity, start),
        entity,
        start,
        endT,
        blackout ? SeriesEvent.BLACKOUT : SeriesEvent.OUTAGE,
        scope,
        null,
        List.of(),
        score,
        signals,
        new ArrayList<>(evidence));
  }

  /**
   * The union of a region's event intervals (several signals may overlap): the scope rule's input.
   */
  private static List<long[]> union(List<SignalEventRecord> events) {
    List<long[]> intervals = new ArrayList<>();
    for (SignalEventRecord e : events) {
      intervals.add(new long[] {e.start(), e.end() == null ? Long.MAX_VALUE : e.end()});
    }
    intervals.sort(Comparator.comparingLong(a -> a[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] iv : intervals) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && iv[0] <= last[1]) {
        last[1] = Math.max(last[1], iv[1]);
      } else {
        out.add(iv.clone());
      }
    }
    return out;
  }

  /**
   * Scope of a country event. With regional data: {@link ScopeRule}, most regions down at once.
   * Without it, the country's own signal decides: more than half of it gone at once is nationwide,
   * the same "most of the country" test applied to the address space or traffic it measures.
   */
  private static String countryScope(
      Entity country,
      double lowestRatio,
      long start,
      Long end,
      Map<String, Set<String>> regionsWithData,
      Map<String, List<long[]>> regionIntervals) {
    int regions = regionsWithData.getOrDefault(country.code(), Set.of()).size();
    if (regions == 0) {
      return lowestRatio < 0.5 ? ScopeRule.NATIONWIDE : ScopeRule.REGIONAL;
    }
    return ScopeRule.countryScope(
        regionIntervals.getOrDefault(country.code(), List.of()),
        regions,
        start,
        end == null ? Long.MAX_VALUE : end);
  }

  /** A short id that stays the same across runs for the same entity and start. */
  static String eventId(Entity entity, long start) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((entity.key() + "@" + start).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
