// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import java.util.List;
import org.vigil.core.Entity;

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

  /** One signal's part in an event. */
  public record Signal(
      String name, long start, Long end, double baseline, double lowestRatio, double score) {}
}
