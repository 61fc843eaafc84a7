// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementReaderTest {
  static String m(String id) {
    return "{\"report_id\":\"" + id + "\",\"test_name\":\"signal\",\"probe_cc\":\"KZ\"}";
  }

  static List<String> ids(Fixtures.Read r) {
    return r.measurements().stream().map(Measurement::reportId).toList();
  }

  static List<String> problems(Fixtures.Read r) {
    return r.problems().stream().map(p -> p.line() + " " + p.kind()).toList();
  }

  @Test
  void readsPrettyPrintedDocumentFromItsFirstLine() {
    Fixtures.Read r = Fixtures.read(Fixtures.backend("web_connectivity_ir_fp.json"));
    assertThat(r.problems()).isEmpty();
    assertThat(r.measurements()).singleElement().satisfies(m -> assertThat(m.line()).isEqualTo(1));
    assertThat(r.stats().measurements()).isEqualTo(1);
  }

  @Test
  void readsJsonLinesWithBlankLinesCrlfAndByteOrderMark() {
    String text = "\uFEFF" + m("a") + "\r\n\r\n" + m("b") + "\r\n   \n" + m("c");
    Fixtures.Read r = Fixtures.read("x.jsonl", text);
    assertThat(ids(r)).containsExactly("a", "b", "c");
    assertThat(r.measurements()).extracting(Measurement::line).containsExactly(1L, 3L, 5L);
    assertThat(r.problems()).isEmpty();
    assertThat(r.stats()).isEqualTo(new ReadStats(1, 5, 2, 3, 0));
  }

  @Test
  void recognisesGzipByItsBytesNotItsName() {
    byte[] gz = Fixtures.gzip((m("a") + "\n" + m("b") + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(ids(Fixtures.read("named.json", gz))).containsExactly("a", "b");
  }

  @Test
  void readsConcatenatedGzipMembers() {
    byte[] one = Fixtures.gzip((m("a") + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] two = Fixtures.gzip((m("b") + "\n").getBytes(StandardCharsets.UTF_8));
    byte[] both = Arrays.copyOf(one, one.length + two.length);
    System.arraycopy(two, 0, both, one.length, two.length);
    assertThat(ids(Fixtures.read("x.jsonl.gz", both))).containsExactly("a", "b");
  }

  @Test
  void truncatedGzipKeepsWhatCameBeforeAndSaysSo() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      sb.append(m("id" + i)).append('\n');
    }
    byte[] gz = Fixtures.gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
    Fixtures.Read r = Fixtures.read("x.jsonl.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThat(r.measurements()).isNotEmpty().hasSizeLessThan(2000);
    assertThat(ids(r)).startsWith("id0", "id1");
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.IO_ERROR);
              assertThat(p.message()).contains("gzip");
            });
  }

  @Test
  void topLevelArrayIsReadElementByElement() {
    String text = "[\n" + m("a") + ",\n 7,\n" + m("b") + "\n]\n" + m("c") + "\n";
    Fixtures.Read r = Fixtures.read("x.json", text);
    assertThat(ids(r)).containsExactly("a", "b", "c");
    assertThat(r.measurements()).extracting(Measurement::line).containsExactly(2L, 4L, 6L);
    assertThat(problems(r)).containsExactly("3 NOT_A_MEASUREMENT");
  }

  @Test
  void badLinesAreReportedWithTheirNumbersAndTheRestIsRead() {
    String text =
        String.join(
            "\n",
            m("a"), // 1
            "this is not JSON", // 2
            m("b").substring(0, 20), // 3: truncated inside a string
            m("c"), // 4
            "42", // 5: JSON, but not a measurement
            m("d") + " trailing", // 6: a measurement, then garbage
            "{\"report_id\":\"e\",", // 7: truncated after a comma...
            m("f"), // 8: ...so this line breaks it, and is read on its own
            "[1, 2,", // 9: an array (of two non-measurements), truncated...
            m("g"), // 10: ...which takes this line as its element...
            m("h"), // 11: ...and breaks here
            "{\"a\": {\"b\":", // 12: truncated at the end of the input
            m("i"), // 13
            "");
    Fixtures.Read r = Fixtures.read("x.jsonl", text);
    assertThat(ids(r)).containsExactly("a", "c", "d", "f", "g", "h", "i");
    assertThat(problems(r))
        .containsExactly(
            "2 NOT_JSON",
            "3 NOT_JSON",
            "5 NOT_A_MEASUREMENT",
            "6 NOT_JSON",
            "7 NOT_JSON",
            "9 NOT_A_MEASUREMENT",
            "9 NOT_A_MEASUREMENT",
            "9 NOT_JSON",
            "12 TRUNCATED");
    assertThat(r.problems().get(4).message()).contains("line 7 broken on line 8");
  }

  @Test
  void brokenArrayKeepsItsElementsOnceAndResumesWhereItBroke() {
    String text = String.join("\n", "[", m("a"), "," + m("b"), "oops", m("c"), "");
    Fixtures.Read r = Fixtures.read("x.json", text);
    assertThat(ids(r)).containsExactly("a", "b", "c");
    assertThat(problems(r)).containsExactly("1 NOT_JSON", "4 NOT_JSON");
  }

  @Test
  void invalidUtf8IsABadLine() {
    byte[] bad = "{\"report_id\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    byte[] good = ("\n" + m("b") + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(bad, bad.length + good.length);
    System.arraycopy(good, 0, all, bad.length, good.length);
    Fixtures.Read r = Fixtures.read("x.jsonl", all);
    assertThat(ids(r)).containsExactly("b");
    assertThat(problems(r)).containsExactly("1 NOT_JSON");
  }

  @Test
  void leavesOutWhatNoVerdictReads() {
    String json =
        "{\"report_id\":\"r\",\"test_name\":\"web_connectivity\",\"test_keys\":{"
            + "\"control\":{\"big\":[1,2,3]},\"network_events\":[{}],\"tls_handshakes\":[{}],"
            + "\"control_failure\":null,\"blocking\":\"dns\","
            + "\"queries\":[{\"hostname\":\"h\",\"raw_response\":\"AAAA\","
            + "\"answers\":[{\"ipv4\":\"1.2.3.4\",\"ttl\":5,\"asn\":1}]}],"
            + "\"requests\":[{\"failure\":null,\"request\":{\"url\":\"u\",\"headers\":{\"a\":\"b\"}},"
            + "\"response\":{\"body\":\"x\",\"headers\":{\"h\":\"v\"},\"headers_list\":[[\"h\",\"v\"]],"
            + "\"code\":200}}],"
            + "\"targets\":{\"t\":{\"failure\":null,\"network_events\":[{\"x\":1}]}}}}";
    JsonNode tk = Fixtures.measurement(json).json().get("test_keys");
    assertThat(tk.has("control")).isFalse();
    assertThat(tk.has("network_events")).isFalse();
    assertThat(tk.has("tls_handshakes")).isFalse();
    assertThat(tk.has("control_failure")).isTrue();
    assertThat(tk.get("queries").toString()).isEqualTo("[{\"answers\":[{\"ipv4\":\"1.2.3.4\"}]}]");
    assertThat(tk.get("requests").toString())
        .isEqualTo(
            "[{\"failure\":null,\"request\":{\"url\":\"u\"},\"response\":{\"body\":\"x\",\"headers\":{\"h\":\"v\"}}}]");
    assertThat(tk.get("targets").toString())
        .isEqualTo("{\"t\":{\"failure\":null,\"network_events\":null}}");
  }

  @Test
  void keepsValuesOfUnexpectedTypesWhole() {
    String json =
        "{\"report_id\":\"r\",\"test_keys\":{\"requests\":{\"request\":{\"headers\":1}},"
            + "\"queries\":[[\"ipv4\"]]}}";
    JsonNode tk = Fixtures.measurement(json).json().get("test_keys");
    assertThat(tk.get("requests").toString()).isEqualTo("{\"request\":{\"headers\":1}}");
    assertThat(tk.get("queries").toString()).isEqualTo("[[\"ipv4\"]]");
  }

  @Test
  void readsStringsLongerThanJacksonsDefaultLimit() {
    String body = "x".repeat(21_000_000);
    Fixtures.Read r =
        Fixtures.read(
            "big.jsonl",
            "{\"report_id\":\"r\",\"test_keys\":{\"requests\":"
                + "[{\"response\":{\"body\":\""
                + body
                + "\"}}]}}\n"
                + m("next"));
    assertThat(r.problems()).isEmpty();
    assertThat(ids(r)).containsExactly("r", "next");
  }

  @Test
  void nestingTooDeepIsABadLineNotACrash() {
    String deep = "[".repeat(100_000);
    Fixtures.Read r = Fixtures.read("deep.jsonl", deep + "\n" + m("b") + "\n");
    assertThat(ids(r)).containsExactly("b");
    assertThat(r.problems()).extracting(Problem::line).containsExactly(1L);
  }

  @Test
  void readsArchiveTreeInPathOrderAndSkipsOtherFiles(@TempDir Path dir) throws IOException {
    Path hour = dir.resolve("raw/20220104/10/KZ/signal");
    Files.createDirectories(hour);
    Files.write(
        hour.resolve("2022010410_KZ_signal.n1.0.jsonl.gz"),
        Fixtures.gzip((m("b1") + "\n" + m("b2") + "\n").getBytes(StandardCharsets.UTF_8)));
    Files.writeString(hour.resolve("2022010410_KZ_signal.n0.0.jsonl"), m("a1") + "\n");
    Path other = dir.resolve("raw/20220104/09/KZ/whatsapp");
    Files.createDirectories(other);
    Files.writeString(other.resolve("x.json"), m("z"));
    Files.writeString(other.resolve("README.txt"), "not a measurement");
    Fixtures.Read r = Fixtures.read(dir);
    assertThat(ids(r)).containsExactly("z", "a1", "b1", "b2");
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(Problem.Kind.SKIPPED_FILE);
              assertThat(p.source()).endsWith("README.txt");
              assertThat(p.kind().isError()).isFalse();
            });
    assertThat(r.stats().files()).isEqualTo(3);
    assertThat(r.measurements().get(2).source()).endsWith(".n1.0.jsonl.gz");
  }

  @Test
  void problemPrintsFileLineKindAndMessage() {
    assertThat(new Problem("a.jsonl", 3, Problem.Kind.NOT_JSON, "bad").toString())
        .isEqualTo("a.jsonl:3: not_json: bad");
    assertThat(new Problem("dir/x", 0, Problem.Kind.SKIPPED_FILE, "skip").toString())
        .isEqualTo("dir/x: skipped_file: skip");
  }
}
