// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recurrence across an entity's cuts, and the rule that finds it.
 *
 * <pre>{@code
 * Optional<Pattern> p = Pattern.classify(nurSultanEvents, ZoneOffset.ofHours(6));
 * }</pre>
 */
public enum Pattern {
  /** Cuts at similar clock times on consecutive days: a curfew-style shutdown. */
  CURFEW("curfew"),
  /** A restoration that keeps failing. */
  INTERMITTENT("intermittent");

  /** Clock times within this of the first cut's count as "the same time". */
  public static final long CLOCK_TOLERANCE_SECONDS = 2 * 3_600;

  /** Consecutive days (or cycles) needed. */
  public static final int MIN_REPEATS = 3;

  /** The window of intermittent cycles. */
  public static final long INTERMITTENT_WINDOW_SECONDS = 48 * 3_600;

  private static final long DAY = 86_400;

  private final String key;

  Pattern(String key) {
    this.key = key;
  }

  /** The lower-case name used in the API and the store: {@code "curfew"}. */
  public String key() {
    return key;
  }

  /**
   * The value whose {@link #key()} is {@code key} ({@code "curfew"}), as the store and the API
   * write it.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Pattern ofKey(String key) {
    for (Pattern v : values()) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown pattern '"
            + key
            + "': expected one of "
            + java.util.Arrays.stream(values()).map(Pattern::key).toList());
  }

  /**
   * The pattern of the cuts in {@code events}, if any (see {@link #classify(List, ZoneId, long)}).
   */
  public static Optional<Pattern> classify(List<SignalEvent> events, ZoneId local) {
    return find(Evidence.cuts(events), local, Long.MIN_VALUE);
  }

  /**
   * The pattern that the cut holding (or starting at) {@code at} takes part in, if any.
   *
   * <p>Cuts are the connectivity events of {@code events}; overlapping ones (several signals of one
   * cut) are merged. Give the events of one entity.
   *
   * <ul>
   *   <li>{@link #CURFEW}: {@value #MIN_REPEATS} or more cuts on consecutive days whose starts lie
   *       within ±2 h of the same clock time, in local time or in UTC (REFERENCE.md §7.4: "repeated
   *       events for the same entity at similar clock times on ≥ 3 consecutive days"; STOP's
   *       duration "Curfew Style", §4.3). The restorations are tried as well: a curfew is a
   *       recurring off-window, known by either edge. Nur-Sultan in January 2022 was cut at 19:40,
   *       12:00, 15:40 and 12:00 local, but restored each morning at about 09:00 (TASS,
   *       REFERENCE.md §5.1). "Consecutive days" are 24 h apart at the same clock time, so a curfew
   *       at 23:30 that once starts at 00:15 still counts.
   *   <li>{@link #INTERMITTENT}, when not a curfew: {@value #MIN_REPEATS} or more cut / restore
   *       cycles within 48 h, from the first cut's start to the third cut's restoration: a
   *       restoration that keeps failing (Kazakhstan, Jan 6: "connectivity partially restored for
   *       about 3 h, then down again", then again around noon; RIPE Atlas, REFERENCE.md §5.1).
   * </ul>
   *
   * @param events one entity's events (other families are ignored)
   * @param local the local time zone (UTC is always tried as well)
   * @param at a time within (or the start of) the cut of interest
   */
  public static Optional<Pattern> classify(List<SignalEvent> events, ZoneId local, long at) {
    return find(Evidence.cuts(events), local, at);
  }

  private static Optional<Pattern> find(List<long[]> cuts, ZoneId local, long at) {
    Objects.requireNonNull(local, "local");
    int target = -1;
    if (at != Long.MIN_VALUE) {
      for (int i = 0; i < cuts.size(); i++) {
        if (cuts.get(i)[0] <= at && at < Math.max(cuts.get(i)[1], cuts.get(i)[0] + 1)) {
          target = i;
        }
      }
      if (target < 0) {
        return Optional.empty();
      }
    }
    for (ZoneId zone : new ZoneId[] {ZoneOffset.UTC, local}) {
      for (int edge = 0; edge < 2; edge++) {
        if (curfew(cuts, zone, edge, target)) {
          return Optional.of(CURFEW);
        }
      }
    }
    return intermittent(cuts, target) ? Optional.of(INTERMITTENT) : Optional.empty();
  }

  /**
   * Whether a chain of consecutive days through cut {@code target} (any, if negative) exists on
   * {@code edge} (0 start, 1 end).
   */
  private static boolean curfew(List<long[]> cuts, ZoneId zone, int edge, int target) {
    int n = cuts.size();
    for (int a = 0; a < n; a++) {
      long anchor = edgeTime(cuts.get(a), edge);
      if (anchor == Long.MAX_VALUE) {
        continue; // an ongoing cut has no restoration
      }
      long anchorClock = clock(anchor, zone);
      int length = 1;
      boolean throughTarget = target < 0 || a == target;
      int last = a;
      while (true) {
        int next = -1;
        for (int b = last + 1; b < n && next < 0; b++) {
          long t = edgeTime(cuts.get(b), edge);
          if (t == Long.MAX_VALUE) {
            continue;
          }
          long delta = clock(t, zone) - anchorClock - (long) length * DAY;
          if (Math.abs(delta) <= CLOCK_TOLERANCE_SECONDS) {
            next = b;
          }
        }
        if (next < 0) {
          break;
        }
        length++;
        throughTarget |= next == target;
        last = next;
      }
      if (length >= MIN_REPEATS && throughTarget) {
        return true;
      }
    }
    return false;
  }

  private static boolean intermittent(List<long[]> cuts, int target) {
    for (int i = 0; i + MIN_REPEATS - 1 < cuts.size(); i++) {
      int j = i + MIN_REPEATS - 1;
      long restored = cuts.get(j)[1];
      if (restored != Long.MAX_VALUE
          && restored - cuts.get(i)[0] <= INTERMITTENT_WINDOW_SECONDS
          && (target < 0 || (target >= i && target <= j))) {
        return true;
      }
    }
    return false;
  }

  private static long edgeTime(long[] cut, int edge) {
    return cut[edge];
  }

  /** Seconds on the wall clock of {@code zone}: epoch seconds plus the offset at that instant. */
  private static long clock(long epochSecond, ZoneId zone) {
    return epochSecond
        + zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
  }
}
