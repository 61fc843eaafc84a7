// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.InputFormatException;
import org.vigil.series.SeriesImportSpec;

/**
 * Turns rows into points: reads the time, resolves the entity, reads the value, and files the point
 * under its entity. Not API.
 *
 * <p>Entities and zones are resolved once per distinct text: the last row's text is compared first
 * (files grouped by entity), then a {@link CharKeyMap} (files sorted by time), and only a new text
 * reaches the {@link EntityRegistry}.
 */
public final class PointCollector {
  private final String source;
  private final SeriesImportSpec spec;
  private final EntityRegistry registry;
  private final String[] slotNames;
  private final TimeParser times;

  private final Map<String, EntityPoints> byEntityKey = new LinkedHashMap<>();
  private final CharKeyMap<EntityPoints> byText = new CharKeyMap<>();
  private final EntityPoints fixed;
  private final String fixedCountry; // alpha-2 of --country, or null
  private char[] key = new char[64];
  private char[] lastKey = new char[64];
  private int lastKeyLength = -1;
  private EntityPoints last;

  private final CharKeyMap<ZoneId> zones = new CharKeyMap<>();
  private char[] zoneText = new char[32];

  private long rows;
  private long gaps;

  /**
   * @throws IllegalArgumentException if {@code --country} names no country
   */
  public PointCollector(String source, SeriesImportSpec spec, EntityRegistry registry) {
    this.source = source;
    this.spec = spec;
    this.registry = registry;
    this.slotNames = slotNames(spec);
    this.times = new TimeParser(spec.timeFormat());
    if (spec.entity() != null) {
      fixed = new EntityPoints(spec.entity());
      byEntityKey.put(spec.entity().key(), fixed);
    } else {
      fixed = null;
    }
    fixedCountry = spec.country() == null ? null : registry.country(spec.country()).code();
  }

  /** The column each {@link Row} slot reads, {@code null} where the spec uses none. */
  public static String[] slotNames(SeriesImportSpec spec) {
    String[] names = new String[Row.SLOTS];
    names[Row.TIME] = spec.timeColumn();
    names[Row.VALUE] = spec.valueColumn();
    names[Row.ZONE] = spec.timezoneColumn();
    names[Row.ENTITY] = spec.entityColumn();
    names[Row.COUNTRY] = spec.countryColumn();
    names[Row.NAME] = spec.nameColumn();
    return names;
  }

  public TimeParser times() {
    return times;
  }

  public long rows() {
    return rows;
  }

  public long gaps() {
    return gaps;
  }

  /** Entities in the order they first appeared (a fixed entity even if no row was read). */
  public List<EntityPoints> entities() {
    return new ArrayList<>(byEntityKey.values());
  }

  /**
   * Files one row.
   *
   * @throws InputFormatException naming the row's line and the offending column
   */
  public void accept(Row row) {
    ZoneId zone = spec.timezone();
    if (slotNames[Row.ZONE] != null) {
      zone = zone(row);
    }
    if (row.isNull[Row.TIME]) {
      throw error(row, Row.TIME, "the time is null; expected " + times.expected());
    }
    long t = times.parse(row.chars, row.start[Row.TIME], row.end[Row.TIME], zone);
    if (t == TimeParser.INVALID) {
      throw error(
          row,
          Row.TIME,
          "cannot read the time '" + row.text(Row.TIME) + "': expected " + times.expected());
    }
    EntityPoints points = fixed != null ? fixed : entity(row);
    double v;
    if (row.isNull[Row.VALUE]
        || Decimals.isGap(row.chars, row.start[Row.VALUE], row.end[Row.VALUE])) {
      v = Double.NaN;
      gaps++;
    } else {
      v = Decimals.parse(row.chars, row.start[Row.VALUE], row.end[Row.VALUE]);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw error(
            row,
            Row.VALUE,
            "'"
                + row.text(Row.VALUE)
                + "' is not a number: expected a decimal number such as 12.5 or 1.2e3, or an"
                + " empty field, NA, NaN or null for a gap");
      }
    }
    points.add(t, v, row.line);
    rows++;
  }

  private ZoneId zone(Row row) {
    int s = row.start[Row.ZONE];
    int n = row.end[Row.ZONE] - s;
    if (n > zoneText.length) {
      zoneText = new char[Math.max(n, zoneText.length * 2)];
    }
    System.arraycopy(row.chars, s, zoneText, 0, n);
    ZoneId z = zones.get(zoneText, n);
    if (z == null) {
      String text = row.text(Row.ZONE).trim();
      try {
        z = ZoneId.of(text);
      } catch (DateTimeException e) {
        throw error(
            row,
            Row.ZONE,
            "unknown time zone '"
                + text
                + "': expected an IANA zone name such as Europe/Kiev or an offset such as +02:00");
      }
      zones.put(zoneText, n, z);
    }
    return z;
  }

  private EntityPoints entity(Row row) {
    int n = 0;
    n = appendKey(row, Row.ENTITY, n);
    if (slotNames[Row.COUNTRY] != null) {
      n = appendKey(row, Row.COUNTRY, n);
    }
    if (slotNames[Row.NAME] != null) {
      n = appendKey(row, Row.NAME, n);
    }
    if (n == lastKeyLength && Arrays.equals(key, 0, n, lastKey, 0, n)) {
      return last;
    }
    EntityPoints p = byText.get(key, n);
    if (p == null) {
      Entity e = resolve(row);
      p = byEntityKey.computeIfAbsent(e.key(), k -> new EntityPoints(e));
      byText.put(key, n, p);
    }
    if (n > lastKey.length) {
      lastKey = new char[key.length];
    }
    System.arraycopy(key, 0, lastKey, 0, n);
    lastKeyLength = n;
    last = p;
    return p;
  }

  /**
   * Appends a slot's text to the lookup key, prefixed by its length (two chars, as a field may be
   * longer than 65535), so that no two different (code, country, name) texts give the same key.
   */
  private int appendKey(Row row, int slot, int n) {
    int s = row.start[slot];
    int len = row.isNull[slot] ? 0 : row.end[slot] - s;
    if (n + len + 2 > key.length) {
      key = Arrays.copyOf(key, Math.max(n + len + 2, key.length * 2));
    }
    key[n] = (char) (len >>> 16);
    key[n + 1] = (char) len;
    System.arraycopy(row.chars, s, key, n + 2, len);
    return n + len + 2;
  }

  private Entity resolve(Row row) {
    EntityType type = spec.entityType();
    String code = text(row, Row.ENTITY);
    if (code.isEmpty()) {
      throw error(row, Row.ENTITY, "empty " + type + " code");
    }
    String name = slotNames[Row.NAME] == null ? null : text(row, Row.NAME);
    switch (type) {
      case COUNTRY:
        return registry
            .findCountry(code)
            .orElseThrow(() -> error(row, Row.ENTITY, unknownCountry(code)));
      case ASN:
        Entity as;
        try {
          as = registry.asn(code);
        } catch (IllegalArgumentException e) {
          throw error(row, Row.ENTITY, e.getMessage());
        }
        return name == null || name.isEmpty()
            ? as
            : new Entity(EntityType.ASN, as.code(), name, null);
      case REGION:
      default:
        String cc = fixedCountry;
        if (slotNames[Row.COUNTRY] != null) {
          String c = text(row, Row.COUNTRY);
          if (!c.isEmpty()) {
            cc =
                registry
                    .findCountry(c)
                    .orElseThrow(() -> error(row, Row.COUNTRY, unknownCountry(c)))
                    .code();
          }
        }
        try {
          return registry.region(code, cc, name);
        } catch (IllegalArgumentException e) {
          throw error(row, Row.ENTITY, e.getMessage());
        }
    }
  }

  private static String unknownCountry(String text) {
    return "unknown country '"
        + text
        + "': expected an ISO 3166-1 code (UA, UKR or 804) or an English name (Ukraine)";
  }

  private static String text(Row row, int slot) {
    return row.isNull[slot] ? "" : row.text(slot).trim();
  }

  private InputFormatException error(Row row, int slot, String message) {
    return new InputFormatException(source, row.line, slotNames[slot], message);
  }
}
