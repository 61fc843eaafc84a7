// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the OONI benchmark input: the real {@code web_connectivity} measurements of OONI's backend
 * fixtures ({@code ../shared/data/ooni-backend-fixtures}; five of them, 3 to 15 KB each), repeated
 * in turn as compact JSON lines, each copy with its own {@code report_id} (and {@code
 * measurement_uid}, where the fixture has one): the last characters replaced by the copy's number.
 *
 * <p>Run: {@code java -cp vigil-bench/target/benchmarks.jar org.vigil.bench.WebConnectivityLines
 * wc100k.jsonl 100000 [SHARED_DATA]}.
 */
public final class WebConnectivityLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebConnectivityLines() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "wc100k.jsonl");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path shared = Path.of(args.length > 2 ? args[2] : "../shared/data");
    List<ObjectNode> fixtures = fixtures(shared);
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      for (int i = 0; i < count; i++) {
        o.write(line(fixtures, i));
        o.write('\n');
      }
    }
    System.err.printf("%s: %d lines from %d fixtures%n", out, count, fixtures.size());
  }

  /** The {@code web_connectivity} fixtures, as trees, in file-name order. */
  static List<ObjectNode> fixtures(Path shared) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(shared.resolve("ooni-backend-fixtures"))) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<ObjectNode> out = new ArrayList<>();
    for (Path f : files) {
      JsonNode n = JSON.readTree(f.toFile());
      if (n.isObject() && "web_connectivity".equals(n.path("test_name").asText())) {
        out.add((ObjectNode) n);
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no web_connectivity fixtures in " + shared);
    }
    return out;
  }

  /** Copy {@code i}: fixture {@code i % n} with ids ending in {@code i}. */
  static byte[] line(List<ObjectNode> fixtures, int i) {
    ObjectNode m = fixtures.get(i % fixtures.size()).deepCopy();
    vary(m, "report_id", String.format("%06d", i));
    vary(m, "measurement_uid", String.format("%08x", i));
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void vary(ObjectNode m, String key, String suffix) {
    JsonNode v = m.get(key);
    if (v != null && v.isTextual() && v.textValue().length() > suffix.length()) {
      String s = v.textValue();
      m.put(key, s.substring(0, s.length() - suffix.length()) + suffix);
    }
  }
}
