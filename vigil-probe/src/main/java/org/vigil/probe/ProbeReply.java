// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.time.Instant;
import org.vigil.probe.internal.Ipv4;

/**
 * One probe's outcome, as imported from results made elsewhere: when it was sent, to which address,
 * and whether an echo reply came back from that address.
 *
 * @param epochMicros when the probe was sent, epoch microseconds
 * @param address the probed address
 * @param responded whether it was answered
 * @param rttMillis the round-trip time in milliseconds, or {@code NaN} if unknown or unanswered
 */
public record ProbeReply(long epochMicros, int address, boolean responded, double rttMillis) {

  public Instant time() {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
  }

  @Override
  public String toString() {
    return time() + " " + Ipv4.format(address) + (responded ? " replied" : " no reply");
  }
}
