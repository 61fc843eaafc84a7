// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.time.Instant;
import java.util.Objects;

/**
 * What OONI's fastpath concludes about one measurement: {@code anomaly} ({@code blocking_general >
 * 0.5}), {@code confirmed} (a blockpage fingerprint confirms blocking), {@code failure} ({@code
 * accuracy < 0.5}: the measurement cannot be trusted) and, for Web Connectivity, the {@code
 * blocking_type}; with the measurement's identity. Made by {@link FastpathScorer}.
 *
 * @param outcome whether the measurement was scored, and if not, why
 * @param note why it was not scored (discarded, rejected, unknown test), else {@code null}
 * @param source the file it came from
 * @param line the line its JSON starts on
 * @param measurementUid the backend's {@code measurement_uid}, when the input has it
 * @param reportId {@code report_id}
 * @param testName {@code test_name}
 * @param probeCc {@code probe_cc}, as given
 * @param probeAsn the number of {@code probe_asn} ({@code AS1234} is 1234), or -1 if it has none
 * @param measurementStartTime {@code measurement_start_time} (UTC), or {@code null} if absent or
 *     not in OONI's {@code YYYY-MM-DD HH:MM:SS} form
 * @param input {@code input} (the URL for Web Connectivity), or {@code null}
 * @param platform what was tested: {@code whatsapp}, {@code telegram}, {@code signal}, {@code
 *     facebook}, {@code tor}, or for Web Connectivity the host of the input
 * @param anomaly {@code blocking_general > 0.5}
 * @param confirmed blocking confirmed by a fingerprint
 * @param failure {@code accuracy < 0.5}
 * @param blockingType Web Connectivity's {@code blocking} when it is a blocking type ({@code dns},
 *     {@code tcp_ip}, {@code http-diff}, {@code http-failure}), else {@code null}
 * @param blockingGeneral the fastpath's {@code blocking_general} score
 * @param accuracy the fastpath's {@code accuracy} score (1 unless lowered)
 */
public record Verdict(
    Outcome outcome,
    String note,
    String source,
    long line,
    String measurementUid,
    String reportId,
    String testName,
    String probeCc,
    long probeAsn,
    Instant measurementStartTime,
    String input,
    String platform,
    boolean anomaly,
    boolean confirmed,
    boolean failure,
    String blockingType,
    double blockingGeneral,
    double accuracy) {

  /** Whether and how a measurement was judged. */
  public enum Outcome {
    /** Scored as the fastpath scores it. */
    SCORED,
    /** A test Vigil does not score; kept with its identity, without flags. */
    UNSCORED,
    /**
     * Dropped as the fastpath drops it: no {@code report_id}, {@code probe_cc} {@code ZZ} or {@code
     * probe_asn} {@code AS0}.
     */
    DISCARDED,
    /** The fastpath would fail on it (a missing key, a value of the wrong type): not scored. */
    REJECTED
  }

  public Verdict {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(source, "source");
  }

  /** Whether this verdict has flags ({@link Outcome#SCORED}). */
  public boolean scored() {
    return outcome == Outcome.SCORED;
  }
}
