// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.vigil.bgp.mrt.MrtFormatException;
import org.vigil.bgp.mrt.MrtReader;
import org.vigil.bgp.mrt.MrtRouteReader;
import org.vigil.bgp.mrt.RouteVisitor;
import org.vigil.core.EntityRegistry;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.net.GeoTable;
import org.vigil.core.net.IpEntityResolver;

/**
 * BGP signals from MRT files: RIB dumps and UPDATE files of any number of collectors, merged in
 * time order, through a {@link RouteTable} into {@link BgpSignalAggregator}'s series ({@code
 * bgp.visible_slash24}, {@code bgp.updates}, {@code bgp.withdrawals} per origin AS, country and
 * region, step 300 s).
 *
 * <pre>{@code
 * BgpSignals signals =
 *     BgpSignals.fromFiles(files, GeoTable.load(geoFile), VisibilityConfig.ioda(), registry);
 * store.ingestSeries(input, signals.series());
 * signals.failures().forEach(f -> System.err.println(f.message()));
 * }</pre>
 *
 * <p>Streaming: each file is opened when the merge reaches its first record and closed at its end,
 * so memory is the route table plus a buffer per file open at once, whatever the files' size. A
 * file that is cut or corrupt stops where it breaks: every record before is used, the problem is
 * listed in {@link #failures()}, and the other files go on. Malformed records are skipped and
 * counted ({@link #readerStats()}).
 */
public final class BgpSignals {
  /** A file that could not be read to its end. */
  public record Failure(Path file, String message) {}

  private final Map<SignalKey, TimeSeries> series;
  private final BgpSignalAggregator.Stats stats;
  private final List<MrtReader.Stats> readerStats;
  private final List<Failure> failures;

  private BgpSignals(
      Map<SignalKey, TimeSeries> series,
      BgpSignalAggregator.Stats stats,
      List<MrtReader.Stats> readerStats,
      List<Failure> failures) {
    this.series = series;
    this.stats = stats;
    this.readerStats = readerStats;
    this.failures = failures;
  }

  /**
   * Reads MRT files (collector guessed from each path, see {@link MrtSource#of}).
   *
   * @param geo countries and regions of addresses, or null for per-AS signals only
   * @param registry ISO names for countries and regions, or null to name them by code
   */
  public static BgpSignals fromFiles(
      List<Path> files, GeoTable geo, VisibilityConfig config, EntityRegistry registry)
      throws IOException {
    List<MrtSource> sources = new ArrayList<>();
    for (Path f : files) {
      sources.add(MrtSource.of(f));
    }
    return fromSources(sources, config, geo == null ? null : IpEntityResolver.of(geo, registry));
  }

  /** Reads MRT files whose collectors are given, into one series per signal and entity. */
  public static BgpSignals fromSources(
      List<MrtSource> sources, VisibilityConfig config, IpEntityResolver geo) throws IOException {
    Map<SignalKey, List<TimeSeries>> chunks = new LinkedHashMap<>();
    BgpSignals done =
        stream(
            sources,
            config,
            geo,
            BgpSignalAggregator.STEP_BINS_PER_DAY,
            MAX_SPAN_SECONDS,
            m -> m.forEach((k, v) -> chunks.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
    Map<SignalKey, TimeSeries> series = new LinkedHashMap<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (List<TimeSeries> l : chunks.values()) {
      start = Math.min(start, l.get(0).start());
      end = Math.max(end, l.get(l.size() - 1).end());
    }
    for (Map.Entry<SignalKey, List<TimeSeries>> e : chunks.entrySet()) {
      series.put(e.getKey(), concat(e.getValue(), start, end));
    }
    return new BgpSignals(series, done.stats, done.readerStats, done.failures);
  }

  /** The longest period {@link #fromSources} holds in memory at once: 100 days. */
  public static final long MAX_SPAN_SECONDS = 100L * 86_400;

  /**
   * Reads MRT files and hands the series to {@code sink} a chunk of bins at a time, so that any
   * period can be ingested in bounded memory ({@code store::ingestSeries} as the sink).
   *
   * @param chunkBins bins per chunk (288 is a day)
   * @param maxSpanSeconds refuse files whose first records lie further apart than this
   * @return the statistics and failures (its {@link #series()} is empty)
   */
  public static BgpSignals stream(
      List<MrtSource> sources,
      VisibilityConfig config,
      IpEntityResolver geo,
      int chunkBins,
      long maxSpanSeconds,
      Consumer<Map<SignalKey, TimeSeries>> sink)
      throws IOException {
    BgpSignalAggregator agg = new BgpSignalAggregator(config, geo, chunkBins, sink);
    List<Failure> failures = new ArrayList<>();
    List<MrtReader.Stats> readerStats = new ArrayList<>();
    run(sources, agg, failures, readerStats, maxSpanSeconds);
    agg.finish();
    return new BgpSignals(Map.of(), agg.stats(), List.copyOf(readerStats), List.copyOf(failures));
  }

  /** One series from consecutive chunks, gaps between them as NaN, over {@code [start, end)}. */
  private static TimeSeries concat(List<TimeSeries> parts, long start, long end) {
    int step = BgpSignalAggregator.STEP;
    double[] v = new double[(int) ((end - start) / step)];
    java.util.Arrays.fill(v, Double.NaN);
    for (TimeSeries t : parts) {
      int off = (int) ((t.start() - start) / step);
      for (int i = 0; i < t.length(); i++) {
        v[off + i] = t.value(i);
      }
    }
    return TimeSeries.of(start, step, v);
  }

  /** One open file in the merge. */
  private static final class Cursor {
    final MrtSource source;
    final int order;
    final long firstTime;
    MrtRouteReader reader;
    RouteVisitor visitor;
    long time;
    boolean rib;

    Cursor(MrtSource source, int order, long firstTime) {
      this.source = source;
      this.order = order;
      this.firstTime = firstTime;
    }
  }

  private static final Comparator<Cursor> ORDER =
      Comparator.<Cursor>comparingLong(c -> c.time)
          .thenComparing(c -> !c.rib) // a RIB dump before updates of the same second
          .thenComparingInt(c -> c.order);

  /**
   * Merges the files' records by timestamp into {@code agg}. Files are opened lazily, in order of
   * their first record, when the merge reaches it.
   */
  static void run(
      List<MrtSource> sources,
      BgpSignalAggregator agg,
      List<Failure> failures,
      List<MrtReader.Stats> readerStats,
      long maxSpanSeconds)
      throws IOException {
    List<Cursor> pending = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      MrtSource s = sources.get(i);
      try (MrtRouteReader r = MrtRouteReader.open(s.file(), MrtReader.OnMalformed.SKIP)) {
        if (r.next()) {
          pending.add(new Cursor(s, i, r.timestamp()));
        }
      } catch (MrtFormatException e) {
        failures.add(new Failure(s.file(), e.getMessage()));
      }
    }
    pending.sort(Comparator.<Cursor>comparingLong(c -> c.firstTime).thenComparingInt(c -> c.order));
    if (pending.size() > 1
        && pending.get(pending.size() - 1).firstTime - pending.get(0).firstTime > maxSpanSeconds) {
      throw new IllegalArgumentException(
          "the files start "
              + (pending.get(pending.size() - 1).firstTime - pending.get(0).firstTime) / 86_400
              + " days apart ("
              + pending.get(0).source.file()
              + " and "
              + pending.get(pending.size() - 1).source.file()
              + "); read periods of at most "
              + maxSpanSeconds / 86_400
              + " days at a time, or stream them");
    }
    PriorityQueue<Cursor> open = new PriorityQueue<>(ORDER);
    int next = 0;
    try {
      while (true) {
        // open every file whose first record is due before the earliest open record
        while (next < pending.size()
            && (open.isEmpty() || pending.get(next).firstTime <= open.peek().time)) {
          Cursor c = pending.get(next++);
          if (start(c, agg, failures)) {
            open.add(c);
          }
        }
        Cursor c = open.poll();
        if (c == null) {
          break;
        }
        agg.advanceTo(c.time, !c.rib);
        try {
          c.reader.deliver(c.visitor);
          if (advance(c)) {
            open.add(c);
          } else {
            finish(c, readerStats);
          }
        } catch (MrtFormatException e) {
          failures.add(new Failure(c.source.file(), e.getMessage()));
          finish(c, readerStats);
        }
      }
    } finally {
      for (Cursor c : open) {
        c.reader.close();
      }
    }
  }

  private static boolean start(Cursor c, BgpSignalAggregator agg, List<Failure> failures)
      throws IOException {
    c.reader = MrtRouteReader.open(c.source.file(), MrtReader.OnMalformed.SKIP);
    c.visitor = agg.visitor(c.source.collector());
    try {
      if (advance(c)) {
        return true;
      }
    } catch (MrtFormatException e) {
      failures.add(new Failure(c.source.file(), e.getMessage()));
    }
    c.reader.close();
    return false;
  }

  private static boolean advance(Cursor c) throws IOException {
    if (!c.reader.next()) {
      return false;
    }
    c.time = c.reader.timestamp();
    c.rib = c.reader.isRibRecord();
    return true;
  }

  private static void finish(Cursor c, List<MrtReader.Stats> readerStats) throws IOException {
    readerStats.add(c.reader.stats());
    c.reader.close();
  }

  /** The signals, ready for {@code SignalStore.ingestSeries}. */
  public Map<SignalKey, TimeSeries> series() {
    return series;
  }

  /** What went through the route table. */
  public BgpSignalAggregator.Stats stats() {
    return stats;
  }

  /** Per file read to its end or to its failure: records, unknown and skipped ones. */
  public List<MrtReader.Stats> readerStats() {
    return readerStats;
  }

  /** Files that could not be read to their end (their earlier records were used). */
  public List<Failure> failures() {
    return failures;
  }
}
