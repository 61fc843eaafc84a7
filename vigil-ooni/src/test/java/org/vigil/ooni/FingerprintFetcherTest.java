// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FingerprintFetcher} against a local HTTP server serving OONI's real fingerprint files (the
 * backend's test copies in the shared data): downloaded, checked, found by {@link
 * FingerprintDatabase#locate}; a bad or missing file changes nothing; offline says what to do.
 */
class FingerprintFetcherTest {
  @TempDir Path dir;
  HttpServer server;
  URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/ooni/backend/master/fastpath/fastpath/tests/data/",
        exchange -> {
          String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
          Path file = Fixtures.backendDir().resolve(name);
          byte[] body =
              name.startsWith("fingerprints_") && Files.exists(file)
                  ? Files.readAllBytes(file)
                  : null;
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.createContext(
        "/broken/",
        exchange -> {
          byte[] body = "{\"not\": \"a table\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          exchange.close();
        });
    server.start();
    base =
        URI.create(
            "http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/ooni/backend/master/fastpath/fastpath/tests/data");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void downloadsChecksAndPlacesTheFilesWhereTheyAreFound() throws Exception {
    Path target = dir.resolve("ooni").resolve("fingerprints");
    FingerprintFetcher.Result r = FingerprintFetcher.create().fetch(base, target);
    FingerprintDatabase expected = Fixtures.fingerprints();
    assertThat(r.dnsCount()).isEqualTo(expected.dns().size());
    assertThat(r.httpCount()).isEqualTo(expected.http().size());
    assertThat(FingerprintDatabase.locate(dir)).contains(target);
    assertThat(FingerprintDatabase.load(target)).isEqualTo(expected);
    assertThat(Files.readString(target.resolve(FingerprintFetcher.SOURCE_FILE)))
        .contains(base + "/fingerprints_http.json")
        .contains("sha256 ");
  }

  @Test
  void aBadOrMissingFileChangesNothing() throws Exception {
    Path target = dir.resolve("fp");
    FingerprintFetcher.create().fetch(base, target);
    byte[] before = Files.readAllBytes(target.resolve(FingerprintDatabase.HTTP_FILE));
    URI broken = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/broken/");
    assertThatThrownBy(() -> FingerprintFetcher.create().fetch(broken, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a fingerprint table");
    URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing/");
    assertThatThrownBy(() -> FingerprintFetcher.create().fetch(missing, target))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("--fingerprints DIR");
    assertThat(Files.readAllBytes(target.resolve(FingerprintDatabase.HTTP_FILE))).isEqualTo(before);
  }

  @Test
  void offlineSaysWhatToDo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    URI nowhere = URI.create("http://127.0.0.1:" + port + "/data/");
    assertThatThrownBy(() -> FingerprintFetcher.create().fetch(nowhere, dir.resolve("fp")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Are you offline?")
        .hasMessageContaining("--fingerprints DIR");
    assertThat(dir.resolve("fp")).doesNotExist();
  }
}
