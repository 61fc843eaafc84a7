// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties over seeded random inputs: damaged lines cost only themselves, damaged gzip costs only
 * what follows the damage, random bytes raise nothing but problems, and no measurement, however
 * mangled, makes the scorer throw or print anything but a well-formed verdict line.
 */
class MeasurementReaderPropertyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** Compact lines of the real measurements, to copy and vary. */
  static final List<String> TEMPLATES = templates();

  static List<String> templates() {
    List<String> out = new ArrayList<>();
    for (String f :
        List.of(
            "report1.json",
            "web_connectivity_ir_fp.json",
            "vanilla_tor.json",
            "torsf_383.json",
            "web_connectivity_null.json",
            "bug_352.json")) {
      try {
        out.add(JSON.readTree(Files.readString(Fixtures.backend(f))).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  static String goodLine(SplittableRandom rnd, int id) {
    ObjectNode m = (ObjectNode) parse(TEMPLATES.get(rnd.nextInt(TEMPLATES.size())));
    m.put("report_id", "good-" + id);
    return m.toString();
  }

  static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] damagedLine(SplittableRandom rnd, String good) {
    byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
    switch (rnd.nextInt(6)) {
      case 0 -> {
        return Arrays.copyOf(bytes, 1 + rnd.nextInt(bytes.length - 1)); // truncated
      }
      case 1 -> {
        byte[] b = new byte[1 + rnd.nextInt(200)];
        for (int i = 0; i < b.length; i++) {
          do {
            b[i] = (byte) rnd.nextInt(256);
          } while (b[i] == '\n');
        }
        return b;
      }
      case 2 -> {
        byte[] b = bytes.clone(); // a few bytes changed: may still be JSON by chance
        for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
          byte v;
          do {
            v = (byte) rnd.nextInt(256);
          } while (v == '\n');
          b[rnd.nextInt(b.length)] = v;
        }
        return b;
      }
      case 3 -> {
        String[] openers = {"{", "[", "{\"a\":", "[1, 2,", "{\"a\": [", "\"open", "[{", "{\"a\":{"};
        return openers[rnd.nextInt(openers.length)].getBytes(StandardCharsets.UTF_8);
      }
      case 4 -> {
        String[] scalars = {"42", "null", "true", "\"text\"", "[]", "[1,2]", "-", "}", "]"};
        return scalars[rnd.nextInt(scalars.length)].getBytes(StandardCharsets.UTF_8);
      }
      default -> {
        return (good + good.substring(0, rnd.nextInt(good.length())))
            .getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void damagedLinesCostOnlyThemselves(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Map<Long, String> good = new HashMap<>();
    List<Long> damaged = new ArrayList<>();
    int lines = 1 + rnd.nextInt(30);
    for (int i = 1; i <= lines; i++) {
      String line = goodLine(rnd, i);
      if (rnd.nextInt(3) == 0) {
        text.writeBytes(damagedLine(rnd, line));
        damaged.add((long) i);
      } else {
        text.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        good.put((long) i, "good-" + i);
      }
      if (i < lines || rnd.nextBoolean()) {
        text.write('\n');
      }
    }
    byte[] bytes = text.toByteArray();
    Fixtures.Read r =
        Fixtures.read("random.jsonl", rnd.nextBoolean() ? bytes : Fixtures.gzip(bytes));

    // Every sound line is read exactly once, with its line number.
    Map<Long, Integer> seen = new HashMap<>();
    for (Measurement m : r.measurements()) {
      seen.merge(m.line(), 1, Integer::sum);
      if (good.containsKey(m.line())) {
        assertThat(m.reportId()).isEqualTo(good.get(m.line()));
      } else {
        assertThat(damaged).contains(m.line()); // a damaged line that is still JSON
      }
    }
    for (long line : good.keySet()) {
      assertThat(seen.get(line)).as("line %d read once", line).isEqualTo(1);
    }
    // Problems are reported on damaged lines only, and none is of an unexpected kind.
    assertThat(r.problems())
        .allSatisfy(
            p -> {
              assertThat(damaged).contains(p.line());
              assertThat(p.kind())
                  .isIn(
                      Problem.Kind.NOT_JSON,
                      Problem.Kind.NOT_A_MEASUREMENT,
                      Problem.Kind.TRUNCATED);
            });
    assertThat(r.stats().measurements()).isEqualTo(r.measurements().size());
    assertThat(r.stats().problems()).isEqualTo(r.problems().size());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void cutGzipKeepsTheLinesBeforeTheCut(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder text = new StringBuilder();
    int lines = 1 + rnd.nextInt(40);
    for (int i = 1; i <= lines; i++) {
      text.append(goodLine(rnd, i)).append('\n');
    }
    byte[] gz = Fixtures.gzip(text.toString().getBytes(StandardCharsets.UTF_8));
    int cut = rnd.nextInt(gz.length + 1);
    Fixtures.Read r = Fixtures.read("cut.jsonl.gz", Arrays.copyOf(gz, cut));
    List<String> ids = r.measurements().stream().map(Measurement::reportId).toList();
    for (int i = 0; i < ids.size(); i++) {
      assertThat(ids.get(i)).isEqualTo("good-" + (i + 1));
    }
    if (cut == gz.length) {
      assertThat(ids).hasSize(lines);
      assertThat(r.problems()).isEmpty();
    } else {
      assertThat(ids.size()).isLessThan(lines);
      assertThat(r.problems()).isNotEmpty(); // IO_ERROR; a one-byte stub reads as a bad line
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomBytesRaiseNothingButProblems(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] b = new byte[rnd.nextInt(5000)];
    String alphabet = "{}[]\":,0123456789.eE-+ \t\r\ntrufalsn\\u";
    for (int i = 0; i < b.length; i++) {
      b[i] =
          rnd.nextBoolean()
              ? (byte) alphabet.charAt(rnd.nextInt(alphabet.length()))
              : (byte) rnd.nextInt(256);
    }
    Fixtures.Read r = Fixtures.read("noise", b);
    long newlines = 0;
    for (byte x : b) {
      newlines += x == '\n' ? 1 : 0;
    }
    assertThat(r.stats().lines()).isBetween(newlines, newlines + 1);
    for (Measurement m : r.measurements()) {
      Verdict v = Fixtures.scorer().score(m);
      assertThat(parse(VerdictLine.of(v)).isObject()).isTrue();
    }
  }

  // Values that exercise the fastpath's loose reading: types it tolerates and types it trips on.
  static final String[] VALUES = {
    "null",
    "true",
    "false",
    "0",
    "1",
    "0.0",
    "2.5",
    "\"\"",
    "\"x\"",
    "\"unknown_failure x\"",
    "\"ok\"",
    "\"blocked\"",
    "\"dns\"",
    "[]",
    "{}",
    "[\"failure\",\"network_events\"]",
    "{\"format\":\"base64\",\"data\":\"YWJj\"}",
    "{\"format\":\"base64\",\"data\":\"YW\"}",
    "{\"format\":\"base64\",\"data\":null}",
    "\"https://web.whatsapp.com/\"",
    "\"10.10.34.36\"",
    "{\"ipv4\":\"10.10.34.36\"}",
    "[{\"ipv4\":\"10.10.34.36\"}]",
    "\"AS0\"",
    "\"ZZ\"",
    "\"2023-12-01 10:00:00\"",
    "\"0.2.4\"",
    "\"not a version\"",
    "\"20990101000000.000000_X_y_z\"",
    "{\"Location\":\"http://lamanlabuh.aduankonten.id/\"}",
    "{\"status\":{\"success\":false}}",
    "{\"failure\":\"\",\"network_events\":[]}",
    "[\"Bootstrapped 100%: Done\"]",
    "\"nan\""
  };

  static final String[] KEYS = {
    "failure",
    "request",
    "response",
    "url",
    "ipv4",
    "hostname",
    "answers",
    "blocking",
    "accessible",
    "title_match",
    "x_failure",
    "tor_logs",
    "tor_progress",
    "targets",
    "body",
    "headers",
    "status",
    "success",
    "telegram_web_status",
    "signal_backend_status",
    "failed_operation",
    "requests",
    "queries",
    "tcp_connect",
    "measurement_uid",
    "probe_asn",
    "probe_cc",
    "test_version",
    "annotations",
    "software_version",
    "report_id",
    "measurement_start_time",
    "test_keys",
    "input"
  };

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void mangledMeasurementsAreJudgedWithoutThrowing(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<String> all = new ArrayList<>(TEMPLATES);
    for (String test :
        List.of("whatsapp.json", "telegram_nourl.json", "signal_022.json", "tor.json")) {
      try {
        all.add(JSON.readTree(Files.readString(Fixtures.backend(test))).toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    StringBuilder text = new StringBuilder();
    int n = 20;
    for (int i = 0; i < n; i++) {
      ObjectNode m = (ObjectNode) parse(all.get(rnd.nextInt(all.size())));
      for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
        mutate(m, rnd);
      }
      text.append(m).append('\n');
    }
    Fixtures.Read r = Fixtures.read("mangled.jsonl", text.toString());
    assertThat(r.measurements()).hasSize(n);
    FastpathScorer scorer = Fixtures.scorer();
    for (Measurement m : r.measurements()) {
      Verdict v = scorer.score(m);
      assertThat(v.outcome()).isNotNull();
      if (v.outcome() == Verdict.Outcome.REJECTED || v.outcome() == Verdict.Outcome.DISCARDED) {
        assertThat(v.note()).isNotBlank();
      }
      JsonNode line = parse(VerdictLine.of(v));
      assertThat(line.size()).isEqualTo(11);
      assertThat(line.get("probe_asn").isNumber() || line.get("probe_asn").isNull()).isTrue();
    }
  }

  /** Replaces, deletes or adds a value somewhere in the tree (never the test name). */
  static void mutate(ObjectNode root, SplittableRandom rnd) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode c = containers.get(rnd.nextInt(containers.size()));
    JsonNode value = parse(VALUES[rnd.nextInt(VALUES.length)]);
    if (c instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.remove(c == root ? "test_name" : "");
      int action = rnd.nextInt(3);
      if (action == 0 && !names.isEmpty()) {
        o.set(names.get(rnd.nextInt(names.size())), value);
      } else if (action == 1 && !names.isEmpty()) {
        o.remove(names.get(rnd.nextInt(names.size())));
      } else {
        String key = KEYS[rnd.nextInt(KEYS.length)];
        o.set(key, value);
      }
    } else if (c instanceof ArrayNode a) {
      if (a.isEmpty() || rnd.nextBoolean()) {
        a.add(value);
      } else {
        a.set(rnd.nextInt(a.size()), value);
      }
    }
    if (!root.has("test_name")) {
      root.set("test_name", JsonNodeFactory.instance.textNode("web_connectivity"));
    }
  }

  static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (JsonNode child : node) {
        collect(child, out);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void treeWithoutTheSkippedPartsScoresAsTheWholeTree(long seed) {
    // The reader's pruning must not change a verdict: compare with a tree read whole.
    SplittableRandom rnd = new SplittableRandom(seed);
    ObjectNode m = (ObjectNode) parse(TEMPLATES.get(rnd.nextInt(TEMPLATES.size())));
    for (int k = rnd.nextInt(5); k > 0; k--) {
      mutate(m, rnd);
    }
    Measurement pruned = Fixtures.measurement(m.toString());
    Measurement whole = new Measurement("whole", 1, m);
    Verdict a = Fixtures.scorer().score(pruned);
    Verdict b = Fixtures.scorer().score(whole);
    assertThat(VerdictLine.of(a)).isEqualTo(VerdictLine.of(b));
    assertThat(a.outcome()).isEqualTo(b.outcome());
  }
}
