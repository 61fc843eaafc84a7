// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil fetch fingerprints} from a local server serving OONI's real fingerprint files, then
 * {@code vigil ingest ooni} finding them in the data directory without {@code --fingerprints}.
 */
class FetchFingerprintsTest {
  @TempDir Path dir;

  @Test
  void fetchedFingerprintsAreUsedByLaterRuns() throws Exception {
    Path fixtures = Cli.shared("ooni-backend-fixtures");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/fp/",
        exchange -> {
          Path file = fixtures.resolve(Path.of(exchange.getRequestURI().getPath()).getFileName());
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          exchange.close();
        });
    server.start();
    try {
      String data = dir.resolve("data").toString();
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/fp/";
      Cli fetch = Cli.run("fetch", "fingerprints", "--from", url, "--data", data);
      assertThat(fetch.exit()).as(fetch.err()).isZero();
      assertThat(fetch.out()).contains("DNS and").contains("HTTP fingerprints");
      Cli ingest =
          Cli.run(
              "ingest",
              "ooni",
              fixtures.resolve("web_connectivity_ir_fp.json").toString(),
              "--data",
              data);
      assertThat(ingest.exit()).as(ingest.err()).isZero();
      assertThat(ingest.out()).contains("1 measurements counted");
    } finally {
      server.stop(0);
    }
  }
}
