// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.probe.internal.Inputs;

/**
 * Maps blocks to entities from a CSV file of {@code prefix,entity} lines:
 *
 * <pre>
 * prefix,entity
 * 198.18.0.0/15,country/KZ
 * 198.18.1.0/24,asn/9198
 * 198.18.2.0/23,region/KZ-ALA
 * </pre>
 *
 * A block belongs, for each entity type, to the entities of the longest listed prefix of that type
 * that covers it: above, 198.18.1.0/24 is in country/KZ and AS9198; a more specific {@code
 * country/...} line would override KZ for the blocks it covers. A prefix may be listed on several
 * lines (an AS serving two countries). Prefixes longer than /24 do not cover a block and are
 * rejected. Malformed lines are reported with their line number and skipped; a header line, blank
 * lines and {@code #} comments are skipped.
 *
 * <pre>{@code
 * EntityRegistry registry = EntityRegistry.load();
 * PrefixEntityTable table =
 *     PrefixEntityTable.read(Path.of("prefixes.csv"), registry::parse, System.err::println);
 * }</pre>
 */
public final class PrefixEntityTable implements BlockEntities {
  private final Map<Long, Map<EntityType, List<Entity>>> byPrefix; // key: network << 6 | length
  private final int lengths; // bit l set when some prefix of length l is listed
  private final int size;

  private PrefixEntityTable(Map<Long, Map<EntityType, List<Entity>>> byPrefix, int size) {
    this.byPrefix = byPrefix;
    int l = 0;
    for (long k : byPrefix.keySet()) {
      l |= 1 << (int) (k & 63);
    }
    this.lengths = l;
    this.size = size;
  }

  /** Reads a table; {@code parser} turns {@code country/KZ} into an entity (or throws). */
  public static PrefixEntityTable read(
      Path file, Function<String, Entity> parser, Consumer<Problem> problems) throws IOException {
    try (InputStream in = Inputs.open(file)) {
      return read(
          new InputStreamReader(in, StandardCharsets.UTF_8), file.toString(), parser, problems);
    }
  }

  /** Reads a table from text; {@code source} names it in problems. */
  public static PrefixEntityTable read(
      Reader text, String source, Function<String, Entity> parser, Consumer<Problem> problems)
      throws IOException {
    BufferedReader r = text instanceof BufferedReader b ? b : new BufferedReader(text);
    Map<Long, Map<EntityType, List<Entity>>> map = new HashMap<>();
    String line;
    long lineNo = 0;
    int entries = 0;
    boolean seenData = false;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (!seenData && t.regionMatches(true, 0, "prefix", 0, 6)) {
        seenData = true;
        continue;
      }
      seenData = true;
      String[] cols = t.split(",", -1);
      if (cols.length != 2) {
        problems.accept(new Problem(source, lineNo, "expected prefix,entity: '" + t + "'"));
        continue;
      }
      Ipv4Prefix prefix;
      try {
        prefix = Ipv4Prefix.parse(cols[0]);
      } catch (IllegalArgumentException e) {
        problems.accept(new Problem(source, lineNo, e.getMessage()));
        continue;
      }
      if (prefix.length() > 24) {
        problems.accept(
            new Problem(
                source, lineNo, prefix + " is longer than /24 and cannot cover a /24 block"));
        continue;
      }
      Entity entity;
      try {
        entity = parser.apply(cols[1].strip());
      } catch (IllegalArgumentException e) {
        problems.accept(new Problem(source, lineNo, e.getMessage()));
        continue;
      }
      long key = ((long) prefix.network() << 6) | prefix.length();
      List<Entity> list =
          map.computeIfAbsent(key, k -> new EnumMap<>(EntityType.class))
              .computeIfAbsent(entity.type(), k -> new ArrayList<>());
      if (!list.contains(entity)) {
        list.add(entity);
        entries++;
      }
    }
    return new PrefixEntityTable(map, entries);
  }

  /** Number of (prefix, entity) entries. */
  public int size() {
    return size;
  }

  @Override
  public List<Entity> entitiesOf(int network) {
    EnumMap<EntityType, List<Entity>> found = new EnumMap<>(EntityType.class);
    for (int len = 24; len >= 0; len--) {
      if ((lengths & (1 << len)) == 0) {
        continue;
      }
      int net = network & Ipv4Prefix.mask(len);
      Map<EntityType, List<Entity>> m = byPrefix.get(((long) net << 6) | len);
      if (m != null) {
        for (Map.Entry<EntityType, List<Entity>> e : m.entrySet()) {
          found.putIfAbsent(e.getKey(), e.getValue());
        }
      }
    }
    if (found.isEmpty()) {
      return List.of();
    }
    LinkedHashSet<Entity> out = new LinkedHashSet<>();
    found.values().forEach(out::addAll);
    return List.copyOf(out);
  }
}
