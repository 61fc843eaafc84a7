// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Small helpers the rules share: what a list of events says per family. */
final class Evidence {
  private Evidence() {}

  /** Whether some event is of {@code family}. */
  static boolean fell(List<SignalEvent> events, SignalFamily family) {
    for (SignalEvent e : events) {
      if (e.family() == family) {
        return true;
      }
    }
    return false;
  }

  /** The lowest ratio among the events of {@code family}; 1 (normal) when there is none. */
  static double lowest(List<SignalEvent> events, SignalFamily family) {
    double low = 1;
    for (SignalEvent e : events) {
      if (e.family() == family) {
        low = Math.min(low, e.lowestRatio());
      }
    }
    return low;
  }

  /** The families with data: those given, and those of the events (an event is data). */
  static Set<SignalFamily> withData(List<SignalEvent> events, Set<SignalFamily> given) {
    Set<SignalFamily> out = EnumSet.noneOf(SignalFamily.class);
    out.addAll(given);
    for (SignalEvent e : events) {
      out.add(e.family());
    }
    return out;
  }

  /**
   * The union of the intervals of the connectivity events, sorted: overlapping or touching events
   * (several signals of one cut) become one cut, {@code {start, end}} with end {@link
   * Long#MAX_VALUE} while ongoing.
   */
  static List<long[]> cuts(List<SignalEvent> events) {
    List<long[]> intervals = new ArrayList<>();
    for (SignalEvent e : events) {
      if (e.family().connectivity()) {
        intervals.add(new long[] {e.start(), e.until()});
      }
    }
    return union(intervals);
  }

  static List<long[]> union(List<long[]> intervals) {
    List<long[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparingLong(a -> a[0]));
    List<long[]> out = new ArrayList<>();
    for (long[] iv : sorted) {
      long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && iv[0] <= last[1]) {
        last[1] = Math.max(last[1], iv[1]);
      } else {
        out.add(iv.clone());
      }
    }
    return out;
  }
}
