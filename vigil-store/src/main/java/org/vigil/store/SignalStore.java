// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.vigil.core.Entity;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.asn.AsName;
import org.vigil.detect.report.CountryRating;

/**
 * Where Vigil keeps signals, the input catalog, detector state, alerts and events. The embedded
 * engine is {@link org.vigil.store.duckdb.DuckDbSignalStore}.
 *
 * <pre>{@code
 * try (SignalStore store = DuckDbSignalStore.open(Path.of("vigil-data"))) {
 *   IngestOutcome out = store.ingestSeries(input, series);
 * }
 * }</pre>
 */
public interface SignalStore extends AutoCloseable {

  /** The schema version the store is at after its migrations ran. */
  int schemaVersion();

  /** The catalogued input with these bytes and this recipe, if any. */
  Optional<InputFile> findInput(String sha256, String recipe);

  /** Every catalogued input with these bytes, whatever its recipe. */
  List<InputFile> findInputs(String sha256);

  /** Every catalogued input, oldest first. */
  List<InputFile> inputs();

  /**
   * Stores a file's series in one transaction, catalogued as {@code input}: all or nothing. Points
   * at times a series already has are replaced. The same bytes a second time change nothing and
   * report {@link IngestOutcome#alreadyPresent()}.
   */
  default IngestOutcome ingestSeries(InputFile input, Map<SignalKey, TimeSeries> series) {
    return ingestSeries(input, series, RollUp.NONE, points -> {});
  }

  /**
   * As {@link #ingestSeries(InputFile, Map)}, with the measurements behind the series (OONI's
   * anomalous measurements), stored in the same transaction.
   */
  IngestOutcome ingestSeries(
      InputFile input, Map<SignalKey, TimeSeries> series, List<MeasurementRecord> measurements);

  /**
   * The measurements behind a series over the bins {@code [from, until)}, each once, in time order.
   */
  List<MeasurementRecord> measurements(Entity entity, String signal, long from, long until);

  /**
   * As {@link #ingestSeries(InputFile, Map)}; region series also roll up into their countries'
   * series, recomputed from every stored region of that country and signal over the times this file
   * touched (so a country's regions may come in separate files). Reports the points stored so far.
   */
  IngestOutcome ingestSeries(
      InputFile input, Map<SignalKey, TimeSeries> series, RollUp rollUp, LongConsumer progress);

  /**
   * How the region series of a file roll up into country series: {@code how} is {@code "measured"}
   * (no roll-up), {@code "sum of regions"} or {@code "mean of regions"}, the origin recorded for
   * the country series; {@code countries} gives the country entities by alpha-2 code.
   */
  record RollUp(String how, Map<String, Entity> countries) {
    public static final RollUp NONE = new RollUp("measured", Map.of());

    public RollUp {
      countries = Map.copyOf(countries);
    }

    public static RollUp sum(Map<String, Entity> countries) {
      return new RollUp("sum of regions", countries);
    }

    public static RollUp mean(Map<String, Entity> countries) {
      return new RollUp("mean of regions", countries);
    }

    /** The origin recorded for a series made this way. */
    public String origin() {
      return how;
    }
  }

  /** Every stored series. */
  List<SeriesInfo> series();

  /** First and last point time of a series, or {@code null} when it has no points. */
  long[] timeRange(int seriesId);

  /** The bins {@code [from, until)} of a series at its step, {@code NaN} where no point is. */
  TimeSeries readSeries(int seriesId, long from, long until);

  /**
   * Several series at once, each from its own start to {@code until} at its own step, as {@link
   * #readSeries(int, long, long)} reads one: for pages and API responses that show many signals of
   * an entity, in one read instead of one per series.
   *
   * @param starts series id to the start of its span (aligned to its step)
   * @return series id to its bins, for every id of {@code starts}
   */
  default java.util.Map<Integer, TimeSeries> readSeries(
      java.util.Map<Integer, Long> starts, long until) {
    java.util.Map<Integer, TimeSeries> out = new java.util.HashMap<>();
    starts.forEach((id, start) -> out.put(id, readSeries(id, start, until)));
    return out;
  }

  /** The detector state saved for a series by the last detection run. */
  Optional<DetectorSnapshot> detectorState(int seriesId);

  /**
   * Saves one detection run over a series in one transaction: its alerts, its events (upserted by
   * start), the detector's new state, and marks the series up to date.
   *
   * @param reset whether the run started over, so earlier alerts and events of the series go
   */
  void saveDetection(
      int seriesId,
      DetectorSnapshot state,
      boolean reset,
      List<AlertRecord> alerts,
      List<SignalEventRecord> events);

  /** Every per-series event. */
  List<SignalEventRecord> signalEvents();

  /** Every alert of a series, in time order. */
  List<AlertRecord> alerts(int seriesId);

  /** Which inputs fed which series over which times. */
  List<SeriesInput> seriesInputs();

  /** Replaces the published events with these. */
  void replaceEvents(List<StoredEvent> events);

  /** Published events matching the query, by start time. */
  List<StoredEvent> events(EventQuery query);

  /**
   * Stores countries' standing in Freedom House's surveys, read from {@code input}, in one
   * transaction: a rating replaces the one of the same country, survey and edition. The same bytes
   * with the same recipe a second time change nothing and report {@link
   * IngestOutcome#alreadyPresent()}. The outcome counts countries as {@code series} and ratings as
   * {@code points}.
   */
  IngestOutcome loadRatings(InputFile input, List<CountryRating> ratings);

  /** A country's ratings (alpha-2), every survey and edition, with the file each came from. */
  List<CountryRating> ratings(String country);

  /**
   * Stores the names of autonomous systems read from {@code input} (RIPE NCC's {@code asn.txt},
   * CAIDA's AS-to-organisation file), in one transaction: a name replaces the one of the same AS.
   * From then on a network whose entity has no name of its own ({@code AS29355}) carries the
   * table's name wherever the store returns it (series, events). The same bytes with the same
   * recipe a second time change nothing and report {@link IngestOutcome#alreadyPresent()}. The
   * outcome counts names as {@code points}.
   */
  IngestOutcome loadAsNames(InputFile input, List<AsName> names);

  /** The loaded name of an AS, if any. */
  Optional<AsName> asName(long asn);

  @Override
  void close();

  /** A detector's serialised state and the configuration it was made with. */
  record DetectorSnapshot(String config, byte[] state) {}

  /**
   * Input {@code inputId} gave series {@code seriesId} points from {@code firstT} to {@code lastT}.
   */
  record SeriesInput(int seriesId, long inputId, long firstT, long lastT) {}
}
