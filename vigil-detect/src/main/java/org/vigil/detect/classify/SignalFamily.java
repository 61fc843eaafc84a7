// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.util.Objects;

/**
 * The source family of a signal, the first dotted word of its name ({@code probe.up_slash24} →
 * {@link #PROBE}): what the classification rules know about a signal.
 */
public enum SignalFamily {
  /**
   * BGP visibility ({@code bgp.visible_slash24}): the control plane, whether routes are announced.
   */
  BGP,
  /** Active probing ({@code probe.up_slash24}): whether addresses answer. Data plane. */
  PROBE,
  /** Traffic volumes ({@code traffic.*}, Cloudflare or Google style). Data plane. */
  TRAFFIC,
  /**
   * Network telescope sources ({@code telescope.*}): packets leaving the network. Data plane; the
   * brief names probing and traffic, and IODA's telescope signal is data-plane traffic too.
   */
  TELESCOPE,
  /** OONI measurements ({@code ooni.<platform>.*}): blocking of platforms, not connectivity. */
  OONI,
  /** Anything else ({@code index.*}, user series): ignored by the rules. */
  OTHER;

  /** The family of a signal name. */
  public static SignalFamily of(String signal) {
    Objects.requireNonNull(signal, "signal");
    int dot = signal.indexOf('.');
    String family = dot < 0 ? signal : signal.substring(0, dot);
    return switch (family) {
      case "bgp" -> BGP;
      case "probe" -> PROBE;
      case "traffic" -> TRAFFIC;
      case "telescope" -> TELESCOPE;
      case "ooni" -> OONI;
      default -> OTHER;
    };
  }

  /** Probing, traffic and telescope: whether packets flow, whatever the routes say. */
  public boolean dataPlane() {
    return this == PROBE || this == TRAFFIC || this == TELESCOPE;
  }

  /** The data plane or BGP: the signals whose fall is a loss of connectivity. */
  public boolean connectivity() {
    return dataPlane() || this == BGP;
  }
}
