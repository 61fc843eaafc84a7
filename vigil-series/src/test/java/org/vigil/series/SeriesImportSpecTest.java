// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.series.SeriesImportSpec.Aggregate;
import org.vigil.series.SeriesImportSpec.Format;

class SeriesImportSpecTest {
  static final EntityRegistry REGISTRY = MonashImportTest.REGISTRY;

  static SeriesImportSpec.Builder minimal() {
    return SeriesImportSpec.builder()
        .signal("index.latency")
        .timeColumn("t")
        .valueColumn("v")
        .entity(REGISTRY.parse("country/UA"));
  }

  @Test
  void fillsDefaults() {
    SeriesImportSpec s = minimal().build();
    assertThat(s.timeFormat()).isEqualTo(TimeFormat.auto());
    assertThat(s.timezone()).isEqualTo(ZoneOffset.UTC);
    assertThat(s.aggregate()).isEqualTo(Aggregate.MEAN);
    assertThat(s.step()).isNull();
    assertThat(s.stepSeconds()).isZero();
    assertThat(s.format()).isNull();
    assertThat(s.entity().key()).isEqualTo("country/UA");
  }

  @Test
  void holdsEveryOption() {
    SeriesImportSpec s =
        SeriesImportSpec.builder()
            .signal("index.latency")
            .timeColumn("time_local")
            .timeFormat(TimeFormat.parse("dd-MMM-yyyy HH:mm:ss"))
            .timezoneColumn("timezone_name")
            .valueColumn("latency_indx")
            .entityColumn(EntityType.REGION, "adm1_unique_identifier")
            .countryColumn("country_iso_three_char_code")
            .nameColumn("adm1_name")
            .aggregate(Aggregate.SUM)
            .step(Duration.ofHours(3))
            .format(Format.CSV)
            .build();
    assertThat(s.timezone()).isNull();
    assertThat(s.timezoneColumn()).isEqualTo("timezone_name");
    assertThat(s.entityType()).isEqualTo(EntityType.REGION);
    assertThat(s.stepSeconds()).isEqualTo(10_800);
    assertThat(s.timeFormat().kind()).isEqualTo(TimeFormat.Kind.PATTERN);
    assertThat(s.timeFormat()).hasToString("dd-MMM-yyyy HH:mm:ss");
  }

  @Test
  void refusesOptionsThatDoNotFitTogether() {
    assertThatThrownBy(() -> minimal().signal("Bad Name").build())
        .hasMessageContaining("bad signal name");
    assertThatThrownBy(() -> minimal().signal(null).build()).hasMessage("--signal is required");
    assertThatThrownBy(() -> minimal().timeColumn(" ").build())
        .hasMessage("--time-column is required");
    assertThatThrownBy(() -> minimal().valueColumn(null).build())
        .hasMessage("--value-column is required");
    assertThatThrownBy(() -> minimal().timezone(ZoneId.of("UTC")).timezoneColumn("tz").build())
        .hasMessage("give --timezone or --timezone-column, not both");
    assertThatThrownBy(() -> minimal().entityColumn(EntityType.REGION, "r").build())
        .hasMessage("give --entity TYPE/CODE or --entity-type with --entity-column, not both");
    assertThatThrownBy(() -> minimal().entity(null).build())
        .hasMessageStartingWith("say which entity the values belong to");
    assertThatThrownBy(() -> minimal().countryColumn("cc").build())
        .hasMessageContaining("not with --entity");
    assertThatThrownBy(
            () ->
                minimal()
                    .entity(null)
                    .entityColumn(EntityType.ASN, "as")
                    .countryColumn("cc")
                    .build())
        .hasMessage("--country and --country-column apply to --entity-type region only");
    assertThatThrownBy(
            () ->
                minimal()
                    .entity(null)
                    .entityColumn(EntityType.REGION, "r")
                    .country("UA")
                    .countryColumn("cc")
                    .build())
        .hasMessage("give --country or --country-column, not both");
    assertThatThrownBy(
            () ->
                minimal()
                    .entity(null)
                    .entityColumn(EntityType.COUNTRY, "c")
                    .nameColumn("n")
                    .build())
        .hasMessageStartingWith("--name-column applies to regions and ASNs");
    assertThatThrownBy(() -> minimal().step(Duration.ofMillis(1500)).build())
        .hasMessageStartingWith("--step must be a whole number of seconds");
    assertThatThrownBy(() -> minimal().step(Duration.ZERO).build())
        .hasMessageStartingWith("--step must be a whole number of seconds");
  }

  @ParameterizedTest
  @CsvSource({
    "300, 300",
    "300s, 300",
    "5m, 300",
    "5min, 300",
    "5 minutes, 300",
    "3h, 10800",
    "1d, 86400",
    "PT5M, 300",
    "pt1h30m, 5400",
    "P1D, 86400",
    "1, 1"
  })
  void parsesSteps(String text, long seconds) {
    assertThat(SeriesImportSpec.parseStep(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "5x", "m", "-5m", "PT0.5S", "P", "1.5h", "99999999999999d"})
  void refusesBadSteps(String text) {
    assertThatThrownBy(() -> SeriesImportSpec.parseStep(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--step");
  }

  @Test
  void parsesTimeFormatsFormatsAndAggregates() {
    assertThat(TimeFormat.parse("epoch")).isEqualTo(TimeFormat.epoch());
    assertThat(TimeFormat.parse("ISO")).isEqualTo(TimeFormat.iso());
    assertThat(TimeFormat.parse("auto")).isEqualTo(TimeFormat.auto());
    assertThat(TimeFormat.parse("yyyy-MM-dd").pattern()).isEqualTo("yyyy-MM-dd");
    assertThatThrownBy(() -> TimeFormat.parse("yyyy-MM-dd bbb"))
        .hasMessageStartingWith("bad --time-format pattern 'yyyy-MM-dd bbb'");
    assertThatThrownBy(() -> TimeFormat.parse(" ")).hasMessageStartingWith("empty --time-format");
    assertThat(Format.parse("CSV")).isEqualTo(Format.CSV);
    assertThat(Format.parse("ndjson")).isEqualTo(Format.JSONL);
    assertThatThrownBy(() -> Format.parse("xlsx")).hasMessageContaining("csv, tsv or jsonl");
    assertThat(Aggregate.parse("Sum")).isEqualTo(Aggregate.SUM);
    assertThatThrownBy(() -> Aggregate.parse("median")).hasMessageContaining("mean or sum");
  }

  @ParameterizedTest
  @CsvSource({
    "data.csv, CSV",
    "DATA.CSV.GZ, CSV",
    "x.tsv, TSV",
    "x.tab.gz, TSV",
    "x.jsonl, JSONL",
    "x.ndjson.gz, JSONL",
    "x.json, JSONL"
  })
  void takesTheFormatFromTheName(String name, Format format) {
    assertThat(SeriesReader.formatFromName(name)).isEqualTo(format);
  }

  @Test
  void aNameWithoutAKnownExtensionGivesNoFormat() {
    assertThat(SeriesReader.formatFromName("export.txt")).isNull();
    assertThat(SeriesReader.formatFromName("csv")).isNull();
  }
}
