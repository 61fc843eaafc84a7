// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.Objects;
import org.vigil.detect.DetectionResult;

/**
 * A connectivity signal's value / expected per bin, NaN where not assessed: what the restoration
 * rule reads. Usually {@link #of(DetectionResult)} of the entity's data-plane signal.
 *
 * @param start epoch second of the first bin
 * @param step bin width in seconds
 * @param ratios per-bin ratios (copied)
 */
public record RatioTrack(long start, int step, double[] ratios) {
  public RatioTrack {
    Objects.requireNonNull(ratios, "ratios");
    if (step <= 0) {
      throw new IllegalArgumentException("step must be positive, got " + step);
    }
    ratios = ratios.clone();
  }

  public static RatioTrack of(DetectionResult result) {
    return new RatioTrack(result.start(), result.step(), result.ratio());
  }

  public int length() {
    return ratios.length;
  }

  public long timeAt(int i) {
    return start + (long) i * step;
  }

  public double ratio(int i) {
    return ratios[i];
  }

  /** Epoch second just after the last bin. */
  public long end() {
    return timeAt(ratios.length);
  }

  @Override
  public double[] ratios() {
    return ratios.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RatioTrack t
        && start == t.start
        && step == t.step
        && java.util.Arrays.equals(ratios, t.ratios);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(start) * 31 + step * 17 + java.util.Arrays.hashCode(ratios);
  }

  @Override
  public String toString() {
    return "RatioTrack[" + start + ", step " + step + ", " + ratios.length + " bins]";
  }
}
