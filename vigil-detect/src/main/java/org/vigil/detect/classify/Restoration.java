// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.Arrays;
import java.util.Optional;

/**
 * How connectivity came back after a cut, and the rule that decides it.
 *
 * <pre>{@code
 * Optional<Restoration> r = Restoration.classify(RatioTrack.of(probeResult), event.start());
 * }</pre>
 */
public enum Restoration {
  /** Back to at least 90 % of the baseline, and it stayed for 24 h. */
  FULL("full"),
  /** Back, but between half and 90 % of the baseline over the next 24 h. */
  PARTIAL("partial"),
  /** Back, then down again within 24 h. */
  UNSTABLE("unstable");

  /** Below this fraction of the baseline connectivity is cut; at or above it, it has returned. */
  public static final double CUT_RATIO = 0.5;

  /** At or above this fraction over the day after the return, the restoration is full. */
  public static final double FULL_RATIO = 0.9;

  /** How long a return is watched. */
  public static final long WATCH_SECONDS = 24 * 3_600;

  private final String key;

  Restoration(String key) {
    this.key = key;
  }

  /** The lower-case name used in the API and the store: {@code "unstable"}. */
  public String key() {
    return key;
  }

  /**
   * The value whose {@link #key()} is {@code key} ({@code "unstable"}), as the store and the API
   * write it.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Restoration ofKey(String key) {
    for (Restoration v : values()) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown restoration '"
            + key
            + "': expected one of "
            + java.util.Arrays.stream(values()).map(Restoration::key).toList());
  }

  /**
   * How the cut that begins at or after {@code cutStart} was restored, from the entity's ratio
   * track (a data-plane signal's value / expected):
   *
   * <ol>
   *   <li>the cut is the first assessed bin from {@code cutStart} below {@value #CUT_RATIO} (IODA's
   *       critical threshold for probing); the return is the first assessed bin after it at or
   *       above {@value #CUT_RATIO};
   *   <li>{@link #UNSTABLE} as soon as a bin falls below {@value #CUT_RATIO} again within 24 h of
   *       the return: the restoration did not hold (Kazakhstan, Jan 6-10: "restored and cut again
   *       repeatedly"; REFERENCE.md §5.1);
   *   <li>otherwise, once 24 h have been seen: {@link #FULL} if the median ratio of that day is at
   *       least {@value #FULL_RATIO}, else {@link #PARTIAL} (Kazakhstan, Jan 7-10: infrastructure
   *       networks back, end users not; "whitelist" access). The median lets noise and a brief dip
   *       pass; a fall back to a cut does not (2).
   * </ol>
   *
   * Empty when there is no cut below half, when connectivity has not returned, when less than a day
   * has been seen since it did (without a new fall), or when fewer than half of that day's bins
   * were assessed: too early, or too little, to say. Unassessed bins (NaN) are otherwise skipped; a
   * cut that never fell below half (a partial outage) has no restoration to judge.
   */
  public static Optional<Restoration> classify(RatioTrack track, long cutStart) {
    int n = track.length();
    int i =
        cutStart <= track.start()
            ? 0
            : (int) Math.min(n, ceilDiv(cutStart - track.start(), track.step()));
    while (i < n && !(track.ratio(i) < CUT_RATIO)) {
      i++;
    }
    while (i < n && !(track.ratio(i) >= CUT_RATIO)) {
      i++;
    }
    if (i >= n) {
      return Optional.empty();
    }
    long watchEnd = track.timeAt(i) + WATCH_SECONDS;
    double[] day = new double[n - i];
    int seen = 0;
    int bins = 0;
    for (; i < n && track.timeAt(i) < watchEnd; i++, bins++) {
      double r = track.ratio(i);
      if (r < CUT_RATIO) {
        return Optional.of(UNSTABLE);
      }
      if (r == r) {
        day[seen++] = r;
      }
    }
    if (track.end() < watchEnd || 2 * seen < bins) {
      return Optional.empty(); // too early, or too little of the day assessed to say it stayed
    }
    Arrays.sort(day, 0, seen);
    double median = (seen & 1) == 1 ? day[seen / 2] : (day[seen / 2 - 1] + day[seen / 2]) / 2;
    return Optional.of(median >= FULL_RATIO ? FULL : PARTIAL);
  }

  private static long ceilDiv(long a, long b) {
    return Math.floorDiv(a + b - 1, b);
  }
}
