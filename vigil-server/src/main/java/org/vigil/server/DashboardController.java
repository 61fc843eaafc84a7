// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.store.EventQuery;

/**
 * The dashboard: its pages ({@code /}, {@code /country/CC}, {@code /region/CODE}, {@code /asn/N})
 * and their static assets under {@code /assets/}, all from the jar ({@code dashboard/} beside this
 * class; the third-party ones under {@code vendor/}, put there by the build's {@code npm ci}).
 *
 * <p>Pages are HTML shells the scripts fill from the API. The server writes the entity's name and
 * the dataset banner into them, so the banner shows even before (or without) JavaScript, and an
 * unknown entity is a 404 page.
 */
final class DashboardController {
  private static final String ROOT = "dashboard/";
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._/-]*");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "json", "application/json",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  private final StoreView store;
  private final EntityRegistry registry;
  private final DatasetLabel label;
  private final Responses responses;
  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  DashboardController(
      StoreView store, EntityRegistry registry, DatasetLabel label, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.label = label;
    this.responses = responses;
    if (asset("home.html").isEmpty() || asset("vendor/uplot/dist/uPlot.iife.min.js").isEmpty()) {
      throw new IllegalStateException(
          "the dashboard is missing from the jar: build with 'mvn -B package' (it runs npm ci)");
    }
  }

  /** {@code GET /}: the world map and the list of events. */
  void home(Context ctx) {
    page(ctx, 200, "home.html", "Vigil: internet shutdowns and outages", "");
  }

  /** {@code GET /country/{code}}. */
  void country(Context ctx) {
    entityPage(ctx, EntityType.COUNTRY);
  }

  /** {@code GET /region/{code}}. */
  void region(Context ctx) {
    entityPage(ctx, EntityType.REGION);
  }

  /** {@code GET /asn/{code}}. */
  void asn(Context ctx) {
    entityPage(ctx, EntityType.ASN);
  }

  /** {@code GET /assets/<path>}: a static file of the dashboard, or a JSON 404. */
  void asset(Context ctx) {
    String path = ctx.pathParam("path");
    byte[] bytes =
        asset(path)
            .orElseThrow(() -> ApiException.notFound("path", "no dashboard asset '" + path + "'"));
    responses.bytes(ctx, bytes, contentType(path));
  }

  private void entityPage(Context ctx, EntityType type) {
    String code = ctx.pathParam("code");
    Optional<Entity> entity;
    try {
      // The series name nearly every entity; the events (slower to read) only the rest.
      entity =
          store.read(
              s -> {
                Optional<Entity> e =
                    EntityDirectory.of(registry, s.series()).find("code", type, code);
                return e.isPresent()
                    ? e
                    : EntityDirectory.of(registry, s, s.events(EventQuery.all()))
                        .find("code", type, code);
              });
    } catch (ApiException e) { // a malformed AS number
      entity = Optional.empty();
    }
    if (entity.isEmpty()) {
      page(
          ctx,
          404,
          "missing.html",
          "Vigil: unknown " + type.key(),
          "No " + type.key() + " '" + code + "' is known to Vigil.");
      return;
    }
    Entity e = entity.get();
    String name = e.name();
    if (e.type() == EntityType.ASN && !name.equals("AS" + e.code())) {
      name = "AS" + e.code() + " " + name; // a network without a stored name is named AS<n>
    }
    page(ctx, 200, "entity.html", "Vigil: " + name, name);
  }

  /** Fills a page's placeholders: {@code {{title}}}, {@code {{heading}}}, {@code {{banner}}}. */
  private void page(Context ctx, int status, String file, String title, String heading) {
    String html =
        new String(asset(file).orElseThrow(), StandardCharsets.UTF_8)
            .replace("{{title}}", escape(title))
            .replace("{{heading}}", escape(heading))
            .replace("{{banner}}", banner());
    if (status != 200) {
      ctx.status(status);
      ctx.header("Cache-Control", "no-store");
      ctx.contentType(TYPES.get("html"));
      ctx.result(html);
      return;
    }
    responses.text(ctx, html, TYPES.get("html"));
  }

  /**
   * The dataset banner as HTML, or nothing for measured data. It stays on screen as the page
   * scrolls (the stylesheet pins it); a phone shows its first sentence only.
   */
  private String banner() {
    if (label.origin() == DatasetLabel.Origin.MEASURED) {
      return "";
    }
    return "<div class=\"banner\" id=\"dataset-banner\" role=\"note\"><strong>"
        + escape(label.banner())
        + "</strong> <span class=\"banner-more\">"
        + escape(label.description())
        + "</span></div>";
  }

  private Optional<byte[]> asset(String path) {
    if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(path, DashboardController::load);
  }

  private static Optional<byte[]> load(String path) {
    try (InputStream in = DashboardController.class.getResourceAsStream(ROOT + path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1);
    return TYPES.getOrDefault(ext, "text/plain; charset=utf-8");
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
