// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One measured quantity for one entity, for example {@code (country/KZ, probe.up_slash24)}.
 *
 * <p>Signal names are dotted lower-case words: the first word names the source family ({@code bgp},
 * {@code probe}, {@code ooni}, {@code traffic}, {@code index}), which selects detector defaults.
 */
public record SignalKey(Entity entity, String signal) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_%-]+)*");

  public SignalKey {
    Objects.requireNonNull(entity, "entity");
    checkSignalName(signal);
  }

  /** Throws unless {@code signal} is a dotted lower-case name such as {@code traffic.mobile}. */
  public static String checkSignalName(String signal) {
    Objects.requireNonNull(signal, "signal");
    if (!NAME.matcher(signal).matches()) {
      throw new IllegalArgumentException(
          "bad signal name '"
              + signal
              + "': use dotted lower-case words, for example traffic.requests or index.latency");
    }
    return signal;
  }

  /** The source family: the signal name up to its first dot. */
  public String family() {
    int dot = signal.indexOf('.');
    return dot < 0 ? signal : signal.substring(0, dot);
  }

  @Override
  public String toString() {
    return entity.key() + ":" + signal;
  }
}
