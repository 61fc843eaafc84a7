// SPDX-License-Identifier: Apache-2.0
package org.vigil.store.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.asn.AsName;
import org.vigil.detect.classify.InputRef;
import org.vigil.detect.report.CountryRating;
import org.vigil.store.AlertRecord;
import org.vigil.store.EventQuery;
import org.vigil.store.IngestOutcome;
import org.vigil.store.InputFile;
import org.vigil.store.MeasurementRecord;
import org.vigil.store.SeriesInfo;
import org.vigil.store.SignalEventRecord;
import org.vigil.store.SignalStore;
import org.vigil.store.StoreException;
import org.vigil.store.StoredEpisodes;
import org.vigil.store.StoredEvent;

/**
 * The embedded store: one DuckDB file, {@code vigil.duckdb}, in the data directory.
 *
 * <p>One process writes at a time (DuckDB locks the file). Bulk loads go through DuckDB's appender
 * into a staging table and are merged with one statement: a JDBC batch of the same rows was
 * measured about 30 times slower.
 *
 * <pre>{@code
 * try (SignalStore store = DuckDbSignalStore.open(Path.of("vigil-data"))) {
 *   store.series().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class DuckDbSignalStore implements SignalStore {
  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "vigil.duckdb";

  private static final String[] MIGRATIONS = {
    "V1__initial_schema.sql", "V2__ooni_evidence.sql", "V3__country_context.sql", "V4__as_names.sql"
  };

  /**
   * Joins {@code entity e} to the loaded AS names {@code n}: a network whose name is only its
   * number ({@code AS29355}, as ingest names networks) takes the table's name; a name given at
   * ingest wins.
   */
  private static final String AS_NAME_JOIN =
      " LEFT JOIN as_name n ON e.type = 'asn' AND n.asn = e.code"
          + " AND (e.name = '' OR e.name = 'AS' || e.code)";

  /** The entity's name with {@link #AS_NAME_JOIN}. */
  private static final String ENTITY_NAME = "COALESCE(n.name, e.name)";

  private final Connection conn;
  private final InstantSource clock;
  private final int schemaVersion;

  private DuckDbSignalStore(Connection conn, InstantSource clock) throws SQLException {
    this.conn = conn;
    this.clock = clock;
    this.schemaVersion = Migrations.apply(conn, MIGRATIONS);
  }

  /** Opens (creating if needed) the store in {@code dataDir}, migrating its schema. */
  public static DuckDbSignalStore open(Path dataDir) {
    return open(dataDir, InstantSource.system());
  }

  /** As {@link #open(Path)}, with the clock that stamps ingests. */
  public static DuckDbSignalStore open(Path dataDir, InstantSource clock) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e, e);
    }
    Path db = dataDir.resolve(FILE_NAME);
    try {
      Class.forName("org.duckdb.DuckDBDriver");
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
      return new DuckDbSignalStore(c, clock);
    } catch (SQLException e) {
      String hint =
          String.valueOf(e.getMessage()).contains("lock")
              ? " (another vigil process is using it; wait for it or use another --data directory)"
              : "";
      throw new StoreException("cannot open the store " + db + hint + ": " + e.getMessage(), e);
    } catch (ClassNotFoundException e) {
      throw new StoreException("the DuckDB driver is missing from the class path", e);
    }
  }

  @Override
  public int schemaVersion() {
    return schemaVersion;
  }

  @Override
  public Optional<InputFile> findInput(String sha256, String recipe) {
    return queryInputs("WHERE sha256 = ? AND recipe = ?", sha256, recipe).stream().findFirst();
  }

  @Override
  public List<InputFile> findInputs(String sha256) {
    return queryInputs("WHERE sha256 = ? ORDER BY id", sha256);
  }

  @Override
  public List<InputFile> inputs() {
    return queryInputs("ORDER BY id");
  }

  private List<InputFile> queryInputs(String clause, Object... args) {
    String sql =
        "SELECT id, sha256, size_bytes, format, recipe, path, ingested_at, records, detail"
            + " FROM input_file "
            + clause;
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      List<InputFile> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new InputFile(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  Instant.ofEpochSecond(rs.getLong(7)),
                  rs.getLong(8),
                  rs.getString(9)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading the input catalog", e);
    }
  }

  @Override
  public IngestOutcome ingestSeries(
      InputFile input, Map<SignalKey, TimeSeries> series, RollUp rollUp, LongConsumer progress) {
    return ingest(input, series, rollUp, progress, List.of());
  }

  @Override
  public IngestOutcome ingestSeries(
      InputFile input, Map<SignalKey, TimeSeries> series, List<MeasurementRecord> measurements) {
    return ingest(input, series, RollUp.NONE, points -> {}, measurements);
  }

  private IngestOutcome ingest(
      InputFile input,
      Map<SignalKey, TimeSeries> series,
      RollUp rollUp,
      LongConsumer progress,
      List<MeasurementRecord> measurements) {
    return inTransaction(
        "ingesting " + input.path(),
        () -> {
          Optional<InputFile> earlier = findInput(input.sha256(), input.recipe());
          if (earlier.isPresent()) {
            return new IngestOutcome(earlier.get(), true, 0, 0);
          }
          InputFile stored = catalogue(input);
          long inputId = stored.id();
          // Per series: its id, and the first and last time this file gives it a value. The
          // bookkeeping is batched: a file may carry thousands of series.
          SeriesCatalog catalog = new SeriesCatalog();
          Map<Integer, long[]> spans = new LinkedHashMap<>();
          Map<Integer, TimeSeries> byId = new LinkedHashMap<>();
          boolean overlaps = false;
          for (Map.Entry<SignalKey, TimeSeries> e : series.entrySet()) {
            long[] span = span(e.getValue());
            if (span == null) {
              continue;
            }
            StoredSeries s = catalog.resolve(e.getKey(), e.getValue().step(), RollUp.NONE);
            overlaps |= s.lastT() != null && s.lastT() >= span[0];
            spans.put(s.id(), span);
            byId.put(s.id(), e.getValue());
          }
          catalog.save(spans);
          appendSpans(spans, inputId);
          long points;
          if (overlaps) {
            // Some points replace stored ones: stage, delete the replaced, then insert.
            exec("DELETE FROM staging_point");
            points = append("staging_point", byId, -1, progress);
            exec(
                "DELETE FROM series_point USING staging_point s"
                    + " WHERE series_point.series_id = s.series_id AND series_point.t = s.t");
            update(
                "INSERT INTO series_point SELECT series_id, t, value, ? FROM staging_point",
                inputId);
            exec("DELETE FROM staging_point");
          } else {
            // Only new times (the usual case: a new series, or later data): append in place.
            points = append("series_point", byId, inputId, progress);
          }
          if (!rollUp.equals(RollUp.NONE)) {
            rollUp(series, rollUp, inputId);
          }
          appendMeasurements(measurements, inputId);
          return new IngestOutcome(stored, false, spans.size(), points);
        });
  }

  /**
   * Recomputes the country series of the regions in {@code series}, over the times they touched,
   * from every stored region of the same country, signal and step.
   */
  private void rollUp(Map<SignalKey, TimeSeries> series, RollUp how, long inputId)
      throws SQLException {
    // (country, signal, step) -> {first, last}
    Map<List<Object>, long[]> groups = new LinkedHashMap<>();
    Map<List<Object>, String> countryOf = new HashMap<>();
    for (Map.Entry<SignalKey, TimeSeries> e : series.entrySet()) {
      Entity en = e.getKey().entity();
      long[] span = span(e.getValue());
      if (en.type() != EntityType.REGION || span == null) {
        continue;
      }
      List<Object> g = List.of(en.country(), e.getKey().signal(), e.getValue().step());
      countryOf.put(g, en.country());
      groups.merge(
          g, span.clone(), (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    SeriesCatalog catalog = new SeriesCatalog();
    Map<Integer, long[]> spans = new LinkedHashMap<>();
    for (Map.Entry<List<Object>, long[]> g : groups.entrySet()) {
      String cc = countryOf.get(g.getKey());
      String signal = (String) g.getKey().get(1);
      int step = (Integer) g.getKey().get(2);
      Entity country = how.countries().get(cc);
      if (country == null) {
        country = entityByKey("country/" + cc);
      }
      if (country == null) {
        throw new StoreException("no country entity given for the roll-up of " + cc);
      }
      StoredSeries target = catalog.resolve(new SignalKey(country, signal), step, how);
      long[] span = g.getValue();
      spans.put(target.id(), span);
      update(
          "DELETE FROM series_point WHERE series_id = ? AND t BETWEEN ? AND ?",
          target.id(),
          span[0],
          span[1]);
      update(
          "INSERT INTO series_point SELECT ?, p.t, "
              + (how.origin().startsWith("sum") ? "sum" : "avg")
              + "(p.value), ? FROM series_point p JOIN series s ON s.id = p.series_id"
              + " JOIN entity e ON e.entity_key = s.entity_key"
              + " WHERE e.type = 'region' AND e.country = ? AND s.signal = ? AND s.step = ?"
              + " AND p.t BETWEEN ? AND ? GROUP BY p.t",
          target.id(),
          inputId,
          cc,
          signal,
          step,
          span[0],
          span[1]);
    }
    catalog.save(spans);
    appendSpans(spans, inputId);
  }

  private Entity entityByKey(String key) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT type, code, name, country FROM entity WHERE entity_key = ?")) {
      bind(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? entity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))
            : null;
      }
    }
  }

  /** Records that input {@code inputId} fed each series over its span: the evidence. */
  private void appendSpans(Map<Integer, long[]> spans, long inputId) throws SQLException {
    try (DuckDBAppender app = appender("series_input")) {
      for (Map.Entry<Integer, long[]> e : spans.entrySet()) {
        app.beginRow().append(e.getKey()).append(inputId);
        app.append(e.getValue()[0]).append(e.getValue()[1]).endRow();
      }
    }
  }

  private record StoredSeries(int id, int step, String origin, Long lastT) {}

  /**
   * The series and entities an ingest reads and creates, batched: one query for what exists,
   * appenders for what is new, one update for the rest.
   */
  private final class SeriesCatalog {
    private final Map<String, StoredSeries> byKey = new HashMap<>();
    private final Set<String> entities = new HashSet<>();
    private final Map<Integer, Object[]> created =
        new LinkedHashMap<>(); // id -> {key, step, origin}
    private final Map<String, Entity> newEntities = new LinkedHashMap<>();
    private int nextId;

    SeriesCatalog() throws SQLException {
      try (Statement st = conn.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT id, entity_key, signal, step, origin, last_t FROM series")) {
        while (rs.next()) {
          long last = rs.getLong(6);
          Long lastT = rs.wasNull() ? null : last;
          byKey.put(
              rs.getString(2) + "|" + rs.getString(3),
              new StoredSeries(rs.getInt(1), rs.getInt(4), rs.getString(5), lastT));
        }
      }
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT entity_key FROM entity")) {
        while (rs.next()) {
          entities.add(rs.getString(1));
        }
      }
      nextId = (int) nextId("series", "id");
    }

    /** The series for {@code key}, created if new; refuses a step or origin that differs. */
    StoredSeries resolve(SignalKey key, int step, RollUp how) {
      String k = key.entity().key() + "|" + key.signal();
      StoredSeries known = byKey.get(k);
      if (known == null) {
        known = new StoredSeries(nextId++, step, how.origin(), null);
        byKey.put(k, known);
        created.put(known.id(), new Object[] {key, step, how.origin()});
        if (entities.add(key.entity().key())) {
          newEntities.put(key.entity().key(), key.entity());
        }
        return known;
      }
      if (known.step() != step) {
        throw new StoreException(
            "signal "
                + key
                + " is stored with a step of "
                + known.step()
                + " s but this file has "
                + step
                + " s; give --step "
                + known.step()
                + "s or another --signal name");
      }
      if (!known.origin().equals(how.origin())) {
        throw new StoreException(
            "signal "
                + key
                + " is stored as "
                + (known.origin().equals("measured") ? "imported directly" : known.origin())
                + " and this file would make it "
                + (how.origin().equals("measured") ? "imported directly" : how.origin())
                + "; one would overwrite the other. Give the country or the regions another"
                + " --signal name");
      }
      return known;
    }

    /** Writes new entities and series, and moves the others' dirty and last times. */
    void save(Map<Integer, long[]> spans) throws SQLException {
      try (DuckDBAppender app = appender("entity")) {
        for (Entity en : newEntities.values()) {
          app.beginRow().append(en.key()).append(en.type().key()).append(en.code());
          app.append(en.name());
          if (en.country() == null) {
            app.appendNull();
          } else {
            app.append(en.country());
          }
          app.endRow();
        }
      }
      StringBuilder updates = new StringBuilder();
      try (DuckDBAppender app = appender("series")) {
        for (Map.Entry<Integer, long[]> e : spans.entrySet()) {
          long[] span = e.getValue();
          Object[] c = created.get(e.getKey());
          if (c != null) {
            SignalKey key = (SignalKey) c[0];
            app.beginRow().append(e.getKey()).append(key.entity().key()).append(key.signal());
            app.append((int) c[1]).append((String) c[2]).append(span[0]).append(span[1]);
            app.endRow();
          } else {
            updates.append(updates.length() == 0 ? "" : ", ");
            updates.append('(').append(e.getKey()).append(", ").append(span[0]);
            updates.append(", ").append(span[1]).append(')');
          }
        }
      }
      if (updates.length() > 0) {
        // Only integers are inlined here, never text.
        exec(
            "UPDATE series SET dirty_from = least(coalesce(dirty_from, v.f), v.f),"
                + " last_t = greatest(coalesce(last_t, v.l), v.l)"
                + " FROM (VALUES "
                + updates
                + ") v(id, f, l) WHERE series.id = v.id");
      }
      created.clear();
      newEntities.clear();
    }
  }

  /** First and last time with a value, or {@code null} for an all-gap series. */
  private static long[] span(TimeSeries s) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < s.length(); i++) {
      if (!Double.isNaN(s.value(i))) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    return first < 0 ? null : new long[] {s.timeAt(first), s.timeAt(last)};
  }

  /**
   * Appends every value (not gaps) to {@code table}: {@code (series_id, t, value)}, plus {@code
   * input_id} when it is not negative. Why the appender: see the class comment.
   */
  private long append(
      String table, Map<Integer, TimeSeries> byId, long inputId, LongConsumer progress)
      throws SQLException {
    long points = 0;
    try (DuckDBAppender app = appender(table)) {
      for (Map.Entry<Integer, TimeSeries> e : byId.entrySet()) {
        int id = e.getKey();
        TimeSeries s = e.getValue();
        for (int i = 0; i < s.length(); i++) {
          double v = s.value(i);
          if (Double.isNaN(v)) {
            continue;
          }
          app.beginRow().append(id).append(s.timeAt(i)).append(v);
          if (inputId >= 0) {
            app.append(inputId);
          }
          app.endRow();
          if ((++points & 0xFFFF) == 0) {
            progress.accept(points);
          }
        }
      }
    }
    progress.accept(points);
    return points;
  }

  private void appendMeasurements(List<MeasurementRecord> measurements, long inputId)
      throws SQLException {
    if (measurements.isEmpty()) {
      return;
    }
    try (DuckDBAppender app = appender("measurement_evidence")) {
      for (MeasurementRecord m : measurements) {
        app.beginRow()
            .append(m.entity().key())
            .append(m.signal())
            .append(m.t())
            .append(m.measuredAt());
        appendText(app, m.measurementUid());
        appendText(app, m.reportId());
        appendText(app, m.input());
        app.append(m.confirmed()).append(inputId).endRow();
      }
    }
  }

  private static void appendText(DuckDBAppender app, String s) throws SQLException {
    if (s == null) {
      app.appendNull();
    } else {
      app.append(s);
    }
  }

  @Override
  public List<MeasurementRecord> measurements(Entity entity, String signal, long from, long until) {
    String sql =
        "SELECT DISTINCT t, measured_at, measurement_uid, report_id, input, confirmed"
            + " FROM measurement_evidence WHERE entity_key = ? AND signal = ? AND t >= ? AND t < ?"
            + " ORDER BY measured_at, measurement_uid, report_id, input";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, entity.key(), signal, from, until);
      List<MeasurementRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new MeasurementRecord(
                  entity,
                  signal,
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBoolean(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading the measurements of " + entity.key() + " " + signal, e);
    }
  }

  private DuckDBAppender appender(String table) throws SQLException {
    return ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
  }

  @Override
  public List<SeriesInfo> series() {
    String sql =
        "SELECT s.id, s.signal, s.step, s.dirty_from, e.type, e.code, "
            + ENTITY_NAME
            + ", e.country FROM series s JOIN entity e USING (entity_key)"
            + AS_NAME_JOIN
            + " ORDER BY s.id";
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<SeriesInfo> out = new ArrayList<>();
      while (rs.next()) {
        long dirty = rs.getLong(4);
        Long dirtyFrom = rs.wasNull() ? null : dirty;
        out.add(
            new SeriesInfo(
                rs.getInt(1),
                entity(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)),
                rs.getString(2),
                rs.getInt(3),
                dirtyFrom));
      }
      return out;
    } catch (SQLException e) {
      throw failure("listing series", e);
    }
  }

  private static Entity entity(String type, String code, String name, String country) {
    return new Entity(EntityType.parse(type), code, name, country);
  }

  @Override
  public long[] timeRange(int seriesId) {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT min(t), max(t), count(*) FROM series_point WHERE series_id = ?")) {
      bind(ps, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(3) == 0 ? null : new long[] {rs.getLong(1), rs.getLong(2)};
      }
    } catch (SQLException e) {
      throw failure("reading series " + seriesId, e);
    }
  }

  @Override
  public TimeSeries readSeries(int seriesId, long from, long until) {
    int step = stepOf(seriesId);
    long start = Math.floorDiv(from, step) * step;
    int n = (int) Math.max(0, (until - start + step - 1) / step);
    double[] values = new double[n];
    Arrays.fill(values, Double.NaN);
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT t, value FROM series_point WHERE series_id = ? AND t >= ? AND t < ?")) {
      bind(ps, seriesId, start, until);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values[(int) ((rs.getLong(1) - start) / step)] = rs.getDouble(2);
        }
      }
    } catch (SQLException e) {
      throw failure("reading series " + seriesId, e);
    }
    return TimeSeries.of(start, step, values);
  }

  @Override
  public Map<Integer, TimeSeries> readSeries(Map<Integer, Long> starts, long until) {
    Map<Integer, TimeSeries> out = new HashMap<>();
    if (starts.isEmpty()) {
      return out;
    }
    Map<Integer, Integer> steps = new HashMap<>();
    StringBuilder ids = new StringBuilder();
    for (int id : starts.keySet()) {
      ids.append(ids.length() == 0 ? "" : ",").append(id);
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, step FROM series WHERE id IN (" + ids + ")")) {
      while (rs.next()) {
        steps.put(rs.getInt(1), rs.getInt(2));
      }
    } catch (SQLException e) {
      throw failure("reading the steps of series " + ids, e);
    }
    Map<Integer, double[]> values = new HashMap<>();
    Map<Integer, Long> aligned = new HashMap<>();
    long from = Long.MAX_VALUE;
    for (Map.Entry<Integer, Long> e : starts.entrySet()) {
      Integer step = steps.get(e.getKey());
      if (step == null) {
        throw new StoreException("no series with id " + e.getKey());
      }
      long start = Math.floorDiv(e.getValue(), step) * step;
      aligned.put(e.getKey(), start);
      double[] v = new double[(int) Math.max(0, (until - start + step - 1) / step)];
      Arrays.fill(v, Double.NaN);
      values.put(e.getKey(), v);
      from = Math.min(from, start);
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT series_id, t, value FROM series_point WHERE series_id IN ("
                + ids
                + ") AND t >= ? AND t < ?")) {
      bind(ps, from, until);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int id = rs.getInt(1);
          long t = rs.getLong(2);
          long start = aligned.get(id);
          if (t >= start) {
            values.get(id)[(int) ((t - start) / steps.get(id))] = rs.getDouble(3);
          }
        }
      }
    } catch (SQLException e) {
      throw failure("reading series " + ids, e);
    }
    values.forEach((id, v) -> out.put(id, TimeSeries.of(aligned.get(id), steps.get(id), v)));
    return out;
  }

  private int stepOf(int seriesId) {
    try (PreparedStatement ps = conn.prepareStatement("SELECT step FROM series WHERE id = ?")) {
      bind(ps, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException("no series with id " + seriesId);
        }
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw failure("reading series " + seriesId, e);
    }
  }

  @Override
  public Optional<DetectorSnapshot> detectorState(int seriesId) {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT config, state FROM detector_state WHERE series_id = ?")) {
      bind(ps, seriesId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new DetectorSnapshot(rs.getString(1), readBytes(rs, 2)));
      }
    } catch (SQLException e) {
      throw failure("reading detector state of series " + seriesId, e);
    }
  }

  private static byte[] readBytes(ResultSet rs, int col) throws SQLException {
    java.sql.Blob blob = rs.getBlob(col);
    return blob.getBytes(1, (int) blob.length());
  }

  @Override
  public void saveDetection(
      int seriesId,
      DetectorSnapshot state,
      boolean reset,
      List<AlertRecord> alerts,
      List<SignalEventRecord> events) {
    inTransaction(
        "saving detection of series " + seriesId,
        () -> {
          if (reset) {
            update("DELETE FROM alert WHERE series_id = ?", seriesId);
            update("DELETE FROM signal_event WHERE series_id = ?", seriesId);
          }
          try (PreparedStatement ps =
              conn.prepareStatement("INSERT INTO alert VALUES (?, ?, ?, ?, ?, ?)")) {
            for (AlertRecord a : alerts) {
              bind(ps, a.seriesId(), a.t(), a.level(), a.value(), a.expected(), a.ratio());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          for (SignalEventRecord ev : events) {
            update(
                "DELETE FROM signal_event WHERE series_id = ? AND start_t = ?",
                ev.seriesId(),
                ev.start());
            update(
                "INSERT INTO signal_event VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ev.seriesId(),
                ev.start(),
                ev.end(),
                ev.peakLevel(),
                ev.baseline(),
                ev.lowestRatio(),
                ev.score(),
                ev.kind());
          }
          update("DELETE FROM detector_state WHERE series_id = ?", seriesId);
          update(
              "INSERT INTO detector_state VALUES (?, ?, ?)",
              seriesId,
              state.config(),
              state.state());
          update("UPDATE series SET dirty_from = NULL WHERE id = ?", seriesId);
          return null;
        });
  }

  @Override
  public List<SignalEventRecord> signalEvents() {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM signal_event ORDER BY series_id, start_t")) {
      List<SignalEventRecord> out = new ArrayList<>();
      while (rs.next()) {
        long end = rs.getLong(3);
        Long endT = rs.wasNull() ? null : end;
        out.add(
            new SignalEventRecord(
                rs.getInt(1),
                rs.getLong(2),
                endT,
                rs.getString(4),
                rs.getDouble(5),
                rs.getDouble(6),
                rs.getDouble(7),
                rs.getString(8)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading signal events", e);
    }
  }

  @Override
  public List<AlertRecord> alerts(int seriesId) {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT * FROM alert WHERE series_id = ? ORDER BY t")) {
      bind(ps, seriesId);
      List<AlertRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new AlertRecord(
                  rs.getInt(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getDouble(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading alerts", e);
    }
  }

  @Override
  public List<SeriesInput> seriesInputs() {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM series_input ORDER BY series_id, input_id")) {
      List<SeriesInput> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new SeriesInput(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading the series inputs", e);
    }
  }

  @Override
  public void replaceEvents(List<StoredEvent> events) {
    inTransaction(
        "publishing events",
        () -> {
          exec("DELETE FROM event_evidence");
          exec("DELETE FROM event_measurement");
          exec("DELETE FROM event_measurement_count");
          exec("DELETE FROM event_signal");
          exec("DELETE FROM event");
          for (StoredEvent ev : events) {
            update(
                "INSERT INTO entity VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_key) DO NOTHING",
                ev.entity().key(),
                ev.entity().type().key(),
                ev.entity().code(),
                ev.entity().name(),
                ev.entity().country());
            update(
                "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ev.id(),
                ev.entity().key(),
                ev.start(),
                ev.end(),
                ev.kind(),
                ev.scope(),
                ev.pattern(),
                ev.mechanism(),
                ev.restoration(),
                String.join(",", ev.platforms()),
                ev.score());
            for (StoredEvent.Signal s : ev.signals()) {
              update(
                  "INSERT INTO event_signal VALUES (?, ?, ?, ?, ?, ?, ?)",
                  ev.id(),
                  s.name(),
                  s.start(),
                  s.end(),
                  s.baseline(),
                  s.lowestRatio(),
                  s.score());
            }
            for (InputFile f : ev.evidence()) {
              update("INSERT INTO event_evidence VALUES (?, ?)", ev.id(), f.id());
            }
            if (ev.measurements() != null) {
              update(
                  "INSERT INTO event_measurement_count VALUES (?, ?)",
                  ev.id(),
                  ev.measurements().count());
              for (StoredEvent.Measurement m : ev.measurements().listed()) {
                update(
                    "INSERT INTO event_measurement VALUES (?, ?, ?, ?, ?, ?)",
                    ev.id(),
                    m.measuredAt(),
                    m.measurementUid(),
                    m.reportId(),
                    m.input(),
                    m.confirmed());
              }
            }
          }
          return null;
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>A country's events include those of the networks that join its episodes ({@link
   * StoredEpisodes}: a network's events belong to the one country whose events they overlap).
   */
  @Override
  public List<StoredEvent> events(EventQuery q) {
    if (q.country() == null || q.entityKey() != null) {
      return eventsWhere(q);
    }
    // One read: the country's own events and the networks' that join it come from the same list.
    List<StoredEvent> all = eventsWhere(EventQuery.all());
    Set<String> joined = StoredEpisodes.networkEventsOf(q.country(), all);
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent e : all) {
      boolean mine = q.country().equals(e.entity().country()) || joined.contains(e.id());
      boolean inSpan =
          (q.until() == null || e.start() < q.until())
              && (q.from() == null || e.end() == null || e.end() > q.from());
      if (mine && inSpan) {
        out.add(e); // in the order of the read: start, entity type, code
      }
    }
    return out;
  }

  private List<StoredEvent> eventsWhere(EventQuery q) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.country() != null) {
      where.append(" AND (e.country = ?)");
      args.add(q.country());
    }
    if (q.entityKey() != null) {
      where.append(" AND ev.entity_key = ?");
      args.add(q.entityKey());
    }
    if (q.until() != null) {
      where.append(" AND ev.start_t < ?");
      args.add(q.until());
    }
    if (q.from() != null) {
      where.append(" AND (ev.end_t IS NULL OR ev.end_t > ?)");
      args.add(q.from());
    }
    String sql =
        "SELECT ev.id, e.type, e.code, "
            + ENTITY_NAME
            + ", e.country, ev.start_t, ev.end_t, ev.kind, ev.scope,"
            + " ev.pattern, ev.platforms, ev.score, ev.mechanism, ev.restoration"
            + " FROM event ev JOIN entity e USING (entity_key)"
            + AS_NAME_JOIN
            + where
            + " ORDER BY ev.start_t, e.type, e.code";
    Map<Long, InputFile> inputsById = new HashMap<>();
    for (InputFile f : inputs()) {
      inputsById.put(f.id(), f);
    }
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args.toArray());
      List<StoredEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          long end = rs.getLong(7);
          Long endT = rs.wasNull() ? null : end;
          String platforms = rs.getString(11);
          out.add(
              new StoredEvent(
                  id,
                  entity(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                  rs.getLong(6),
                  endT,
                  rs.getString(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(13),
                  rs.getString(14),
                  platforms.isEmpty() ? List.of() : List.of(platforms.split(",")),
                  rs.getDouble(12),
                  eventSignals(id),
                  eventEvidence(id, inputsById),
                  eventMeasurements(id)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("listing events", e);
    }
  }

  private List<StoredEvent.Signal> eventSignals(String eventId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT signal, start_t, end_t, baseline, lowest_ratio, score FROM event_signal"
                + " WHERE event_id = ? ORDER BY signal, start_t")) {
      bind(ps, eventId);
      List<StoredEvent.Signal> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long end = rs.getLong(3);
          Long endT = rs.wasNull() ? null : end;
          out.add(
              new StoredEvent.Signal(
                  rs.getString(1),
                  rs.getLong(2),
                  endT,
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getDouble(6)));
        }
      }
      return out;
    }
  }

  private StoredEvent.Measurements eventMeasurements(String eventId) throws SQLException {
    long count;
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT count FROM event_measurement_count WHERE event_id = ?")) {
      bind(ps, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        count = rs.getLong(1);
      }
    }
    List<StoredEvent.Measurement> listed = new ArrayList<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT measured_at, measurement_uid, report_id, input, confirmed"
                + " FROM event_measurement WHERE event_id = ?"
                + " ORDER BY measured_at, measurement_uid, report_id, input")) {
      bind(ps, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          listed.add(
              new StoredEvent.Measurement(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getBoolean(5)));
        }
      }
    }
    return new StoredEvent.Measurements(count, listed);
  }

  private List<InputFile> eventEvidence(String eventId, Map<Long, InputFile> inputsById)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT input_id FROM event_evidence WHERE event_id = ? ORDER BY input_id")) {
      bind(ps, eventId);
      List<InputFile> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(inputsById.get(rs.getLong(1)));
        }
      }
      return out;
    }
  }

  @Override
  public IngestOutcome loadRatings(InputFile input, List<CountryRating> ratings) {
    return inTransaction(
        "loading country ratings from " + input.path(),
        () -> {
          Optional<InputFile> earlier = findInput(input.sha256(), input.recipe());
          if (earlier.isPresent()) {
            return new IngestOutcome(earlier.get(), true, 0, 0);
          }
          InputFile stored = catalogue(input);
          long inputId = stored.id();
          Set<String> countries = new HashSet<>();
          for (CountryRating r : ratings) {
            update(
                "DELETE FROM country_rating WHERE country = ? AND survey = ? AND edition = ?",
                r.country(),
                r.survey(),
                r.edition());
            update(
                "INSERT INTO country_rating VALUES (?, ?, ?, ?, ?, ?)",
                r.country(),
                r.survey(),
                r.edition(),
                r.status(),
                r.score(),
                inputId);
            countries.add(r.country());
          }
          return new IngestOutcome(stored, false, countries.size(), ratings.size());
        });
  }

  @Override
  public List<CountryRating> ratings(String country) {
    String sql =
        "SELECT r.country, r.survey, r.edition, r.status, r.score, f.path, f.sha256"
            + " FROM country_rating r JOIN input_file f ON f.id = r.input_id"
            + " WHERE r.country = ? ORDER BY r.survey, r.edition";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, country);
      List<CountryRating> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          double score = rs.getDouble(5);
          Double s = rs.wasNull() ? null : score;
          out.add(
              new CountryRating(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getString(4),
                  s,
                  new InputRef(rs.getString(6), rs.getString(7))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("reading the ratings of " + country, e);
    }
  }

  /** Adds {@code input} to the catalog (inside the caller's transaction); returns it as stored. */
  private InputFile catalogue(InputFile input) throws SQLException {
    long id = nextId("input_file", "id");
    Instant now = clock.instant();
    update(
        "INSERT INTO input_file VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        input.sha256(),
        input.sizeBytes(),
        input.format(),
        input.recipe(),
        input.path(),
        now.getEpochSecond(),
        input.records(),
        input.detail());
    return new InputFile(
        id,
        input.sha256(),
        input.sizeBytes(),
        input.format(),
        input.recipe(),
        input.path(),
        now,
        input.records(),
        input.detail());
  }

  @Override
  public IngestOutcome loadAsNames(InputFile input, List<AsName> names) {
    return inTransaction(
        "loading AS names from " + input.path(),
        () -> {
          Optional<InputFile> earlier = findInput(input.sha256(), input.recipe());
          if (earlier.isPresent()) {
            return new IngestOutcome(earlier.get(), true, 0, 0);
          }
          InputFile stored = catalogue(input);
          long inputId = stored.id();
          // A registry's table has some 100,000 lines: append and merge, not a row at a time.
          exec("DELETE FROM as_name_staging");
          try (DuckDBAppender app = appender("as_name_staging")) {
            for (AsName n : names) {
              app.beginRow().append(Long.toString(n.asn())).append(n.name());
              if (n.country() == null) {
                app.appendNull();
              } else {
                app.append(n.country());
              }
              app.append(inputId).endRow();
            }
          }
          exec("DELETE FROM as_name USING as_name_staging s WHERE as_name.asn = s.asn");
          exec("INSERT INTO as_name SELECT DISTINCT ON (asn) * FROM as_name_staging");
          exec("DELETE FROM as_name_staging");
          return new IngestOutcome(stored, false, 0, names.size());
        });
  }

  @Override
  public Optional<AsName> asName(long asn) {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT name, country FROM as_name WHERE asn = ?")) {
      bind(ps, Long.toString(asn));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new AsName(asn, rs.getString(1), rs.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("reading the name of AS" + asn, e);
    }
  }

  @Override
  public void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw failure("closing the store", e);
    }
  }

  // --- plumbing ---

  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(String what, SqlWork<T> work) {
    try {
      conn.setAutoCommit(false);
      try {
        T result = work.run();
        conn.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private long nextId(String table, String column) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT coalesce(max(" + column + "), 0) + 1 FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void exec(String sql) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  private void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof Double d && d.isNaN()) {
        ps.setNull(i + 1, Types.DOUBLE);
      } else if (a instanceof byte[] b) {
        ps.setBytes(i + 1, b);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  private static StoreException failure(String what, SQLException e) {
    return new StoreException(what + " failed: " + e.getMessage(), e);
  }

  /**
   * Versioned schema migrations ({@code V<n>__<name>.sql}), each in its own transaction. Versions
   * need not be consecutive, and one added later with a lower number than some already applied (two
   * branches that each added a migration) is applied too: every known version not yet recorded in
   * {@code schema_version} runs, in ascending order.
   */
  static final class Migrations {
    private static final java.util.regex.Pattern NAME =
        java.util.regex.Pattern.compile("V(\\d+)__[\\w-]+\\.sql");

    private Migrations() {}

    /** The version of a migration file name: {@code V3__country_context.sql} → 3. */
    static int version(String file) {
      java.util.regex.Matcher m = NAME.matcher(file);
      if (!m.matches()) {
        throw new IllegalStateException("migration " + file + " is not named V<n>__<name>.sql");
      }
      return Integer.parseInt(m.group(1));
    }

    /** Applies the migrations not yet applied; returns the highest version now in place. */
    static int apply(Connection conn, String[] files) throws SQLException {
      try (Statement st = conn.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                + " name VARCHAR NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp)");
      }
      Set<Integer> applied = new HashSet<>();
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
        while (rs.next()) {
          applied.add(rs.getInt(1));
        }
      }
      java.util.TreeMap<Integer, String> known = new java.util.TreeMap<>();
      for (String f : files) {
        if (known.put(version(f), f) != null) {
          throw new IllegalStateException("two migrations have version " + version(f));
        }
      }
      for (int v : applied) {
        if (!known.containsKey(v)) {
          throw new StoreException(
              "this store has schema version "
                  + v
                  + " but this vigil knows only versions "
                  + known.keySet()
                  + "; use a newer vigil or another --data directory");
        }
      }
      for (Map.Entry<Integer, String> m : known.entrySet()) {
        if (applied.contains(m.getKey())) {
          continue;
        }
        String sql = resource(m.getValue());
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
          // Comments go first: they may hold semicolons.
          for (String stmt : stripComments(sql).split(";")) {
            if (!stmt.isBlank()) {
              st.execute(stmt);
            }
          }
          try (PreparedStatement ps =
              conn.prepareStatement("INSERT INTO schema_version (version, name) VALUES (?, ?)")) {
            ps.setInt(1, m.getKey());
            ps.setString(2, m.getValue());
            ps.executeUpdate();
          }
          conn.commit();
        } catch (SQLException | RuntimeException e) {
          conn.rollback();
          throw e;
        } finally {
          conn.setAutoCommit(true);
        }
      }
      return known.lastKey();
    }

    private static String stripComments(String stmt) {
      return stmt.replaceAll("(?m)--.*$", "");
    }

    private static String resource(String name) {
      try (InputStream in =
          DuckDbSignalStore.class.getResourceAsStream("/org/vigil/store/migration/" + name)) {
        if (in == null) {
          throw new IllegalStateException("migration " + name + " is missing from the jar");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
