// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real measurements of OONI's fastpath tests ({@code ooni/backend}, {@code
 * fastpath/fastpath/tests/test_unit.py}), judged as those tests expect, and the examples of OONI's
 * test specifications judged as the fastpath's code judges them.
 */
class FixtureVerdictTest {
  static Stream<Arguments> backendFixtures() {
    return Stream.of(
        // file, anomaly, confirmed, failure, blocking type, blocking_general (test_unit.py)
        Arguments.of("web_connectivity_ir_fp.json", true, true, false, "dns", 2.0),
        Arguments.of("bug_352.json", true, true, false, "dns", 2.0),
        Arguments.of("vanilla_tor.json", true, false, false, null, 0.98),
        Arguments.of("vanilla_tor_ok.json", false, false, false, null, 0.0),
        Arguments.of("signal_022.json", false, false, false, null, 0.0),
        Arguments.of("report1.json", false, false, false, null, 0.0),
        // whatsapp_web_status says "blocked", but the fastpath reads the requests: accessible
        Arguments.of("whatsapp.json", false, false, false, null, 0.0),
        // test version 0.2.0 after 2022-10-19: ooni/probe#2344
        Arguments.of("signal_2627.json", false, false, true, null, 0.0),
        // a request without a URL: client bug
        Arguments.of("telegram_nourl.json", false, false, true, null, 0.0),
        // blocking and accessible null, no fingerprint: ooni/backend#610
        Arguments.of("web_connectivity_null.json", false, false, true, null, 0.0),
        // ooniprobe-android 3.8.3
        Arguments.of("torsf_383.json", false, false, true, null, 0.0),
        // all targets reached
        Arguments.of("tor.json", false, false, false, null, 0.0),
        // blocking false, but the redirect to lamanlabuh.aduankonten.id is a national blockpage
        Arguments.of(
            "20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json",
            true,
            true,
            false,
            null,
            1.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("backendFixtures")
  void backendFixtureScoredAsOoniExpects(
      String file,
      boolean anomaly,
      boolean confirmed,
      boolean failure,
      String blockingType,
      double blockingGeneral) {
    Verdict v = Fixtures.scorer().score(Fixtures.measurement(Fixtures.backend(file)));
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.SCORED);
    assertThat(v.anomaly()).as("anomaly").isEqualTo(anomaly);
    assertThat(v.confirmed()).as("confirmed").isEqualTo(confirmed);
    assertThat(v.failure()).as("failure").isEqualTo(failure);
    assertThat(v.blockingType()).as("blocking type").isEqualTo(blockingType);
    assertThat(v.blockingGeneral()).as("blocking_general").isEqualTo(blockingGeneral);
  }

  static Stream<Arguments> specExamples() {
    return Stream.of(
        Arguments.of("ts-016-vanilla-tor.example.json", "tor"),
        Arguments.of("ts-018-whatsapp.example.json", "whatsapp"),
        Arguments.of("ts-019-facebook-messenger.example.json", "facebook"),
        Arguments.of("ts-020-telegram.example.json", "telegram"),
        Arguments.of("ts-023-tor.example.json", "tor"),
        Arguments.of("ts-029-signal.example.json", "signal"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specExamples")
  void specExamplesAreAccessible(String file, String platform) {
    // Every example in the specifications measured an unblocked network in Italy.
    Verdict v = Fixtures.scorer().score(Fixtures.measurement(Fixtures.spec(file)));
    assertThat(v.outcome()).isEqualTo(Verdict.Outcome.SCORED);
    assertThat(v.platform()).isEqualTo(platform);
    assertThat(v.probeCc()).isEqualTo("IT");
    assertThat(v.anomaly()).isFalse();
    assertThat(v.confirmed()).isFalse();
    assertThat(v.failure()).isFalse();
  }

  @Test
  void irFingerprintMatchedIsTheTenDotTenAddress() {
    Measurement m = Fixtures.measurement(Fixtures.backend("web_connectivity_ir_fp.json"));
    assertThat(Fixtures.scorer().fingerprintMatches(m))
        .extracting(Fingerprint::name, Fingerprint::scope, Fingerprint::expectedCountries)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ooni.ir_10dot10_ipv4_1", "nat", java.util.List.of("IR")));
  }

  @Test
  void indonesianBlockpageMatchesByItsLocationHeader() {
    // test_unit.py: test_match_id_fingerprint only asserts that something matches.
    Measurement m =
        Fixtures.measurement(
            Fixtures.backend("20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json"));
    assertThat(Fixtures.scorer().fingerprintMatches(m))
        .extracting(Fingerprint::name, Fingerprint::locationFound, Fingerprint::patternType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ooni.id_lamanlabuh_kominfo", "header.location", "prefix"));
  }

  @Test
  void verdictCarriesTheMeasurementsIdentity() {
    Verdict v =
        Fixtures.scorer()
            .score(Fixtures.measurement(Fixtures.backend("web_connectivity_ir_fp.json")));
    assertThat(v.reportId())
        .isEqualTo("20220815T190043Z_webconnectivity_IR_197207_n1_cCbffjGasS4tFgb2");
    assertThat(v.measurementUid()).isNull();
    assertThat(v.testName()).isEqualTo("web_connectivity");
    assertThat(v.probeCc()).isEqualTo("IR");
    assertThat(v.probeAsn()).isEqualTo(197207);
    assertThat(v.measurementStartTime()).isEqualTo(Instant.parse("2022-08-15T19:01:30Z"));
    assertThat(v.input()).isEqualTo("https://www.facebook.com/");
    assertThat(v.platform()).isEqualTo("www.facebook.com");
    assertThat(v.line()).isEqualTo(1);
    assertThat(v.source()).endsWith("web_connectivity_ir_fp.json");
  }
}
