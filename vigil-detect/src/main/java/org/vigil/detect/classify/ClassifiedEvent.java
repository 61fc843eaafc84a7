// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.core.Entity;

/**
 * One entity's event, merged across its signals, with every classification.
 *
 * <pre>{@code
 * ClassifiedEvent e = ClassifiedEvent.classify(
 *     kzProbeAndTraffic, allKzEvents, EnumSet.of(BGP, PROBE, TRAFFIC), kz, RatioTrack.of(probe));
 * e.kind();      // BLACKOUT
 * e.mechanism(); // DATA_PLANE_CUT
 * }</pre>
 *
 * @param entity the country, region or network
 * @param start the earliest start of its signals' events
 * @param end the latest end, {@code null} while one is ongoing
 * @param scope see {@link Scope#classify}
 * @param kind see {@link Kind#classify}
 * @param mechanism see {@link Mechanism#classify}; {@code null} when it does not apply
 * @param pattern see {@link Pattern#classify(List, java.time.ZoneId, long)}; {@code null} for none
 * @param restoration see {@link Restoration#classify}; {@code null} when not (yet) known
 * @param signals the signal events merged into this one
 * @param id the published event's id, {@code null} before publication (see {@link #withProvenance})
 * @param inputs the input files the event rests on, empty before publication
 */
public record ClassifiedEvent(
    Entity entity,
    long start,
    Long end,
    Scope scope,
    Kind kind,
    Mechanism mechanism,
    Pattern pattern,
    Restoration restoration,
    List<SignalEvent> signals,
    String id,
    List<InputRef> inputs) {

  public ClassifiedEvent {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(kind, "kind");
    signals = List.copyOf(signals);
    inputs = List.copyOf(inputs);
  }

  /** An event not yet published: no id, no inputs. */
  public ClassifiedEvent(
      Entity entity,
      long start,
      Long end,
      Scope scope,
      Kind kind,
      Mechanism mechanism,
      Pattern pattern,
      Restoration restoration,
      List<SignalEvent> signals) {
    this(
        entity, start, end, scope, kind, mechanism, pattern, restoration, signals, null, List.of());
  }

  /** This event with the id it was published under and the input files behind it. */
  public ClassifiedEvent withProvenance(String eventId, List<InputRef> files) {
    return new ClassifiedEvent(
        entity, start, end, scope, kind, mechanism, pattern, restoration, signals, eventId, files);
  }

  /** The end, or {@link Long#MAX_VALUE} while ongoing. */
  public long until() {
    return end == null ? Long.MAX_VALUE : end;
  }

  /** The lowest ratio of its data-plane signals; NaN when none fell. */
  public double lowestDataPlaneRatio() {
    double low = Double.NaN;
    for (SignalEvent s : signals) {
      if (s.family().dataPlane() && !(s.lowestRatio() >= low)) {
        low = s.lowestRatio();
      }
    }
    return low;
  }

  /** The platforms of its OONI signals ({@code ooni.whatsapp.blocked_ratio} → whatsapp), sorted. */
  public Set<String> platforms() {
    Set<String> out = new TreeSet<>();
    for (SignalEvent s : signals) {
      if (s.family() == SignalFamily.OONI) {
        String[] words = s.signal().split("\\.");
        if (words.length > 1) {
          out.add(words[1]);
        }
      }
    }
    return out;
  }

  /**
   * Applies every rule to one entity's event.
   *
   * @param own the entity's overlapping signal events: one merged event (all of one entity)
   * @param country all of the country's events (the country, its regions, the networks serving it),
   *     over a span that covers a few days around the event: the scope reads those that overlap it,
   *     the pattern those of the same entity
   * @param withData the families the entity has data for
   * @param context the country's regions with data, address shares and time zone
   * @param track the entity's data-plane ratio track for the restoration, or {@code null}
   * @return the classified event; kinds that the rules cannot name (only a BGP dip while packets
   *     flowed, or only {@code OTHER} signals) are reported as {@link Kind#OUTAGE}
   */
  public static ClassifiedEvent classify(
      List<SignalEvent> own,
      List<SignalEvent> country,
      Set<SignalFamily> withData,
      CountryContext context,
      RatioTrack track) {
    if (own.isEmpty()) {
      throw new IllegalArgumentException("no events to classify");
    }
    Entity entity = own.get(0).entity();
    long start = Long.MAX_VALUE;
    long until = Long.MIN_VALUE;
    boolean connectivity = false;
    for (SignalEvent e : own) {
      if (!e.entity().equals(entity)) {
        throw new IllegalArgumentException(
            "one entity's events only: " + entity + " and " + e.entity());
      }
      start = Math.min(start, e.start());
      until = Math.max(until, e.until());
      connectivity |= e.family().connectivity();
    }
    // The scope compares like with like: cuts with cuts, blocking with blocking.
    boolean cutting = connectivity;
    List<SignalEvent> concurrent = new ArrayList<>();
    List<SignalEvent> history = new ArrayList<>();
    for (SignalEvent e : country) {
      boolean sameSort = cutting ? e.family().connectivity() : e.family() == SignalFamily.OONI;
      if (sameSort && e.overlaps(start, until)) {
        concurrent.add(e);
      }
      if (e.entity().equals(entity)) {
        history.add(e);
      }
    }
    for (SignalEvent e : own) {
      if (!concurrent.contains(e)) {
        concurrent.add(e);
      }
      if (!history.contains(e)) {
        history.add(e);
      }
    }
    Kind kind = Kind.classify(own, withData).orElse(Kind.OUTAGE);
    Scope scope = Scope.classify(entity, concurrent, context);
    Mechanism mechanism = Mechanism.classify(own, withData).orElse(null);
    Pattern pattern =
        connectivity ? Pattern.classify(history, context.zone(), start).orElse(null) : null;
    Restoration restoration =
        connectivity && track != null ? Restoration.classify(track, start).orElse(null) : null;
    return new ClassifiedEvent(
        entity,
        start,
        until == Long.MAX_VALUE ? null : until,
        scope,
        kind,
        mechanism,
        pattern,
        restoration,
        own);
  }
}
