// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast way ({@link WebConnectivityLine}, used by {@link VerdictReader}) gives exactly the
 * verdicts, problems and counts of the tested way ({@link MeasurementReader} and {@link
 * FastpathScorer#score}): on every real fixture, and on seeded mangled copies of the Web
 * Connectivity ones (values of other types, repeated keys, escapes, broken bytes).
 */
class WebConnectivityLineTest {
  static final List<String> WEB_CONNECTIVITY =
      List.of(
          "20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json",
          "bug_352.json",
          "report1.json",
          "web_connectivity_ir_fp.json",
          "web_connectivity_null.json");

  /** What a read gave: every verdict, problem and the counts, in order. */
  record Outcome(List<Verdict> verdicts, List<Problem> problems, ReadStats stats) {}

  static Outcome tested(byte[] bytes) {
    Fixtures.Read r = Fixtures.read("in.jsonl", bytes);
    FastpathScorer scorer = Fixtures.scorer();
    return new Outcome(
        r.measurements().stream().map(scorer::score).toList(), r.problems(), r.stats());
  }

  static Outcome fast(byte[] bytes) {
    List<Verdict> verdicts = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try {
      ReadStats stats =
          VerdictReader.of(Fixtures.scorer())
              .read(
                  new ByteArrayInputStream(bytes),
                  "in.jsonl",
                  new VerdictSink() {
                    @Override
                    public void verdict(Verdict v) {
                      verdicts.add(v);
                    }

                    @Override
                    public void problem(Problem p) {
                      problems.add(p);
                    }
                  });
      return new Outcome(verdicts, problems, stats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String compact(String file) {
    try {
      return MeasurementReaderPropertyTest.JSON
          .readTree(Files.readString(Fixtures.backend(file)))
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.backendDir())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().startsWith("fingerprints_"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void bothWaysAgreeOnEveryFixture(Path file) throws IOException {
    byte[] pretty = Files.readAllBytes(file);
    assertThat(fast(pretty)).isEqualTo(tested(pretty));
    byte[] line =
        (MeasurementReaderPropertyTest.JSON.readTree(pretty).toString() + "\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(fast(line)).isEqualTo(tested(line));
  }

  @Test
  void theFastWayJudgesTheWebConnectivityFixturesItself() {
    for (String file : WEB_CONNECTIVITY) {
      byte[] line = compact(file).getBytes(StandardCharsets.UTF_8);
      Verdict v =
          new WebConnectivityLine(Fixtures.fingerprints())
              .verdict(Fixtures.scorer(), "in.jsonl", 1, line, 0, line.length);
      assertThat(v).as(file).isNotNull();
      assertThat(v).as(file).isEqualTo(tested(line).verdicts().get(0));
    }
  }

  @Test
  void otherTestsAndWrappedMeasurementsGoTheGeneralWay() {
    for (String line :
        List.of(
            compact("whatsapp.json"),
            "{\"format\":\"json\",\"content\":" + compact("report1.json") + "}",
            compact("report1.json").replace("\"report_id\":", "\"report_id\":null,\"x\":"),
            compact("report1.json") + " 1")) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertThat(
              new WebConnectivityLine(Fixtures.fingerprints())
                  .verdict(Fixtures.scorer(), "in.jsonl", 1, b, 0, b.length))
          .isNull();
    }
  }

  @Test
  void escapesUnicodeAndOddButValidValuesStayOnTheFastWay() {
    for (int e : new int[] {5, 7, 9, 10, 11, 12, 16, 21}) {
      String line = compact("report1.json");
      assertThat(line).contains(EDITS[e][0]);
      line = line.replace(EDITS[e][0], EDITS[e][1]);
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      Verdict v =
          new WebConnectivityLine(Fixtures.fingerprints())
              .verdict(Fixtures.scorer(), "in.jsonl", 1, b, 0, b.length);
      assertThat(v).as(EDITS[e][1]).isNotNull();
      assertThat(v).as(EDITS[e][1]).isEqualTo(tested(b).verdicts().get(0));
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  // Text edits that stay JSON (or nearly): escapes, repeated keys, odd values.
  static final String[][] EDITS = {
    {"\"report_id\":", "\"report_id\":\"dup\",\"report_id\":"},
    {"\"test_keys\":{", "\"test_keys\":{\"blocking\":\"dns\",\"x\":1,"},
    {
      "\"test_keys\":{",
      "\"test_keys\":{\"accessible\":null,\"control_failure\":\"unknown_failure: x\","
    },
    {"\"test_keys\":{", "\"test_keys\":{\"title_match\":1,"},
    {"\"test_keys\":{", "\"test_keys\":{\"a_failure\":\"x\",\"a_failure\":null,"},
    {"\"body\":\"", "\"body\":\"\\u00e9\\ud83d\\ude00\\n\\\"\\/"},
    {"\"body\":\"", "\"body\":\"\\ud83d lone"},
    {"\"body\":\"", "\"body\":\"caf\u00e9 \u2603 "},
    {"\"headers\":{", "\"headers\":{\"LOCATION\":\"http://x/\",\"location\":\"y\","},
    {"\"headers\":{", "\"headers\":{\"Server\":\"Protected by WireFilter\","},
    {"\"ipv4\":", "\"ipv4\":\"10.10.34.36\",\"hostname\":"},
    {"\"answers\":[", "\"answers\":[{\"ipv6\":\"::1\",\"ipv4\":null},"},
    {"\"input\":", "\"input\":null,\"y\":"},
    {"\"probe_cc\":\"", "\"probe_cc\":\"zz\",\"x\":\""},
    {"\"probe_asn\":\"", "\"probe_asn\":\"as0\",\"x\":\""},
    {"\"measurement_start_time\":\"", "\"measurement_start_time\":\"\",\"x\":\""},
    {"\"test_name\":\"web_connectivity\"", "\"test_name\":\"web_connectivity\" , \"n\":-0.5e+3"},
    {"\"test_name\":\"web_connectivity\"", "\"test_name\":\"web_connectivity\",\"n\":01"},
    {"\"test_name\":\"web_connectivity\"", "\"test_name\":\"web_connectivity\",\"n\":tru"},
    {"\"test_name\":\"web_connectivity\"", "\"test_name\":\"web_\\u0063onnectivity\""},
    {
      "\"requests\":[",
      "\"requests\":[{\"response\":{\"body\":{\"format\":\"base64\",\"data\":\"YWJj\"}}},"
    },
    {"\"requests\":[", "\"requests\":[{\"response\":null},{\"response\":{}},"},
    {"\"queries\":", "\"x_queries\":"},
    {"{", "{\"nested\":" + "[".repeat(300) + "]".repeat(300) + ","},
  };

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void bothWaysAgreeOnMangledCopies(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    for (int i = 0; i < 12; i++) {
      String line = compact(WEB_CONNECTIVITY.get(rnd.nextInt(WEB_CONNECTIVITY.size())));
      switch (rnd.nextInt(4)) {
        case 0 -> {
          ObjectNode m = (ObjectNode) MeasurementReaderPropertyTest.parse(line);
          for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
            MeasurementReaderPropertyTest.mutate(m, rnd);
          }
          text.writeBytes(m.toString().getBytes(StandardCharsets.UTF_8));
        }
        case 1 -> {
          for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
            String[] edit = EDITS[rnd.nextInt(EDITS.length)];
            line =
                line.replaceFirst(
                    java.util.regex.Pattern.quote(edit[0]),
                    java.util.regex.Matcher.quoteReplacement(edit[1]));
          }
          text.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        case 2 ->
            text.writeBytes(
                MeasurementReaderPropertyTest.damagedLine(
                    rnd, MeasurementReaderPropertyTest.goodLine(rnd, i)));
        default -> text.writeBytes(line.getBytes(StandardCharsets.UTF_8));
      }
      text.write('\n');
    }
    byte[] bytes = text.toByteArray();
    assertThat(fast(bytes)).isEqualTo(tested(bytes));
  }
}
