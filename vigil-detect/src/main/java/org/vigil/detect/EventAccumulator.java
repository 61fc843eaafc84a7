// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The running totals of the currently open (or pending) run of non-normal bins: everything a {@link
 * SeriesEvent} needs, kept bounded so that the state stays small however long an outage lasts.
 */
final class EventAccumulator {
  /**
   * Expected values kept for the event's baseline median. Up to this many bins (a week at 5
   * minutes) the median is exact; beyond it every other kept value is dropped and the stride
   * doubles, so the sample stays an evenly spaced, deterministic subsample whatever the chunking of
   * the input. Even, so that halving keeps the even positions.
   */
  static final int SAMPLE_CAP = 2048;

  private final double minutesPerBin;

  long start = Long.MIN_VALUE;
  Level peak = Level.NORMAL;
  double lowestRatio = Double.POSITIVE_INFINITY;
  double score;

  /** Assessed bins added so far. */
  long count;

  /** Every {@code stride}-th assessed bin goes into the sample. */
  long stride = 1;

  double[] sample = new double[16];
  int sampleSize;

  EventAccumulator(int stepSeconds) {
    this.minutesPerBin = stepSeconds / 60.0;
  }

  private EventAccumulator(double minutesPerBin) {
    this.minutesPerBin = minutesPerBin;
  }

  EventAccumulator copy() {
    EventAccumulator c = new EventAccumulator(minutesPerBin);
    c.copyFrom(this);
    return c;
  }

  private void copyFrom(EventAccumulator o) {
    start = o.start;
    peak = o.peak;
    lowestRatio = o.lowestRatio;
    score = o.score;
    count = o.count;
    stride = o.stride;
    sample = o.sample.clone();
    sampleSize = o.sampleSize;
  }

  void open(long time) {
    start = time;
    peak = Level.NORMAL;
    lowestRatio = Double.POSITIVE_INFINITY;
    score = 0;
    count = 0;
    stride = 1;
    sampleSize = 0;
  }

  void reset() {
    open(Long.MIN_VALUE);
  }

  void add(Level level, double value, double expected, double ratio) {
    peak = Level.max(peak, level);
    lowestRatio = Math.min(lowestRatio, ratio);
    // IODA OutagesEventsService: drop = |history - value| / max(history, value) * 100, weighted
    // by the minutes it lasted. expected > 0 here, so the denominator is positive.
    score += Math.abs(expected - value) / Math.max(expected, value) * 100.0 * minutesPerBin;
    if (count % stride == 0) {
      if (sampleSize == SAMPLE_CAP) {
        for (int i = 0; i < SAMPLE_CAP / 2; i++) {
          sample[i] = sample[2 * i];
        }
        sampleSize = SAMPLE_CAP / 2;
        stride *= 2;
      }
      if (count % stride == 0) {
        if (sampleSize == sample.length) {
          sample = Arrays.copyOf(sample, Math.min(SAMPLE_CAP, sample.length * 2));
        }
        sample[sampleSize++] = expected;
      }
    }
    count++;
  }

  SeriesEvent toEvent(Long end) {
    double[] s = Arrays.copyOf(sample, sampleSize);
    Arrays.sort(s);
    double baseline = Medians.ofSorted(s, s.length);
    return new SeriesEvent(
        start, end, peak, baseline, lowestRatio, score, SeriesEvent.kindFor(lowestRatio));
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(start);
    out.writeByte(peak.ordinal());
    out.writeDouble(lowestRatio);
    out.writeDouble(score);
    out.writeLong(count);
    out.writeLong(stride);
    out.writeInt(sampleSize);
    for (int i = 0; i < sampleSize; i++) {
      out.writeDouble(sample[i]);
    }
  }

  void read(DataInput in, int remaining) throws IOException {
    start = in.readLong();
    peak = DetectorState.readLevel(in);
    lowestRatio = in.readDouble();
    score = in.readDouble();
    count = in.readLong();
    stride = in.readLong();
    sampleSize = in.readInt();
    if (count < 0 || stride <= 0 || Long.bitCount(stride) != 1) {
      throw new IllegalArgumentException("corrupt event accumulator: count or stride");
    }
    if (sampleSize < 0 || sampleSize > SAMPLE_CAP || sampleSize > remaining / 8) {
      throw new IllegalArgumentException("corrupt event accumulator: sample size " + sampleSize);
    }
    sample = new double[Math.max(16, sampleSize)];
    for (int i = 0; i < sampleSize; i++) {
      sample[i] = in.readDouble();
    }
  }
}
