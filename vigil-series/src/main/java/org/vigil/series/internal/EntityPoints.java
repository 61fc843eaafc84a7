// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.util.Arrays;
import org.vigil.core.Entity;

/**
 * The raw points of one entity, in file order, in growable primitive arrays. Not API.
 *
 * <p>Points are kept unbinned because the step may only be known once every row has been read.
 * Sixteen bytes a row: a year of 5-minute bins for 250 countries (26 M rows) is about 420 MB.
 */
public final class EntityPoints {
  final Entity entity;
  long[] times = new long[64];
  double[] values = new double[64];
  int size;
  long minTime = Long.MAX_VALUE;
  long maxTime = Long.MIN_VALUE;
  long minLine;
  long maxLine;

  EntityPoints(Entity entity) {
    this.entity = entity;
  }

  public Entity entity() {
    return entity;
  }

  /** Points read, gaps included. */
  public int size() {
    return size;
  }

  /** Earliest time read, epoch seconds; meaningless while {@link #size()} is 0. */
  public long minTime() {
    return minTime;
  }

  /** Latest time read, epoch seconds; meaningless while {@link #size()} is 0. */
  public long maxTime() {
    return maxTime;
  }

  void add(long time, double value, long line) {
    if (size == times.length) {
      // Grow by half rather than double: these arrays are most of the import's memory.
      int n = size + (size >> 1);
      times = Arrays.copyOf(times, n);
      values = Arrays.copyOf(values, n);
    }
    times[size] = time;
    values[size] = value;
    size++;
    if (time < minTime) {
      minTime = time;
      minLine = line;
    }
    if (time > maxTime) {
      maxTime = time;
      maxLine = line;
    }
  }

  /** Lets the arrays go once the points are binned. */
  void release() {
    times = null;
    values = null;
  }
}
