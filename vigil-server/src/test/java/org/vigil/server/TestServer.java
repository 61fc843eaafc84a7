// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The real server on a free port over a data directory, and a client for it: Javalin's {@code
 * JavalinTest} pattern with the JDK's HttpClient.
 */
final class TestServer implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();

  final VigilServer server;
  final BlockingQueue<String> accessLog = new LinkedBlockingQueue<>();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(Path dataDir, ServerOptions opts) {
    this.server = VigilServer.start(dataDir, 0, opts.withAccessLog(accessLog::add));
  }

  static TestServer start(Path dataDir) {
    return new TestServer(dataDir, ServerOptions.defaults().withRegistry(Fixture.REGISTRY));
  }

  static TestServer start(Path dataDir, ServerOptions opts) {
    return new TestServer(dataDir, opts);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  /** GET with the given header name/value pairs. */
  HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The JSON body of a 200 response. */
  JsonNode json(String pathAndQuery) {
    return json(pathAndQuery, 200);
  }

  /** The JSON body of a response with this status. */
  JsonNode json(String pathAndQuery, int status) {
    HttpResponse<byte[]> r = get(pathAndQuery);
    assertThat(r.statusCode()).as("status of GET %s: %s", pathAndQuery, body(r)).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    return parse(r.body());
  }

  /** The {@code data} of an IODA envelope from a 200 response. */
  JsonNode data(String pathAndQuery) {
    JsonNode env = json(pathAndQuery);
    assertThat(env.get("error").isNull()).isTrue();
    return env.get("data");
  }

  /** The {@code error} object of a response with this status. */
  JsonNode error(String pathAndQuery, int status) {
    JsonNode body = json(pathAndQuery, status);
    JsonNode error = body.get("error");
    assertThat(error.get("status").asInt()).isEqualTo(status);
    return error;
  }

  static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String body(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop();
  }
}
