// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.util.ArrayList;
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
 * it rests on. {@code end} is {@code null} while ongoing.
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
    List<InputFile> evidence) {

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

  /** One signal's part in an event. */
  public record Signal(
      String name, long start, Long end, double baseline, double lowestRatio, double score) {}
}
