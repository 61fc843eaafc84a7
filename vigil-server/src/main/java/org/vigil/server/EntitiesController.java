// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;

/**
 * {@code /v2/entities/query}: the countries, regions and networks Vigil knows, IODA's {@code
 * MetadataEntity} shape {@code {code, name, type, attrs, subnames}}.
 */
final class EntitiesController {
  private final StoreView store;
  private final EntityRegistry registry;
  private final Responses responses;

  EntitiesController(StoreView store, EntityRegistry registry, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.responses = responses;
  }

  /**
   * {@code GET /v2/entities/query?entityType&entityCode&search&relatedTo&limit&page}: every ISO
   * country and top-level region plus every entity the store holds, filtered.
   */
  void query(Context ctx) {
    Params p = new Params(ctx);
    EntityType type = Params.entityType("entityType", p.string("entityType"));
    List<String> codes = Params.commaList(p.string("entityCode"));
    String search = p.string("search");
    String relatedTo = p.string("relatedTo");
    ArrayNode data =
        store.read(
            s -> {
              EntityDirectory dir = EntityDirectory.of(registry, s.series());
              List<Entity> candidates =
                  relatedTo == null ? dir.all(type) : dir.relatedTo(related(dir, relatedTo));
              Set<String> keys = new HashSet<>();
              for (String c : codes) {
                if (type != null) {
                  dir.find("entityCode", type, c).ifPresent(e -> keys.add(e.key()));
                } else {
                  for (EntityType t : EntityType.values()) {
                    findQuietly(dir, t, c).ifPresent(e -> keys.add(e.key()));
                  }
                }
              }
              String needle = search == null ? null : fold(search);
              List<Entity> matched = new ArrayList<>();
              for (Entity e : candidates) {
                if ((type == null || e.type() == type)
                    && (codes.isEmpty() || keys.contains(e.key()))
                    && (needle == null
                        || fold(e.name()).contains(needle)
                        || fold(e.code()).contains(needle))) {
                  matched.add(e);
                }
              }
              ArrayNode out = Json.array();
              for (Entity e : p.page(matched, null)) {
                out.add(entityJson(e, dir));
              }
              return out;
            });
    responses.envelope(ctx, "entities", p, data);
  }

  /** A code that is not valid for one type (an ASN's for a country) simply matches nothing. */
  private static java.util.Optional<Entity> findQuietly(
      EntityDirectory dir, EntityType t, String code) {
    try {
      return dir.find("entityCode", t, code);
    } catch (ApiException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code relatedTo=TYPE/CODE}: 400 when malformed, 404 when unknown. */
  private static Entity related(EntityDirectory dir, String relatedTo) {
    int slash = relatedTo.indexOf('/');
    if (slash <= 0 || slash == relatedTo.length() - 1) {
      throw ApiException.badParameter(
          "relatedTo", "expected TYPE/CODE, for example country/KZ, got '" + relatedTo + "'");
    }
    EntityType t = Params.entityType("relatedTo", relatedTo.substring(0, slash));
    String code = relatedTo.substring(slash + 1);
    return dir.resolve("relatedTo", t, code);
  }

  static ObjectNode entityJson(Entity e, EntityDirectory dir) {
    ObjectNode o = Json.object();
    o.put("code", e.code());
    o.put("name", e.name());
    o.put("type", e.type().key());
    ObjectNode attrs = o.putObject("attrs");
    attrs.put("fqid", SignalsController.fqid(e));
    if (e.country() != null) {
      attrs.put("country_code", e.country());
    }
    ArrayNode ds = attrs.putArray("datasources");
    dir.signalsOf(e).forEach(ds::add);
    o.putArray("subnames");
    return o;
  }

  /** Lower case without accents, for {@code search}: "almaty" finds "Almatý". */
  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT);
  }
}
