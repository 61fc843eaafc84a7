// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.vigil.core.InputFormatException;

/**
 * An immutable map from IPv4 and IPv6 addresses to what is known about them: country (ISO 3166-1
 * alpha-2), region, and origin AS. Longest-prefix match: where ranges nest, the most specific one
 * decides. Lookups are a binary search over primitive arrays and allocate nothing.
 *
 * <p>Read from the formats users download ({@link GeoFormat}), combined with {@link #overlay}, and
 * kept in a compact binary file with {@link #save} and {@link #load}; each table remembers the
 * files it came from with their SHA-256 ({@link #sources()}).
 *
 * <pre>{@code
 * GeoTable geo = GeoTable.read(Path.of("delegated-ripencc-extended-latest"));
 * int record = geo.recordIpv4(IpAddresses.parseIpv4("2.72.0.1"));
 * String cc = geo.country(record); // "KZ"
 * geo.save(dataDir.resolve("geo/ripencc.vgeo"));
 * }</pre>
 *
 * <p>IPv6 is resolved per /64: a range that starts or ends inside a /64 covers all of it. Finer
 * geolocation than a subnet has no meaning for the signals Vigil computes.
 */
public final class GeoTable {
  /** A record index meaning "nothing known". */
  public static final int NONE = -1;

  static final String MAGIC = "VIGILGEO";
  private static final int VERSION = 1;

  /** Receives the parts of an address range and the record of each. */
  @FunctionalInterface
  public interface SegmentVisitor {
    /**
     * @param first first address of the part (IPv4: 0 to 2^32-1; IPv6: the high 64 bits, unsigned)
     * @param last last address of the part, inclusive, in the same units
     * @param record the record of those addresses, or {@link #NONE}
     */
    void segment(long first, long last, int record);
  }

  private final List<GeoSource> sources;
  private final String[] countries;
  private final String[] regions;
  private final long[] asns;
  // Segments: sorted starts (sign bit flipped so signed order is unsigned order) and records.
  private final int[] v4Starts;
  private final int[] v4Records;
  private final long[] v6Starts;
  private final int[] v6Records;

  private GeoTable(
      List<GeoSource> sources,
      String[] countries,
      String[] regions,
      long[] asns,
      int[] v4Starts,
      int[] v4Records,
      long[] v6Starts,
      int[] v6Records) {
    this.sources = List.copyOf(sources);
    this.countries = countries;
    this.regions = regions;
    this.asns = asns;
    this.v4Starts = v4Starts;
    this.v4Records = v4Records;
    this.v6Starts = v6Starts;
    this.v6Records = v6Records;
  }

  // ---------------------------------------------------------------- reading source formats

  /** Reads a file in any {@link GeoFormat}, told by its content. */
  public static GeoTable read(Path file) throws IOException {
    return read(file, GeoFormat.detect(file), null);
  }

  /**
   * Reads a file in the given format.
   *
   * @param country for {@link GeoFormat#CIDR_LIST}, the country of every prefix; {@code null} to
   *     take it from a {@code # Country: Name (CC)} comment or a two-letter file name ({@code
   *     kz.cidr}); ignored for other formats
   * @throws InputFormatException with the line number if the file is not what its format says
   */
  public static GeoTable read(Path file, GeoFormat format, String country) throws IOException {
    Objects.requireNonNull(format, "format");
    return switch (format) {
      case RIR_DELEGATED -> GeoTextReaders.rir(file);
      case CSV_RANGES -> GeoTextReaders.csv(file);
      case PFX2AS -> GeoTextReaders.pfx2as(file);
      case CIDR_LIST -> GeoTextReaders.cidrList(file, country);
      case MMDB -> MmdbGeoReader.read(file);
      case VIGIL -> load(file);
    };
  }

  // ---------------------------------------------------------------- lookups

  /** The record for an IPv4 address (big-endian int), or {@link #NONE}. */
  public int recordIpv4(int address) {
    int i = Arrays.binarySearch(v4Starts, address ^ Integer.MIN_VALUE);
    if (i < 0) {
      i = -i - 2;
    }
    return v4Records[i];
  }

  /** The record for an IPv6 address, given its high 64 bits (the /64 it lies in). */
  public int recordIpv6(long high) {
    int i = Arrays.binarySearch(v6Starts, high ^ Long.MIN_VALUE);
    if (i < 0) {
      i = -i - 2;
    }
    return v6Records[i];
  }

  /**
   * Visits the parts of the IPv4 range {@code [first, last]} (unsigned, 0 to 2^32-1) that fall in
   * different records, in address order. Allocates nothing.
   */
  public void forEachIpv4(long first, long last, SegmentVisitor visitor) {
    if (first < 0 || last > 0xFFFF_FFFFL || first > last) {
      throw new IllegalArgumentException("bad IPv4 range " + first + ".." + last);
    }
    int i = Arrays.binarySearch(v4Starts, (int) first ^ Integer.MIN_VALUE);
    if (i < 0) {
      i = -i - 2;
    }
    long pos = first;
    while (true) {
      long segLast =
          i + 1 < v4Starts.length
              ? ((v4Starts[i + 1] ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL) - 1
              : 0xFFFF_FFFFL;
      long end = Math.min(segLast, last);
      visitor.segment(pos, end, v4Records[i]);
      if (end == last) {
        return;
      }
      pos = end + 1;
      i++;
    }
  }

  /**
   * Visits the parts of the IPv6 range of /64s {@code [firstHigh, lastHigh]} (high 64 bits,
   * compared unsigned) that fall in different records, in address order. Allocates nothing.
   */
  public void forEachIpv6(long firstHigh, long lastHigh, SegmentVisitor visitor) {
    long f = firstHigh ^ Long.MIN_VALUE;
    long l = lastHigh ^ Long.MIN_VALUE;
    if (f > l) {
      throw new IllegalArgumentException("bad IPv6 range");
    }
    int i = Arrays.binarySearch(v6Starts, f);
    if (i < 0) {
      i = -i - 2;
    }
    long pos = f;
    while (true) {
      long segLast = i + 1 < v6Starts.length ? v6Starts[i + 1] - 1 : Long.MAX_VALUE;
      long end = Math.min(segLast, l);
      visitor.segment(pos ^ Long.MIN_VALUE, end ^ Long.MIN_VALUE, v6Records[i]);
      if (end == l) {
        return;
      }
      pos = end + 1;
      i++;
    }
  }

  /** How many distinct records (country, region, AS combinations) the table has. */
  public int recordCount() {
    return countries.length;
  }

  /** The country (ISO 3166-1 alpha-2, upper case) of a record, or null. */
  public String country(int record) {
    return record < 0 ? null : countries[record];
  }

  /**
   * The region of a record, or null: an ISO 3166-2 code ({@code KZ-75}) where the source gives one,
   * else the source's name for it.
   */
  public String region(int record) {
    return record < 0 ? null : regions[record];
  }

  /** The origin AS of a record, or -1. */
  public long asn(int record) {
    return record < 0 ? -1 : asns[record];
  }

  /** Number of IPv4 segments (a measure of size). */
  public int ipv4Segments() {
    return v4Starts.length;
  }

  /** Number of IPv6 segments. */
  public int ipv6Segments() {
    return v6Starts.length;
  }

  /** The files this table was made from, in overlay order. */
  public List<GeoSource> sources() {
    return sources;
  }

  /** Whether any record has a country / region / AS. */
  public boolean hasCountries() {
    return Arrays.stream(countries).anyMatch(Objects::nonNull);
  }

  public boolean hasRegions() {
    return Arrays.stream(regions).anyMatch(Objects::nonNull);
  }

  public boolean hasAsns() {
    return Arrays.stream(asns).anyMatch(a -> a >= 0);
  }

  /** The file name Vigil gives a saved table: {@code <name>.vgeo}. */
  public static final String EXTENSION = ".vgeo";

  /**
   * Loads every saved table ({@code *.vgeo}) in a directory and overlays them, the most precise
   * first: MaxMind DBs, then CSV ranges, CIDR lists, RIR statistics, pfx2as (each group by file
   * name). This is how {@code vigil geo load} files under {@code <data>/geo/} are meant to be
   * combined.
   *
   * @return the combined table, or null if the directory has none
   */
  public static GeoTable loadDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(EXTENSION)).sorted().toList();
    }
    if (files.isEmpty()) {
      return null;
    }
    List<GeoTable> tables = new ArrayList<>();
    for (Path f : files) {
      tables.add(load(f));
    }
    tables.sort(java.util.Comparator.comparingInt(GeoTable::precedence));
    return overlay(tables);
  }

  private int precedence() {
    GeoFormat f = sources.isEmpty() ? GeoFormat.VIGIL : sources.get(0).format();
    return switch (f) {
      case MMDB -> 0;
      case CSV_RANGES -> 1;
      case CIDR_LIST -> 2;
      case RIR_DELEGATED -> 3;
      case PFX2AS -> 4;
      case VIGIL -> 5;
    };
  }

  // ---------------------------------------------------------------- combining

  /**
   * Combines tables: for each address, the country comes from the first table that has one for it,
   * and so do the region and the AS. Put the most trusted or most precise table first (a city
   * database before RIR statistics, for example).
   */
  public static GeoTable overlay(List<GeoTable> tables) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("nothing to overlay");
    }
    if (tables.size() == 1) {
      return tables.get(0);
    }
    Builder b = new Builder();
    List<GeoSource> sources = new ArrayList<>();
    for (GeoTable t : tables) {
      sources.addAll(t.sources);
    }
    // IPv4: every boundary of every table; look each table up at each boundary.
    long[] bounds4 =
        tables.stream()
            .flatMapToLong(t -> Arrays.stream(t.v4Starts).asLongStream())
            .sorted()
            .distinct()
            .toArray();
    List<long[]> v4 = new ArrayList<>();
    for (int i = 0; i < bounds4.length; i++) {
      int start = (int) bounds4[i];
      long first = (start ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL;
      long last =
          i + 1 < bounds4.length
              ? (((int) bounds4[i + 1] ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL) - 1
              : 0xFFFF_FFFFL;
      int rec = b.combined(tables, t -> t.recordIpv4(start ^ Integer.MIN_VALUE));
      if (rec >= 0) {
        v4.add(new long[] {first, last, rec});
      }
    }
    long[] bounds6 =
        tables.stream().flatMapToLong(t -> Arrays.stream(t.v6Starts)).sorted().distinct().toArray();
    List<long[]> v6 = new ArrayList<>();
    for (int i = 0; i < bounds6.length; i++) {
      long high = bounds6[i] ^ Long.MIN_VALUE;
      long lastHigh = i + 1 < bounds6.length ? (bounds6[i + 1] - 1) ^ Long.MIN_VALUE : -1L;
      int rec = b.combined(tables, t -> t.recordIpv6(high));
      if (rec >= 0) {
        v6.add(new long[] {high, lastHigh, rec});
      }
    }
    for (long[] r : v4) {
      b.v4.add(r[0], r[1], (int) r[2]);
    }
    for (long[] r : v6) {
      b.v6.add(r[0] ^ Long.MIN_VALUE, r[1] ^ Long.MIN_VALUE, (int) r[2]);
    }
    return b.build(sources);
  }

  // ---------------------------------------------------------------- building

  /** A builder for tables from code (tests, other formats). */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects ranges, then flattens them into a table where the most specific range wins. */
  public static final class Builder {
    private final RangeFlattener v4 = new RangeFlattener(0, 0xFFFF_FFFFL);
    private final RangeFlattener v6 = new RangeFlattener(Long.MIN_VALUE, Long.MAX_VALUE);
    private final Map<String, Integer> recordIds = new HashMap<>();
    private final List<String> countries = new ArrayList<>();
    private final List<String> regions = new ArrayList<>();
    private long[] asns = new long[16];

    private Builder() {}

    /** Number of ranges added so far. */
    public long size() {
      return v4.size() + (long) v6.size();
    }

    /**
     * Adds the IPv4 range {@code [first, last]} (unsigned, 0 to 2^32-1).
     *
     * @param country ISO 3166-1 alpha-2 (any case) or null
     * @param region an ISO 3166-2 code or a region name, or null
     * @param asn the origin AS, or -1
     */
    public Builder addIpv4(long first, long last, String country, String region, long asn) {
      int rec = record(country, region, asn);
      if (rec >= 0) {
        v4.add(first, last, rec);
      }
      return this;
    }

    /** Adds an IPv4 prefix (host bits are ignored). */
    public Builder addIpv4Prefix(int address, int length, String country, String region, long asn) {
      checkLength(length, 32);
      long first = (address & IpAddresses.ipv4Mask(length)) & 0xFFFF_FFFFL;
      long last = first | (~IpAddresses.ipv4Mask(length) & 0xFFFF_FFFFL);
      return addIpv4(first, last, country, region, asn);
    }

    /**
     * Adds the IPv6 range of /64s whose high 64 bits run from {@code firstHigh} to {@code
     * lastHigh}.
     */
    public Builder addIpv6(long firstHigh, long lastHigh, String country, String region, long asn) {
      int rec = record(country, region, asn);
      if (rec >= 0) {
        v6.add(firstHigh ^ Long.MIN_VALUE, lastHigh ^ Long.MIN_VALUE, rec);
      }
      return this;
    }

    /** Adds an IPv6 prefix (resolved per /64; host bits ignored). */
    public Builder addIpv6Prefix(
        long high, long low, int length, String country, String region, long asn) {
      checkLength(length, 128);
      long mask = IpAddresses.mask64(length);
      return addIpv6(high & mask, high | ~mask, country, region, asn);
    }

    private static void checkLength(int length, int max) {
      if (length < 0 || length > max) {
        throw new IllegalArgumentException("prefix length " + length + " outside 0.." + max);
      }
    }

    int record(String country, String region, long asn) {
      String cc =
          country == null || country.isBlank() ? null : country.trim().toUpperCase(Locale.ROOT);
      String rg = region == null || region.isBlank() ? null : region.trim();
      long as = asn < 0 ? -1 : asn;
      if (cc == null && rg == null && as < 0) {
        return NONE;
      }
      String key = cc + "|" + rg + "|" + as;
      Integer id = recordIds.get(key);
      if (id == null) {
        id = countries.size();
        recordIds.put(key, id);
        countries.add(cc);
        regions.add(rg);
        if (id == asns.length) {
          asns = Arrays.copyOf(asns, id * 2);
        }
        asns[id] = as;
      }
      return id;
    }

    interface Lookup {
      int record(GeoTable t);
    }

    int combined(List<GeoTable> tables, Lookup lookup) {
      String cc = null;
      String rg = null;
      long as = -1;
      for (GeoTable t : tables) {
        int r = lookup.record(t);
        if (r < 0) {
          continue;
        }
        if (cc == null) {
          cc = t.countries[r];
        }
        if (rg == null) {
          rg = t.regions[r];
        }
        if (as < 0) {
          as = t.asns[r];
        }
      }
      return record(cc, rg, as);
    }

    /** Builds the table; {@code source} is the file it came from. */
    public GeoTable build(GeoSource source) {
      return build(List.of(source));
    }

    GeoTable build(List<GeoSource> sources) {
      v4.flatten();
      long[] s4 = v4.segmentStarts();
      int[] starts4 = new int[s4.length];
      for (int i = 0; i < s4.length; i++) {
        starts4[i] = (int) s4[i] ^ Integer.MIN_VALUE;
      }
      v6.flatten();
      int n = countries.size();
      return new GeoTable(
          sources,
          countries.toArray(new String[0]),
          regions.toArray(new String[0]),
          Arrays.copyOf(asns, n),
          starts4,
          v4.segmentValues(),
          v6.segmentStarts(),
          v6.segmentValues());
    }
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Writes the table to {@code file} in Vigil's binary form (replacing it atomically): the sources
   * with their SHA-256, the records, and the segment arrays, with a CRC-32 at the end.
   */
  public void save(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      CRC32 crc = new CRC32();
      try (OutputStream raw = Files.newOutputStream(tmp);
          CheckedOutputStream checked =
              new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
          DataOutputStream out = new DataOutputStream(checked)) {
        out.write(MAGIC.getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(VERSION);
        out.writeInt(sources.size());
        for (GeoSource s : sources) {
          out.writeUTF(s.fileName());
          out.writeUTF(s.sha256());
          out.writeUTF(s.format().name());
          out.writeLong(s.ranges());
          out.writeLong(s.skipped());
          out.writeUTF(s.description());
        }
        out.writeInt(countries.length);
        for (int i = 0; i < countries.length; i++) {
          out.writeUTF(countries[i] == null ? "" : countries[i]);
          out.writeUTF(regions[i] == null ? "" : regions[i]);
          out.writeLong(asns[i]);
        }
        out.writeInt(v4Starts.length);
        for (int i = 0; i < v4Starts.length; i++) {
          out.writeInt(v4Starts[i]);
          out.writeInt(v4Records[i]);
        }
        out.writeInt(v6Starts.length);
        for (int i = 0; i < v6Starts.length; i++) {
          out.writeLong(v6Starts[i]);
          out.writeInt(v6Records[i]);
        }
        out.flush();
        out.writeLong(crc.getValue());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a table written by {@link #save}.
   *
   * @throws InputFormatException if the file is not one, is cut short, or fails its checksum
   */
  public static GeoTable load(Path file) throws IOException {
    String src = file.toString();
    CRC32 crc = new CRC32();
    try (InputStream raw = Files.newInputStream(file);
        CheckedInputStream checked =
            new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc);
        DataInputStream in = new DataInputStream(checked)) {
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
        throw new InputFormatException(src, 0, null, "not a Vigil geo table (no VIGILGEO magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new InputFormatException(
            src, 8, null, "geo table version " + version + ", this Vigil reads " + VERSION);
      }
      int ns = count(in, src, 1 << 16);
      List<GeoSource> sources = new ArrayList<>();
      for (int i = 0; i < ns; i++) {
        String name = in.readUTF();
        String sha = in.readUTF();
        GeoFormat format;
        try {
          format = GeoFormat.valueOf(in.readUTF());
        } catch (IllegalArgumentException e) {
          throw new InputFormatException(src, 0, null, "unknown source format in geo table");
        }
        sources.add(new GeoSource(name, sha, format, in.readLong(), in.readLong(), in.readUTF()));
      }
      int nr = count(in, src, Integer.MAX_VALUE - 8);
      String[] countries = new String[nr];
      String[] regions = new String[nr];
      long[] asns = new long[nr];
      for (int i = 0; i < nr; i++) {
        String c = in.readUTF();
        String r = in.readUTF();
        countries[i] = c.isEmpty() ? null : c;
        regions[i] = r.isEmpty() ? null : r;
        asns[i] = in.readLong();
      }
      int n4 = count(in, src, Integer.MAX_VALUE - 8);
      int[] s4 = new int[n4];
      int[] r4 = new int[n4];
      for (int i = 0; i < n4; i++) {
        s4[i] = in.readInt();
        r4[i] = in.readInt();
      }
      int n6 = count(in, src, Integer.MAX_VALUE - 8);
      long[] s6 = new long[n6];
      int[] r6 = new int[n6];
      for (int i = 0; i < n6; i++) {
        s6[i] = in.readLong();
        r6[i] = in.readInt();
      }
      long expected = crc.getValue();
      long stored = in.readLong();
      if (expected != stored) {
        throw new InputFormatException(src, 0, null, "geo table checksum mismatch: file damaged");
      }
      check(src, s4, r4, nr, Integer.MIN_VALUE);
      check(src, s6, r6, nr);
      return new GeoTable(sources, countries, regions, asns, s4, r4, s6, r6);
    } catch (EOFException e) {
      throw new InputFormatException(src, 0, null, "geo table cut short");
    }
  }

  private static int count(DataInputStream in, String src, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new InputFormatException(src, 0, null, "bad count " + n + " in geo table");
    }
    return n;
  }

  private static void check(String src, int[] starts, int[] records, int nr, int first) {
    if (starts.length == 0 || starts[0] != first) {
      throw new InputFormatException(src, 0, null, "geo table IPv4 segments do not start at 0");
    }
    for (int i = 0; i < starts.length; i++) {
      if (i > 0 && starts[i] <= starts[i - 1] || records[i] < -1 || records[i] >= nr) {
        throw new InputFormatException(src, 0, null, "geo table IPv4 segments are inconsistent");
      }
    }
  }

  private static void check(String src, long[] starts, int[] records, int nr) {
    if (starts.length == 0 || starts[0] != Long.MIN_VALUE) {
      throw new InputFormatException(src, 0, null, "geo table IPv6 segments do not start at 0");
    }
    for (int i = 0; i < starts.length; i++) {
      if (i > 0 && starts[i] <= starts[i - 1] || records[i] < -1 || records[i] >= nr) {
        throw new InputFormatException(src, 0, null, "geo table IPv6 segments are inconsistent");
      }
    }
  }

  @Override
  public String toString() {
    return "GeoTable["
        + countries.length
        + " records, "
        + v4Starts.length
        + " IPv4 and "
        + v6Starts.length
        + " IPv6 segments, from "
        + sources.stream().map(GeoSource::fileName).toList()
        + "]";
  }
}
