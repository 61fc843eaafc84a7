// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.InputFormatException;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.core.Times;
import org.vigil.series.SeriesImportSpec;
import org.vigil.series.SeriesImportSpec.Aggregate;

/**
 * Points to fixed-step series: infers the step, bins each entity's points, and rolls regions up
 * into their countries. Not API.
 */
public final class SeriesBinner {
  /**
   * Most bins one series may have: a year of 1-second bins fits. A stray time decades away from the
   * rest would otherwise ask for gigabytes of gaps; it is better reported with its line.
   */
  public static final long MAX_BINS = 1 << 25;

  /**
   * Most bins one import may have over all its series (about 1.3 GB while binning): a year of
   * 5-minute bins for every country is 26 M. Without it, many short series with a far-off time
   * each, at an inferred step of a second, exhaust the heap.
   */
  public static final long MAX_TOTAL_BINS = 1 << 26;

  private final String source;
  private final SeriesImportSpec spec;
  private final EntityRegistry registry;
  private final List<String> notes;

  /** The bin width used; valid after {@link #bin}. */
  private int step;

  public SeriesBinner(
      String source, SeriesImportSpec spec, EntityRegistry registry, List<String> notes) {
    this.source = source;
    this.spec = spec;
    this.registry = registry;
    this.notes = notes;
  }

  public int step() {
    return step;
  }

  /**
   * Bins the points of every entity (and releases them as it goes).
   *
   * @throws InputFormatException if the step cannot be inferred or a series would be absurdly long
   */
  public Map<SignalKey, TimeSeries> bin(List<EntityPoints> entities) {
    List<EntityPoints> present = new ArrayList<>();
    for (EntityPoints p : entities) {
      if (p.size > 0) {
        present.add(p);
      }
    }
    Map<SignalKey, TimeSeries> out = new LinkedHashMap<>();
    if (spec.step() != null) {
      step = spec.stepSeconds();
    } else if (present.isEmpty()) {
      return out; // nothing read, nothing to infer from
    } else {
      long inferred = inferStep(present);
      if (inferred == 0) {
        throw new InputFormatException(
            source,
            0,
            spec.timeColumn(),
            "cannot infer the step: no entity has two different times; give --step");
      }
      if (inferred > Integer.MAX_VALUE) {
        throw new InputFormatException(
            source,
            0,
            spec.timeColumn(),
            "the inferred step of " + inferred + " s is too long; give --step");
      }
      step = (int) inferred;
      notes.add(
          "step inferred: " + Times.formatStep(step) + " (the most common interval between times)");
    }
    long totalBins = 0;
    boolean oneTooLong = false; // reported below, with its lines
    for (EntityPoints p : present) {
      long length = Math.floorDiv(p.maxTime, step) - Math.floorDiv(p.minTime, step) + 1;
      totalBins += length;
      oneTooLong |= length > MAX_BINS;
    }
    if (!oneTooLong && totalBins > MAX_TOTAL_BINS) {
      throw new InputFormatException(
          source,
          0,
          spec.timeColumn(),
          present.size()
              + " series at a step of "
              + Times.formatStep(step)
              + " would need "
              + totalBins
              + " bins in all, more than the "
              + MAX_TOTAL_BINS
              + " one import may hold; check for far-off times, give a coarser --step, or split"
              + " the file");
    }
    Map<String, List<TimeSeries>> regionsByCountry = new LinkedHashMap<>();
    long combined = 0;
    long offGrid = 0;
    for (EntityPoints p : present) {
      long first = Math.floorDiv(p.minTime, step);
      long length = Math.floorDiv(p.maxTime, step) - first + 1;
      if (length > MAX_BINS) {
        throw new InputFormatException(
            source,
            p.maxLine,
            spec.timeColumn(),
            p.entity.key()
                + " has times from "
                + Instant.ofEpochSecond(p.minTime)
                + " (line "
                + p.minLine
                + ") to "
                + Instant.ofEpochSecond(p.maxTime)
                + " (line "
                + p.maxLine
                + "): "
                + length
                + " bins of "
                + Times.formatStep(step)
                + " is more than the "
                + MAX_BINS
                + " a series may have; check those times, or --step");
      }
      double[] sum = new double[(int) length];
      int[] count = new int[(int) length];
      for (int i = 0; i < p.size; i++) {
        long t = p.times[i];
        if (t % step != 0) {
          offGrid++;
        }
        double v = p.values[i];
        if (!Double.isNaN(v)) {
          int bin = (int) (Math.floorDiv(t, step) - first);
          sum[bin] += v;
          count[bin]++;
        }
      }
      for (int c : count) {
        if (c > 1) {
          combined += c;
        }
      }
      TimeSeries series = TimeSeries.of(first * step, step, finish(sum, count));
      out.put(new SignalKey(p.entity, spec.signal()), series);
      p.release();
      if (p.entity.type() == EntityType.REGION) {
        regionsByCountry.computeIfAbsent(p.entity.country(), k -> new ArrayList<>()).add(series);
      }
    }
    if (offGrid > 0) {
      notes.add(
          (offGrid == 1 ? "1 row time was" : offGrid + " row times were")
              + " not on the "
              + Times.formatStep(step)
              + " grid and went into the bin that holds them");
    }
    if (combined > 0) {
      notes.add(
          combined
              + " rows shared a bin with other rows of the same entity and were combined by "
              + spec.aggregate());
    }
    // A fixed region (--entity region/...) is not rolled up: one region is not its country, and
    // a country series made from it would overwrite the one another region's file made.
    if (spec.entity() == null) {
      rollUp(regionsByCountry, out);
    }
    return out;
  }

  private double[] finish(double[] sum, int[] count) {
    boolean mean = spec.aggregate() == Aggregate.MEAN;
    for (int i = 0; i < sum.length; i++) {
      if (count[i] == 0) {
        sum[i] = Double.NaN;
      } else if (mean) {
        sum[i] /= count[i];
      }
    }
    return sum;
  }

  /**
   * Country series from region series: for each bin, the aggregate over the regions that have a
   * value there. With {@code sum} that is the country's total of what the file covers; with {@code
   * mean} it is the mean of region values, each region weighted alike.
   */
  private void rollUp(Map<String, List<TimeSeries>> byCountry, Map<SignalKey, TimeSeries> out) {
    List<String> described = new ArrayList<>();
    for (Map.Entry<String, List<TimeSeries>> e : byCountry.entrySet()) {
      List<TimeSeries> regions = e.getValue();
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (TimeSeries r : regions) {
        start = Math.min(start, r.start());
        end = Math.max(end, r.end());
      }
      long bins = (end - start) / step;
      if (bins > MAX_BINS) {
        throw new InputFormatException(
            source,
            0,
            spec.timeColumn(),
            "the regions of "
                + e.getKey()
                + " together span from "
                + Instant.ofEpochSecond(start)
                + " to "
                + Instant.ofEpochSecond(end)
                + ": "
                + bins
                + " bins of "
                + Times.formatStep(step)
                + " is more than the "
                + MAX_BINS
                + " a series may have; check the times, or --step");
      }
      int length = (int) bins;
      double[] sum = new double[length];
      int[] count = new int[length];
      for (TimeSeries r : regions) {
        int offset = (int) ((r.start() - start) / step);
        for (int i = 0; i < r.length(); i++) {
          double v = r.value(i);
          if (!Double.isNaN(v)) {
            sum[offset + i] += v;
            count[offset + i]++;
          }
        }
      }
      Entity country = registry.country(e.getKey());
      out.put(
          new SignalKey(country, spec.signal()), TimeSeries.of(start, step, finish(sum, count)));
      described.add(
          e.getKey() + " (" + regions.size() + (regions.size() == 1 ? " region)" : " regions)"));
    }
    if (!described.isEmpty()) {
      int shown = Math.min(described.size(), 12);
      String list = String.join(", ", described.subList(0, shown));
      if (shown < described.size()) {
        list += " and " + (described.size() - shown) + " more";
      }
      notes.add(
          "regions rolled up into countries by " + spec.aggregate() + " of their regions: " + list);
    }
  }

  /**
   * The most common positive difference between consecutive distinct times of an entity, over all
   * entities; ties go to the smaller difference. 0 if no entity has two distinct times.
   */
  static long inferStep(List<EntityPoints> entities) {
    Map<Long, long[]> counts = new HashMap<>();
    for (EntityPoints p : entities) {
      long[] t = p.times;
      int n = p.size;
      boolean sorted = true;
      for (int i = 1; i < n && sorted; i++) {
        sorted = t[i] >= t[i - 1];
      }
      if (!sorted) {
        t = Arrays.copyOf(t, n);
        Arrays.sort(t);
      }
      // Count runs of equal differences, not each difference: a regular series touches the map
      // once instead of once per row.
      long runDiff = 0;
      long runCount = 0;
      long prev = t[0];
      for (int i = 1; i < n; i++) {
        long d = t[i] - prev;
        if (d == 0) {
          continue;
        }
        prev = t[i];
        if (d == runDiff) {
          runCount++;
        } else {
          flush(counts, runDiff, runCount);
          runDiff = d;
          runCount = 1;
        }
      }
      flush(counts, runDiff, runCount);
    }
    long best = 0;
    long bestCount = 0;
    for (Map.Entry<Long, long[]> e : counts.entrySet()) {
      long d = e.getKey();
      long c = e.getValue()[0];
      if (c > bestCount || (c == bestCount && d < best)) {
        best = d;
        bestCount = c;
      }
    }
    return best;
  }

  private static void flush(Map<Long, long[]> counts, long diff, long count) {
    if (count > 0) {
      counts.computeIfAbsent(diff, k -> new long[1])[0] += count;
    }
  }
}
