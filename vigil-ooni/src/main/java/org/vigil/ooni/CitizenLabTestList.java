// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vigil.core.InputFormatException;

/**
 * A Citizen Lab test list ({@code citizenlab/test-lists}, {@code lists/<cc>.csv}): the URLs OONI
 * probes test, each with a category code ({@code NEWS}, {@code COMM}, …).
 *
 * <pre>{@code
 * CitizenLabTestList list = CitizenLabTestList.read(Path.of("lists/kz.csv"));
 * list.category("https://www.rferl.org/");   // Optional[news]
 * }</pre>
 *
 * <p>Header {@code url,category_code,...}; fields may be quoted as in RFC 4180 (on one line). A URL
 * is looked up exactly, then by host, then by host without a leading {@code www.}; the first row
 * for a host gives that host's category. Category codes are returned in lower case.
 */
public final class CitizenLabTestList {
  private final Map<String, String> byUrl;
  private final Map<String, String> byHost;

  private CitizenLabTestList(Map<String, String> byUrl, Map<String, String> byHost) {
    this.byUrl = byUrl;
    this.byHost = byHost;
  }

  /** Reads a test list CSV. */
  public static CitizenLabTestList read(Path csv) throws IOException {
    Map<String, String> byUrl = new HashMap<>();
    Map<String, String> byHost = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        throw new InputFormatException(csv.toString(), 0, null, "empty test list");
      }
      List<String> cols = fields(header);
      int urlCol = cols.indexOf("url");
      int catCol = cols.indexOf("category_code");
      if (urlCol < 0 || catCol < 0) {
        throw new InputFormatException(
            csv.toString(),
            1,
            null,
            "not a Citizen Lab test list (no url and category_code columns)");
      }
      String line;
      long n = 1;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        List<String> f = fields(line);
        if (f.size() <= Math.max(urlCol, catCol)) {
          throw new InputFormatException(csv.toString(), n, null, "too few fields");
        }
        String url = f.get(urlCol).trim();
        String cat = f.get(catCol).trim().toLowerCase(Locale.ROOT);
        if (url.isEmpty() || cat.isEmpty()) {
          continue;
        }
        byUrl.putIfAbsent(url, cat);
        String host = host(url);
        if (host != null) {
          byHost.putIfAbsent(host, cat);
          byHost.putIfAbsent(stripWww(host), cat);
        }
      }
    }
    return new CitizenLabTestList(Map.copyOf(byUrl), Map.copyOf(byHost));
  }

  /** A list from {@code url → category code} pairs, for tests and callers with their own lists. */
  public static CitizenLabTestList of(Map<String, String> categories) {
    Map<String, String> byUrl = new HashMap<>();
    Map<String, String> byHost = new HashMap<>();
    categories.forEach(
        (url, cat) -> {
          String c = cat.toLowerCase(Locale.ROOT);
          byUrl.put(url, c);
          String host = host(url);
          if (host != null) {
            byHost.putIfAbsent(host, c);
            byHost.putIfAbsent(stripWww(host), c);
          }
        });
    return new CitizenLabTestList(Map.copyOf(byUrl), Map.copyOf(byHost));
  }

  /** Number of distinct URLs. */
  public int size() {
    return byUrl.size();
  }

  /** The lower-case category code of {@code url} (or of its host), if the list has it. */
  public Optional<String> category(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String c = byUrl.get(url);
    if (c == null) {
      String host = host(url);
      if (host != null) {
        c = byHost.get(host);
        if (c == null) {
          c = byHost.get(stripWww(host));
        }
      }
    }
    return Optional.ofNullable(c);
  }

  static String host(String url) {
    try {
      String h = new URI(url.trim()).getHost();
      return h == null ? null : h.toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String stripWww(String host) {
    return host.startsWith("www.") ? host.substring(4) : host;
  }

  /** The fields of one CSV line (RFC 4180 quoting, on one line). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    out.add(sb.toString());
    return out;
  }
}
