// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.core.Entity;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.classify.Scope;

/**
 * Episodes as Cloudflare Radar outage annotations: the response of {@code GET
 * /radar/annotations/outages} ({@code {success, errors, messages, result: {annotations}}}), so
 * Radar clients read it as they read Radar's (REFERENCE.md §4.1).
 *
 * <pre>{@code
 * ObjectNode body = AnnotationJson.response(episodes, Map.of("KZ", "Kazakhstan"));
 * }</pre>
 *
 * <p>One annotation per episode: {@code id} the episode's, {@code dataSource} {@code ALL}, {@code
 * eventType} {@code OUTAGE}, {@code description} the episode's summary, {@code startDate} and
 * {@code endDate} (null while ongoing), {@code locations} the country, {@code asns} the networks
 * with events, {@code scope} the regions or networks (absent when nationwide; {@code linkedUrl} is
 * absent too), and {@code outage}: {@code outageType} the widest scope of its events ({@code
 * NATIONWIDE}, {@code REGIONAL}, {@code NETWORK}) and {@code outageCause} {@code UNKNOWN}: the
 * cause is for a person to establish.
 */
public final class AnnotationJson {
  private AnnotationJson() {}

  /**
   * @param countryNames names of the countries by alpha-2 code (their code when missing)
   */
  public static ObjectNode response(List<Episode> episodes, Map<String, String> countryNames) {
    ObjectNode o = Json.object();
    o.put("success", true);
    o.putArray("errors");
    o.putArray("messages");
    ArrayNode a = o.putObject("result").putArray("annotations");
    for (Episode e : episodes) {
      a.add(annotation(e, countryNames.getOrDefault(e.country(), e.country())));
    }
    return o;
  }

  static ObjectNode annotation(Episode e, String countryName) {
    ObjectNode o = Json.object();
    o.put("id", e.id());
    o.put("dataSource", "ALL");
    o.put("eventType", "OUTAGE");
    o.put("description", e.summary());
    o.put("startDate", Json.iso(e.start()));
    if (e.end() == null) {
      o.putNull("endDate");
    } else {
      o.put("endDate", Json.iso(e.end()));
    }
    o.putArray("locations").add(e.country());
    ObjectNode loc = o.putArray("locationsDetails").addObject();
    loc.put("code", e.country());
    loc.put("name", countryName);
    Map<Long, Entity> networks = new TreeMap<>();
    TreeSet<String> regions = new TreeSet<>();
    Scope widest = Scope.NETWORK;
    for (ClassifiedEvent c : e.events()) {
      if (c.scope().ordinal() < widest.ordinal()) {
        widest = c.scope();
      }
      switch (c.entity().type()) {
        case ASN -> networks.put(Long.parseLong(c.entity().code()), c.entity());
        case REGION -> regions.add(c.entity().name());
        case COUNTRY -> {}
      }
    }
    ArrayNode asns = o.putArray("asns");
    ArrayNode details = o.putArray("asnsDetails");
    List<String> names = new ArrayList<>();
    for (Map.Entry<Long, Entity> n : networks.entrySet()) {
      asns.add(n.getKey());
      ObjectNode d = details.addObject();
      d.put("asn", Long.toString(n.getKey()));
      d.put("name", n.getValue().name());
      ObjectNode l = d.putObject("locations");
      l.put("code", e.country());
      l.put("name", countryName);
      names.add(n.getValue().name());
    }
    o.putArray("origins");
    o.putArray("originsDetails");
    if (widest != Scope.NATIONWIDE) {
      List<String> where = new ArrayList<>(regions);
      where.addAll(names);
      o.put("scope", String.join(", ", where));
    }
    ObjectNode outage = o.putObject("outage");
    outage.put("outageCause", "UNKNOWN");
    outage.put("outageType", widest.name());
    return o;
  }
}
