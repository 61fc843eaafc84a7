// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.vigil.core.Times;
import org.vigil.scenario.Scenario.Network;

/**
 * OONI measurements as OONI's archive publishes them ({@code
 * raw/YYYYMMDD/HH/CC/test_name/*.jsonl.gz}, one measurement a line, data format 0.2.0), for the
 * tests {@code whatsapp}, {@code telegram}, {@code signal} and {@code web_connectivity}, with the
 * test keys OONI's probes write and its fastpath scores.
 *
 * <p>Volunteers run tests at random times; a measurement is uploaded only when its network works,
 * so the number of measurements follows the reach level of its region and network (OONI goes silent
 * in a blackout). A measurement sees blocking with the probability the scenario gives for its
 * platform or URL.
 */
final class OoniFiles {
  private static final String[] TESTS = {"whatsapp", "telegram", "signal", "web_connectivity"};
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String[] TELEGRAM_DCS = {
    "149.154.175.50", "149.154.167.51", "149.154.175.100", "149.154.167.91", "149.154.171.5"
  };
  private static final String[] WHATSAPP_ENDPOINTS = {
    "e1.whatsapp.net", "e4.whatsapp.net", "e9.whatsapp.net", "e12.whatsapp.net"
  };

  private OoniFiles() {}

  /** One measurement to write. */
  private record Measurement(
      long time, int network, String test, String input, boolean blocked, String reportId) {}

  /** Writes every hour's files under {@code root}; returns the root. */
  static Path write(Timeline timeline, Path root) throws IOException {
    Scenario s = timeline.scenario();
    SplittableRandom random = new SplittableRandom(s.seed() ^ 0x6f6f_6e69L);
    double population = 0;
    for (Scenario.Region r : s.regions()) {
      population += r.population();
    }
    double shares = 0;
    for (Network n : s.networks()) {
      shares += n.ooniShare();
    }
    JsonFactory factory = new JsonFactory();
    for (long hour = s.start().getEpochSecond(); hour < s.end().getEpochSecond(); hour += 3600) {
      for (String test : TESTS) {
        Double perHour = s.ooni().perHour().get(test);
        if (perHour == null) {
          continue;
        }
        List<Measurement> ms = new ArrayList<>();
        for (int n = 0; n < s.networks().size(); n++) {
          double rate = perHour * s.networks().get(n).ooniShare() / shares;
          int candidates = Draws.poisson(random, rate);
          for (int k = 0; k < candidates; k++) {
            long t = hour + random.nextInt(3600);
            int region = pick(s, random.nextDouble() * population);
            if (random.nextDouble() >= Math.min(1, timeline.level(region, n, Timeline.REACH, t))) {
              continue; // no connectivity: the measurement is never uploaded
            }
            String input = null;
            double blockShare;
            if (test.equals("web_connectivity")) {
              List<String> urls = s.ooni().webInputs();
              input = urls.get(random.nextInt(urls.size()));
              blockShare = timeline.webBlocked(region, n, input, t);
            } else {
              blockShare = timeline.blocked(region, n, test, t);
            }
            boolean blocked = random.nextDouble() < blockShare;
            ms.add(new Measurement(t, n, test, input, blocked, reportId(s, n, test, t, random)));
          }
        }
        if (ms.isEmpty()) {
          continue;
        }
        ms.sort(java.util.Comparator.comparingLong(Measurement::time));
        String stamp = stamp(hour);
        Path dir =
            root.resolve("raw")
                .resolve(stamp.substring(0, 8))
                .resolve(stamp.substring(8, 10))
                .resolve(s.country())
                .resolve(test);
        Files.createDirectories(dir);
        Path file = dir.resolve(stamp + "_" + s.country() + "_" + test + ".n1.0.jsonl.gz");
        try (OutputStream out =
                new GZIPOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
          g.setRootValueSeparator(null);
          for (Measurement m : ms) {
            write(g, s, m, random);
            g.flush();
            out.write('\n');
          }
        }
      }
    }
    // The generated measurements carry no response bodies or DNS answers, so no blockpage
    // fingerprint can match: empty lists keep the scoring honest without OONI's files.
    Path fingerprints = Files.createDirectories(root.resolve("fingerprints"));
    Files.writeString(fingerprints.resolve("fingerprints_dns.json"), "[]\n");
    Files.writeString(fingerprints.resolve("fingerprints_http.json"), "[]\n");
    return root;
  }

  private static int pick(Scenario s, double point) {
    int r = 0;
    while (r < s.regions().size() - 1 && point >= s.regions().get(r).population()) {
      point -= s.regions().get(r).population();
      r++;
    }
    return r;
  }

  private static String reportId(Scenario s, int n, String test, long t, SplittableRandom random) {
    StringBuilder id = new StringBuilder();
    String iso = Times.iso(t - 1);
    id.append(iso, 0, 4).append(iso, 5, 7).append(iso, 8, 10).append('T');
    id.append(iso, 11, 13).append(iso, 14, 16).append(iso, 17, 19).append("Z_");
    id.append(test.replace("_", "")).append('_').append(s.country()).append('_');
    id.append(s.networks().get(n).asn()).append("_n1_");
    for (int i = 0; i < 16; i++) {
      id.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return id.toString();
  }

  private static void write(JsonGenerator g, Scenario s, Measurement m, SplittableRandom random)
      throws IOException {
    Network net = s.networks().get(m.network());
    boolean mobile = net.access().startsWith("mobile");
    g.writeStartObject();
    g.writeObjectFieldStart("annotations");
    g.writeStringField("architecture", mobile ? "arm64" : "amd64");
    g.writeStringField("engine_name", "ooniprobe-engine");
    g.writeStringField("engine_version", "3.14.0");
    g.writeStringField("network_type", mobile ? "mobile" : "wifi");
    g.writeStringField("platform", mobile ? "android" : "windows");
    g.writeEndObject();
    g.writeStringField("data_format_version", "0.2.0");
    g.writeObjectFieldStart("extensions");
    for (String k : new String[] {"dnst", "httpt", "netevents", "tcpconnect", "tlshandshake"}) {
      g.writeNumberField(k, 0);
    }
    g.writeEndObject();
    if (m.input() == null) {
      g.writeNullField("input");
    } else {
      g.writeStringField("input", m.input());
    }
    g.writeStringField("measurement_start_time", ooniTime(m.time()));
    g.writeStringField("probe_asn", "AS" + net.asn());
    g.writeStringField("probe_cc", s.country());
    g.writeStringField("probe_ip", "127.0.0.1");
    g.writeStringField("probe_network_name", net.name());
    g.writeStringField("report_id", m.reportId());
    g.writeStringField("resolver_asn", "AS" + net.asn());
    g.writeStringField("resolver_ip", "127.0.0.2");
    g.writeStringField("resolver_network_name", net.name());
    g.writeStringField("software_name", mobile ? "ooniprobe-android" : "ooniprobe-desktop");
    g.writeStringField("software_version", "3.14.0");
    g.writeObjectFieldStart("test_keys");
    switch (m.test()) {
      case "whatsapp" -> whatsapp(g, m.blocked());
      case "telegram" -> telegram(g, m.blocked());
      case "signal" -> signal(g, m.blocked());
      default -> web(g, m.blocked());
    }
    g.writeEndObject();
    g.writeStringField("test_name", m.test());
    g.writeNumberField("test_runtime", Math.round((0.5 + 4 * random.nextDouble()) * 1000) / 1000.0);
    g.writeStringField("test_start_time", ooniTime(m.time() - 1));
    g.writeStringField("test_version", VERSIONS.get(m.test()));
    g.writeEndObject();
  }

  private static final Map<String, String> VERSIONS =
      Map.of(
          "whatsapp", "0.9.0", "telegram", "0.2.0", "signal", "0.2.0", "web_connectivity", "0.4.1");

  private static void common(JsonGenerator g) throws IOException {
    g.writeStringField("agent", "redirect");
    g.writeNullField("failed_operation");
    g.writeNullField("failure");
    g.writeArrayFieldStart("network_events");
    g.writeEndArray();
    g.writeArrayFieldStart("queries");
    g.writeEndArray();
  }

  private static void request(JsonGenerator g, String method, String url, String failure)
      throws IOException {
    g.writeStartObject();
    if (failure == null) {
      g.writeNullField("failure");
    } else {
      g.writeStringField("failure", failure);
    }
    g.writeObjectFieldStart("request");
    g.writeStringField("body", "");
    g.writeBooleanField("body_is_truncated", false);
    g.writeObjectFieldStart("headers");
    g.writeEndObject();
    g.writeStringField("method", method);
    g.writeObjectFieldStart("tor");
    g.writeNullField("exit_ip");
    g.writeNullField("exit_name");
    g.writeBooleanField("is_tor", false);
    g.writeEndObject();
    g.writeStringField("x_transport", "tcp");
    g.writeStringField("url", url);
    g.writeEndObject();
    g.writeObjectFieldStart("response");
    if (failure == null) {
      g.writeStringField("body", "");
      g.writeBooleanField("body_is_truncated", false);
      g.writeNumberField("code", 200);
      g.writeObjectFieldStart("headers");
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void connect(JsonGenerator g, String ip, int port, boolean ok) throws IOException {
    g.writeStartObject();
    g.writeStringField("ip", ip);
    g.writeNumberField("port", port);
    g.writeObjectFieldStart("status");
    if (ok) {
      g.writeNullField("failure");
    } else {
      g.writeStringField("failure", "generic_timeout_error");
    }
    g.writeBooleanField("success", ok);
    g.writeEndObject();
    g.writeNumberField("t", ok ? 0.09 : 10.0);
    g.writeEndObject();
  }

  private static void whatsapp(JsonGenerator g, boolean blocked) throws IOException {
    String failure = blocked ? "connection_reset" : null;
    common(g);
    g.writeArrayFieldStart("requests");
    request(g, "GET", "https://web.whatsapp.com/", failure);
    request(g, "POST", "https://v.whatsapp.net/v2/register", failure);
    g.writeEndArray();
    g.writeArrayFieldStart("tcp_connect");
    for (int i = 0; i < WHATSAPP_ENDPOINTS.length; i++) {
      connect(g, "157.240.0." + (53 + i), 5222, !blocked);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("tls_handshakes");
    g.writeEndArray();
    nullable(g, "registration_server_failure", failure);
    g.writeStringField("registration_server_status", blocked ? "blocked" : "ok");
    g.writeArrayFieldStart("whatsapp_endpoints_blocked");
    if (blocked) {
      for (String e : WHATSAPP_ENDPOINTS) {
        g.writeString(e);
      }
    }
    g.writeEndArray();
    g.writeArrayFieldStart("whatsapp_endpoints_dns_inconsistent");
    g.writeEndArray();
    g.writeStringField("whatsapp_endpoints_status", blocked ? "blocked" : "ok");
    nullable(g, "whatsapp_web_failure", failure);
    g.writeStringField("whatsapp_web_status", blocked ? "blocked" : "ok");
  }

  private static void telegram(JsonGenerator g, boolean blocked) throws IOException {
    String failure = blocked ? "generic_timeout_error" : null;
    common(g);
    g.writeArrayFieldStart("requests");
    for (String dc : TELEGRAM_DCS) {
      request(g, "POST", "http://" + dc + "/", failure);
    }
    request(g, "GET", "https://web.telegram.org/", failure);
    g.writeEndArray();
    g.writeArrayFieldStart("tcp_connect");
    for (String dc : TELEGRAM_DCS) {
      connect(g, dc, 80, !blocked);
      connect(g, dc, 443, !blocked);
    }
    g.writeEndArray();
    g.writeBooleanField("telegram_http_blocking", blocked);
    g.writeBooleanField("telegram_tcp_blocking", blocked);
    nullable(g, "telegram_web_failure", failure);
    g.writeStringField("telegram_web_status", blocked ? "blocked" : "ok");
  }

  private static void signal(JsonGenerator g, boolean blocked) throws IOException {
    common(g);
    g.writeArrayFieldStart("requests");
    g.writeEndArray();
    g.writeArrayFieldStart("tcp_connect");
    g.writeEndArray();
    g.writeArrayFieldStart("tls_handshakes");
    g.writeEndArray();
    g.writeStringField("signal_backend_status", blocked ? "blocked" : "ok");
    nullable(g, "signal_backend_failure", blocked ? "generic_timeout_error" : null);
  }

  private static void web(JsonGenerator g, boolean blocked) throws IOException {
    g.writeStringField("agent", "redirect");
    g.writeStringField("client_resolver", "127.0.0.2");
    g.writeNullField("retries");
    g.writeNullField("socksproxy");
    g.writeNullField("dns_experiment_failure");
    g.writeStringField("dns_consistency", "consistent");
    g.writeNullField("control_failure");
    nullable(g, "http_experiment_failure", blocked ? "generic_timeout_error" : null);
    for (String k : new String[] {"body_length_match", "status_code_match", "headers_match"}) {
      if (blocked) {
        g.writeNullField(k);
      } else {
        g.writeBooleanField(k, true);
      }
    }
    if (blocked) {
      g.writeNullField("title_match");
      g.writeNumberField("body_proportion", 0);
      g.writeBooleanField("accessible", false);
      g.writeStringField("blocking", "tcp_ip");
    } else {
      g.writeBooleanField("title_match", true);
      g.writeNumberField("body_proportion", 1);
      g.writeBooleanField("accessible", true);
      g.writeBooleanField("blocking", false);
    }
    g.writeArrayFieldStart("queries");
    g.writeEndArray();
    g.writeArrayFieldStart("requests");
    g.writeEndArray();
    g.writeArrayFieldStart("tcp_connect");
    g.writeEndArray();
  }

  private static void nullable(JsonGenerator g, String field, String value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value);
    }
  }

  /** OONI's time format, {@code 2022-01-04 08:15:12}. */
  private static String ooniTime(long t) {
    String iso = Times.iso(t);
    return iso.substring(0, 10) + " " + iso.substring(11, 19);
  }

  private static String stamp(long t) {
    String iso = Times.iso(t);
    return iso.substring(0, 4) + iso.substring(5, 7) + iso.substring(8, 10) + iso.substring(11, 13);
  }
}
