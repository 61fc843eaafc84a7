// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A country's local time: the first time zone the tz database lists for it in {@code zone.tab}
 * (Debian's {@code tzdata}), which is its main one ({@code KZ → Asia/Almaty}, "most of Kazakhstan";
 * {@code US → America/New_York}). Countries with several zones get that first one; statements name
 * the zone, so the reader knows which clock is meant.
 *
 * <pre>{@code
 * ZoneId almaty = CountryZones.load().zone("KZ").orElse(ZoneOffset.UTC);
 * }</pre>
 *
 * <p>The file is {@code /usr/share/zoneinfo/zone.tab}, or the one named by the system property
 * {@code vigil.zone.tab} or the environment variable {@code VIGIL_ZONE_TAB}.
 */
public final class CountryZones {
  /** Where Debian's {@code tzdata} package puts the table. */
  public static final Path DEBIAN_ZONE_TAB = Path.of("/usr/share/zoneinfo/zone.tab");

  private static volatile CountryZones system;

  private final Map<String, ZoneId> byCountry;

  private CountryZones(Map<String, ZoneId> byCountry) {
    this.byCountry = Map.copyOf(byCountry);
  }

  /**
   * The table of this machine (see the class comment), read once; empty (every country in UTC) when
   * the file is missing.
   */
  public static CountryZones load() {
    CountryZones z = system;
    if (z == null) {
      String p = System.getProperty("vigil.zone.tab");
      if (p == null || p.isBlank()) {
        p = System.getenv("VIGIL_ZONE_TAB");
      }
      Path file = p == null || p.isBlank() ? DEBIAN_ZONE_TAB : Path.of(p);
      z = Files.isRegularFile(file) ? read(file) : new CountryZones(Map.of());
      system = z;
    }
    return z;
  }

  /**
   * Reads a {@code zone.tab}: {@code CC<tab>coordinates<tab>TZ[<tab>comment]}, {@code #} comments.
   */
  public static CountryZones read(Path file) {
    Map<String, ZoneId> out = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length < 3) {
          continue;
        }
        String cc = f[0].trim().toUpperCase(Locale.ROOT);
        if (!out.containsKey(cc)) {
          try {
            out.put(cc, ZoneId.of(f[2].trim()));
          } catch (DateTimeException e) {
            // a zone newer than this Java runtime's tz data: the country's next line may do
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the time zone table " + file, e);
    }
    return new CountryZones(out);
  }

  /** The main zone of a country (ISO alpha-2), if the table lists it. */
  public Optional<ZoneId> zone(String country) {
    return Optional.ofNullable(byCountry.get(country.toUpperCase(Locale.ROOT)));
  }

  /** The main zone of a country, or UTC when the table does not list it. */
  public ZoneId zoneOrUtc(String country) {
    return zone(country).orElse(ZoneOffset.UTC);
  }
}
