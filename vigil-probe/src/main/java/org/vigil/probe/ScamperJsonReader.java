// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vigil.probe.internal.Inputs;
import org.vigil.probe.internal.Ipv4;

/**
 * Reads scamper's JSON output, one record per line, as {@code scamper -O json} writes it and as
 * {@code sc_warts2json} converts warts files; {@link #readWarts} runs the converter itself. Only
 * {@code ping} records of method {@code icmp-echo} are results; {@code cycle-start}/{@code
 * cycle-stop} and other types are skipped and counted; a line that does not parse, or a ping record
 * without what a result needs, is reported with its line number and skipped.
 *
 * <p>Reading a ping record right (the samples in {@code src/test/resources/scamper} show each
 * case): a probe counts as answered only when a response is an ICMP echo reply ({@code icmp_type}
 * 0) from the probed address; scamper counts an ICMP unreachable from a router among its {@code
 * statistics.replies}, so that figure is not used. A record with nothing heard has {@code
 * "responses":[]}, {@code replies} 0 and {@code loss} 1; {@code loss} is the fraction of probes
 * lost (0.33 for one of three), not a count and not a percentage. A target scamper cannot route
 * gets no record at all: the caller must treat it as missing data.
 *
 * <pre>{@code
 * ScamperJsonReader.Stats s =
 *     ScamperJsonReader.read(Path.of("pings.json"), ping -> use(ping), System.err::println);
 * }</pre>
 */
public final class ScamperJsonReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ScamperJsonReader() {}

  /**
   * Counts for one read.
   *
   * @param lines lines read
   * @param pings ping records passed on
   * @param skipped records of other types (cycle-start, cycle-stop, traces), skipped
   * @param problems lines reported as problems and skipped
   */
  public record Stats(long lines, long pings, long skipped, long problems) {}

  /** The outcome of parsing one line: a ping, a record of another type, or a problem. */
  public sealed interface Parsed {}

  /** A ping record. */
  public record Ping(ScamperPing ping) implements Parsed {}

  /** A record of another type, or a blank line. */
  public record Other(String type) implements Parsed {}

  /** A line that could not be used. */
  public record Malformed(String message) implements Parsed {}

  /** Reads a JSON file (or gzip of one). */
  public static Stats read(Path file, Consumer<ScamperPing> pings, Consumer<Problem> problems)
      throws IOException {
    try (InputStream in = Inputs.open(file)) {
      return read(
          new InputStreamReader(in, StandardCharsets.UTF_8), file.toString(), pings, problems);
    }
  }

  /** Reads JSON records from text; {@code source} names it in problems. */
  public static Stats read(
      Reader text, String source, Consumer<ScamperPing> pings, Consumer<Problem> problems)
      throws IOException {
    BufferedReader r = text instanceof BufferedReader b ? b : new BufferedReader(text, 1 << 16);
    long lines = 0;
    long ok = 0;
    long skipped = 0;
    long bad = 0;
    String line;
    while ((line = r.readLine()) != null) {
      lines++;
      Parsed p = parse(line);
      if (p instanceof Ping ping) {
        ok++;
        pings.accept(ping.ping());
      } else if (p instanceof Malformed m) {
        bad++;
        problems.accept(new Problem(source, lines, m.message()));
      } else {
        skipped++;
      }
    }
    return new Stats(lines, ok, skipped, bad);
  }

  /**
   * Converts a warts file with {@code sc_warts2json} and reads its output.
   *
   * @param converter the converter's path, normally {@code sc_warts2json}
   * @throws IOException when the converter cannot run or fails
   */
  public static Stats readWarts(
      Path warts, String converter, Consumer<ScamperPing> pings, Consumer<Problem> problems)
      throws IOException {
    Process p =
        new ProcessBuilder(converter, warts.toString())
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    p.getOutputStream().close();
    List<String> errors = new ArrayList<>();
    Thread errReader =
        new Thread(
            () -> {
              try (BufferedReader e =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = e.readLine()) != null) {
                  synchronized (errors) {
                    if (errors.size() < 20) {
                      errors.add(l);
                    }
                  }
                }
              } catch (IOException ignored) {
                // the process is gone; its exit status says what happened
              }
            },
            "sc_warts2json-stderr");
    errReader.setDaemon(true);
    errReader.start();
    Stats stats;
    try (Reader out = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
      stats = read(out, warts.toString(), pings, problems);
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(converter + " did not finish converting " + warts);
      }
      errReader.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted converting " + warts, e);
    }
    if (p.exitValue() != 0) {
      synchronized (errors) {
        throw new IOException(
            converter + " failed on " + warts + " (exit " + p.exitValue() + "): " + errors);
      }
    }
    return stats;
  }

  /** Parses one line of scamper JSON output. */
  public static Parsed parse(String line) {
    if (line.isBlank()) {
      return new Other("");
    }
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return new Malformed("not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      return new Malformed("not a JSON object");
    }
    JsonNode type = n.get("type");
    if (type == null || !type.isTextual()) {
      return new Malformed("record without a \"type\"");
    }
    if (!type.asText().equals("ping")) {
      return new Other(type.asText());
    }
    return parsePing(n);
  }

  private static Parsed parsePing(JsonNode n) {
    String method = text(n, "method");
    if (method == null || !method.equals("icmp-echo")) {
      return new Malformed("ping record of method " + method + ", not icmp-echo");
    }
    String dstText = text(n, "dst");
    long dst = dstText == null ? -1 : Ipv4.parse(dstText);
    if (dst < 0) {
      return new Malformed("ping record without an IPv4 \"dst\": " + dstText);
    }
    JsonNode sent = n.get("ping_sent");
    if (sent == null || !sent.canConvertToInt() || sent.asInt() < 0) {
      return new Malformed("ping record without a valid \"ping_sent\"");
    }
    JsonNode start = n.get("start");
    if (start == null
        || !start.path("sec").canConvertToLong()
        || !start.path("usec").canConvertToLong()) {
      return new Malformed("ping record without \"start\": {sec, usec}");
    }
    long startMicros = start.get("sec").asLong() * 1_000_000L + start.get("usec").asLong();
    JsonNode user = n.get("userid");
    long userId = user != null && user.canConvertToLong() ? user.asLong() : 0;
    double wait = n.path("wait").isNumber() ? n.get("wait").asDouble() : 1;
    int probesSent = sent.asInt();
    JsonNode responses = n.get("responses");
    BitSet replies = new BitSet();
    int other = 0;
    int rtt = -1;
    if (responses == null) {
      // Without the responses nothing says where a reply came from; with none counted, nothing
      // came.
      JsonNode count = n.path("statistics").path("replies");
      if (!count.canConvertToInt() || count.asInt() != 0) {
        return new Malformed("ping record without \"responses\" and with replies counted");
      }
    } else if (!responses.isArray()) {
      return new Malformed("ping record whose \"responses\" is not an array");
    } else {
      for (JsonNode r : responses) {
        String from = text(r, "from");
        JsonNode seq = r.get("seq");
        JsonNode icmpType = r.get("icmp_type");
        if (from == null || seq == null || !seq.canConvertToInt()) {
          return new Malformed("ping response without \"from\" and \"seq\"");
        }
        boolean echoReply =
            icmpType != null
                && icmpType.canConvertToInt()
                && icmpType.asInt() == 0
                && Ipv4.parse(from) == dst
                && seq.asInt() >= 0
                && seq.asInt() < probesSent;
        if (echoReply) {
          if (replies.isEmpty() && r.path("rtt").isNumber()) {
            rtt = (int) Math.round(r.get("rtt").asDouble() * 1000);
          }
          replies.set(seq.asInt());
        } else {
          other++;
        }
      }
    }
    return new Ping(
        new ScamperPing((int) dst, userId, startMicros, wait, probesSent, replies, other, rtt));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }
}
