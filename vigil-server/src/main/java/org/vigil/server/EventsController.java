// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import io.javalin.http.Context;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.Times;
import org.vigil.store.EventQuery;
import org.vigil.store.StoredEvent;

/**
 * Vigil's own {@code /api/events}: the published events with their signals and evidence, as JSON or
 * CSV, filtered as {@code vigil events} filters them.
 */
final class EventsController {
  private final StoreView store;
  private final EntityRegistry registry;
  private final Responses responses;

  EventsController(StoreView store, EntityRegistry registry, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.responses = responses;
  }

  /** {@code GET /api/events?country&entity&from&until}: a JSON array, by start time. */
  void list(Context ctx) {
    responses.json(ctx, EventJson.events(select(new Params(ctx))));
  }

  /** {@code GET /api/events.csv}: the same selection as CSV. */
  void csv(Context ctx) {
    ctx.header("Content-Disposition", "inline; filename=\"vigil-events.csv\"");
    responses.text(ctx, EventJson.csv(select(new Params(ctx))), Responses.CSV);
  }

  /** {@code GET /api/events/{id}}: one event, or 404. */
  void one(Context ctx) {
    String id = ctx.pathParam("id");
    StoredEvent e =
        store.read(
            s ->
                s.events(EventQuery.all()).stream()
                    .filter(ev -> ev.id().equals(id))
                    .findFirst()
                    .orElseThrow(
                        () -> ApiException.notFound("id", "no event with id '" + id + "'")));
    responses.json(ctx, EventJson.event(e));
  }

  /**
   * {@code country} selects the country and everything within it; {@code entity} exactly the
   * entities named ({@code TYPE/CODE}, several separated by commas: the dashboard asks for a
   * country and its networks at once); {@code from}/{@code until} keep events overlapping the
   * window.
   */
  private List<StoredEvent> select(Params p) {
    String country = p.string("country");
    List<String> entities = Params.commaList(p.string("entity"));
    Long from = time(p, "from");
    Long until = time(p, "until");
    if (from != null && until != null && from >= until) {
      throw ApiException.badParameter("until", "must be after from");
    }
    return store.read(
        s -> {
          List<StoredEvent> all = s.events(EventQuery.all());
          EntityDirectory dir = EntityDirectory.of(registry, s, all);
          String cc =
              country == null ? null : dir.resolve("country", EntityType.COUNTRY, country).code();
          Set<String> keys = new HashSet<>();
          for (String entity : entities) {
            keys.add(entityKey(dir, entity));
          }
          String key = keys.size() == 1 ? keys.iterator().next() : null;
          List<StoredEvent> selected = s.events(new EventQuery(cc, key, from, until));
          return keys.size() > 1
              ? selected.stream().filter(e -> keys.contains(e.entity().key())).toList()
              : selected;
        });
  }

  private static String entityKey(EntityDirectory dir, String typeSlashCode) {
    int slash = typeSlashCode.indexOf('/');
    if (slash <= 0 || slash == typeSlashCode.length() - 1) {
      throw ApiException.badParameter(
          "entity",
          "expected TYPE/CODE, for example country/KZ, region/KZ-ALA or asn/9198, got '"
              + typeSlashCode
              + "'");
    }
    EntityType type = Params.entityType("entity", typeSlashCode.substring(0, slash));
    Entity e = dir.resolve("entity", type, typeSlashCode.substring(slash + 1));
    return e.key();
  }

  /**
   * An optional time: ISO-8601 ({@code 2022-01-05T10:30:00Z}, with an offset, or without one for
   * UTC), a date (midnight UTC), or epoch seconds; the forms {@code vigil events} accepts.
   */
  static Long time(Params p, String name) {
    String t = p.string(name);
    if (t == null) {
      return null;
    }
    try {
      return Times.parse(t);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, e.getMessage());
    }
  }
}
