// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything a detector ({@link MovingMedianDetector} or {@link SimilarDaysDetector}, as the
 * configuration's {@link DetectorConfig#baseline()} says) remembers about one series between runs:
 * the cleaned (in-painted) history at the series' step (for the similar-days baseline, the measured
 * history as well), the {@link AlertMachine} and the totals of the open event. It is bounded (one
 * window of doubles; for the similar-days baseline two, each with the current day; plus a capped
 * event sample) and serialisable, so detection can resume where the last run stopped, in another
 * process or on another machine.
 *
 * <pre>{@code
 * DetectorState state = DetectorState.initial(DetectorConfig.forSignal("bgp.visible_slash24"), 300);
 * DetectionResult r = MovingMedianDetector.run(firstBins, state);
 * byte[] saved = r.state().toBytes();
 * // ... later, perhaps elsewhere
 * DetectionResult next = MovingMedianDetector.run(newerBins, DetectorState.fromBytes(saved));
 * }</pre>
 *
 * <p>Instances are never changed once handed out: {@link MovingMedianDetector#run} works on a copy.
 */
public final class DetectorState {
  private static final int MAGIC = 0x5644; // "VD"
  private static final int FORMAT = 3;

  /** The format before the baseline could be chosen: still read, as a moving-median state. */
  private static final int FORMAT_WITHOUT_BASELINE = 2;

  /** The format before the in-painting limit: still read, as a state without a limit. */
  private static final int FORMAT_WITHOUT_INPAINT_LIMIT = 1;

  /** 2^24 bins: a week at a 36 ms step; anything larger is a mistake, not a window. */
  static final int MAX_WINDOW_BINS = 1 << 24;

  final DetectorConfig config;
  final int step;

  /**
   * History length in bins. For the moving median, the window [t - window, t); for the similar-days
   * baseline, the current day and the days searched before it ({@link SimilarDaysBaseline}).
   */
  final int windowBins;

  /** Bins of history needed before the first assessment. */
  final long warmupBins;

  /**
   * The most bins of one run that are in-painted: {@code maxInpaintSeconds} rounded up to whole
   * bins, so that, as in IODA, a bin is in-painted while it lies less than {@code maxduration}
   * after the run's first bin (with no gaps in between). Long.MAX_VALUE when there is no limit.
   */
  final long inpaintLimitBins;

  /**
   * For the seasonal baseline, how far back (in bins) the same phase of earlier periods lies, with
   * its neighbours ±1 bin; {@code null} for the plain window median.
   */
  final int[] backOffsets;

  /**
   * The similar-days baseline's bookkeeping; {@code null} for the moving median. Its per-day sums
   * are derived from the history, so never serialised.
   */
  final SimilarDaysBaseline similar;

  /** Slot {@code floorMod(t / step, windowBins)} holds the cleaned value of bin t, NaN if none. */
  final double[] history;

  /**
   * For the similar-days baseline, the same slots with the measured values, before in-painting (NaN
   * exactly where {@link #history} is); {@code null} for the moving median.
   */
  final double[] measured;

  long nextTime;

  /**
   * Bins of history since the first value, counted up to {@link #warmupBins} (then it stops
   * mattering). Leading gaps do not count: a series that starts with a day of NaN has no history.
   */
  long warmBins;

  /**
   * Bins with data, in a row, whose ratio was outside {@code [inpaintLow, inpaintHigh]}, counted up
   * to {@link #inpaintLimitBins} (then it stops mattering): a bin of such a run is in-painted while
   * fewer than the limit came before it. Any other bin with data ends the run; gaps (no value)
   * neither extend nor end it.
   */
  long inpaintRun;

  final AlertMachine machine;

  // Plain-median mode only: the non-NaN history values in ascending order. Derived from history,
  // so never serialised; rebuilt on first use after fromBytes().
  private double[] sorted;
  private int sortedCount;
  // Seasonal mode only: scratch space for one bin's sample.
  private final double[] scratch;

  private DetectorState(
      DetectorConfig config,
      int step,
      double[] history,
      double[] measured,
      AlertMachine machine,
      int[] backOffsets) {
    this.config = config;
    this.measured = measured;
    this.similar = measured != null ? new SimilarDaysBaseline(config, step, history.length) : null;
    this.step = step;
    this.windowBins = history.length;
    this.warmupBins = ceilDiv(config.warmupSeconds(), step);
    this.inpaintLimitBins =
        config.maxInpaintSeconds() == 0
            ? Long.MAX_VALUE
            : ceilDiv(config.maxInpaintSeconds(), step);
    this.history = history;
    this.machine = machine;
    this.backOffsets = backOffsets;
    this.scratch = backOffsets == null ? null : new double[backOffsets.length];
  }

  /** A state that has seen nothing yet, for a series with bins of {@code stepSeconds}. */
  public static DetectorState initial(DetectorConfig config, int stepSeconds) {
    Objects.requireNonNull(config, "config");
    int w = historyBins(config, stepSeconds);
    double[] history = new double[w];
    Arrays.fill(history, Double.NaN);
    double[] measured = config.baseline() == Baseline.SIMILAR_DAYS ? history.clone() : null;
    DetectorState s =
        new DetectorState(
            config,
            stepSeconds,
            history,
            measured,
            new AlertMachine(config, stepSeconds),
            config.baseline() == Baseline.SIMILAR_DAYS
                ? null
                : backOffsets(config, stepSeconds, w));
    s.nextTime = Long.MIN_VALUE;
    return s;
  }

  /** The history length in bins for {@code config} at {@code stepSeconds}. */
  private static int historyBins(DetectorConfig config, int stepSeconds) {
    if (stepSeconds <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + stepSeconds);
    }
    long w = Math.max(1, config.windowSeconds() / stepSeconds);
    if (config.baseline() == Baseline.SIMILAR_DAYS && w <= MAX_WINDOW_BINS) {
      // The days searched, plus the current one: (days + 1) whole days of bins. Both factors are
      // at most 2^24 here, so the product cannot overflow.
      long day = SimilarDaysBaseline.dayBins(config, stepSeconds);
      w = day > MAX_WINDOW_BINS ? day : day * (w / day + 1);
    }
    if (w > MAX_WINDOW_BINS) {
      throw new IllegalArgumentException(
          "a window of "
              + config.windowSeconds()
              + " s at a step of "
              + stepSeconds
              + " s is "
              + w
              + " bins; at most "
              + MAX_WINDOW_BINS
              + " are allowed");
    }
    return (int) w;
  }

  /**
   * Offsets back from bin t of t - k·period and its neighbours ±1 bin, for k = 1..window/period,
   * those that lie within the window. Returns null (plain median) when the period is shorter than 3
   * bins, where neighbours of different periods would overlap, or longer than the window, where
   * there is no earlier period to compare with. A period that is not a whole number of steps is
   * rounded to the nearest bin; the ±1 neighbours absorb the drift.
   */
  private static int[] backOffsets(DetectorConfig config, int stepSeconds, int windowBins) {
    if (config.periodSeconds() == 0) {
      return null;
    }
    long p = Math.round((double) config.periodSeconds() / stepSeconds);
    if (p < 3 || p > windowBins) {
      return null;
    }
    int periods = (int) (windowBins / p);
    int[] out = new int[3 * periods];
    int n = 0;
    for (int k = 1; k <= periods; k++) {
      for (int j = -1; j <= 1; j++) {
        long d = k * p + j;
        if (d >= 1 && d <= windowBins) {
          out[n++] = (int) d;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static long ceilDiv(long a, long b) {
    return a / b + (a % b == 0 ? 0 : 1);
  }

  DetectorState copy() {
    DetectorState c =
        new DetectorState(
            config,
            step,
            history.clone(),
            measured == null ? null : measured.clone(),
            machine.copy(),
            backOffsets);
    c.nextTime = nextTime;
    c.warmBins = warmBins;
    c.inpaintRun = inpaintRun;
    if (sorted != null) {
      c.sorted = sorted.clone();
      c.sortedCount = sortedCount;
    }
    return c;
  }

  public DetectorConfig config() {
    return config;
  }

  public int stepSeconds() {
    return step;
  }

  /** Epoch second of the next bin this state expects; Long.MIN_VALUE if nothing seen yet. */
  public long nextTime() {
    return nextTime;
  }

  /** The alert state (read-only to callers). */
  public AlertMachine alertMachine() {
    return machine;
  }

  // ---- the baseline and the history, used by MovingMedianDetector's per-bin loop ----

  boolean warm() {
    return warmBins >= warmupBins;
  }

  void countBin(boolean hasValue) {
    if (warmBins < warmupBins && (hasValue || warmBins > 0)) {
      warmBins++;
    }
  }

  /**
   * Accounts for an assessed bin whose ratio is outside the in-painting bounds; returns whether it
   * is to be in-painted, i.e. whether the run before it is still shorter than the limit.
   */
  boolean extendInpaintRun() {
    if (inpaintRun < inpaintLimitBins) {
      inpaintRun++;
      return true;
    }
    return false;
  }

  /**
   * Called for a bin outside the in-painting bounds once the run has reached the limit. For the
   * similar-days baseline, as IODA's MovingStat does, the in-painted bins of the run go back to
   * their measured values: the run is the bins with data just before {@code bin} whose cleaned
   * value differs from the measured one (a bin of the run was in-painted exactly when its ratio was
   * outside the bounds, so never equals its baseline). Without this, a lasting shift would be
   * remembered at the old level for the 28 days the baseline searches, and every midnight, when the
   * day has no shape to compare yet, would bring the old level back. After the first bin the walk
   * stops at once. The moving median keeps its in-painted values and lets them age out of its
   * shorter window (see {@link MovingMedianDetector}).
   */
  void acceptShift(long bin) {
    if (similar == null) {
      return;
    }
    boolean changed = false;
    for (long b = bin - 1; b > bin - windowBins; b--) {
      int i = slot(b);
      double c = history[i];
      if (c != c) {
        continue; // gaps neither extend nor end a run
      }
      if (c == measured[i]) {
        break;
      }
      history[i] = measured[i];
      changed = true;
    }
    if (changed) {
      similar.invalidate();
    }
  }

  /** Accounts for a bin with data that is not outside the in-painting bounds. */
  void endInpaintRun() {
    inpaintRun = 0;
  }

  /**
   * The baseline for bin number {@code bin} (epoch second / step), whose history slot is {@code
   * slot}, before that bin is stored: NaN when fewer than 3 values (2 days, for the similar-days
   * baseline) are available.
   */
  double baseline(int slot, long bin) {
    if (similar != null) {
      return similar.baseline(history, measured, bin);
    }
    if (backOffsets == null) {
      return sortedCount >= 3 ? Medians.ofSorted(sorted, sortedCount) : Double.NaN;
    }
    int n = 0;
    for (int d : backOffsets) {
      int i = slot - d;
      if (i < 0) {
        i += windowBins;
      }
      double h = history[i];
      if (h == h) { // not NaN
        scratch[n++] = h;
      }
    }
    return n >= 3 ? Medians.ofSmall(scratch, n) : Double.NaN;
  }

  /**
   * Stores the cleaned value (or NaN) of bin number {@code bin}, whose slot is {@code slot}, and
   * the value measured before in-painting (NaN exactly when {@code value} is).
   */
  void store(int slot, long bin, double value, double measuredValue) {
    if (similar != null) {
      history[slot] = value;
      measured[slot] = measuredValue;
      similar.stored(history, measured, bin);
      return;
    }
    if (backOffsets == null) {
      double old = history[slot];
      // Equal values (a flat series, or NaN over NaN) leave the sorted view as it is.
      if (old != value && !(old != old && value != value)) {
        if (old == old) {
          sortedRemove(old);
        }
        if (value == value) {
          sortedInsert(value);
        }
      }
    }
    history[slot] = value;
  }

  /** Accounts for {@code bins} bins without data between the last run and this one. */
  void skipGap(long bins) {
    if (bins >= windowBins) {
      Arrays.fill(history, Double.NaN);
      sortedCount = 0;
      if (similar != null) {
        Arrays.fill(measured, Double.NaN);
        similar.invalidate();
      }
    } else {
      long n = Math.floorDiv(nextTime, step);
      for (long b = 0; b < bins; b++) {
        store(slot(n + b), n + b, Double.NaN, Double.NaN);
      }
    }
    if (warmBins > 0) {
      warmBins = bins >= warmupBins - warmBins ? warmupBins : warmBins + bins;
    }
  }

  int slot(long binIndex) {
    return (int) Math.floorMod(binIndex, (long) windowBins);
  }

  void ensureSorted() {
    if (backOffsets != null || similar != null || sorted != null) {
      return;
    }
    sorted = new double[windowBins];
    sortedCount = 0;
    for (double h : history) {
      if (h == h) {
        sorted[sortedCount++] = h;
      }
    }
    Arrays.sort(sorted, 0, sortedCount);
  }

  /** First index whose value is >= v (numerically, so -0.0 and 0.0 are one value). */
  private int lowerBound(double v) {
    int lo = 0;
    int hi = sortedCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // Insert and remove shift part of a window-sized array: a memmove of at most 16 KB for a week
  // at 5 minutes, cheaper than any tree of boxed values and needing no extra state.
  private void sortedInsert(double v) {
    int i = lowerBound(v);
    System.arraycopy(sorted, i, sorted, i + 1, sortedCount - i);
    sorted[i] = v;
    sortedCount++;
  }

  private void sortedRemove(double v) {
    int i = lowerBound(v);
    System.arraycopy(sorted, i + 1, sorted, i, sortedCount - i - 1);
    sortedCount--;
  }

  // ---- serialisation ----

  /**
   * The state as compact bytes: a 2-byte magic {@code "VD"}, a format byte (3), the configuration
   * (ending with the baseline's ordinal as a byte and the number of similar days as an int), the
   * step, the time of the next bin, the warm-up count, the length of the current in-painting run,
   * the history (for the similar-days baseline followed by the measured history, as many bins
   * again), then the alert machine and, while it is not normal, the open run's alerts and event
   * totals. Big-endian ({@link DataOutputStream}).
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 8 * windowBins);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeShort(MAGIC);
      out.writeByte(FORMAT);
      out.writeLong(config.windowSeconds());
      out.writeDouble(config.warningRatio());
      out.writeDouble(config.criticalRatio());
      out.writeDouble(config.inpaintLow());
      out.writeDouble(config.inpaintHigh());
      out.writeLong(config.periodSeconds());
      out.writeLong(config.warmupSeconds());
      out.writeLong(config.minDurationSeconds());
      out.writeDouble(config.recoveryMargin());
      out.writeLong(config.maxInpaintSeconds());
      out.writeByte(config.baseline().ordinal());
      out.writeInt(config.similarDays());
      out.writeInt(step);
      out.writeLong(nextTime);
      out.writeLong(warmBins);
      out.writeLong(inpaintRun);
      out.writeInt(windowBins);
      // In bulk: the history is nearly all of the state, and per-double writes dominate the cost
      // of saving a state after a short incremental run. Big-endian, like DataOutputStream.
      ByteBuffer block = ByteBuffer.allocate(Double.BYTES * windowBins);
      block.asDoubleBuffer().put(history);
      out.write(block.array());
      if (measured != null) {
        block.clear();
        block.asDoubleBuffer().put(measured);
        out.write(block.array());
      }
      machine.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads bytes written by {@link #toBytes()}, in this format or an older one. Format 2, written
   * before the baseline could be chosen, reads as a moving-median state with the default number of
   * similar days (unused), so it continues exactly as before. Format 1, written before the
   * in-painting limit existed, reads in addition with {@code maxInpaintSeconds} 0 (no limit), the
   * behaviour it was built with; a detector that should adopt the limit starts over from {@link
   * #initial}.
   *
   * @throws IllegalArgumentException if the bytes are not a state of a known format, are truncated,
   *     or have trailing bytes
   */
  public static DetectorState fromBytes(byte[] bytes) {
    ByteArrayInputStream buf = new ByteArrayInputStream(bytes);
    DataInputStream in = new DataInputStream(buf);
    try {
      int magic = in.readUnsignedShort();
      if (magic != MAGIC) {
        throw new IllegalArgumentException("not a detector state (bad magic)");
      }
      int format = in.readUnsignedByte();
      if (format != FORMAT
          && format != FORMAT_WITHOUT_BASELINE
          && format != FORMAT_WITHOUT_INPAINT_LIMIT) {
        throw new IllegalArgumentException(
            "detector state format "
                + format
                + " is not supported (expected "
                + FORMAT
                + ", "
                + FORMAT_WITHOUT_BASELINE
                + " or "
                + FORMAT_WITHOUT_INPAINT_LIMIT
                + ")");
      }
      boolean limited = format >= FORMAT_WITHOUT_BASELINE;
      long windowSeconds = in.readLong();
      double warning = in.readDouble();
      double critical = in.readDouble();
      double inpaintLow = in.readDouble();
      double inpaintHigh = in.readDouble();
      long period = in.readLong();
      long warmup = in.readLong();
      long minDuration = in.readLong();
      double margin = in.readDouble();
      long maxInpaint = limited ? in.readLong() : 0;
      Baseline baseline = Baseline.MOVING_MEDIAN;
      int similarDays = DetectorConfig.SIMILAR_DAYS;
      if (format >= FORMAT) {
        int b = in.readUnsignedByte();
        if (b >= Baseline.values().length) {
          throw new IllegalArgumentException("corrupt detector state: baseline code " + b);
        }
        baseline = Baseline.values()[b];
        similarDays = in.readInt();
      }
      DetectorConfig config =
          new DetectorConfig(
              windowSeconds,
              warning,
              critical,
              inpaintLow,
              inpaintHigh,
              period,
              warmup,
              minDuration,
              margin,
              maxInpaint,
              baseline,
              similarDays);
      int step = in.readInt();
      // Check the size before allocating, so corrupt bytes cannot ask for a huge window.
      int rings = baseline == Baseline.SIMILAR_DAYS ? 2 : 1;
      if ((long) historyBins(config, step) * Double.BYTES * rings > buf.available()) {
        throw new IllegalArgumentException("truncated detector state: history is short");
      }
      DetectorState s = initial(config, step);
      s.nextTime = in.readLong();
      s.warmBins = in.readLong();
      if (s.warmBins < 0 || s.warmBins > s.warmupBins) {
        throw new IllegalArgumentException("corrupt detector state: warm-up count " + s.warmBins);
      }
      s.inpaintRun = limited ? in.readLong() : 0;
      if (s.inpaintRun < 0 || s.inpaintRun > s.inpaintLimitBins) {
        throw new IllegalArgumentException(
            "corrupt detector state: in-painting run " + s.inpaintRun);
      }
      int w = in.readInt();
      if (w != s.windowBins) {
        throw new IllegalArgumentException(
            "corrupt detector state: " + w + " history bins, expected " + s.windowBins);
      }
      byte[] block = new byte[Double.BYTES * w];
      in.readFully(block);
      ByteBuffer.wrap(block).asDoubleBuffer().get(s.history);
      if (s.measured != null) {
        in.readFully(block);
        ByteBuffer.wrap(block).asDoubleBuffer().get(s.measured);
        for (int i = 0; i < w; i++) {
          if (Double.isNaN(s.history[i]) != Double.isNaN(s.measured[i])) {
            throw new IllegalArgumentException(
                "corrupt detector state: measured and cleaned history disagree on gaps at slot "
                    + i);
          }
        }
      }
      s.machine.read(in, buf.available());
      if (buf.available() != 0) {
        throw new IllegalArgumentException(
            "corrupt detector state: " + buf.available() + " trailing bytes");
      }
      return s;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated detector state", e);
    }
  }

  static Level readLevel(DataInput in) throws IOException {
    int l = in.readUnsignedByte();
    if (l >= Level.values().length) {
      throw new IllegalArgumentException("corrupt detector state: level code " + l);
    }
    return Level.values()[l];
  }
}
