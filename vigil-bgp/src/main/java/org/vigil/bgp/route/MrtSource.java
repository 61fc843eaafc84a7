// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.route;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MRT file and the collector it comes from. Peers are keyed by collector, address and AS, so two
 * collectors that peer with the same router keep separate tables.
 *
 * @param file the MRT file (any compression)
 * @param collector the collector's name ({@code rrc00}, {@code route-views2}), or "" if unknown
 */
public record MrtSource(Path file, String collector) {
  private static final Pattern RIS = Pattern.compile("(?<![a-z0-9])(rrc\\d{2})(?![0-9])");
  private static final Pattern ROUTEVIEWS =
      Pattern.compile("(route-views\\d*(?:\\.[a-z][a-z0-9-]*)?)");

  public MrtSource {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(collector, "collector");
  }

  /**
   * The file, with the collector guessed from its path as RIPE RIS and RouteViews lay out their
   * archives ({@code rrc06/2015.04/updates...}, {@code route-views.jinx/bgpdata/...}, {@code
   * routeviews.route-views.jinx.updates...}); "" when the path names none.
   */
  public static MrtSource of(Path file) {
    return new MrtSource(file, guessCollector(file));
  }

  static String guessCollector(Path file) {
    String p = file.toString().replace('\\', '/').toLowerCase(Locale.ROOT);
    Matcher rv = ROUTEVIEWS.matcher(p);
    String found = "";
    while (rv.find()) {
      found = rv.group(1); // the last one named is the most specific
    }
    if (!found.isEmpty()) {
      if (found.endsWith(".updates") || found.endsWith(".rib") || found.endsWith(".bgpdata")) {
        found = found.substring(0, found.lastIndexOf('.'));
      }
      return found;
    }
    Matcher ris = RIS.matcher(p);
    while (ris.find()) {
      found = ris.group(1);
    }
    return found;
  }
}
