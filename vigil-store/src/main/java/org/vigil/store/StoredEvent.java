// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.vigil.core.Entity;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.InputRef;
import org.vigil.detect.classify.Kind;
import org.vigil.detect.classify.Mechanism;
import org.vigil.detect.classify.Pattern;
import org.vigil.detect.classify.Restoration;
import org.vigil.detect.classify.Scope;
import org.vigil.detect.classify.SignalEvent;

/**
 * A published event: one disruption of one entity, with the signals that saw it and the input files
 * it rests on; for events seen in measurements (OONI), the measurements too ({@code null} for
 * others). {@code end} is {@code null} while ongoing.
 */
public record StoredEvent(
    String id,
    Entity entity,
    long start,
    Long end,
    String kind,
    String scope,
    String pattern,
    String mechanism,
    String restoration,
    List<String> platforms,
    double score,
    List<Signal> signals,
    List<InputFile> evidence,
    Measurements measurements) {

  public StoredEvent {
    platforms = List.copyOf(platforms);
    signals = List.copyOf(signals);
    evidence = List.copyOf(evidence);
  }

  /** The end, or {@link Long#MAX_VALUE} while ongoing. */
  public long until() {
    return end == null ? Long.MAX_VALUE : end;
  }

  /**
   * The event as the classification rules and the narrative see it: its classes, its signals'
   * events, its id and the input files behind it.
   *
   * @throws IllegalArgumentException when a stored class is not one this version knows
   */
  public ClassifiedEvent classified() {
    List<SignalEvent> parts = new ArrayList<>();
    for (Signal s : signals) {
      parts.add(new SignalEvent(entity, s.name(), s.start(), s.end(), s.lowestRatio()));
    }
    List<InputRef> inputs = new ArrayList<>();
    for (InputFile f : evidence) {
      if (f != null) {
        inputs.add(new InputRef(f.path(), f.sha256()));
      }
    }
    return new ClassifiedEvent(
            entity,
            start,
            end,
            Scope.ofKey(scope),
            Kind.ofKey(kind),
            mechanism == null ? null : Mechanism.ofKey(mechanism),
            pattern == null ? null : Pattern.ofKey(pattern),
            restoration == null ? null : Restoration.ofKey(restoration),
            parts)
        .withProvenance(id, inputs);
  }

  /** An event without measurements. */
  public StoredEvent(
      String id,
      Entity entity,
      long start,
      Long end,
      String kind,
      String scope,
      String pattern,
      String mechanism,
      String restoration,
      List<String> platforms,
      double score,
      List<Signal> signals,
      List<InputFile> evidence) {
    this(
        id,
        entity,
        start,
        end,
        kind,
        scope,
        pattern,
        mechanism,
        restoration,
        platforms,
        score,
        signals,
        evidence,
        null);
  }

  /** Most measurements an event lists; the others are counted. */
  public static final int MEASUREMENTS_LISTED = 100;

  /**
   * The measurements an event rests on: how many, and some of them in time order, the first and the
   * last among them ({@link #MEASUREMENTS_LISTED} at most: the first ones, and the last).
   */
  public record Measurements(long count, List<Measurement> listed) {
    public Measurements {
      listed = List.copyOf(listed);
      if (listed.isEmpty() || count < listed.size()) {
        throw new IllegalArgumentException("count " + count + " with " + listed.size() + " listed");
      }
    }

    /** Of all {@code measurements} (in any order, repeats dropped): the count and the listed. */
    public static Measurements of(Collection<Measurement> measurements) {
      List<Measurement> all =
          measurements.stream()
              .distinct()
              .sorted(
                  Comparator.comparingLong(Measurement::measuredAt).thenComparing(Measurement::id))
              .toList();
      if (all.isEmpty()) {
        return null;
      }
      if (all.size() <= MEASUREMENTS_LISTED) {
        return new Measurements(all.size(), all);
      }
      List<Measurement> listed = new ArrayList<>(all.subList(0, MEASUREMENTS_LISTED - 1));
      listed.add(all.get(all.size() - 1));
      return new Measurements(all.size(), listed);
    }

    /** The earliest measurement. */
    public Measurement first() {
      return listed.get(0);
    }

    /** The latest measurement. */
    public Measurement last() {
      return listed.get(listed.size() - 1);
    }
  }

  /**
   * One measurement: when, its ids, and whether blocking was confirmed.
   *
   * @param measuredAt epoch seconds
   * @param measurementUid OONI's id, or {@code null}
   * @param reportId the report, or {@code null}
   * @param input the input (a URL), or {@code null}
   * @param confirmed confirmed by a blockpage
   */
  public record Measurement(
      long measuredAt, String measurementUid, String reportId, String input, boolean confirmed) {
    /** The uid, else the report id with the input (space-separated), else "". */
    public String id() {
      if (measurementUid != null) {
        return measurementUid;
      }
      String r = reportId == null ? "" : reportId;
      return input == null ? r : r + " " + input;
    }
  }

  /** One signal's part in an event. */
  public record Signal(
      String name, long start, Long end, double baseline, double lowestRatio, double score) {}
}
