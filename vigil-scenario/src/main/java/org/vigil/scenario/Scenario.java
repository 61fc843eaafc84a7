// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vigil.core.InputFormatException;
import org.vigil.core.Sha256;

/**
 * A case rebuilt from the public record: the country, its regions and networks, the quiet baseline,
 * and the timed changes, each with the sources it rests on. The format is documented in {@code
 * SCENARIOS.md} of this module; {@code kazakhstan-2022.json} is the reference example.
 *
 * <pre>{@code
 * Scenario kz = Scenario.builtin("kazakhstan-2022");
 * Scenario other = Scenario.read(Path.of("my-case.json"));
 * }</pre>
 *
 * @param name short identifier, used for directory names
 * @param title one line for people
 * @param notice what every output must say about the data (a reconstruction, not measurements)
 * @param country ISO 3166-1 alpha-2 code
 * @param utcOffset the country's local time during the case ({@code +06:00})
 * @param start first instant generated (leave at least 14 days of quiet baseline)
 * @param end instant after the last one generated
 * @param seed seed of every random choice: the same file gives the same bytes
 * @param sources source id to citation
 * @param traffic how traffic series look
 * @param probing how probing results look
 * @param bgp the routing collection
 * @param ooni the OONI measurement volumes
 * @param regions the country's regions with their population (a weight)
 * @param networks the networks with their real address space
 * @param changes what happened, in order: a later change overrides an earlier one where both apply
 */
public record Scenario(
    String name,
    String title,
    String notice,
    String country,
    String utcOffset,
    Instant start,
    Instant end,
    long seed,
    Map<String, String> sources,
    Traffic traffic,
    Probing probing,
    Bgp bgp,
    Ooni ooni,
    List<Region> regions,
    List<Network> networks,
    List<Change> changes) {

  /** Traffic series: a daily and weekly rhythm with noise. */
  public record Traffic(
      Duration step,
      String signal,
      double requestsPerStep,
      int peakHourLocal,
      double dailyAmplitude,
      double weekendFactor,
      double noise,
      String note) {}

  /**
   * Probing: a sample of each network's /24s, Trinocular-style rounds.
   *
   * @param responsive the range of ever-responsive addresses per block
   * @param availability the range of A(E(b)) per block
   */
  public record Probing(
      Duration round, int blocksPerNetwork, int[] responsive, double[] availability, String note) {}

  /**
   * The routing collection.
   *
   * @param peers collector peers as {@code [asn, "address"]}
   * @param upstreams transit networks between the peers and the country's networks
   * @param churnPerHour background re-announcements per hour
   */
  public record Bgp(
      List<List<Object>> peers, List<Long> upstreams, double churnPerHour, String note) {}

  /**
   * OONI measurement volumes.
   *
   * @param perHour measurements per hour in the whole country, by test name, under normal
   *     connectivity (split over networks by their {@code ooniShare})
   * @param webInputs the URLs web_connectivity tests
   */
  public record Ooni(Map<String, Double> perHour, List<String> webInputs, String note) {}

  /** A region: ISO 3166-2 code, name, population (any unit; a weight). */
  public record Region(String code, String name, double population) {}

  /**
   * A network.
   *
   * @param access fixed, mobile, mobile+fixed or infrastructure
   * @param trafficShare its share of the country's traffic
   * @param ooniShare its share of OONI measurements
   * @param prefixes its IPv4 address space
   * @param prefixSource where the prefixes come from
   */
  public record Network(
      long asn,
      String name,
      String access,
      double trafficShare,
      double ooniShare,
      List<String> prefixes,
      String prefixSource,
      String note) {}

  /**
   * One change. It applies from {@code from} until {@code until} to the regions and networks it
   * names (all when it names none, less the excepted ones). What it changes:
   *
   * <ul>
   *   <li>{@code level} of the {@code signals} it names ({@code traffic}: traffic volume; {@code
   *       reach}: probe replies and the volume of OONI uploads; default both), 1 being normal,
   *       reached linearly over {@code ramp};
   *   <li>with {@code schedule}: a daily window (UTC clock times) at {@code schedule.level}, and
   *       {@code schedule.offLevel} outside it;
   *   <li>with {@code platforms}: the share {@code level} of those platforms' OONI measurements
   *       that see blocking;
   *   <li>with {@code webBlocked}: the share {@code level} of web_connectivity measurements of
   *       those URLs that see blocking;
   *   <li>with {@code bgpUpdates}: that many rounds of re-announcements of every prefix, spread
   *       over the change (routes stay announced).
   * </ul>
   */
  public record Change(
      String id,
      Instant from,
      Instant until,
      List<String> regions,
      List<String> exceptRegions,
      List<Long> networks,
      List<Long> exceptNetworks,
      List<String> signals,
      Double level,
      Duration ramp,
      Schedule schedule,
      List<String> platforms,
      List<String> webBlocked,
      Integer bgpUpdates,
      List<String> source,
      String note) {

    /** Whether the change sets a connectivity level (rather than blocking or BGP churn). */
    public boolean connectivity() {
      return (platforms == null || platforms.isEmpty())
          && (webBlocked == null || webBlocked.isEmpty())
          && bgpUpdates == null;
    }

    /** Whether it applies to signal {@code s} ({@code traffic} or {@code reach}). */
    public boolean affects(String s) {
      return signals == null || signals.isEmpty() ? !s.equals("bgp") : signals.contains(s);
    }
  }

  /** A daily window, UTC clock times {@code HH:mm}. */
  public record Schedule(
      LocalTime on, LocalTime off, double level, @JsonProperty("offLevel") double offLevel) {}

  public Scenario {
    Objects.requireNonNull(name, "name");
    sources = sources == null ? Map.of() : Map.copyOf(sources);
    regions = List.copyOf(regions);
    networks = List.copyOf(networks);
    changes = List.copyOf(changes);
  }

  /** The local offset. */
  public ZoneOffset zone() {
    return ZoneOffset.of(utcOffset);
  }

  /** The names of the scenarios that ship with Vigil. */
  public static List<String> builtins() {
    return List.of("kazakhstan-2022", "myanmar-2021");
  }

  /** A scenario that ships with Vigil, by name. */
  public static Scenario builtin(String name) {
    String resource = name + ".json";
    try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in scenario '" + name + "'; built in: " + String.join(", ", builtins()));
      }
      return parse(in.readAllBytes(), "built-in " + resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and checks a scenario file. */
  public static Scenario read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /**
   * A digest of the file's meaning, for caching generated inputs: the same in every run (maps are
   * written in key order, whatever order they were read in).
   */
  public String fingerprint() {
    try {
      return Sha256.of(
              MAPPER
                  .writer()
                  .with(
                      com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                  .writeValueAsString(this))
          .substring(0, 16);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  static Scenario parse(byte[] bytes, String where) {
    Scenario s;
    try {
      s = MAPPER.readValue(bytes, Scenario.class);
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputFormatException(
          where, line, null, "not a valid scenario: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    s.check(where);
    return s;
  }

  private void check(String where) {
    require(start != null && end != null && start.isBefore(end), where, "start before end");
    require(country != null && country.length() == 2, where, "a two-letter country");
    require(!regions.isEmpty() && !networks.isEmpty(), where, "regions and networks");
    require(traffic != null && probing != null && bgp != null && ooni != null, where, "sections");
    Set<String> regionCodes = new HashSet<>();
    for (Region r : regions) {
      require(regionCodes.add(r.code()), where, "distinct region codes, " + r.code() + " twice");
      require(r.code().startsWith(country + "-"), where, "region codes of " + country);
    }
    Set<Long> asns = new HashSet<>();
    for (Network n : networks) {
      require(asns.add(n.asn()), where, "distinct networks, AS" + n.asn() + " twice");
      require(!n.prefixes().isEmpty(), where, "address space for AS" + n.asn());
    }
    Set<String> ids = new HashSet<>();
    for (Change c : changes) {
      String what = "change " + c.id();
      require(c.id() != null && ids.add(c.id()), where, "distinct change ids");
      require(
          c.from() != null && c.until() != null && c.from().isBefore(c.until()),
          where,
          what + ": from before until");
      require(c.source() != null && !c.source().isEmpty(), where, what + ": a source");
      for (String src : c.source()) {
        require(sources.containsKey(src), where, what + ": a known source, not '" + src + "'");
      }
      for (List<String> list : java.util.Arrays.asList(c.regions(), c.exceptRegions())) {
        if (list != null) {
          for (String r : list) {
            require(regionCodes.contains(r), where, what + ": a region of the file, not " + r);
          }
        }
      }
      for (List<Long> list : java.util.Arrays.asList(c.networks(), c.exceptNetworks())) {
        if (list != null) {
          for (long a : list) {
            require(asns.contains(a), where, what + ": a network of the file, not AS" + a);
          }
        }
      }
      require(
          c.bgpUpdates() != null || c.level() != null || c.schedule() != null,
          where,
          what + ": a level, a schedule or bgpUpdates");
      if (c.level() != null) {
        require(c.level() >= 0 && c.level() <= 1.5, where, what + ": a level from 0 to 1.5");
      }
    }
  }

  private static void require(boolean ok, String where, String expected) {
    if (!ok) {
      throw new InputFormatException(where, 0, null, "not a valid scenario: expected " + expected);
    }
  }
}
