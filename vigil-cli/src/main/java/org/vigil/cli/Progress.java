// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress and an estimate of the time left, on a terminal only: when standard error is not a
 * console, or {@code CI} is set, it prints nothing, so scripts stay quiet.
 */
final class Progress implements AutoCloseable {
  private static final long INTERVAL_NANOS = 250_000_000L;

  private final String label;
  private final long total;
  private final boolean enabled;
  private final PrintStream err;
  private final long startNanos = System.nanoTime();
  private long lastPrint;
  private boolean printed;

  private Progress(String label, long total, boolean enabled, PrintStream err) {
    this.label = label;
    this.total = total;
    this.enabled = enabled;
    this.err = err;
  }

  /** Progress over {@code total} units (bytes, series), shown only on an interactive terminal. */
  static Progress start(String label, long total) {
    boolean tty = System.console() != null && System.getenv("CI") == null;
    return new Progress(label, total, tty, System.err);
  }

  /** Reports {@code done} of the total units. */
  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastPrint < INTERVAL_NANOS) {
      return;
    }
    lastPrint = now;
    printed = true;
    double frac = total > 0 ? Math.min(1.0, (double) done / total) : 0;
    double elapsed = (now - startNanos) / 1e9;
    String eta = frac > 0.01 ? formatSeconds(elapsed / frac - elapsed) : "--:--";
    err.printf(
        Locale.ROOT,
        "\r%s %3.0f%%  %s elapsed, about %s left   ",
        label,
        frac * 100,
        formatSeconds(elapsed),
        eta);
    err.flush();
  }

  /** Counts the bytes read through {@code in} as progress. */
  InputStream wrap(InputStream in) {
    if (!enabled) {
      return in;
    }
    return new FilterInputStream(in) {
      long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          update(++count);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          count += n;
          update(count);
        }
        return n;
      }
    };
  }

  private static String formatSeconds(double s) {
    long t = Math.round(s);
    return t >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
        : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
  }

  @Override
  public void close() {
    if (enabled && printed) {
      err.print("\r" + " ".repeat(label.length() + 48) + "\r");
      err.flush();
    }
  }
}
