// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Decides the geographic scope of a country-level event from the events of the country's regions.
 *
 * <pre>{@code
 * String scope = ScopeRule.countryScope(regionIntervals, 14, event.start(), Long.MAX_VALUE);
 * }</pre>
 */
public final class ScopeRule {
  public static final String NATIONWIDE = "nationwide";
  public static final String REGIONAL = "regional";

  private ScopeRule() {}

  /**
   * {@value #NATIONWIDE} when, at some moment within {@code [start, end)}, more than half of the
   * country's regions that have data are inside an event at the same time; else {@value #REGIONAL}.
   * Counting concurrent regions, not regions touched at any time, keeps a wave of successive local
   * cuts from passing for one nationwide blackout.
   *
   * @param regionEventIntervals one {@code {start, end}} pair per regional event, end exclusive and
   *     {@link Long#MAX_VALUE} while ongoing; the events of one region must not overlap (those of
   *     one series never do)
   * @param regionsWithData how many of the country's regions have data for the signal
   * @param start start of the country event
   * @param end end of the country event, exclusive; {@link Long#MAX_VALUE} while ongoing
   */
  public static String countryScope(
      List<long[]> regionEventIntervals, int regionsWithData, long start, long end) {
    if (regionsWithData < 0) {
      throw new IllegalArgumentException(
          "regionsWithData must not be negative: " + regionsWithData);
    }
    if (regionsWithData == 0) {
      return REGIONAL; // no regional evidence: nothing says the whole country is affected
    }
    long[] starts = new long[regionEventIntervals.size()];
    long[] ends = new long[starts.length];
    int n = 0;
    for (long[] iv : regionEventIntervals) {
      if (iv.length != 2) {
        throw new IllegalArgumentException(
            "an interval is {start, end}, got " + iv.length + " values");
      }
      long s = Math.max(iv[0], start);
      long e = Math.min(iv[1], end);
      if (s < e) {
        starts[n] = s;
        ends[n] = e;
        n++;
      }
    }
    Arrays.sort(starts, 0, n);
    Arrays.sort(ends, 0, n);
    // Sweep over the starts: at each one, the regions inside an event are those started so far
    // minus those ended at or before it (ends are exclusive, so touching intervals do not overlap).
    int ended = 0;
    for (int i = 0; i < n; i++) {
      while (ends[ended] <= starts[i]) {
        ended++;
      }
      long active = i + 1 - ended;
      if (2 * active > regionsWithData) {
        return NATIONWIDE;
      }
    }
    return REGIONAL;
  }
}
