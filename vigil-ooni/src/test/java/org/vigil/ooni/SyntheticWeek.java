// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * A week of Signal measurements from Kazakhstan, shaped like the real fixture {@code
 * signal_022.json} (its top-level keys and test version, with {@code test_keys} cut down to what
 * the fastpath reads) with ids, networks and times varied: two networks, a few measurements an
 * hour, about 5 % anomalous until {@link #BLOCK_HOUR}, about 90 % after; no measurements at all in
 * {@code [BLACKOUT_FROM, BLACKOUT_TO)}; one in {@link #FAILURE_EVERY} is a failure.
 */
final class SyntheticWeek {
  /** 2022-01-01T00:00:00Z. */
  static final long START = 1_640_995_200L;

  static final int HOURS = 168;
  static final int BLOCK_HOUR = 84;
  static final int BLACKOUT_FROM = 120;
  static final int BLACKOUT_TO = 130;
  static final int FAILURE_EVERY = 17;
  static final long[] ASNS = {9198, 21299};

  private static final DateTimeFormatter OONI_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  // The fastpath marks a measurement whose uid (its arrival) is over an hour before its start time
  // as a failure (flag_measurements_with_wrong_date), so the uid is made from the start time.
  private static final DateTimeFormatter UID_TIME =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  /** The JSON lines, and per (network index, hour) the counts an aggregator must find. */
  final byte[] jsonl;

  final int[][] measurements = new int[ASNS.length][HOURS];
  final int[][] usable = new int[ASNS.length][HOURS];
  final int[][] anomalies = new int[ASNS.length][HOURS];

  SyntheticWeek(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(1 << 20);
    int serial = 0;
    for (int h = 0; h < HOURS; h++) {
      if (h >= BLACKOUT_FROM && h < BLACKOUT_TO) {
        continue;
      }
      for (int a = 0; a < ASNS.length; a++) {
        int n = 3 + random.nextInt(5);
        for (int k = 0; k < n; k++) {
          serial++;
          long t = START + h * 3600L + random.nextInt(3600);
          boolean failure = serial % FAILURE_EVERY == 0;
          boolean blocked = random.nextDouble() < (h >= BLOCK_HOUR ? 0.9 : 0.05);
          measurements[a][h]++;
          if (!failure) {
            usable[a][h]++;
            if (blocked) {
              anomalies[a][h]++;
            }
          }
          sb.append(line(serial, ASNS[a], t, blocked, failure)).append('\n');
        }
      }
    }
    jsonl = sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String line(int serial, long asn, long epochSecond, boolean blocked, boolean failure) {
    String time = OONI_TIME.format(Instant.ofEpochSecond(epochSecond));
    String reportTime = time.replace("-", "").replace(":", "").replace(' ', 'T') + "Z";
    String id = String.format("%016x", serial * 0x9E3779B97F4A7C15L);
    return "{\"annotations\":{\"engine_version\":\"3.14.0\",\"platform\":\"android\"},"
        + "\"data_format_version\":\"0.2.0\",\"input\":null,"
        + "\"measurement_start_time\":\""
        + time
        + "\",\"measurement_uid\":\""
        + UID_TIME.format(Instant.ofEpochSecond(epochSecond + 2))
        + ".000000_KZ_signal_"
        + id
        + "\",\"probe_asn\":\"AS"
        + asn
        + "\",\"probe_cc\":\"KZ\",\"probe_ip\":\"127.0.0.1\","
        + "\"report_id\":\""
        + reportTime
        + "_signal_KZ_"
        + asn
        + "_n1_"
        + id
        + "\",\"software_name\":\"ooniprobe-android\",\"software_version\":\"3.7.2\","
        + "\"test_keys\":{\"failed_operation\":"
        + (failure ? "\"connect\"" : "null")
        + ",\"failure\":"
        + (failure ? "\"connection_reset\"" : "null")
        + ",\"signal_backend_status\":\""
        + (blocked ? "blocked" : "ok")
        + "\",\"signal_backend_failure\":null},"
        + "\"test_name\":\"signal\",\"test_runtime\":0.89,\"test_start_time\":\""
        + time
        + "\",\"test_version\":\"0.2.2\"}";
  }
}
