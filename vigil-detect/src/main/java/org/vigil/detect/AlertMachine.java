// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The normal / warning / critical state of one series, with hysteresis and a minimum duration. It
 * lives inside a {@link DetectorState}; detectors feed it one assessed bin at a time.
 *
 * <p>Levels follow {@link #classify}: entering a level uses the plain thresholds, leaving it needs
 * the ratio to clear the threshold by {@link DetectorConfig#recoveryMargin()}, so a ratio hovering
 * at a threshold does not flap.
 *
 * <p>A run of non-normal bins becomes an alert only once it has lasted {@link
 * DetectorConfig#minDurationSeconds()} (at least one bin). Until then its transitions are held
 * back; on confirmation they are emitted with their own times, so the onset is the first non-normal
 * bin, not the moment of confirmation. A run that returns to normal unconfirmed leaves no trace.
 * Bins that are not assessed (gaps, warm-up, a baseline of zero) never reach the machine: it keeps
 * its state across them.
 */
public final class AlertMachine {
  private final DetectorConfig config;
  private final int step;
  private final long confirmSeconds;

  private Level level = Level.NORMAL;
  private long runStart = Long.MIN_VALUE;
  private boolean confirmed;

  /** Transitions of the unconfirmed run; at most minDuration / step + 1 of them. */
  private final ArrayList<Alert> pending = new ArrayList<>();

  private final EventAccumulator event;

  AlertMachine(DetectorConfig config, int stepSeconds) {
    this(config, stepSeconds, new EventAccumulator(stepSeconds));
  }

  private AlertMachine(DetectorConfig config, int stepSeconds, EventAccumulator event) {
    this.config = config;
    this.step = stepSeconds;
    this.confirmSeconds = Math.max(config.minDurationSeconds(), stepSeconds);
    this.event = event;
  }

  AlertMachine copy() {
    AlertMachine c = new AlertMachine(config, step, event.copy());
    c.level = level;
    c.runStart = runStart;
    c.confirmed = confirmed;
    c.pending.addAll(pending);
    return c;
  }

  /**
   * The level a bin with {@code ratio} gets when the series is at {@code current}: critical below
   * the critical ratio (or, when already critical, below {@link
   * DetectorConfig#criticalExitRatio()}), warning below the warning ratio (or, when already
   * alerting, below {@link DetectorConfig#warningExitRatio()}), else normal.
   */
  public static Level classify(double ratio, Level current, DetectorConfig config) {
    double critical =
        current == Level.CRITICAL ? config.criticalExitRatio() : config.criticalRatio();
    double warning = current == Level.NORMAL ? config.warningRatio() : config.warningExitRatio();
    if (ratio < critical) {
      return Level.CRITICAL;
    }
    if (ratio < warning) {
      return Level.WARNING;
    }
    return Level.NORMAL;
  }

  /** The current level, confirmed or not. */
  public Level level() {
    return level;
  }

  /** True when a confirmed alert is open, i.e. an event is ongoing. */
  public boolean alerting() {
    return confirmed;
  }

  /** Epoch second of the first bin of the current non-normal run; Long.MIN_VALUE if none. */
  public long runStart() {
    return runStart;
  }

  /**
   * Feeds one assessed bin. Transitions go to {@code alerts}, an event that closes to {@code
   * closed}. Returns the bin's level.
   */
  Level assess(
      long time,
      double value,
      double expected,
      double ratio,
      List<Alert> alerts,
      List<SeriesEvent> closed) {
    Level next = classify(ratio, level, config);
    if (level == Level.NORMAL) {
      if (next != Level.NORMAL) {
        runStart = time;
        confirmed = false;
        pending.clear();
        pending.add(new Alert(time, next, value, expected, ratio));
        event.open(time);
      }
    } else if (next == Level.NORMAL) {
      if (confirmed) {
        alerts.add(new Alert(time, Level.NORMAL, value, expected, ratio));
        closed.add(event.toEvent(time));
      }
      pending.clear();
      event.reset();
      runStart = Long.MIN_VALUE;
      confirmed = false;
    } else if (next != level) {
      Alert a = new Alert(time, next, value, expected, ratio);
      if (confirmed) {
        alerts.add(a);
      } else {
        pending.add(a);
      }
    }
    level = next;
    if (next != Level.NORMAL) {
      event.add(next, value, expected, ratio);
      // Measured in time, not bins, so a gap inside the run counts towards its duration.
      if (!confirmed && time + step - runStart >= confirmSeconds) {
        confirmed = true;
        alerts.addAll(pending);
        pending.clear();
      }
    }
    return next;
  }

  /** The open event, if an alert is confirmed; {@code null} otherwise. */
  SeriesEvent ongoingEvent() {
    return confirmed ? event.toEvent(null) : null;
  }

  void write(DataOutput out) throws IOException {
    out.writeByte(level.ordinal());
    if (level == Level.NORMAL) {
      return; // nothing else is live between runs
    }
    out.writeLong(runStart);
    out.writeBoolean(confirmed);
    out.writeInt(pending.size());
    for (Alert a : pending) {
      out.writeLong(a.time());
      out.writeByte(a.level().ordinal());
      out.writeDouble(a.value());
      out.writeDouble(a.expected());
      out.writeDouble(a.ratio());
    }
    event.write(out);
  }

  void read(DataInput in, int remaining) throws IOException {
    level = DetectorState.readLevel(in);
    if (level == Level.NORMAL) {
      return;
    }
    runStart = in.readLong();
    confirmed = in.readBoolean();
    int n = in.readInt();
    if (n < 0 || n > remaining / 33) {
      throw new IllegalArgumentException("corrupt alert machine: " + n + " pending alerts");
    }
    for (int i = 0; i < n; i++) {
      pending.add(
          new Alert(
              in.readLong(),
              DetectorState.readLevel(in),
              in.readDouble(),
              in.readDouble(),
              in.readDouble()));
    }
    event.read(in, remaining);
  }
}
