// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what users type (ISO alpha-2 or alpha-3 codes, numeric codes, country names, ISO 3166-2
 * codes, region names, AS numbers) into canonical {@link Entity} values.
 *
 * <p>Names and codes come from the ISO 3166 data of Debian's {@code iso-codes} package (the JSON
 * files {@code iso_3166-1.json} and {@code iso_3166-2.json}), never from a hand-typed table. The
 * directory is taken from the {@code vigil.iso.dir} system property, else the {@code
 * VIGIL_ISO_CODES} environment variable, else {@code /usr/share/iso-codes/json}.
 *
 * <pre>{@code
 * EntityRegistry registry = EntityRegistry.load();
 * Entity iran = registry.country("IRN"); // country/IR, "Iran, Islamic Republic of"
 * Entity same = registry.parse("country/Iran");
 * }</pre>
 */
public final class EntityRegistry {
  /** Where Debian's {@code iso-codes} package puts its JSON data. */
  public static final Path DEBIAN_ISO_CODES = Path.of("/usr/share/iso-codes/json");

  private final Map<String, Entity> countriesByCode; // alpha-2 -> entity, in ISO order
  private final Map<String, Entity> countryLookup = new HashMap<>(); // any key form -> entity
  private final Map<String, Entity> regionsByCode; // ISO 3166-2 code -> entity
  private final Map<String, List<Entity>> topRegions = new HashMap<>(); // alpha-2 -> regions
  private final Map<String, Entity> regionNameLookup = new HashMap<>(); // "CC|name" -> entity
  private final Path source;

  private EntityRegistry(Path source, JsonNode countries, JsonNode subdivisions) {
    this.source = source;
    Map<String, Entity> byCode = new LinkedHashMap<>();
    for (JsonNode c : countries.path("3166-1")) {
      String alpha2 = c.path("alpha_2").asText();
      Entity e = new Entity(EntityType.COUNTRY, alpha2, c.path("name").asText(), alpha2);
      byCode.put(alpha2, e);
      for (String field : List.of("alpha_2", "alpha_3", "numeric")) {
        if (c.hasNonNull(field)) {
          countryLookup.put(c.get(field).asText().toUpperCase(Locale.ROOT), e);
        }
      }
      for (String field : List.of("name", "official_name", "common_name")) {
        if (c.hasNonNull(field)) {
          countryLookup.putIfAbsent(normalizeName(c.get(field).asText()), e);
        }
      }
      // The names people use ("Russia", "Turkey", "Syria") are often not ISO's: take the English
      // short names of Unicode CLDR too, as the Java runtime ships them.
      String cldr = new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH);
      if (!cldr.isBlank() && !cldr.equals(alpha2)) {
        countryLookup.putIfAbsent(normalizeName(cldr), e);
      }
    }
    this.countriesByCode = Collections.unmodifiableMap(byCode);
    Map<String, Entity> regions = new LinkedHashMap<>();
    for (JsonNode s : subdivisions.path("3166-2")) {
      String code = s.path("code").asText();
      String cc = code.substring(0, code.indexOf('-'));
      Entity e = new Entity(EntityType.REGION, code, s.path("name").asText(), cc);
      regions.put(code, e);
      regionNameLookup.putIfAbsent(cc + "|" + normalizeName(e.name()), e);
      if (!s.hasNonNull("parent")) {
        topRegions.computeIfAbsent(cc, k -> new ArrayList<>()).add(e);
      }
    }
    this.regionsByCode = Collections.unmodifiableMap(regions);
  }

  /** Loads the ISO data from the configured directory (see the class comment). */
  public static EntityRegistry load() {
    String dir = System.getProperty("vigil.iso.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("VIGIL_ISO_CODES");
    }
    return fromDirectory(dir == null || dir.isBlank() ? DEBIAN_ISO_CODES : Path.of(dir));
  }

  /**
   * Loads {@code iso_3166-1.json} and {@code iso_3166-2.json} (Debian's names) or {@code
   * iso3166-1.json} and {@code iso3166-2.json} (pycountry's copy of the same data) from {@code
   * dir}.
   */
  public static EntityRegistry fromDirectory(Path dir) {
    Path countries = pick(dir, "iso_3166-1.json", "iso3166-1.json");
    Path subdivisions = pick(dir, "iso_3166-2.json", "iso3166-2.json");
    ObjectMapper mapper = new ObjectMapper();
    try (InputStream c = Files.newInputStream(countries);
        InputStream s = Files.newInputStream(subdivisions)) {
      return new EntityRegistry(dir, mapper.readTree(c), mapper.readTree(s));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ISO 3166 data in " + dir, e);
    }
  }

  private static Path pick(Path dir, String debianName, String pycountryName) {
    Path p = dir.resolve(debianName);
    if (Files.isRegularFile(p)) {
      return p;
    }
    Path q = dir.resolve(pycountryName);
    if (Files.isRegularFile(q)) {
      return q;
    }
    throw new IllegalStateException(
        "ISO 3166 data not found: no "
            + p
            + ". Install Debian's iso-codes package (apt-get install iso-codes) or set"
            + " VIGIL_ISO_CODES to a directory holding iso_3166-1.json and iso_3166-2.json.");
  }

  /** The directory the data was read from. */
  public Path source() {
    return source;
  }

  /** Every ISO 3166-1 country, in ISO order. */
  public List<Entity> countries() {
    return List.copyOf(countriesByCode.values());
  }

  /** The top-level ISO 3166-2 subdivisions of a country (no sub-subdivisions). */
  public List<Entity> regionsOf(String alpha2) {
    return List.copyOf(topRegions.getOrDefault(alpha2, List.of()));
  }

  /**
   * The country named by an alpha-2, alpha-3 or numeric code, or by its name, official name or
   * common name (case, accents and punctuation ignored).
   */
  public Optional<Entity> findCountry(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim();
    Entity e = countryLookup.get(t.toUpperCase(Locale.ROOT));
    if (e == null) {
      e = countryLookup.get(normalizeName(t));
    }
    return Optional.ofNullable(e);
  }

  /** Like {@link #findCountry} but throws with a hint when nothing matches. */
  public Entity country(String text) {
    return findCountry(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown country '"
                        + text
                        + "': give an ISO 3166-1 code (KZ, KAZ, 398) or an English name"
                        + " (Kazakhstan)"));
  }

  /**
   * The ISO 3166-2 subdivision with this code, if ISO lists it. Codes ISO has replaced, where the
   * data still has the other set (Kazakhstan's numeric codes of 2020, {@code KZ-75} for Almaty),
   * give the entity of the code in the data ({@code KZ-ALA}).
   */
  public Optional<Entity> findRegion(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT);
    Entity e = regionsByCode.get(c);
    if (e == null && ALIASES.containsKey(c)) {
      e = regionsByCode.get(ALIASES.get(c));
    }
    return Optional.ofNullable(e);
  }

  /** Other codes of subdivisions, from {@code subdivision-aliases.tsv}: alias to code. */
  private static final Map<String, String> ALIASES = readAliases();

  private static Map<String, String> readAliases() {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = EntityRegistry.class.getResourceAsStream("subdivision-aliases.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] f = line.split("\t");
          out.put(f[0], f[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(out);
  }

  /**
   * A region from a code and, where known, its country and name. An ISO 3166-2 code gives the ISO
   * entity; a name ISO lists for that country gives the ISO entity too; anything else is a named
   * sub-national area with code {@code CC:ID}.
   *
   * @param code an ISO 3166-2 code or a source's own identifier for the area
   * @param country the country (any form {@link #findCountry} accepts), or {@code null}
   * @param name the area's name as the source gives it, or {@code null}
   */
  public Entity region(String code, String country, String name) {
    String c = code == null ? "" : code.trim();
    Optional<Entity> iso = c.isEmpty() ? Optional.empty() : findRegion(c);
    if (iso.isPresent()) {
      return iso.get();
    }
    String cc = null;
    if (country != null && !country.isBlank()) {
      cc = country(country).code();
    } else if (c.indexOf(':') == 2 || c.indexOf('-') == 2) {
      cc = findCountry(c.substring(0, 2)).map(Entity::code).orElse(null);
    }
    if (cc == null) {
      throw new IllegalArgumentException(
          "region '"
              + code
              + "' is not an ISO 3166-2 code; say which country it is in (--country CC or"
              + " --country-column COL)");
    }
    // A source may name the area instead of coding it ("Almaty"): match ISO names too.
    for (String candidate : new String[] {name, c}) {
      if (candidate != null && !candidate.isBlank()) {
        Entity byName = regionNameLookup.get(cc + "|" + normalizeName(candidate));
        if (byName != null) {
          return byName;
        }
      }
    }
    if (c.isEmpty()) {
      throw new IllegalArgumentException("empty region code in " + cc);
    }
    String id = c.startsWith(cc + ":") ? c.substring(3) : c;
    return new Entity(
        EntityType.REGION, cc + ":" + id, name == null || name.isBlank() ? id : name.trim(), cc);
  }

  /** The autonomous system {@code AS9198} or {@code 9198}. */
  public Entity asn(String text) {
    String t = text.trim();
    if (t.regionMatches(true, 0, "AS", 0, 2)) {
      t = t.substring(2);
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0 || n > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(
          "bad AS number '" + text + "': expected 0 to 4294967295, optionally prefixed AS");
    }
    return new Entity(EntityType.ASN, Long.toString(n), "AS" + n, null);
  }

  /** An entity of the given type from its code, name or number. */
  public Entity entity(EntityType type, String code) {
    return switch (type) {
      case COUNTRY -> country(code);
      case REGION -> region(code, null, null);
      case ASN -> asn(code);
    };
  }

  /**
   * Parses {@code TYPE/CODE}: {@code country/KZ}, {@code country/KAZ}, {@code country/Iran}, {@code
   * region/KZ-75}, {@code region/RU:RUS-42}, {@code asn/9198}.
   */
  public Entity parse(String typeSlashCode) {
    int slash = typeSlashCode.indexOf('/');
    if (slash <= 0 || slash == typeSlashCode.length() - 1) {
      throw new IllegalArgumentException(
          "bad entity '"
              + typeSlashCode
              + "': expected TYPE/CODE, for example country/KZ, region/KZ-75 or asn/9198");
    }
    return entity(
        EntityType.parse(typeSlashCode.substring(0, slash)), typeSlashCode.substring(slash + 1));
  }

  /** Lower case, accents removed, runs of anything but letters and digits made one space. */
  static String normalizeName(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }
}
