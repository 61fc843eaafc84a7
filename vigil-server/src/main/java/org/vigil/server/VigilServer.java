// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.store.duckdb.DuckDbSignalStore;

/**
 * Vigil's HTTP server: the IODA v2-compatible API, Vigil's own {@code /api}, and {@code
 * /openapi.json}, read-only over the store in a data directory.
 *
 * <pre>{@code
 * VigilServer server = VigilServer.start(Path.of("vigil-data"), 8080, ServerOptions.defaults());
 * // GET http://127.0.0.1:8080/v2/outages/events?entityType=country&entityCode=KZ&from=...&until=...
 * server.stop();
 * }</pre>
 *
 * <p>The server opens the store once and reads it afresh on every request, so responses follow the
 * store. DuckDB lets one process hold the file: while the server runs, other {@code vigil} commands
 * cannot open the same data directory.
 */
public final class VigilServer {
  private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);

  /** One route: a GET path (Javalin's syntax, which for {@code {param}} is OpenAPI's too). */
  record Route(String path, Handler handler) {}

  private final Javalin app;
  private final StoreView store;
  private final List<Route> routes;
  private WebhookNotifier webhooks;
  private boolean stopped;

  private VigilServer(Javalin app, StoreView store, List<Route> routes) {
    this.app = app;
    this.store = store;
    this.routes = routes;
  }

  /**
   * Opens the store in {@code dataDir} and serves it on {@code port} (0: any free port).
   *
   * @throws IllegalArgumentException when {@code dataDir} holds no store
   */
  public static VigilServer start(Path dataDir, int port, ServerOptions opts) {
    if (!Files.isRegularFile(dataDir.resolve(DuckDbSignalStore.FILE_NAME))) {
      throw new IllegalArgumentException(
          "no store in "
              + dataDir
              + " (no "
              + DuckDbSignalStore.FILE_NAME
              + "): ingest data first ('vigil ingest series --help'), or point --data or"
              + " VIGIL_DATA at your data directory");
    }
    DatasetLabel label = DatasetLabel.read(dataDir);
    StoreView store = new StoreView(DuckDbSignalStore.open(dataDir));
    try {
      Responses responses = new Responses(opts.cacheMaxAge());
      List<Route> routes = routes(store, opts, responses, label);
      List<Route> pages = Dashboard.routes(store, opts, responses, label);
      Javalin app = create(routes, pages, opts, responses);
      app.start(opts.host(), port);
      VigilServer server = new VigilServer(app, store, routes);
      if (!opts.webhooks().hooks().isEmpty()) {
        server.webhooks = WebhookNotifier.start(store, opts.webhooks(), dataDir);
      }
      return server;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /**
   * Stops accepting connections, lets requests in flight finish (up to {@link
   * ServerOptions#stopTimeout()}), then closes the store. Calling it again does nothing.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      if (webhooks != null) {
        webhooks.stop();
      }
      app.stop();
    } finally {
      store.close();
    }
  }

  /** The paths served, for the test that holds the OpenAPI document to them. */
  List<String> routePaths() {
    return routes.stream().map(Route::path).toList();
  }

  private static List<Route> routes(
      StoreView store, ServerOptions opts, Responses responses, DatasetLabel label) {
    SignalsController signals = new SignalsController(store, opts.registry(), responses);
    OutagesController outages = new OutagesController(store, opts.registry(), responses);
    EntitiesController entities = new EntitiesController(store, opts.registry(), responses);
    EventsController events = new EventsController(store, opts.registry(), responses);
    EpisodesController episodes = new EpisodesController(store, opts.registry(), responses);
    MetaController meta = new MetaController(store, opts.registry(), label, responses);
    FeedsController feeds = new FeedsController(store, opts.registry(), label, responses);
    String openApi = resource("openapi.json");
    return List.of(
        new Route("/api/meta", meta::meta),
        new Route("/feeds/events.atom", feeds::all),
        new Route("/feeds/country/{code}.atom", feeds::country),
        new Route("/v2/signals/raw/{entityType}/{entityCode}", signals::raw),
        new Route("/v2/datasources", signals::datasources),
        new Route("/v2/datasources/{datasource}", signals::datasource),
        new Route("/v2/outages/alerts", outages::alerts),
        new Route("/v2/outages/events", outages::events),
        new Route("/v2/outages/summary", outages::summary),
        new Route("/v2/entities/query", entities::query),
        new Route("/api/events", events::list),
        new Route("/api/events.csv", events::csv),
        new Route("/api/events/{id}", events::one),
        new Route("/api/episodes", episodes::list),
        new Route("/api/episodes/{id}", episodes::one),
        new Route("/api/episodes/{id}/narrative", episodes::narrative),
        new Route("/api/export/stop.csv", episodes::stop),
        new Route("/api/export/annotations.json", episodes::annotations),
        new Route("/openapi.json", ctx -> responses.text(ctx, openApi, Responses.JSON)));
  }

  private static Javalin create(
      List<Route> routes, List<Route> pages, ServerOptions opts, Responses responses) {
    return Javalin.create(
        config -> {
          config.startup.showJavalinBanner = false;
          config.startup.showOldJavalinVersionWarning = false;
          config.jetty.modifyServer(
              server -> {
                // Graceful stop: new requests get 503, those in flight may finish.
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(opts.stopTimeout().toMillis());
              });
          config.requestLogger.http(
              (ctx, ms) -> opts.accessLog().accept(accessLine(ctx, ms == null ? 0 : ms)));
          // Read-only public data: any page may fetch it (no credentials are involved).
          config.routes.before(ctx -> ctx.header("Access-Control-Allow-Origin", "*"));
          for (Route r : routes) {
            config.routes.get(r.path(), r.handler());
          }
          for (Route r : pages) {
            config.routes.get(r.path(), r.handler());
          }
          config.routes.exception(
              ApiException.class,
              (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.parameter()));
          config.routes.exception(
              HttpResponseException.class,
              (e, ctx) ->
                  error(
                      ctx,
                      e.getStatus(),
                      e.getStatus() == 404
                          ? "no such endpoint: "
                              + ctx.method()
                              + " "
                              + ctx.path()
                              + " (GET /openapi.json lists them)"
                          : e.getMessage(),
                      null));
          config.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: the server log has the details", null);
              });
        });
  }

  /**
   * Every error body has {@code error: {status, message[, parameter]}}: under {@code /v2} inside
   * IODA's envelope (with {@code data: null}), elsewhere alone.
   */
  private static void error(Context ctx, int status, String message, String parameter) {
    ObjectNode err = Responses.errorOf(status, message, parameter);
    ObjectNode body;
    if (ctx.path().startsWith("/v2/")) {
      body = Responses.envelopeOf("error", givenParameters(ctx), err, null);
    } else {
      body = Json.object();
      body.set("error", err);
    }
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(Responses.JSON);
    ctx.result(bytes);
  }

  /** The request's parameters for an error envelope; none when no route matched. */
  private static Map<String, String> givenParameters(Context ctx) {
    try {
      return new Params(ctx).asGiven();
    } catch (RuntimeException e) {
      return Map.of(); // no endpoint: no path parameters to read
    }
  }

  private static String accessLine(Context ctx, float ms) {
    String q = ctx.queryString();
    return String.format(
        Locale.ROOT,
        "%s \"%s %s%s\" %d %.1f ms",
        ctx.ip(),
        ctx.method(),
        ctx.path(),
        q == null || q.isEmpty() ? "" : "?" + q,
        ctx.statusCode(),
        ms);
  }

  private static String resource(String name) {
    try (InputStream in = VigilServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
