// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import org.vigil.core.Entity;
import org.vigil.core.SignalKey;

/**
 * A stored series: its id, entity, signal and step, and the earliest time changed since detection
 * last ran ({@code null} when detection is up to date).
 */
public record SeriesInfo(int id, Entity entity, String signal, int step, Long dirtyFrom) {
  public SignalKey key() {
    return new SignalKey(entity, signal);
  }
}
