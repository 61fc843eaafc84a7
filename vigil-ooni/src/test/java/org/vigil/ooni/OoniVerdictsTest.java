// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OoniVerdictsTest {
  record Result(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Result run(List<Path> inputs, Path fingerprints) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        OoniVerdicts.verdicts(
            inputs,
            fingerprints,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsOneLinePerMeasurementAndASummary() {
    Result r =
        run(
            List.of(Fixtures.backend("bug_352.json"), Fixtures.backend("whatsapp.json")),
            Fixtures.backendDir());
    assertThat(r.exit()).isZero();
    assertThat(r.lines()).hasSize(2);
    assertThat(r.lines().get(0)).contains("\"anomaly\":true,\"confirmed\":true,\"failure\":false");
    assertThat(r.err())
        .contains("2 measurements: 2 scored (1 anomaly, 1 confirmed, 0 failure)")
        .contains("0 problems");
  }

  @Test
  void discardsAsZeroSilentlyButCountsIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("kz.jsonl");
    Files.writeString(
        file,
        "{\"report_id\":\"a\",\"test_name\":\"torsf\",\"probe_cc\":\"KZ\",\"probe_asn\":\"AS0\"}\n"
            + "{\"report_id\":\"b\",\"test_name\":\"torsf\",\"probe_cc\":\"KZ\",\"probe_asn\":\"AS9198\","
            + "\"test_keys\":{\"failure\":\"x\"}}\n");
    Result r = run(List.of(file), Fixtures.backendDir());
    assertThat(r.exit()).isZero();
    assertThat(r.lines()).singleElement().asString().startsWith("{\"report_id\":\"b\"");
    assertThat(r.err()).contains("1 discarded as OONI does (probe_asn AS0: 1)");
  }

  @Test
  void reportsBadInputWithFileAndLineAndExitsOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(
        file,
        "not json\n"
            + "{\"test_name\":\"signal\",\"probe_cc\":\"IT\"}\n"
            + "{\"report_id\":\"n\",\"test_name\":\"ndt\",\"probe_cc\":\"IT\",\"probe_asn\":\"AS1\"}\n"
            + "{\"report_id\":\"w\",\"test_name\":\"web_connectivity\",\"probe_cc\":\"IT\","
            + "\"test_keys\":{\"requests\":[5]}}\n");
    Result r = run(List.of(file), Fixtures.backendDir());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains(file + ":1: not_json:")
        .contains(file + ":2: malformed_measurement: no report_id")
        .contains(file + ":3: unknown_test: test not scored: ndt")
        .contains(file + ":4: malformed_measurement: a request is not an object; not scored")
        .contains("1 of tests not scored")
        .contains("1 rejected");
    assertThat(r.lines())
        .singleElement()
        .asString()
        .contains("\"test_name\":\"ndt\"")
        .contains("\"anomaly\":null");
  }

  @Test
  void unknownTestsAloneAreNotAnError(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ndt.jsonl");
    Files.writeString(file, "{\"report_id\":\"n\",\"test_name\":\"ndt\",\"probe_cc\":\"IT\"}\n");
    assertThat(run(List.of(file), Fixtures.backendDir()).exit()).isZero();
  }

  @Test
  void refusesToStartWithoutInputsOrFingerprints(@TempDir Path dir) {
    assertThat(run(List.of(), Fixtures.backendDir()).exit()).isEqualTo(2);
    Result missing = run(List.of(dir.resolve("nope.jsonl")), Fixtures.backendDir());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
    Result noFingerprints = run(List.of(Fixtures.backend("bug_352.json")), dir);
    assertThat(noFingerprints.exit()).isEqualTo(2);
    assertThat(noFingerprints.err()).contains("cannot load fingerprints");
    assertThat(noFingerprints.out()).isEmpty();
  }

  @Test
  void limitsTheProblemsPrinted(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("noise.jsonl");
    Files.writeString(file, "x\n".repeat(OoniVerdicts.PROBLEMS_SHOWN + 5));
    Result r = run(List.of(file), Fixtures.backendDir());
    assertThat(r.err()).contains("... and 5 more problems, not shown");
    assertThat(r.err()).contains("105 problems (not_json: 105)");
  }
}
