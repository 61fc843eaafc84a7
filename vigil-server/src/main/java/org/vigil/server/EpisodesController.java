// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.report.Narrative;
import org.vigil.detect.report.StopRow;
import org.vigil.store.EventQuery;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEpisodes;
import org.vigil.store.StoredEvent;

/**
 * Vigil's {@code /api/episodes} and {@code /api/export}: a country's disruptions as episodes, their
 * narratives, and the episodes as Access Now STOP rows and Cloudflare Radar annotations.
 */
final class EpisodesController {
  private final StoreView store;
  private final EntityRegistry registry;
  private final Responses responses;

  EpisodesController(StoreView store, EntityRegistry registry, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.responses = responses;
  }

  /** {@code GET /api/episodes?country}: every episode (of the country), by country then start. */
  void list(Context ctx) {
    String country = new Params(ctx).string("country");
    responses.json(ctx, EpisodeJson.episodes(store.read(s -> select(s, country))));
  }

  /** {@code GET /api/episodes/{id}}: one episode with its events in full, or 404. */
  void one(Context ctx) {
    String id = ctx.pathParam("id");
    responses.json(
        ctx,
        store.read(
            s -> {
              List<StoredEvent> all = s.events(EventQuery.all());
              return EpisodeJson.detail(find(id, all), all);
            }));
  }

  /** {@code GET /api/episodes/{id}/narrative?format=json|text}. */
  void narrative(Context ctx) {
    String id = ctx.pathParam("id");
    String format = new Params(ctx).oneOf("format", "json", "json", "text");
    Narrative n =
        store.read(s -> StoredEpisodes.narrative(s, find(id, s.events(EventQuery.all()))));
    if (format.equals("text")) {
      responses.text(ctx, n.text(), "text/plain; charset=utf-8");
    } else {
      responses.json(ctx, EpisodeJson.narrative(n));
    }
  }

  /** {@code GET /api/export/stop.csv?country}: one STOP row per episode. */
  void stop(Context ctx) {
    String country = new Params(ctx).string("country");
    List<StopRow> rows = new ArrayList<>();
    for (Episode e : store.read(s -> select(s, country))) {
      rows.add(StoredEpisodes.stopRow(e, registry.country(e.country()).name()));
    }
    ctx.header("Content-Disposition", "inline; filename=\"vigil-stop.csv\"");
    responses.text(ctx, StopRow.csv(rows), Responses.CSV);
  }

  /** {@code GET /api/export/annotations.json?country}: Cloudflare Radar's annotation response. */
  void annotations(Context ctx) {
    String country = new Params(ctx).string("country");
    List<Episode> episodes = store.read(s -> select(s, country));
    Map<String, String> names = new HashMap<>();
    for (Episode e : episodes) {
      names.put(e.country(), registry.country(e.country()).name());
    }
    responses.json(ctx, AnnotationJson.response(episodes, names));
  }

  private List<Episode> select(SignalStore s, String country) {
    List<StoredEvent> all = s.events(EventQuery.all());
    if (country == null) {
      List<Episode> out = new ArrayList<>();
      StoredEpisodes.of(all).values().forEach(out::addAll);
      return out;
    }
    EntityDirectory dir = EntityDirectory.of(registry, s, all);
    String cc = dir.resolve("country", EntityType.COUNTRY, country).code();
    return StoredEpisodes.of(cc, all);
  }

  private static Episode find(String id, List<StoredEvent> all) {
    return StoredEpisodes.find(id, all)
        .orElseThrow(() -> ApiException.notFound("id", "no episode with id '" + id + "'"));
  }
}
