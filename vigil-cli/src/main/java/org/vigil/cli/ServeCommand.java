// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vigil.series.SeriesImportSpec;
import org.vigil.server.ServerOptions;
import org.vigil.server.VigilServer;
import org.vigil.server.Webhook;
import org.vigil.server.WebhookConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code vigil serve}: the HTTP API and the dashboard over a data directory, until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the dashboard and the HTTP API (IODA v2 shapes and Vigil's own) over the data"
          + " directory, read-only.",
      "",
      "While it runs, other vigil commands cannot open the same data directory (DuckDB allows one"
          + " process). Stop it with Ctrl-C; it finishes the requests in flight.",
      "",
      "The dashboard is at / (world map and events) and /country/CC, /region/CODE, /asn/N; Atom"
          + " feeds at /feeds/events.atom and /feeds/country/CC.atom.",
      "",
      "Webhooks: each --webhook URL gets a POST, signed with HMAC-SHA256 under the secret"
          + " (header X-Vigil-Signature-256: sha256=HEX), for every event published or changed since"
          + " it was registered; checked at start and every --webhook-interval, retried with"
          + " back-off. What was sent is kept in DATA/webhooks.json."
    },
    footer = {
      "",
      "Examples:",
      "  vigil serve",
      "  vigil serve --port 9000 --data /srv/vigil",
      "  VIGIL_WEBHOOK_SECRET=s3cret vigil serve --webhook https://example.org/hooks/vigil",
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

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description = "POST new and changed events to this URL (repeatable).")
  List<URI> webhooks = new ArrayList<>();

  @Option(
      names = "--webhook-secret",
      paramLabel = "SECRET",
      defaultValue = "${env:VIGIL_WEBHOOK_SECRET}",
      description =
          "HMAC-SHA256 key of the signatures (default: env VIGIL_WEBHOOK_SECRET, which keeps it"
              + " out of the process list).")
  String webhookSecret;

  @Option(
      names = "--webhook-interval",
      paramLabel = "DURATION",
      defaultValue = "PT1M",
      converter = IntervalConverter.class,
      description = "How often to look for new events (default: 1m; for example 30s, 5m).")
  Duration webhookInterval;

  /** {@code 30s}, {@code 5m}, {@code 300} (seconds) or ISO-8601 {@code PT1M}. */
  static final class IntervalConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return SeriesImportSpec.parseStep(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "expected a duration such as 30s, 5m or PT1M, got '" + value + "'");
      }
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<Webhook> hooks = new ArrayList<>();
    for (URI url : webhooks) {
      if (webhookSecret == null || webhookSecret.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--webhook needs a secret: set VIGIL_WEBHOOK_SECRET (or give --webhook-secret)");
      }
      try {
        hooks.add(Webhook.of(url, webhookSecret));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--webhook: " + e.getMessage());
      }
    }
    VigilServer server =
        VigilServer.start(
            data.dir(),
            port,
            ServerOptions.defaults()
                .withHost(host)
                .withWebhooks(WebhookConfig.of(hooks).withPollInterval(webhookInterval)));
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
        "Serving %s at http://%s:%d/ (dashboard at /, API under /v2 and /api, /openapi.json)%s."
            + " Ctrl-C stops.%n",
        data.dir(),
        host,
        server.port(),
        hooks.isEmpty() ? "" : "; notifying " + hooks.size() + " webhook(s)");
    out.flush();
    stopped.await();
    return 0;
  }
}
