// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.classify.InputRef;
import org.vigil.detect.report.Narrative;
import org.vigil.store.StoredEvent;

/**
 * Episodes and their narratives as JSON, the same for {@code vigil episodes --format json}, {@code
 * vigil narrative --format json} and {@code /api/episodes}.
 */
public final class EpisodeJson {
  private EpisodeJson() {}

  /**
   * {@code {id, country, start, end, ongoing, summary, kinds, entities, events}}: {@code events}
   * the ids of its published events.
   */
  public static ObjectNode episode(Episode e) {
    ObjectNode o = Json.object();
    o.put("id", e.id());
    o.put("country", e.country());
    o.put("start", Json.iso(e.start()));
    if (e.end() == null) {
      o.putNull("end");
    } else {
      o.put("end", Json.iso(e.end()));
    }
    o.put("ongoing", e.ongoing());
    o.put("summary", e.summary());
    Set<String> kinds = new TreeSet<>();
    Set<String> entities = new TreeSet<>();
    for (ClassifiedEvent c : e.events()) {
      kinds.add(c.kind().key());
      entities.add(c.entity().key());
    }
    ArrayNode k = o.putArray("kinds");
    kinds.forEach(k::add);
    ArrayNode en = o.putArray("entities");
    entities.forEach(en::add);
    ArrayNode ids = o.putArray("events");
    for (ClassifiedEvent c : e.events()) {
      ids.add(c.id());
    }
    return o;
  }

  /** Episodes as a JSON array. */
  public static ArrayNode episodes(List<Episode> episodes) {
    ArrayNode a = Json.array();
    episodes.forEach(e -> a.add(episode(e)));
    return a;
  }

  /** One episode with its events in full ({@link EventJson#event}), in the episode's order. */
  public static ObjectNode detail(Episode e, List<StoredEvent> stored) {
    ObjectNode o = episode(e);
    ArrayNode full = o.putArray("events");
    for (ClassifiedEvent c : e.events()) {
      for (StoredEvent s : stored) {
        if (s.id().equals(c.id())) {
          full.add(EventJson.event(s));
        }
      }
    }
    return o;
  }

  /**
   * {@code {episode, title, text, sentences: [{text, events, signals, inputs: [{path, sha256}]}]}}:
   * the text as {@link Narrative#text()} writes it, and each sentence with its evidence.
   */
  public static ObjectNode narrative(Narrative n) {
    ObjectNode o = Json.object();
    o.put("episode", n.episodeId());
    o.put("title", n.title());
    o.put("text", n.text());
    ArrayNode sentences = o.putArray("sentences");
    for (Narrative.Sentence s : n.sentences()) {
      ObjectNode so = sentences.addObject();
      so.put("text", s.text());
      ArrayNode ev = so.putArray("events");
      s.events().forEach(ev::add);
      ArrayNode sig = so.putArray("signals");
      s.signals().forEach(sig::add);
      ArrayNode in = so.putArray("inputs");
      for (InputRef f : s.inputs()) {
        ObjectNode fo = in.addObject();
        fo.put("path", f.path());
        fo.put("sha256", f.sha256());
      }
    }
    return o;
  }
}
