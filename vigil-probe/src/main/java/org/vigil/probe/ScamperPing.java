// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.util.BitSet;
import org.vigil.probe.internal.Ipv4;

/**
 * One scamper {@code ping} record, reduced to what the belief model needs: which of its probes got
 * an ICMP echo reply from the probed address itself. Other responses (an ICMP unreachable from a
 * router, a reply from another address) are counted in {@link #otherResponses()} and are not
 * replies: scamper's own {@code statistics.replies} counts them, so Vigil never reads it.
 *
 * @param destination the probed address
 * @param userId the {@code -U} value the ping was started with (Vigil's probe id)
 * @param startMicros when the ping started, epoch microseconds
 * @param waitSeconds seconds between the ping's probes
 * @param probesSent probes sent ({@code ping_sent}); 0 when scamper could not send
 * @param echoReplies bit {@code seq} is set when probe {@code seq} got an echo reply from {@link
 *     #destination()}
 * @param otherResponses responses that were not echo replies from the destination
 * @param rttMicros round-trip time of the first echo reply, or -1 if none
 */
public record ScamperPing(
    int destination,
    long userId,
    long startMicros,
    double waitSeconds,
    int probesSent,
    BitSet echoReplies,
    int otherResponses,
    int rttMicros) {

  public ScamperPing {
    echoReplies = (BitSet) echoReplies.clone();
  }

  /** A copy of the per-probe reply bits. */
  @Override
  public BitSet echoReplies() {
    return (BitSet) echoReplies.clone();
  }

  /** Whether any probe of the ping got an echo reply from the destination. */
  public boolean replied() {
    return !echoReplies.isEmpty();
  }

  /** Whether probe {@code seq} got an echo reply from the destination. */
  public boolean replied(int seq) {
    return echoReplies.get(seq);
  }

  /** When probe {@code seq} was sent, epoch microseconds (start plus {@code seq} waits). */
  public long probeMicros(int seq) {
    return startMicros + Math.round(seq * waitSeconds * 1e6);
  }

  @Override
  public String toString() {
    return "ScamperPing["
        + Ipv4.format(destination)
        + ", id "
        + userId
        + ", "
        + echoReplies.cardinality()
        + "/"
        + probesSent
        + " echo replies, "
        + otherResponses
        + " other]";
  }
}
