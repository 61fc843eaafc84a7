// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.store.SignalStore;

/**
 * The server's one handle on the store, shared by every request thread.
 *
 * <p>Calls are serialised: the store wraps one JDBC connection, which DuckDB does not allow two
 * threads to use at once. A request does all its reading in one {@link #read} call, so it sees one
 * consistent state of the store. The data is small and the reads are fast; the lock is not where
 * the time goes.
 */
final class StoreView {
  private static final Pattern WARNING = Pattern.compile("\\bwarningRatio=([-0-9.Ee]+)");
  private static final Pattern CRITICAL = Pattern.compile("\\bcriticalRatio=([-0-9.Ee]+)");
  private static final Pattern BASELINE = Pattern.compile("\\bbaseline=([A-Z_]+)");

  private final SignalStore store;
  private final ReentrantLock lock = new ReentrantLock();

  StoreView(SignalStore store) {
    this.store = store;
  }

  <T> T read(Function<SignalStore, T> work) {
    lock.lock();
    try {
      return work.apply(store);
    } finally {
      lock.unlock();
    }
  }

  void close() {
    lock.lock();
    try {
      store.close();
    } finally {
      lock.unlock();
    }
  }

  /**
   * What the detector of one series was: the warning and critical ratios it ran with ({@code null}
   * when unknown) and its method in IODA's vocabulary ({@code median} for the moving median).
   */
  record Detector(double[] thresholds, String method) {
    static final Detector UNKNOWN = new Detector(null, "median");
  }

  /**
   * The detector of a series, read from the configuration saved with its detector state. The store
   * keeps that configuration as text ({@code DetectorConfig[..., warningRatio=0.8,
   * criticalRatio=0.5, ..., baseline=MOVING_MEDIAN, ...]}), so this reads those fields from it;
   * without a saved state the thresholds are unknown and the method is the moving median.
   */
  static Detector detector(SignalStore store, int seriesId) {
    return store
        .detectorState(seriesId)
        .map(s -> new Detector(parseThresholds(s.config()), parseMethod(s.config())))
        .orElse(Detector.UNKNOWN);
  }

  static double[] parseThresholds(String config) {
    Matcher w = WARNING.matcher(config);
    Matcher c = CRITICAL.matcher(config);
    if (!w.find() || !c.find()) {
      return null;
    }
    try {
      return new double[] {Double.parseDouble(w.group(1)), Double.parseDouble(c.group(1))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code baseline=SIMILAR_DAYS} gives {@code similar_days}; the moving median IODA's {@code
   * median}.
   */
  static String parseMethod(String config) {
    Matcher m = BASELINE.matcher(config);
    if (!m.find() || m.group(1).equals("MOVING_MEDIAN")) {
      return "median";
    }
    return m.group(1).toLowerCase(java.util.Locale.ROOT);
  }
}
