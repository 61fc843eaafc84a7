// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  static final Path MONASH = Cli.shared("monash-ip-observatory/ukr-2022-01-18_border-regions.csv");

  @TempDir Path dir;

  String data() {
    return dir.resolve("data").toString();
  }

  static String[] monashArgs(String data, String file) {
    return new String[] {
      "ingest",
      "series",
      file,
      "--data",
      data,
      "--signal",
      "index.latency",
      "--time-column",
      "time_local",
      "--time-format",
      "dd-MMM-yyyy HH:mm:ss",
      "--timezone-column",
      "timezone_name",
      "--value-column",
      "latency_indx",
      "--entity-type",
      "region",
      "--entity-column",
      "adm1_unique_identifier",
      "--country-column",
      "country_iso_three_char_code",
      "--name-column",
      "adm1_name"
    };
  }

  @Test
  void helpListsTheCommandsAndEveryCommandHasAnExample() {
    Cli help = Cli.run("--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("demo", "ingest", "detect", "events");
    for (List<String> cmd :
        List.of(
            List.of("demo"),
            List.of("ingest"),
            List.of("ingest", "series"),
            List.of("detect"),
            List.of("events"))) {
      List<String> withHelp = new java.util.ArrayList<>(cmd);
      withHelp.add("--help");
      String[] args = withHelp.toArray(String[]::new);
      Cli r = Cli.run(args);
      assertThat(r.exit()).as("%s --help", cmd).isZero();
      assertThat(r.out()).as("%s --help", cmd).contains("Example");
    }
  }

  @Test
  void theQuietMonashFileImportsUnchangedAndRaisesNoEvent() {
    Cli ingest = Cli.run(monashArgs(data(), MONASH.toString()));
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    assertThat(ingest.out())
        .contains("3830 rows", "10 series", "rolled up into RU, UA by mean of regions", "step 3h");
    Cli detect = Cli.run("detect", "--data", data());
    assertThat(detect.exit()).isZero();
    assertThat(detect.out()).contains("12 series", "0 events published");
    Cli events = Cli.run("events", "--data", data(), "--format", "json");
    assertThat(events.out().trim()).isEqualTo("[ ]");
    // a second detect has nothing new to do
    assertThat(Cli.run("detect", "--data", data()).out()).contains("0 with new data");
  }

  @Test
  void reingestingTheSameFileIsANoOpThatSaysSo() {
    assertThat(Cli.run(monashArgs(data(), MONASH.toString())).exit()).isZero();
    Cli again = Cli.run(monashArgs(data(), MONASH.toString()));
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("already ingested", "nothing to do");
  }

  @Test
  void aWrongColumnNamesFileLineAndColumnAndWritesNothing() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "time,value\n2022-01-05T00:00:00Z,1\n2022-01-05T00:05:00Z,x\n");
    Cli r =
        Cli.run(
            "ingest",
            "series",
            bad.toString(),
            "--data",
            data(),
            "--signal",
            "traffic.requests",
            "--time-column",
            "time",
            "--value-column",
            "value",
            "--entity",
            "country/KZ");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bad.csv", "line 3", "column value");
    Cli wrongColumn =
        Cli.run(
            "ingest",
            "series",
            bad.toString(),
            "--data",
            data(),
            "--signal",
            "traffic.requests",
            "--time-column",
            "when",
            "--value-column",
            "value",
            "--entity",
            "country/KZ");
    assertThat(wrongColumn.exit()).isEqualTo(1);
    assertThat(wrongColumn.err()).contains("bad.csv", "when", "time");
    Cli detect = Cli.run("detect", "--data", data());
    assertThat(detect.out()).contains("No series");
  }

  @Test
  void anotherColumnOfTheSameFileIsAnotherInput() throws Exception {
    Path wide = dir.resolve("wide.csv");
    Files.writeString(
        wide, "time,requests,bytes\n2022-01-05T00:00:00Z,1,10\n2022-01-05T00:05:00Z,2,20\n");
    String[] common = {"--data", data(), "--time-column", "time", "--entity", "country/KZ"};
    Cli first =
        Cli.run(
            concat(
                new String[] {
                  "ingest",
                  "series",
                  wide.toString(),
                  "--signal",
                  "traffic.requests",
                  "--value-column",
                  "requests"
                },
                common));
    assertThat(first.exit()).as(first.err()).isZero();
    Cli second =
        Cli.run(
            concat(
                new String[] {
                  "ingest",
                  "series",
                  wide.toString(),
                  "--signal",
                  "traffic.bytes",
                  "--value-column",
                  "bytes"
                },
                common));
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("ingested with other options", "ingested 2 rows");
    Cli again =
        Cli.run(
            concat(
                new String[] {
                  "ingest",
                  "series",
                  wide.toString(),
                  "--signal",
                  "traffic.bytes",
                  "--value-column",
                  "bytes"
                },
                common));
    assertThat(again.out()).contains("already ingested with these options");
  }

  @Test
  void aFileWithoutValuesStoresNothingAndSaysSo() throws Exception {
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "time,value\n");
    Cli r =
        Cli.run(
            "ingest",
            "series",
            empty.toString(),
            "--data",
            data(),
            "--signal",
            "traffic.requests",
            "--time-column",
            "time",
            "--value-column",
            "value",
            "--entity",
            "country/KZ");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("no values (0 data rows)", "nothing stored");
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aBadFileAmongSeveralDoesNotStopTheOthers() throws Exception {
    Path good = dir.resolve("good.csv");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(good, "time,value\n2022-01-05T00:00:00Z,1\n2022-01-05T00:05:00Z,2\n");
    Files.writeString(bad, "time,value\n2022-01-05T00:00:00Z,oops\n");
    Cli r =
        Cli.run(
            "ingest",
            "series",
            bad.toString(),
            good.toString(),
            "--data",
            data(),
            "--signal",
            "traffic.requests",
            "--time-column",
            "time",
            "--value-column",
            "value",
            "--entity",
            "country/KZ");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("good.csv: ingested 2 rows");
    assertThat(r.err()).contains("bad.csv, line 2, column value", "1 of 2 files not ingested");
  }

  @Test
  void routingDataBecomesVisibilitySignalsPerNetworkAndCountry() throws Exception {
    Cli geo =
        Cli.run(
            "geo",
            "load",
            Cli.shared("kz-country-prefixes/kz.cidr").toString(),
            "--country",
            "KZ",
            "--data",
            data());
    assertThat(geo.exit()).as(geo.err()).isZero();
    Cli mrt =
        Cli.run(
            "ingest",
            "mrt",
            Cli.shared("mrt-routeviews-rib-pyasn/derived/rib.20140523.0600_firstMB.kz-origin.bz2")
                .toString(),
            "--full-feed",
            "100,100",
            "--data",
            data());
    assertThat(mrt.exit()).as(mrt.err()).isZero();
    assertThat(mrt.out()).contains("8121 RIB entries");
    try (var store = org.vigil.store.duckdb.DuckDbSignalStore.open(Path.of(data()))) {
      java.util.Map<String, Double> visible = new java.util.HashMap<>();
      for (var s : store.series()) {
        if (s.signal().equals("bgp.visible_slash24")) {
          long[] range = store.timeRange(s.id());
          visible.put(
              s.entity().key(), store.readSeries(s.id(), range[0], range[0] + 300).value(0));
        }
      }
      // the counts the bgp module verifies independently (from bgpdump's own text) in its tests
      assertThat(visible).containsEntry("country/KZ", 3783.0).containsEntry("asn/29355", 2015.0);
      assertThat(visible).containsEntry("asn/9198", 1632.0);
    }
  }

  @Test
  void missingRequiredOptionsAreAUsageError() {
    Cli r = Cli.run("ingest", "series", "x.csv", "--data", data());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--signal");
  }

  private static long lines(Cli r) {
    return r.out().lines().count();
  }
}
