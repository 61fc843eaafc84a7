// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of disruption an entity's overlapping events show, and the rule that decides it.
 *
 * <pre>{@code
 * Optional<Kind> k = Kind.classify(kcellEvents, EnumSet.of(SignalFamily.PROBE, SignalFamily.TRAFFIC));
 * }</pre>
 */
public enum Kind {
  /** The data plane near zero. */
  BLACKOUT("blackout"),
  /** Connectivity down, partially. */
  OUTAGE("outage"),
  /** Traffic down while addresses still answer probes. */
  THROTTLING("throttling"),
  /** OONI anomalies while connectivity is normal. */
  PLATFORM_BLOCKING("platform-blocking");

  /**
   * A data-plane signal at or below this fraction of its baseline is "near zero" (as {@link
   * org.vigil.detect.SeriesEvent#BLACKOUT_RATIO}; NetBlocks put Kazakhstan at about 2 %).
   */
  public static final double BLACKOUT_RATIO = 0.1;

  /**
   * Probing at or above this fraction of its baseline is "up": IODA's warning threshold for active
   * probing (REFERENCE.md §1.3), below which probing would itself have an event.
   */
  public static final double PROBING_UP_RATIO = 0.8;

  private final String key;

  Kind(String key) {
    this.key = key;
  }

  /** The lower-case name used in the API and the store: {@code "platform-blocking"}. */
  public String key() {
    return key;
  }

  /**
   * The value whose {@link #key()} is {@code key} ({@code "platform-blocking"}), as the store and
   * the API write it.
   *
   * @throws IllegalArgumentException for any other text
   */
  public static Kind ofKey(String key) {
    for (Kind v : values()) {
      if (v.key.equals(key)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind '"
            + key
            + "': expected one of "
            + java.util.Arrays.stream(values()).map(Kind::key).toList());
  }

  /**
   * The kind of the events of one entity over one interval, in this order:
   *
   * <ol>
   *   <li>no data-plane event: {@link #PLATFORM_BLOCKING} if there are OONI anomalies (OONI probes
   *       that can report have connectivity; REFERENCE.md §7.4 "while connectivity signals are
   *       normal"); else {@link #OUTAGE} if BGP fell and there is no data-plane data to say packets
   *       still flow; else none (a BGP dip with the data plane normal is not a disruption of
   *       users);
   *   <li>{@link #THROTTLING}: traffic fell while probing has data and stayed at or above {@value
   *       #PROBING_UP_RATIO} of its baseline. Kazakhstan, Jan 4 after 16:00 UTC: Tele2 and Kcell
   *       traffic fell "not to zero" while their networks stayed up (KAZAKHSTAN-2022.md;
   *       REFERENCE.md §5.1, §7.4 "traffic down but not to zero, probing still up");
   *   <li>{@link #BLACKOUT}: every data-plane family with data fell to at most {@value
   *       #BLACKOUT_RATIO} of its baseline: a claim of blackout needs all data-plane evidence to
   *       agree (Kazakhstan, Jan 5: traffic at about 2 %, probes disconnected);
   *   <li>{@link #OUTAGE} otherwise.
   * </ol>
   *
   * @param events the entity's events over the interval (any families)
   * @param withData the families the entity has data for; the events' own families are added
   */
  public static Optional<Kind> classify(List<SignalEvent> events, Set<SignalFamily> withData) {
    Set<SignalFamily> data = Evidence.withData(events, withData);
    boolean dataPlaneFell = false;
    for (SignalEvent e : events) {
      dataPlaneFell |= e.family().dataPlane();
    }
    if (!dataPlaneFell) {
      if (Evidence.fell(events, SignalFamily.OONI)) {
        return Optional.of(PLATFORM_BLOCKING);
      }
      boolean dataPlaneData = false;
      for (SignalFamily f : data) {
        dataPlaneData |= f.dataPlane();
      }
      if (Evidence.fell(events, SignalFamily.BGP) && !dataPlaneData) {
        return Optional.of(OUTAGE);
      }
      return Optional.empty();
    }
    if (Evidence.fell(events, SignalFamily.TRAFFIC)
        && data.contains(SignalFamily.PROBE)
        && Evidence.lowest(events, SignalFamily.PROBE) >= PROBING_UP_RATIO) {
      return Optional.of(THROTTLING);
    }
    boolean allNearZero = true;
    for (SignalFamily f : data) {
      if (f.dataPlane()) {
        allNearZero &= Evidence.fell(events, f) && Evidence.lowest(events, f) <= BLACKOUT_RATIO;
      }
    }
    return Optional.of(allNearZero ? BLACKOUT : OUTAGE);
  }
}
