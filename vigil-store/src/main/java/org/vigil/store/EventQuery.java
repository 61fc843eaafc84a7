// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

/**
 * Which events to list. {@code country} selects the country and everything within it (its regions);
 * {@code entityKey} selects exactly one entity; {@code from}/{@code until} (epoch seconds) keep
 * events that overlap {@code [from, until)}. Any field may be {@code null}.
 */
public record EventQuery(String country, String entityKey, Long from, Long until) {
  public static EventQuery all() {
    return new EventQuery(null, null, null, null);
  }
}
