// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.EntityRegistry;

/**
 * The Kazakhstan reconstruction end to end: from the generated inputs alone, through the ordinary
 * ingest and detect commands, the detectors must reach each conclusion of "What the observatory
 * must conclude" in KAZAKHSTAN-2022.md. Nothing here reads the scenario file: the assertions are on
 * published events.
 */
class KazakhstanDemoIT {
  @TempDir static Path dir;
  static List<JsonNode> events;
  static String demoOut;

  @BeforeAll
  static void runTheDemo() throws Exception {
    Cli demo = Cli.run("demo", "--data", dir.toString(), "--no-serve");
    assertThat(demo.exit()).as(demo.err()).isZero();
    demoOut = demo.out();
    Path store = dir.resolve("demo").resolve("kazakhstan-2022");
    Cli json = Cli.run("events", "--data", store.toString(), "--format", "json");
    events = new ArrayList<>();
    new ObjectMapper().readTree(json.out()).forEach(events::add);
  }

  static long t(String iso) {
    return Instant.parse(iso).getEpochSecond();
  }

  static long start(JsonNode e) {
    return t(e.get("start").asText());
  }

  static long end(JsonNode e) {
    return e.get("end").isNull() ? Long.MAX_VALUE : t(e.get("end").asText());
  }

  static List<JsonNode> of(String type, String code, String kind) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.get("entity").get("type").asText().equals(type)
          && e.get("entity").get("code").asText().equals(code)
          && (kind == null || e.get("kind").asText().equals(kind))) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void everyOutputSaysItIsAReconstruction() {
    assertThat(demoOut).contains("RECONSTRUCTION from public reports");
    assertThat(demoOut.lines().filter(l -> l.contains("RECONSTRUCTION")).count())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void whatsappTelegramAndSignalAreBlockedFromTheFourthOfJanuary() {
    List<JsonNode> kz = of("country", "KZ", "platform-blocking");
    assertThat(kz).hasSize(1);
    JsonNode e = kz.get(0);
    assertThat(start(e)).isBetween(t("2022-01-04T00:00:00Z"), t("2022-01-04T12:00:00Z"));
    Set<String> platforms = new HashSet<>();
    e.get("platforms").forEach(p -> platforms.add(p.asText()));
    assertThat(platforms).contains("whatsapp", "telegram", "signal");
    // and on the large networks, each on its own
    for (String asn : List.of("9198", "21299", "29355", "48503")) {
      assertThat(of("asn", asn, "platform-blocking")).as("AS" + asn).hasSize(1);
    }
  }

  @Test
  void kcellAndTele2AreThrottledFromAboutFourPmOnTheFourth() {
    for (String asn : List.of("29355", "48503")) {
      List<JsonNode> throttled = of("asn", asn, "throttling");
      assertThat(throttled).as("AS" + asn).hasSize(1);
      assertThat(start(throttled.get(0)))
          .isBetween(t("2022-01-04T15:45:00Z"), t("2022-01-04T16:30:00Z"));
      assertThat(end(throttled.get(0))).isLessThanOrEqualTo(t("2022-01-05T11:15:00Z"));
    }
  }

  @Test
  void aNationwideDataPlaneBlackoutStartsBetween1030And1115OnTheFifth() {
    List<JsonNode> blackouts = of("country", "KZ", "blackout");
    assertThat(blackouts).hasSize(1);
    JsonNode b = blackouts.get(0);
    assertThat(start(b)).isBetween(t("2022-01-05T10:30:00Z"), t("2022-01-05T11:15:00Z"));
    assertThat(b.get("scope").asText()).isEqualTo("nationwide");
    // routes stayed announced: the cut was in the data plane, and no BGP signal fell
    assertThat(b.get("mechanism").asText()).isEqualTo("data-plane-cut");
    b.get("signals").forEach(s -> assertThat(s.get("name").asText()).doesNotStartWith("bgp."));
  }

  @Test
  void nurSultanIsCutOnACurfewPatternAndAlmatyStaysDownForDays() {
    EntityRegistry registry = EntityRegistry.load();
    // the ISO codes of January 2022, as the record gives them
    String nurSultan = registry.findRegion("KZ-71").orElseThrow().code();
    String almaty = registry.findRegion("KZ-75").orElseThrow().code();
    assertThat(of("region", nurSultan, null))
        .anySatisfy(e -> assertThat(e.get("pattern").asText()).isEqualTo("curfew"));
    long down = 0;
    for (JsonNode e : of("region", almaty, null)) {
      if (!e.get("kind").asText().equals("throttling") && start(e) >= t("2022-01-05T00:00:00Z")) {
        down += Math.min(end(e), t("2022-01-11T00:00:00Z")) - start(e);
      }
    }
    assertThat(down / 3600).as("hours of Almaty outage").isBetween(100L, 125L);
  }

  @Test
  void infrastructureNetworksComeBackBeforeEndUsers() {
    JsonNode transtelecom = of("asn", "41798", "blackout").get(0);
    assertThat(end(transtelecom)).isBetween(t("2022-01-06T22:00:00Z"), t("2022-01-07T02:00:00Z"));
    for (String asn : List.of("9198", "21299", "29355", "48503")) {
      JsonNode cut = of("asn", asn, "blackout").get(0);
      assertThat(end(cut)).as("AS" + asn).isGreaterThan(t("2022-01-10T00:00:00Z"));
    }
  }

  @Test
  void connectivityIsStableFromAbout0215OnTheEleventh() {
    JsonNode b = of("country", "KZ", "blackout").get(0);
    assertThat(end(b)).isBetween(t("2022-01-11T01:45:00Z"), t("2022-01-11T03:15:00Z"));
    for (JsonNode e : events) {
      if (!e.get("kind").asText().equals("platform-blocking")) {
        assertThat(start(e)).as(e.toString()).isLessThan(t("2022-01-11T03:15:00Z"));
      }
    }
  }

  @Test
  void theNarrativeTellsTheCaseWithItsEvidence() {
    String narrative = demoOut.substring(demoOut.indexOf("4. the account"));
    assertThat(narrative)
        .contains(
            "WhatsApp",
            "throttling, not a cut",
            "5 January 2022 at 10:50 UTC (16:50 local time), a nationwide blackout began",
            "Routes stayed announced",
            "curfew-style",
            "Evidence:");
    // throttling told in aggregate: the country, the networks hit hardest by name, the regions
    assertThat(narrative)
        .contains("of its usual level across Kazakhstan", "Kcell (AS29355)", "in all 17 regions")
        .doesNotContain("AS29355, to");
    // Almaty's own long outage: about 111 h in all, one restoration of about 4 h on 7 January
    java.util.regex.Matcher almaty =
        java.util.regex.Pattern.compile(
                "Almaty was cut off twice, (\\d+) hours( \\d+ minutes)? without connectivity in all")
            .matcher(narrative);
    assertThat(almaty.find()).as("Almaty's story").isTrue();
    assertThat(Integer.parseInt(almaty.group(1))).isBetween(105, 117);
    assertThat(narrative).contains("In between, connectivity came back only once, for 3 hours");
    // infrastructure before end users, and when connectivity was back for good
    assertThat(narrative)
        .contains("infrastructure restored before end users: Transtelecom (AS41798) was back on 7")
        .contains("Stable connectivity returned on 11 January 2022 at 02:");
  }

  @Test
  void theStopRowDescribesTheEpisode() {
    String out = demoOut.substring(demoOut.indexOf("5. the episode as a row"));
    List<String> lines =
        out.lines().map(String::strip).filter(l -> l.startsWith("Actual,")).toList();
    assertThat(lines).hasSize(1);
    String header =
        out.lines()
            .map(String::strip)
            .filter(l -> l.startsWith("start_date_type,"))
            .findFirst()
            .orElseThrow();
    List<String> names = csv(header);
    List<String> values = csv(lines.get(0));
    assertThat(values).hasSameSizeAs(names);
    java.util.Map<String, String> row = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      row.put(names.get(i), values.get(i));
    }
    assertThat(row.get("country")).isEqualTo("Kazakhstan");
    assertThat(row.get("start_date")).isEqualTo("1/4/2022");
    assertThat(row.get("end_date")).isEqualTo("1/11/2022");
    assertThat(row.get("shutdown_type")).contains("Shutdown", "Throttle");
    assertThat(row.get("whatsapp_affected")).isEqualTo("Yes");
    assertThat(row.get("telegram_affected")).isEqualTo("Yes");
    assertThat(row.get("other_affected")).contains("Signal");
    assertThat(row.get("telcos_involved"))
        .contains("Kazakhstan: Kcell", "Kazakhstan: Kazakhtelecom", "Tele2")
        .doesNotContain("AS29355");
    assertThat(row.get("Duration")).isEqualTo("8");
    assertThat(row.get("affected_network")).isEqualTo("Broadband, Mobile");
    assertThat(row.get("event")).contains("Almaty was cut off twice");
  }

  @Test
  void eventFiltersSelectByCountryEntityAndTime() {
    String store = dir.resolve("demo").resolve("kazakhstan-2022").toString();
    // the country, its regions, and the networks whose events join its episode: here, all
    assertThat(csvRows("--country", "KAZ", "--data", store)).isEqualTo(events.size());
    assertThat(csvRows("--entity", "region/KZ-71", "--data", store))
        .isEqualTo(of("region", "KZ-AST", null).size());
    assertThat(csvRows("--until", "2022-01-04", "--data", store)).isZero();
    assertThat(csvRows("--country", "UA", "--data", store)).isZero();
    Cli bad = Cli.run("events", "--data", store, "--from", "yesterday");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("bad time 'yesterday'");
    Cli inverted =
        Cli.run("events", "--data", store, "--from", "2022-01-04", "--until", "2022-01-03");
    assertThat(inverted.exit()).isEqualTo(1);
    assertThat(inverted.err()).contains("not before --until");
    assertThat(Cli.run("events", "--data", store, "--country", "UZ").out())
        .contains("No events match these filters.");
    // the demo keeps a store of its own: the data directory itself holds none
    Cli mine = Cli.run("events", "--data", dir.toString());
    assertThat(mine.exit()).isEqualTo(1);
    assertThat(mine.err()).contains("no store in", "ingest data first");
  }

  private static long csvRows(String... filters) {
    List<String> args = new ArrayList<>(List.of("events", "--format", "csv"));
    args.addAll(List.of(filters));
    Cli r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    return r.out().lines().count() - 1;
  }

  @Test
  void theQuietBaselineRaisesNothing() {
    for (JsonNode e : events) {
      assertThat(start(e)).as(e.toString()).isGreaterThanOrEqualTo(t("2022-01-04T00:00:00Z"));
    }
  }

  /** One CSV record (RFC 4180 quoting). */
  static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
