// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.server.ServerOptions;
import org.vigil.server.VigilServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil serve}: the HTTP API over a data directory, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the HTTP API (IODA v2 shapes and Vigil's own) over the data directory, read-only.",
      "",
      "While it runs, other vigil commands cannot open the same data directory (DuckDB allows one"
          + " process). Stop it with Ctrl-C; it finishes the requests in flight."
    },
    footer = {
      "",
      "Examples:",
      "  vigil serve",
      "  vigil serve --port 9000 --data /srv/vigil",
      "  curl 'http://localhost:8080/v2/outages/events?entityType=country&entityCode=KZ"
          + "&from=1641340800&until=1641945600'",
      "  curl http://localhost:8080/openapi.json"
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every one).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    VigilServer server =
        VigilServer.start(data.dir(), port, ServerOptions.defaults().withHost(host));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stopped.countDown();
                },
                "vigil-serve-stop"));
    out.printf(
        "Serving %s at http://%s:%d/ (API under /v2 and /api; /openapi.json). Ctrl-C stops.%n",
        data.dir(), host, server.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
