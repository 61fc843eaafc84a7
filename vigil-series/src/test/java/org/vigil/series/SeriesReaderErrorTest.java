// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.InputFormatException;

/** Bad input: every error names the file, the line and the column, and says what was expected. */
class SeriesReaderErrorTest {
  static final EntityRegistry REGISTRY = MonashImportTest.REGISTRY;

  static InputFormatException error(String name, String text, SeriesImportSpec spec) {
    return error(name, text.getBytes(StandardCharsets.UTF_8), spec);
  }

  static InputFormatException error(String name, byte[] bytes, SeriesImportSpec spec) {
    return catchThrowableOfType(
        InputFormatException.class,
        () -> SeriesReader.read(new ByteArrayInputStream(bytes), name, spec, REGISTRY));
  }

  static SeriesImportSpec byCountry() {
    return SeriesReaderTest.byCountry().build();
  }

  static SeriesImportSpec regions() {
    return SeriesImportSpec.builder()
        .signal("index.latency")
        .timeColumn("t")
        .valueColumn("v")
        .entityColumn(EntityType.REGION, "region")
        .countryColumn("cc")
        .build();
  }

  @Test
  void wrongColumnNameListsTheHeaderColumns() {
    InputFormatException e = error("x.csv", "time,cc,v\n1641340800,KZ,1\n", byCountry());
    assertThat(e)
        .hasMessage(
            "x.csv, line 1, column t: no column 't'; the header has 3 columns:" + " time, cc, v");
    assertThat(e.source()).isEqualTo("x.csv");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo("t");
  }

  @Test
  void aCsvWithoutAHeaderSaysSo() {
    InputFormatException e = error("x.csv", "KZ,1641340800,1\nKZ,1641344400,2\n", byCountry());
    assertThat(e.getMessage())
        .startsWith(
            "x.csv, line 1, column t: no column 't'; the header has 3 columns: KZ,"
                + " 1641340800, 1")
        .endsWith("(that line looks like data: the file needs a header line naming the columns)");
  }

  @Test
  void anEmptyFileNeedsAHeader() {
    assertThat(error("x.csv", "", byCountry()))
        .hasMessage("x.csv, line 1: empty file: expected a CSV header line naming the columns");
    assertThat(error("x.tsv", "\n\n", byCountry()))
        .hasMessage("x.tsv, line 3: empty file: expected a TSV header line naming the columns");
  }

  @Test
  void unreadableTimeQuotesTheTextAndTheExpectedFormat() {
    SeriesImportSpec pattern =
        SeriesReaderTest.byCountry().timeFormat(TimeFormat.parse("dd-MMM-yyyy HH:mm:ss")).build();
    assertThat(
            error(
                "x.csv", "t,cc,v\n01-Dec-2021 06:00:00,KZ,1\n01-Dez-2021 09:00:00,KZ,1\n", pattern))
        .hasMessage(
            "x.csv, line 3, column t: cannot read the time '01-Dez-2021 09:00:00':"
                + " expected the pattern 'dd-MMM-yyyy HH:mm:ss' (for example 05-Jan-2022 10:30:00)");
    SeriesImportSpec iso = SeriesReaderTest.byCountry().timeFormat(TimeFormat.iso()).build();
    assertThat(error("x.csv", "t,cc,v\n2022-02-30T00:00:00Z,KZ,1\n", iso))
        .hasMessageStartingWith(
            "x.csv, line 2, column t: cannot read the time"
                + " '2022-02-30T00:00:00Z': expected an ISO-8601 time such as 2022-01-05T10:30:00Z");
    SeriesImportSpec epoch = SeriesReaderTest.byCountry().timeFormat(TimeFormat.epoch()).build();
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\n2022-01-05,KZ,1\n", epoch))
        .hasMessage(
            "x.csv, line 3, column t: cannot read the time '2022-01-05': expected epoch"
                + " seconds (or milliseconds) such as 1641378600");
    // auto decides on the first row
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\n2022-01-05,KZ,1\n", byCountry()))
        .hasMessageStartingWith("x.csv, line 3, column t: cannot read the time '2022-01-05'");
    assertThat(error("x.csv", "t,cc,v\n,KZ,1\n", byCountry()))
        .hasMessageStartingWith("x.csv, line 2, column t: cannot read the time ''");
  }

  @Test
  void nonNumericValue() {
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1,\n", byCountry()))
        .hasMessageStartingWith("x.csv, line 2, column 4: found 4 fields, but the header has 3");
    for (String bad : new String[] {"abc", "1,5", "Infinity", "1d", "0x10", "1e", "--1", "12 %"}) {
      String quoted = "\"" + bad + "\"";
      assertThat(
              error(
                  "x.csv", "t,cc,v\n1641340800,KZ,1\n1641344400,KZ," + quoted + "\n", byCountry()))
          .as(bad)
          .hasMessage(
              "x.csv, line 3, column v: '"
                  + bad
                  + "' is not a number: expected a"
                  + " decimal number such as 12.5 or 1.2e3, or an empty field, NA, NaN or null for a"
                  + " gap");
    }
    assertThat(error("x.jsonl", "{\"t\":1641340800,\"cc\":\"KZ\",\"v\":true}", byCountry()))
        .hasMessageStartingWith("x.jsonl, line 1, column v: 'true' is not a number");
  }

  @Test
  void rowWithTooFewFieldsNamesTheFirstMissingColumn() {
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\r\n1641344400,KZ\r\n", byCountry()))
        .hasMessage("x.csv, line 3, column v: expected 3 fields as the header has, found 2");
  }

  @Test
  void invalidJson() {
    assertThat(
            error(
                "x.jsonl",
                "{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1}\n{\"t\":16413,}\n",
                byCountry()))
        .hasMessageStartingWith("x.jsonl, line 2: invalid JSON: Unexpected character ('}'");
    assertThat(error("x.jsonl", "{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1}\n[1, 2]\n", byCountry()))
        .hasMessage("x.jsonl, line 2: expected a JSON object (one per line), found an array");
    assertThat(error("x.jsonl", "{\"t\":1641340800,\"v\":1}\n", byCountry()))
        .hasMessage("x.jsonl, line 1, column cc: no field 'cc' in this object; it has t, v");
    assertThat(error("x.jsonl", "{\"t\":1641340800,\"cc\":{\"a\":1},\"v\":1}\n", byCountry()))
        .hasMessage(
            "x.jsonl, line 1, column cc: field 'cc' holds an object; expected a string"
                + " or a number");
    assertThat(error("x.json", "[{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1}] {}", byCountry()))
        .hasMessage("x.json, line 1: more JSON after the array of rows has closed");
    assertThat(error("x.json", "[{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1},\n", byCountry()))
        .hasMessageStartingWith("x.json, line 2: invalid JSON: Unexpected end-of-input");
  }

  @Test
  void binaryJunkIsNotText() {
    byte[] junk = {'t', ',', 'c', 'c', ',', 'v', '\n', '1', (byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    assertThat(error("x.csv", junk, byCountry()))
        .hasMessageStartingWith(
            "x.csv, line 2: not UTF-8 text: is this a binary or compressed" + " file?");
    byte[] nul = "t,cc,v\n1641340800,KZ,1\n\0\0\0\0".getBytes(StandardCharsets.UTF_8);
    assertThat(error("x.csv", nul, byCountry()))
        .hasMessageStartingWith(
            "x.csv, line 3: a NUL character: this is binary data, not CSV" + " text");
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
    assertThat(error("x.csv", zip, byCountry())).hasMessageContaining("x.csv, line 1");
  }

  @Test
  void corruptGzip() {
    StringBuilder csv = new StringBuilder("t,cc,v\n");
    for (int i = 0; i < 2000; i++) {
      csv.append(1641340800 + 300 * i).append(",KZ,").append(i).append('\n');
    }
    byte[] gz = TestFiles.gzip(csv.toString().getBytes(StandardCharsets.UTF_8));
    byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
    assertThat(error("x.csv.gz", truncated, byCountry()).getMessage())
        .matches("x\\.csv\\.gz, line [0-9]+: corrupt or truncated gzip data: .*");
    byte[] header = {0x1f, (byte) 0x8b, 1, 2};
    assertThat(error("x.csv.gz", header, byCountry()))
        .hasMessageStartingWith("x.csv.gz: corrupt or truncated gzip data");
  }

  @Test
  void unterminatedQuoteNamesTheLineItOpened() {
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\n1641344400,\"KZ,1\n1,2,3\n", byCountry()))
        .hasMessage(
            "x.csv, line 3, column cc: a quoted field opened on line 3 is never closed"
                + " (missing '\"')");
    assertThat(error("x.csv", "t,cc,v\n1641340800,\"KZ\"x,1\n", byCountry()))
        .hasMessage(
            "x.csv, line 2, column cc: unexpected 'x' after the closing quote of a quoted"
                + " field; a quote inside a quoted field is written twice (\"\")");
  }

  @Test
  void unknownCountryOrRegion() {
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\n1641344400,XX,2\n", byCountry()))
        .hasMessage(
            "x.csv, line 3, column cc: unknown country 'XX': expected an ISO 3166-1 code"
                + " (UA, UKR or 804) or an English name (Ukraine)");
    assertThat(
            error("x.csv", "t,region,cc,v\n1641340800,KZ-ALA,,1\n1641344400,R-7,,2\n", regions()))
        .hasMessageStartingWith(
            "x.csv, line 3, column region: region 'R-7' is not an ISO 3166-2"
                + " code; say which country it is in");
    assertThat(error("x.csv", "t,region,cc,v\n1641340800,R-7,Atlantis,1\n", regions()))
        .hasMessageStartingWith("x.csv, line 2, column cc: unknown country 'Atlantis'");
    assertThat(error("x.csv", "t,region,cc,v\n1641340800,,KZ,1\n", regions()))
        .hasMessage("x.csv, line 2, column region: empty region code");
    SeriesImportSpec asn =
        SeriesImportSpec.builder()
            .signal("bgp.updates")
            .timeColumn("t")
            .valueColumn("v")
            .entityColumn(EntityType.ASN, "as")
            .build();
    assertThat(error("x.csv", "t,as,v\n1641340800,ASX,1\n", asn))
        .hasMessage(
            "x.csv, line 2, column as: bad AS number 'ASX': expected 0 to 4294967295,"
                + " optionally prefixed AS");
  }

  @Test
  void unknownTimezone() {
    SeriesImportSpec spec = SeriesReaderTest.fixedKz().timezoneColumn("tz").build();
    assertThat(
            error(
                "x.csv",
                "t,tz,v\n2022-01-05 10:00,Europe/Kiev,1\n2022-01-05 11:00,Mars/Olympus,1\n",
                spec))
        .hasMessage(
            "x.csv, line 3, column tz: unknown time zone 'Mars/Olympus': expected an IANA"
                + " zone name such as Europe/Kiev or an offset such as +02:00");
  }

  @Test
  void aStepThatCannotBeInferred() {
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\n1641340800,UZ,1\n", byCountry()))
        .hasMessage(
            "x.csv, column t: cannot infer the step: no entity has two different times;"
                + " give --step");
  }

  @Test
  void aStrayTimeFarFromTheRest() {
    SeriesImportSpec spec = SeriesReaderTest.byCountry().step(Duration.ofSeconds(1)).build();
    assertThat(error("x.csv", "t,cc,v\n1641340800,KZ,1\n1,KZ,1\n", spec))
        .hasMessageStartingWith(
            "x.csv, line 2, column t: country/KZ has times from"
                + " 1970-01-01T00:00:01Z (line 3) to 2022-01-05T00:00:00Z (line 2)");
  }

  @Test
  void manySeriesThatEachFitButTogetherWouldExhaustMemoryAreRefused() {
    // each country: two times a second apart, and one 300 days later: 25.9 M 1-second bins each
    StringBuilder csv = new StringBuilder("t,cc,v\n");
    for (String cc : new String[] {"KZ", "UZ", "KG"}) {
      csv.append("1641340800,").append(cc).append(",1\n");
      csv.append("1641340801,").append(cc).append(",1\n");
      csv.append(1641340800L + 300 * 86400).append(',').append(cc).append(",1\n");
    }
    assertThat(error("x.csv", csv.toString(), SeriesReaderTest.byCountry().build()))
        .hasMessageContaining("x.csv, column t: 3 series at a step of 1s would need")
        .hasMessageContaining("coarser --step");
  }

  @Test
  void anUnclosedJsonLineIsReportedOnItsOwnLine() {
    String jsonl =
        "{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1}\n{\"t\":1641344400,\"cc\":\"KZ\"\n"
            + "{\"t\":1641348000,\"cc\":\"KZ\",\"v\":3}\n";
    assertThat(error("x.jsonl", jsonl, SeriesReaderTest.byCountry().build()))
        .hasMessageStartingWith(
            "x.jsonl, line 2: invalid JSON: the object on this line is not closed");
  }

  @Test
  void aBadFixedCountryIsAnOptionError() {
    SeriesImportSpec spec =
        SeriesImportSpec.builder()
            .signal("index.latency")
            .timeColumn("t")
            .valueColumn("v")
            .entityColumn(EntityType.REGION, "region")
            .country("Atlantis")
            .build();
    assertThatThrownBy(
            () -> SeriesReader.read(new ByteArrayInputStream(new byte[0]), "x.csv", spec, REGISTRY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown country 'Atlantis'");
  }
}
