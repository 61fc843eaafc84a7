// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The Atom feeds: golden bytes, and the elements RFC 4287 requires. */
class FeedsIT {
  static final String ATOM_NS = "http://www.w3.org/2005/Atom";

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixture.create(dir);
    DatasetLabel.of(DatasetLabel.Origin.SYNTHETIC, "TEST FIXTURE: made up.", "Four days.")
        .write(dir);
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  String feed(String path) {
    HttpResponse<byte[]> r = server.get(path);
    assertThat(r.statusCode()).as(TestServer.body(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/atom+xml; charset=utf-8");
    assertThat(r.headers().firstValue("ETag")).isPresent();
    // Links carry the address the client used; the golden file has a fixed one.
    return TestServer.body(r)
        .replace("http://127.0.0.1:" + server.server.port(), "http://vigil.test");
  }

  @Test
  void theCountryFeedMatchesItsGoldenFile() {
    assertGolden("feed-country-KZ.atom", feed("/feeds/country/KZ.atom"));
    // Any form of the country's code gives the same feed.
    assertThat(feed("/feeds/country/KAZ.atom")).isEqualTo(feed("/feeds/country/KZ.atom"));
  }

  @Test
  void feedsHaveWhatRfc4287Requires() throws Exception {
    for (String path : List.of("/feeds/events.atom", "/feeds/country/KZ.atom")) {
      Document doc = parse(feed(path));
      Element feed = doc.getDocumentElement();
      assertThat(feed.getNamespaceURI()).isEqualTo(ATOM_NS);
      assertThat(feed.getLocalName()).isEqualTo("feed");
      // RFC 4287 §4.1.1: exactly one id, title and updated; an author (here on the feed).
      for (String one : List.of("id", "title", "updated", "author")) {
        assertThat(children(feed, one)).as("%s: feed/%s", path, one).hasSize(1);
      }
      assertThat(children(feed, "link"))
          .anySatisfy(l -> assertThat(l.getAttribute("rel")).isEqualTo("self"));
      dateTime(children(feed, "updated").get(0));
      List<Element> entries = children(feed, "entry");
      assertThat(entries).as(path).hasSize(3);
      List<String> ids = new ArrayList<>();
      for (Element e : entries) {
        // §4.1.2: exactly one id, title, updated; a link rel=alternate since there is no content.
        for (String one : List.of("id", "title", "updated", "summary")) {
          assertThat(children(e, one)).as("%s: entry/%s", path, one).hasSize(1);
        }
        dateTime(children(e, "updated").get(0));
        dateTime(children(e, "published").get(0));
        assertThat(children(e, "link"))
            .anySatisfy(l -> assertThat(l.getAttribute("rel")).isEqualTo("alternate"));
        ids.add(children(e, "id").get(0).getTextContent());
      }
      assertThat(ids).doesNotHaveDuplicates();
    }
  }

  @Test
  void everyEntrySaysTheDataIsNotMeasured() {
    assertThat(feed("/feeds/events.atom"))
        .contains("<subtitle>TEST FIXTURE: made up.</subtitle>")
        .contains("Almaty (regional) from 2022-01-05 10:00 UTC, ongoing");
  }

  @Test
  void anUnknownCountryIsA404NamingTheParameter() {
    JsonAssert.parameter(server.error("/feeds/country/QQ.atom", 404), "code");
    assertThat(server.get("/feeds/country/KZ.rss").statusCode()).isEqualTo(404);
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && ATOM_NS.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  /** RFC 3339 date-time, as Atom's dates must be (§3.3). */
  static void dateTime(Element e) {
    OffsetDateTime.parse(e.getTextContent());
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  static void assertGolden(String name, String actual) {
    if (Boolean.getBoolean("vigil.golden.update")) {
      try {
        Files.writeString(Path.of("src/test/resources/golden", name), actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try (InputStream in = FeedsIT.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in)
          .as("golden file %s (create it with -Dvigil.golden.update=true)", name)
          .isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
