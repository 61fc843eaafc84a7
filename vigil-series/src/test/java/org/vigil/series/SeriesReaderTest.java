// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.series.TestFiles.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.TimeSeries;
import org.vigil.series.SeriesImportSpec.Aggregate;
import org.vigil.series.SeriesImportSpec.Format;

/** Formats, encodings, entities, time forms and binning. */
class SeriesReaderTest {
  static final EntityRegistry REGISTRY = MonashImportTest.REGISTRY;

  static final long T0 = 1_641_340_800L; // 2022-01-05T00:00:00Z
  static final double NAN = Double.NaN;

  /** Country codes in column {@code cc}, epoch seconds in {@code t}, values in {@code v}. */
  static SeriesImportSpec.Builder byCountry() {
    return SeriesImportSpec.builder()
        .signal("traffic.requests")
        .timeColumn("t")
        .valueColumn("v")
        .entityColumn(EntityType.COUNTRY, "cc");
  }

  static SeriesImportSpec.Builder fixedKz() {
    return SeriesImportSpec.builder()
        .signal("traffic.requests")
        .timeColumn("t")
        .valueColumn("v")
        .entity(REGISTRY.parse("country/KZ"));
  }

  @Test
  void readsQuotedCsvFieldsWithSeparatorsQuotesAndLineBreaks() {
    String csv =
        "t,\"note, free text\",cc,v\r\n"
            + "1641340800,\"a, b\",KZ,\"1.5\"\r\n"
            + "1641344400,\"he said \"\"hi\"\"\",KZ,2\r\n"
            + "1641348000,\"two\r\nlines\",\"KZ\",3\r\n"
            + "1641351600,plain \"quote\" inside,KZ,4\r\n";
    ImportResult r = read("q.csv", csv, byCountry().build(), REGISTRY);
    assertThat(r.rows()).isEqualTo(4);
    assertThat(r.find("country/KZ").orElseThrow())
        .isEqualTo(TimeSeries.of(T0, 3600, new double[] {1.5, 2, 3, 4}));
  }

  @Test
  void countsLinesInsideQuotedFieldsForLaterErrors() {
    String csv = "t,note,cc,v\n1641340800,\"a\nb\nc\",KZ,1\n1641344400,x,KZ,oops\n";
    assertThat(SeriesReaderErrorTest.error("q.csv", csv, byCountry().build()))
        .hasMessage(
            "q.csv, line 5, column v: 'oops' is not a number: expected a decimal number"
                + " such as 12.5 or 1.2e3, or an empty field, NA, NaN or null for a gap");
  }

  @Test
  void readsTsv() {
    String tsv = "cc\tt\tv\nKZ\t1641340800\t10\nKZ\t1641344400\t\nKZ\t1641348000\t12\n";
    ImportResult r = read("x.tsv", tsv, byCountry().build(), REGISTRY);
    assertThat(r.find("country/KZ").orElseThrow())
        .isEqualTo(TimeSeries.of(T0, 3600, new double[] {10, NAN, 12}));
    assertThat(r.notes()).contains("format: tsv (from the file name)");
  }

  @Test
  void readsJsonLinesWithStringsNumbersAndNulls() {
    String jsonl =
        "{\"t\": 1641340800, \"cc\": \"KZ\", \"v\": 1.25, \"extra\": {\"nested\": [1, 2]}}\n"
            + "{\"t\": \"1641344400\", \"cc\": \"KAZ\", \"v\": \"2\"}\n"
            + "\n"
            + "{\"v\": null, \"t\": 1641348000, \"cc\": \"Kazakhstan\"}\n"
            + "{\"t\": 1641351600, \"cc\": \"KZ\", \"v\": NaN}\n"
            + "{\"t\": 1641355200, \"cc\": \"KZ\", \"v\": 5e0}\n";
    ImportResult r = read("x.jsonl", jsonl, byCountry().build(), REGISTRY);
    assertThat(r.rows()).isEqualTo(5);
    assertThat(r.find("country/KZ").orElseThrow())
        .isEqualTo(TimeSeries.of(T0, 3600, new double[] {1.25, 2, NAN, NAN, 5}));
    assertThat(r.notes()).contains("2 empty values (empty, NA, NaN or null) were read as gaps");
  }

  @Test
  void readsAJsonArrayOfObjects() {
    String json =
        "[\n {\"t\": 1641340800, \"cc\": \"KZ\", \"v\": 1},\n"
            + " {\"t\": 1641344400, \"cc\": \"KZ\", \"v\": 2}\n]\n";
    ImportResult r = read("x.json", json, byCountry().build(), REGISTRY);
    assertThat(r.find("country/KZ").orElseThrow())
        .isEqualTo(TimeSeries.of(T0, 3600, new double[] {1, 2}));
  }

  @Test
  void detectsGzipByItsMagicBytesNotItsName() {
    String csv = "t,cc,v\n1641340800,KZ,1\n1641344400,KZ,2\n";
    byte[] gz = TestFiles.gzip(csv.getBytes(StandardCharsets.UTF_8));
    TimeSeries expected = TimeSeries.of(T0, 3600, new double[] {1, 2});
    // compressed but not named .gz
    ImportResult a = read("x.csv", gz, byCountry().build(), REGISTRY);
    assertThat(a.find("country/KZ")).contains(expected);
    assertThat(a.notes()).contains("gzip-compressed (recognised by its first bytes)");
    // named .gz but already inflated; the name still says csv
    ImportResult b = read("x.csv.gz", csv, byCountry().build(), REGISTRY);
    assertThat(b.find("country/KZ")).contains(expected);
    assertThat(b.notes()).doesNotContain("gzip-compressed (recognised by its first bytes)");
    // compressed JSON lines named .ndjson.gz
    String jsonl =
        "{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1}\n{\"t\":1641344400,\"cc\":\"KZ\",\"v\":2}";
    ImportResult c =
        read(
            "x.ndjson.gz",
            TestFiles.gzip(jsonl.getBytes(StandardCharsets.UTF_8)),
            byCountry().build(),
            REGISTRY);
    assertThat(c.find("country/KZ")).contains(expected);
  }

  @Test
  void skipsAUtf8ByteOrderMark() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "t,cc,v\n1641340800,KZ,1\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(body, 0, bytes, 3, body.length);
    ImportResult r = read("x.csv", bytes, byCountry().step(Duration.ofHours(1)).build(), REGISTRY);
    assertThat(r.find("country/KZ")).contains(TimeSeries.of(T0, 3600, new double[] {1}));
    // and in gzip, and before JSON
    assertThat(
            read(
                    "x.csv",
                    TestFiles.gzip(bytes),
                    byCountry().step(Duration.ofHours(1)).build(),
                    REGISTRY)
                .rows())
        .isEqualTo(1);
    byte[] json = "{\"t\":1641340800,\"cc\":\"KZ\",\"v\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] jsonBom = new byte[3 + json.length];
    System.arraycopy(bom, 0, jsonBom, 0, 3);
    System.arraycopy(json, 0, jsonBom, 3, json.length);
    assertThat(
            read("x.jsonl", jsonBom, byCountry().step(Duration.ofHours(1)).build(), REGISTRY)
                .rows())
        .isEqualTo(1);
  }

  @Test
  void acceptsCrlfLfAndCrLineEndsAndAMissingFinalNewline() {
    SeriesImportSpec spec = byCountry().build();
    TimeSeries expected = TimeSeries.of(T0, 3600, new double[] {1, 2, 3});
    for (String eol : new String[] {"\r\n", "\n", "\r"}) {
      String csv =
          String.join(eol, "t,cc,v", "1641340800,KZ,1", "1641344400,KZ,2", "1641348000,KZ,3");
      assertThat(read("x.csv", csv, spec, REGISTRY).find("country/KZ")).contains(expected);
      assertThat(read("x.csv", csv + eol, spec, REGISTRY).find("country/KZ")).contains(expected);
    }
  }

  @Test
  void skipsAndCountsBlankLines() {
    String csv = "\nt,cc,v\n1641340800,KZ,1\n\n1641344400,KZ,2\n\n";
    ImportResult r = read("x.csv", csv, byCountry().build(), REGISTRY);
    assertThat(r.rows()).isEqualTo(2);
    assertThat(r.notes()).contains("2 blank lines were skipped");
  }

  @Test
  void readsAFixedEntity() {
    String csv = "t,v\n1641340800,1\n1641341100,2\n1641341400,3\n";
    ImportResult r = read("x.csv", csv, fixedKz().build(), REGISTRY);
    assertThat(r.series()).hasSize(1);
    assertThat(r.find("country/KZ")).contains(TimeSeries.of(T0, 300, new double[] {1, 2, 3}));
    assertThat(r.series().keySet().iterator().next().signal()).isEqualTo("traffic.requests");
  }

  @Test
  void aFixedRegionIsNotRolledUpToItsCountry() {
    String csv = "t,v\n1641340800,1\n1641341100,2\n";
    SeriesImportSpec spec =
        SeriesImportSpec.builder()
            .signal("traffic.requests")
            .timeColumn("t")
            .valueColumn("v")
            .entity(REGISTRY.parse("region/KZ-ALA"))
            .build();
    ImportResult r = read("x.csv", csv, spec, REGISTRY);
    assertThat(r.find("region/KZ-ALA")).isPresent();
    assertThat(r.find("country/KZ")).isEmpty();
  }

  @Test
  void readsAsnEntitiesWithOrWithoutThePrefixAndDoesNotRollThemUp() {
    String csv =
        "asn,name,t,v\n"
            + "AS9198,JSC Kazakhtelecom,1641340800,10\n"
            + "9198,JSC Kazakhtelecom,1641344400,20\n"
            + "as48716,PS Internet,1641340800,5\n"
            + "48716,PS Internet,1641344400,6\n";
    SeriesImportSpec spec =
        SeriesImportSpec.builder()
            .signal("bgp.visible_slash24")
            .timeColumn("t")
            .valueColumn("v")
            .entityColumn(EntityType.ASN, "asn")
            .nameColumn("name")
            .build();
    ImportResult r = read("x.csv", csv, spec, REGISTRY);
    assertThat(r.series()).hasSize(2);
    assertThat(r.find("asn/9198")).contains(TimeSeries.of(T0, 3600, new double[] {10, 20}));
    assertThat(r.find("asn/48716")).contains(TimeSeries.of(T0, 3600, new double[] {5, 6}));
    assertThat(r.series().keySet().iterator().next().entity().name())
        .isEqualTo("JSC Kazakhtelecom");
    assertThat(r.notes()).noneMatch(n -> n.contains("rolled up"));
  }

  @Test
  void acceptsAnyIsoFormOfACountry() {
    String csv =
        "cc,t,v\nKZ,1641340800,1\nKAZ,1641344400,2\n398,1641348000,3\nKazakhstan,1641351600,4\n";
    ImportResult r = read("x.csv", csv, byCountry().build(), REGISTRY);
    assertThat(r.series()).hasSize(1);
    assertThat(r.find("country/KZ")).contains(TimeSeries.of(T0, 3600, new double[] {1, 2, 3, 4}));
  }

  @Test
  void combinesRowsOfOneBinByMeanOrSum() {
    String csv =
        "cc,t,v\nKZ,1641340800,1\nKZ,1641341100,3\nKZ,1641344400,10\nKZ,1641345000,\nKZ,1641346000,20\n";
    SeriesImportSpec mean = byCountry().step(Duration.ofHours(1)).build();
    SeriesImportSpec sum = byCountry().step(Duration.ofHours(1)).aggregate(Aggregate.SUM).build();
    assertThat(read("x.csv", csv, mean, REGISTRY).find("country/KZ"))
        .contains(TimeSeries.of(T0, 3600, new double[] {2, 15}));
    assertThat(read("x.csv", csv, sum, REGISTRY).find("country/KZ"))
        .contains(TimeSeries.of(T0, 3600, new double[] {4, 30}));
    assertThat(read("x.csv", csv, sum, REGISTRY).notes())
        .contains(
            "3 row times were not on the 1h grid and went into the bin that holds them",
            "4 rows shared a bin with other rows of the same entity and were combined by sum");
  }

  @Test
  void floorsTimesToTheStepAndFillsMissingBinsWithGaps() {
    // 10:07, 10:20, 10:55 and 11:31 with a 15-minute step; rows out of order.
    long ten = T0 + 10 * 3600;
    String csv =
        "cc,t,v\n"
            + "KZ,"
            + (ten + 55 * 60)
            + ",3\n"
            + "KZ,"
            + (ten + 7 * 60)
            + ",1\n"
            + "KZ,"
            + (ten + 20 * 60)
            + ",2\n"
            + "KZ,"
            + (ten + 91 * 60)
            + ",4\n";
    ImportResult r = read("x.csv", csv, byCountry().step(Duration.ofMinutes(15)).build(), REGISTRY);
    assertThat(r.stepSeconds()).isEqualTo(900);
    assertThat(r.firstTime()).isEqualTo(ten + 7 * 60);
    assertThat(r.lastTime()).isEqualTo(ten + 91 * 60);
    assertThat(r.find("country/KZ"))
        .contains(TimeSeries.of(ten, 900, new double[] {1, 2, NAN, 3, NAN, NAN, 4}));
  }

  @Test
  void alignsStepsThatDoNotDivideADayToEpochMultiples() {
    String csv = "cc,t,v\nKZ,1000,1\nKZ,1700,2\nKZ,2400,3\n";
    ImportResult r = read("x.csv", csv, byCountry().build(), REGISTRY);
    assertThat(r.stepSeconds()).isEqualTo(700);
    assertThat(r.find("country/KZ")).contains(TimeSeries.of(700, 700, new double[] {1, 2, 3}));
  }

  @Test
  void infersTheMostCommonIntervalPreferringTheSmallerOnATie() {
    // KZ: 5-minute bins with one 10-minute hole; UZ: 10-minute bins. 300 s occurs 3 times,
    // 600 s 3 times: the tie goes to 300 s.
    String csv =
        "cc,t,v\n"
            + "KZ,0,1\nKZ,300,1\nKZ,600,1\nKZ,1200,1\nKZ,1500,1\n"
            + "UZ,0,1\nUZ,600,1\nUZ,1200,1\n";
    ImportResult r = read("x.csv", csv, byCountry().build(), REGISTRY);
    assertThat(r.stepSeconds()).isEqualTo(300);
    assertThat(r.notes()).contains("step inferred: 5m (the most common interval between times)");
    assertThat(r.find("country/UZ"))
        .contains(TimeSeries.of(0, 300, new double[] {1, NAN, 1, NAN, 1}));
  }

  @Test
  void readsEpochMillisecondsAndDecimalSeconds() {
    String csv = "t,v\n1641340800000,1\n1641344400.75,2\n1.6413480E9,3\n";
    ImportResult r = read("x.csv", csv, fixedKz().timeFormat(TimeFormat.epoch()).build(), REGISTRY);
    assertThat(r.find("country/KZ")).contains(TimeSeries.of(T0, 3600, new double[] {1, 2, 3}));
    assertThat(r.notes()).contains("1 epoch time was read as milliseconds (numbers above 1e11)");
  }

  @Test
  void readsIsoInstantsOffsetsAndLocalTimesInTheTimezone() {
    String csv =
        "t,v\n"
            + "2022-01-05T00:00:00Z,1\n"
            + "2022-01-05T07:00:00+06:00,2\n" // 01:00Z
            + "2022-01-05 08:00,3\n" // local Almaty (+06:00) -> 02:00Z
            + "2022-01-05T09:00:00.250,4\n" // local -> 03:00Z
            + "2022-01-05 04:00:00 UTC,5\n"
            + "2022-01-05T05:00:00+0000,6\n";
    SeriesImportSpec spec =
        fixedKz().timeFormat(TimeFormat.iso()).timezone(ZoneId.of("Asia/Almaty")).build();
    ImportResult r = read("x.csv", csv, spec, REGISTRY);
    assertThat(r.find("country/KZ"))
        .contains(TimeSeries.of(T0, 3600, new double[] {1, 2, 3, 4, 5, 6}));
  }

  @Test
  void readsDatesAsMidnightInTheTimezone() {
    String csv = "t,v\n2022-01-05,1\n2022-01-06,2\n";
    SeriesImportSpec spec = fixedKz().timezone(ZoneId.of("+06:00")).build();
    ImportResult r = read("x.csv", csv, spec, REGISTRY);
    assertThat(r.stepSeconds()).isEqualTo(86_400);
    assertThat(r.firstTime()).isEqualTo(T0 - 6 * 3600);
    assertThat(r.notes()).contains("time format inferred: ISO-8601 (give --time-format to choose)");
    // Days in +06:00 start at 18:00Z, so with a step of a day they are floored to UTC days.
    assertThat(r.find("country/KZ"))
        .contains(TimeSeries.of(T0 - 86_400, 86_400, new double[] {1, 2}));
  }

  @Test
  void readsPatternsCaseInsensitivelyAndReportsDaylightSavingChanges() {
    // Europe/Berlin moved from +01:00 to +02:00 at 2022-03-27 02:00 local: 02:30 does not exist.
    String csv = "t,v\n27-MAR-2022 01:00:00,1\n27-mar-2022 02:30:00,2\n27-Mar-2022 03:00:00,3\n";
    SeriesImportSpec spec =
        fixedKz()
            .timeFormat(TimeFormat.parse("dd-MMM-yyyy HH:mm:ss"))
            .timezone(ZoneId.of("Europe/Berlin"))
            .step(Duration.ofMinutes(30))
            .build();
    ImportResult r = read("x.csv", csv, spec, REGISTRY);
    long midnightUtc = 1_648_339_200L; // 2022-03-27T00:00Z = 01:00 Berlin
    // 02:30 is read with +01:00 (01:30Z); 03:00 CEST is 01:00Z.
    assertThat(r.find("country/KZ"))
        .contains(TimeSeries.of(midnightUtc, 1800, new double[] {1, NAN, 3, 2}));
    assertThat(r.notes())
        .contains(
            "1 local time fell in a daylight-saving change (a skipped or repeated hour) and was"
                + " read with the offset in force before it");
  }

  @Test
  void readsTimezonesPerRow() {
    String csv = "t,tz,v\n2022-01-05 06:00,Asia/Almaty,1\n2022-01-05 03:00,Europe/Moscow,2\n";
    SeriesImportSpec spec =
        fixedKz().timezoneColumn("tz").step(Duration.ofHours(1)).aggregate(Aggregate.SUM).build();
    assertThat(read("x.csv", csv, spec, REGISTRY).find("country/KZ"))
        .contains(TimeSeries.of(T0, 3600, new double[] {3}));
  }

  @Test
  void takesTheFormatFromTheSpecOverTheName() {
    String tsv = "t\tv\n1641340800\t1\n1641344400\t2\n";
    ImportResult r = read("x.csv", tsv, fixedKz().format(Format.TSV).build(), REGISTRY);
    assertThat(r.rows()).isEqualTo(2);
  }

  @Test
  void guessesTheFormatWhenTheNameDoesNotSay() {
    String tsv = "t\tv\n1641340800\t1\n1641344400\t2\n";
    ImportResult a = read("export.txt", tsv, fixedKz().build(), REGISTRY);
    assertThat(a.rows()).isEqualTo(2);
    assertThat(a.notes().get(0)).startsWith("format: tsv (the file name does not say");
    String json = "{\"t\":1641340800,\"v\":1}\n{\"t\":1641344400,\"v\":2}\n";
    ImportResult b = read("stdin", json, fixedKz().build(), REGISTRY);
    assertThat(b.rows()).isEqualTo(2);
    assertThat(b.notes().get(0)).startsWith("format: jsonl");
  }

  @Test
  void matchesColumnNamesIgnoringCaseAndSpacesWhenNotExact() {
    String csv = " Time , VALUE \n1641340800,1\n1641344400,2\n";
    SeriesImportSpec spec =
        SeriesImportSpec.builder()
            .signal("traffic.requests")
            .timeColumn("time")
            .valueColumn("value")
            .entity(REGISTRY.parse("country/KZ"))
            .build();
    assertThat(read("x.csv", csv, spec, REGISTRY).rows()).isEqualTo(2);
  }

  @Test
  void returnsNothingForAHeaderWithoutRows() {
    ImportResult r = read("x.csv", "t,cc,v\n", byCountry().build(), REGISTRY);
    assertThat(r.rows()).isZero();
    assertThat(r.series()).isEmpty();
    assertThat(r.stepSeconds()).isZero();
    assertThat(r.notes()).contains("no data rows");
    ImportResult s =
        read("x.csv", "t,cc,v\n", byCountry().step(Duration.ofMinutes(5)).build(), REGISTRY);
    assertThat(s.stepSeconds()).isEqualTo(300);
  }

  @Test
  void readsFromAPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("kz.tsv.gz");
    Files.write(
        file,
        TestFiles.gzip("t\tv\n1641340800\t1\n1641344400\t2\n".getBytes(StandardCharsets.UTF_8)));
    ImportResult r = SeriesReader.read(file, fixedKz().build(), REGISTRY);
    assertThat(r.find("country/KZ")).contains(TimeSeries.of(T0, 3600, new double[] {1, 2}));
  }

  @Test
  void keepsEntitiesInTheOrderTheyFirstAppear() {
    String csv = "cc,t,v\nUZ,0,1\nKZ,0,1\nUZ,60,1\nKG,0,1\nKG,60,1\nKZ,60,1\n";
    ImportResult r = read("x.csv", csv, byCountry().build(), REGISTRY);
    assertThat(r.series().keySet().stream().map(k -> k.entity().code()))
        .containsExactly("UZ", "KZ", "KG");
  }
}
