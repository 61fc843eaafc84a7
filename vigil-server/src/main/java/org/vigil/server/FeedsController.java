// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import io.javalin.http.Context;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.store.EventQuery;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;

/**
 * Atom feeds (RFC 4287) of the published events: {@code /feeds/events.atom} for every entity and
 * {@code /feeds/country/{code}.atom} for a country and its regions, newest first, at most {@value
 * #MAX_ENTRIES} entries.
 *
 * <p>An entry's {@code updated} is when the latest input file it rests on was ingested: an event
 * changes (ends, grows) only when data arrives. The feed's is the latest ingest of the store, so
 * the same store gives the same bytes and the same ETag.
 */
final class FeedsController {
  static final String ATOM = "application/atom+xml; charset=utf-8";
  static final int MAX_ENTRIES = 100;
  private static final String NS = "http://www.w3.org/2005/Atom";

  private final StoreView store;
  private final EntityRegistry registry;
  private final DatasetLabel label;
  private final Responses responses;

  FeedsController(
      StoreView store, EntityRegistry registry, DatasetLabel label, Responses responses) {
    this.store = store;
    this.registry = registry;
    this.label = label;
    this.responses = responses;
  }

  /** {@code GET /feeds/events.atom}. */
  void all(Context ctx) {
    String base = baseUrl(ctx);
    Feed feed =
        store.read(
            s ->
                new Feed(
                    s.events(EventQuery.all()),
                    latestIngest(s),
                    "Vigil: all events",
                    "/",
                    "/feeds/events.atom"));
    responses.text(ctx, write(feed, base), ATOM);
  }

  /** {@code GET /feeds/country/{code}.atom}: the country and its regions. */
  void country(Context ctx) {
    String code = ctx.pathParam("code");
    String base = baseUrl(ctx);
    Feed feed =
        store.read(
            s -> {
              List<StoredEvent> all = s.events(EventQuery.all());
              Entity c =
                  EntityDirectory.of(registry, s, all).resolve("code", EntityType.COUNTRY, code);
              return new Feed(
                  s.events(new EventQuery(c.code(), null, null, null)),
                  latestIngest(s),
                  "Vigil: events in " + c.name(),
                  "/country/" + c.code(),
                  "/feeds/country/" + c.code() + ".atom");
            });
    responses.text(ctx, write(feed, base), ATOM);
  }

  /** What one feed shows: its events, when it last changed, its title, page and own path. */
  private record Feed(
      List<StoredEvent> events, long updated, String title, String page, String self) {}

  private static long latestIngest(SignalStore s) {
    long latest = 0;
    for (InputFile f : s.inputs()) {
      latest = Math.max(latest, f.ingestedAt().getEpochSecond());
    }
    return latest;
  }

  /** The scheme and host the client used, so links work behind any name the server has. */
  static String baseUrl(Context ctx) {
    String host = ctx.header("Host");
    if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]_-]+")) {
      host = "localhost";
    }
    return ctx.scheme() + "://" + host;
  }

  private String write(Feed feed, String base) {
    String self = feed.self();
    List<StoredEvent> events = new ArrayList<>(feed.events());
    events.sort(
        Comparator.comparingLong(StoredEvent::start).reversed().thenComparing(StoredEvent::id));
    if (events.size() > MAX_ENTRIES) {
      events = events.subList(0, MAX_ENTRIES);
    }
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("utf-8", "1.0");
      nl(x, 0);
      x.writeStartElement("feed");
      x.writeDefaultNamespace(NS);
      text(x, 1, "title", feed.title());
      if (label.origin() != DatasetLabel.Origin.MEASURED) {
        text(x, 1, "subtitle", label.banner());
      }
      text(x, 1, "id", base + self);
      text(x, 1, "updated", Json.iso(feed.updated()));
      link(x, 1, "self", ATOM.substring(0, ATOM.indexOf(';')), base + self);
      link(x, 1, "alternate", "text/html", base + feed.page());
      nl(x, 1);
      x.writeStartElement("author");
      text(x, 2, "name", "Vigil");
      nl(x, 1);
      x.writeEndElement();
      text(x, 1, "generator", "Vigil");
      for (StoredEvent e : events) {
        entry(x, e, base);
      }
      nl(x, 0);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to a string cannot fail", e);
    }
    return out.append('\n').toString();
  }

  private void entry(XMLStreamWriter x, StoredEvent e, String base) throws XMLStreamException {
    String page =
        base + "/" + e.entity().type().key() + "/" + e.entity().code() + "?event=" + e.id();
    nl(x, 1);
    x.writeStartElement("entry");
    text(x, 2, "title", title(e));
    text(x, 2, "id", base + "/api/events/" + e.id());
    text(x, 2, "published", Json.iso(e.start()));
    text(x, 2, "updated", Json.iso(updated(e)));
    link(x, 2, "alternate", "text/html", page);
    link(x, 2, "related", "application/json", base + "/api/events/" + e.id());
    for (String term : List.of(e.kind(), e.scope())) {
      nl(x, 2);
      x.writeEmptyElement("category");
      x.writeAttribute("term", term);
    }
    text(x, 2, "summary", summary(e));
    nl(x, 1);
    x.writeEndElement();
  }

  /** "Blackout in Kazakhstan (nationwide) from 2022-01-05 10:35 UTC". */
  static String title(StoredEvent e) {
    String kind = e.kind().substring(0, 1).toUpperCase(Locale.ROOT) + e.kind().substring(1);
    return kind
        + " in "
        + name(e.entity())
        + " ("
        + e.scope()
        + ") from "
        + minutes(e.start())
        + " UTC"
        + (e.end() == null ? ", ongoing" : "");
  }

  private String summary(StoredEvent e) {
    StringBuilder s = new StringBuilder();
    s.append(title(e))
        .append(e.end() == null ? "" : " to " + minutes(e.end()) + " UTC")
        .append(". ");
    for (StoredEvent.Signal sig : e.signals()) {
      s.append(sig.name());
      if (!Double.isNaN(sig.lowestRatio())) {
        s.append(" fell to ")
            .append(Math.round(sig.lowestRatio() * 100))
            .append(" % of its usual level");
      }
      s.append("; ");
    }
    s.append("score ").append(Math.round(e.score())).append(". Evidence: ");
    List<String> files = new ArrayList<>();
    for (InputFile f : e.evidence()) {
      files.add(f.path() + " (SHA-256 " + f.sha256() + ")");
    }
    s.append(files.isEmpty() ? "none recorded" : String.join(", ", files)).append('.');
    if (label.origin() != DatasetLabel.Origin.MEASURED) {
      s.append(' ').append(label.banner());
    }
    return s.toString();
  }

  private static long updated(StoredEvent e) {
    long t = e.start();
    for (InputFile f : e.evidence()) {
      t = Math.max(t, f.ingestedAt().getEpochSecond());
    }
    return t;
  }

  private static String name(Entity e) {
    return e.type() == EntityType.ASN ? "AS" + e.code() + " " + e.name() : e.name();
  }

  /** {@code 2022-01-05 10:35}. */
  private static String minutes(long t) {
    return Instant.ofEpochSecond(t).toString().substring(0, 16).replace('T', ' ');
  }

  private static void text(XMLStreamWriter x, int depth, String name, String value)
      throws XMLStreamException {
    nl(x, depth);
    x.writeStartElement(name);
    x.writeCharacters(value);
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, int depth, String rel, String type, String href)
      throws XMLStreamException {
    nl(x, depth);
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("type", type);
    x.writeAttribute("href", href);
  }

  private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
    x.writeCharacters("\n" + "  ".repeat(depth));
  }
}
