// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.Sha256;
import org.vigil.core.TimeSeries;
import org.vigil.detect.Alert;
import org.vigil.detect.BaselineDetector;
import org.vigil.detect.CusumDetector;
import org.vigil.detect.DetectionResult;
import org.vigil.detect.DetectorConfig;
import org.vigil.detect.DetectorState;
import org.vigil.detect.SeriesEvent;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.CountryContext;
import org.vigil.detect.classify.CountryZones;
import org.vigil.detect.classify.SignalEvent;
import org.vigil.detect.classify.SignalFamily;
import org.vigil.store.AlertRecord;
import org.vigil.store.InputFile;
import org.vigil.store.MeasurementRecord;
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
      if (!detected(info.signal())) {
        continue;
      }
      if (info.signal().startsWith("ooni.")) {
        if (ooni(store, info, all)) {
          updated++;
        }
        continue;
      }
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
      DetectionResult result = BaselineDetector.run(series, state);
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
    List<StoredEvent> published = publish(store, all, configFor);
    store.replaceEvents(published);
    return new Summary(all.size(), updated, restarted, bins, alerts, published.size());
  }

  /**
   * Whether a signal's drops mean a disruption. Counts that rise in a disruption ({@code
   * probe.down_slash24}, {@code probe.uncertain_slash24}) and bursty routing activity ({@code
   * bgp.updates}, {@code bgp.withdrawals}) are context for people, not detected: their dips are
   * restorations and quiet hours.
   */
  static boolean detected(String signal) {
    return !(signal.equals("probe.down_slash24")
        || signal.equals("probe.uncertain_slash24")
        || signal.equals("bgp.updates")
        || signal.equals("bgp.withdrawals"));
  }

  /**
   * OONI series: the anomaly ratio goes through OONI's CUSUM with its usable-measurement counts,
   * recomputed over the whole series (hourly, small); the count series are context, not detected.
   *
   * @return whether the series had new data
   */
  private static boolean ooni(SignalStore store, SeriesInfo info, List<SeriesInfo> all) {
    if (info.dirtyFrom() == null && store.detectorState(info.id()).isPresent()) {
      return false;
    }
    List<SignalEventRecord> events = new ArrayList<>();
    long[] range = store.timeRange(info.id());
    String ratioSuffix = ".anomaly_ratio";
    if (range != null && info.signal().endsWith(ratioSuffix)) {
      String usable = info.signal().substring(0, info.signal().length() - ratioSuffix.length());
      SeriesInfo counts = null;
      for (SeriesInfo s : all) {
        if (s.entity().equals(info.entity()) && s.signal().equals(usable + ".usable")) {
          counts = s;
        }
      }
      long until = range[1] + info.step();
      TimeSeries ratio = store.readSeries(info.id(), range[0], until);
      TimeSeries n =
          counts == null
              ? TimeSeries.empty(ratio.start(), ratio.step(), ratio.length())
              : store.readSeries(counts.id(), range[0], until);
      for (SeriesEvent e : CusumDetector.defaults().detect(ratio, n).events()) {
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
    }
    store.saveDetection(
        info.id(), new DetectorSnapshot("cusum", new byte[0]), true, List.of(), events);
    return true;
  }

  /**
   * Builds the published events from every series' events: one entity's overlapping events merge
   * into one, classified by the rules of {@link ClassifiedEvent} against the events of its country
   * (the country and its regions). A cut's restoration is judged on the ratio track of its
   * data-plane signal that fell lowest, recomputed with {@code configFor} ({@link RatioTracks}).
   */
  static List<StoredEvent> publish(
      SignalStore store, List<SeriesInfo> all, Function<String, DetectorConfig> configFor) {
    Map<Integer, SeriesInfo> seriesById = new HashMap<>();
    Map<String, Set<SignalFamily>> withData = new HashMap<>();
    Map<String, Set<String>> regionsWithData = new HashMap<>();
    for (SeriesInfo s : all) {
      seriesById.put(s.id(), s);
      withData
          .computeIfAbsent(s.entity().key(), k -> EnumSet.noneOf(SignalFamily.class))
          .add(SignalFamily.of(s.signal()));
      if (s.entity().type() == EntityType.REGION) {
        regionsWithData
            .computeIfAbsent(s.entity().country(), k -> new HashSet<>())
            .add(s.entity().key());
      }
    }
    Map<Long, InputFile> inputsById = new HashMap<>();
    for (InputFile f : store.inputs()) {
      inputsById.put(f.id(), f);
    }
    Map<Integer, List<SeriesInput>> inputsBySeries = new HashMap<>();
    for (SeriesInput si : store.seriesInputs()) {
      inputsBySeries.computeIfAbsent(si.seriesId(), k -> new ArrayList<>()).add(si);
    }
    Map<String, List<SignalEventRecord>> byEntity = new TreeMap<>();
    Map<String, List<SignalEvent>> byCountry = new HashMap<>();
    for (SignalEventRecord e : store.signalEvents()) {
      SeriesInfo s = seriesById.get(e.seriesId());
      // Blocking (OONI) and connectivity are separate stories of one entity: a week of platform
      // blocking is not merged into the blackout that happens during it.
      boolean blocking = SignalFamily.of(s.signal()) == SignalFamily.OONI;
      byEntity
          .computeIfAbsent(
              s.entity().key() + (blocking ? "|blocking" : "|connectivity"), k -> new ArrayList<>())
          .add(e);
      if (s.entity().country() != null) {
        byCountry
            .computeIfAbsent(s.entity().country(), k -> new ArrayList<>())
            .add(signalEvent(s, e));
      }
    }
    Evidence evidence = new Evidence(store, inputsById, inputsBySeries);
    RatioTracks tracks = new RatioTracks(store, configFor);
    List<StoredEvent> out = new ArrayList<>();
    Map<Integer, List<AlertRecord>> alertCache = new HashMap<>();
    Function<Integer, List<AlertRecord>> alertsOf =
        id -> alertCache.computeIfAbsent(id, store::alerts);
    List<List<SignalEventRecord>> groups = new ArrayList<>();
    for (List<SignalEventRecord> events : byEntity.values()) {
      events.sort(Comparator.comparingLong(SignalEventRecord::start));
      List<SignalEventRecord> group = new ArrayList<>();
      long groupEnd = Long.MIN_VALUE;
      for (SignalEventRecord e : events) {
        if (!group.isEmpty() && e.start() >= groupEnd) {
          groups.addAll(splitPhases(group, seriesById, alertsOf));
          group = new ArrayList<>();
          groupEnd = Long.MIN_VALUE;
        }
        group.add(e);
        groupEnd = Math.max(groupEnd, e.end() == null ? Long.MAX_VALUE : e.end());
      }
      if (!group.isEmpty()) {
        groups.addAll(splitPhases(group, seriesById, alertsOf));
      }
    }
    for (List<SignalEventRecord> group : groups) {
      out.add(merge(group, seriesById, withData, regionsWithData, byCountry, evidence, tracks));
    }
    out.sort(Comparator.comparingLong(StoredEvent::start).thenComparing(e -> e.entity().key()));
    return out;
  }

  /** A traffic fall this much earlier than the reachability fall is a phase of its own. */
  static final long PHASE_GAP_SECONDS = 3_600;

  /**
   * Splits one entity's merged connectivity events where traffic fell well before reachability: the
   * lead, traffic down while the network still answered, is a phase of its own (throttling, as
   * Kcell and Tele2 on 4 January 2022), and the cut that follows another. Evidence is kept on both
   * sides: each traffic event is cut in two at the reachability fall.
   */
  static List<List<SignalEventRecord>> splitPhases(
      List<SignalEventRecord> group,
      Map<Integer, SeriesInfo> seriesById,
      Function<Integer, List<AlertRecord>> alertsOf) {
    long trafficStart = Long.MAX_VALUE;
    long reachStart = Long.MAX_VALUE;
    for (SignalEventRecord e : group) {
      SignalFamily f = SignalFamily.of(seriesById.get(e.seriesId()).signal());
      if (f == SignalFamily.TRAFFIC) {
        trafficStart = Math.min(trafficStart, e.start());
      } else if (f == SignalFamily.PROBE) {
        reachStart = Math.min(reachStart, e.start());
      }
    }
    if (reachStart == Long.MAX_VALUE || reachStart - trafficStart < PHASE_GAP_SECONDS) {
      return List.of(group);
    }
    List<SignalEventRecord> lead = new ArrayList<>();
    List<SignalEventRecord> cut = new ArrayList<>();
    for (SignalEventRecord e : group) {
      long end = e.end() == null ? Long.MAX_VALUE : e.end();
      if (e.start() < reachStart && end > reachStart) {
        lead.add(withSpan(e, e.start(), reachStart, alertsOf));
        cut.add(withSpan(e, reachStart, e.end(), alertsOf));
      } else if (e.start() < reachStart) {
        lead.add(e);
      } else {
        cut.add(e);
      }
    }
    return List.of(lead, cut);
  }

  /** The part of {@code e} from {@code start} to {@code end}, its lowest ratio from its alerts. */
  private static SignalEventRecord withSpan(
      SignalEventRecord e, long start, Long end, Function<Integer, List<AlertRecord>> alertsOf) {
    long until = end == null ? Long.MAX_VALUE : end;
    double lowest = Double.NaN;
    for (AlertRecord a : alertsOf.apply(e.seriesId())) {
      if (a.t() >= start && a.t() < until && !(a.ratio() >= lowest)) {
        lowest = a.ratio();
      }
    }
    return new SignalEventRecord(
        e.seriesId(),
        start,
        end,
        e.peakLevel(),
        e.baseline(),
        Double.isNaN(lowest) ? e.lowestRatio() : lowest,
        e.score(),
        e.kind());
  }

  private static SignalEvent signalEvent(SeriesInfo s, SignalEventRecord e) {
    return new SignalEvent(s.entity(), s.signal(), e.start(), e.end(), e.lowestRatio());
  }

  /** The input files, and the measurements, behind a series over a span of time. */
  private record Evidence(
      SignalStore store,
      Map<Long, InputFile> inputsById,
      Map<Integer, List<SeriesInput>> inputsBySeries) {
    void addTo(Set<InputFile> out, int seriesId, long start, long end) {
      for (SeriesInput si : inputsBySeries.getOrDefault(seriesId, List.of())) {
        if (si.firstT() < end && si.lastT() >= start) {
          out.add(inputsById.get(si.inputId()));
        }
      }
    }

    /** OONI: the anomalous measurements counted in an anomaly ratio's bins. */
    void addMeasurements(Set<StoredEvent.Measurement> out, SeriesInfo s, long start, long end) {
      if (s.signal().startsWith("ooni.")) {
        for (MeasurementRecord m : store.measurements(s.entity(), s.signal(), start, end)) {
          out.add(m.measurement());
        }
      }
    }
  }

  private static StoredEvent merge(
      List<SignalEventRecord> group,
      Map<Integer, SeriesInfo> seriesById,
      Map<String, Set<SignalFamily>> withData,
      Map<String, Set<String>> regionsWithData,
      Map<String, List<SignalEvent>> byCountry,
      Evidence evidence,
      RatioTracks tracks) {
    Entity entity = seriesById.get(group.get(0).seriesId()).entity();
    Map<String, Double> scoreBySignal = new LinkedHashMap<>();
    List<StoredEvent.Signal> signals = new ArrayList<>();
    List<SignalEvent> own = new ArrayList<>();
    Set<InputFile> files = new LinkedHashSet<>();
    Set<StoredEvent.Measurement> measurements = new HashSet<>();
    for (SignalEventRecord e : group) {
      SeriesInfo s = seriesById.get(e.seriesId());
      scoreBySignal.merge(s.signal(), e.score(), Double::sum);
      signals.add(
          new StoredEvent.Signal(
              s.signal(), e.start(), e.end(), e.baseline(), e.lowestRatio(), e.score()));
      own.add(signalEvent(s, e));
      evidence.addTo(files, e.seriesId(), e.start(), e.end() == null ? Long.MAX_VALUE : e.end());
      evidence.addMeasurements(
          measurements, s, e.start(), e.end() == null ? Long.MAX_VALUE : e.end());
    }
    // IODA: the overall score is the product of the per-signal scores.
    double score = 1;
    for (double v : scoreBySignal.values()) {
      score *= v;
    }
    String cc = entity.country();
    CountryContext context =
        CountryContext.of(cc == null ? "ZZ" : cc)
            .withRegionsWithData(regionsWithData.getOrDefault(cc, Set.of()).size())
            .withZone(cc == null ? ZoneOffset.UTC : CountryZones.load().zoneOrUtc(cc));
    ClassifiedEvent c =
        ClassifiedEvent.classify(
            own,
            cc == null ? own : byCountry.getOrDefault(cc, own),
            withData.getOrDefault(entity.key(), Set.of()),
            context,
            tracks.forEvent(group, seriesById));
    return new StoredEvent(
        eventId(entity, c.start()),
        entity,
        c.start(),
        c.end(),
        c.kind().key(),
        c.scope().key(),
        c.pattern() == null ? null : c.pattern().key(),
        c.mechanism() == null ? null : c.mechanism().key(),
        c.restoration() == null ? null : c.restoration().key(),
        new ArrayList<>(c.platforms()),
        score,
        signals,
        new ArrayList<>(files),
        StoredEvent.Measurements.of(measurements));
  }

  /** A short id that stays the same across runs for the same entity and start. */
  static String eventId(Entity entity, long start) {
    return Sha256.of(entity.key() + "@" + start).substring(0, 12);
  }
}
