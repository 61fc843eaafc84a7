// SPDX-License-Identifier: Apache-2.0
package org.vigil.series.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.series.TimeFormat;

class TimeParserTest {
  static final ZoneId UTC = ZoneOffset.UTC;
  static final long T = 1_641_378_600L; // 2022-01-05T10:30:00Z

  static long parse(TimeParser p, String text, ZoneId zone) {
    char[] c = ("|" + text + "|").toCharArray();
    return p.parse(c, 1, c.length - 1, zone);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "2022-01-05T10:30:00Z; 1641378600",
        "2022-01-05t10:30:00z; 1641378600",
        "2022-01-05T10:30Z; 1641378600",
        "2022-01-05T10:30:00.999999999Z; 1641378600",
        "2022-01-05T10:30:00,5Z; 1641378600",
        "2022-01-05T12:30:00+02:00; 1641378600",
        "2022-01-05T12:30:00+0200; 1641378600",
        "2022-01-05T12:30:00+02; 1641378600",
        "2022-01-05T05:00:00-05:30; 1641378600",
        "2022-01-05 10:30:00 UTC; 1641378600",
        "2022-01-05 10:30:00 GMT; 1641378600",
        "2022-01-05 10:30:00Z; 1641378600",
        "2022-01-05T10:30:00; 1641378600",
        "2022-01-05 10:30:00; 1641378600",
        "2022-01-05 10:30; 1641378600",
        "  2022-01-05 10:30  ; 1641378600",
        "2022-01-05; 1641340800",
        "2020-02-29; 1582934400",
        "1969-12-31T23:59:59Z; -1",
      })
  void readsIsoForms(String text, long expected) {
    assertThat(parse(new TimeParser(TimeFormat.iso()), text, UTC)).as(text).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2022-1-5",
        "2022-01-05T",
        "2022-01-05T10",
        "2022-01-05T10:3",
        "2022-01-05T10:30:0",
        "2022-01-05T24:00:00",
        "2022-01-05T10:60",
        "2022-01-05T10:30:60",
        "2022-13-01",
        "2022-02-29",
        "2022-00-10",
        "2022-01-32",
        "2022-01-05T10:30:00+2",
        "2022-01-05T10:30:00+19",
        "2022-01-05T10:30:00+02:0",
        "2022-01-05T10:30:00 PST",
        "2022-01-05T10:30:00.Z",
        "05/01/2022",
        "1641378600",
        "yesterday",
        "2022-01-05X10:30",
        "２０２２-01-05"
      })
  void rejectsWhatIsNotIso(String text) {
    assertThat(parse(new TimeParser(TimeFormat.iso()), text, UTC))
        .as(text)
        .isEqualTo(TimeParser.INVALID);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1641378600; 1641378600",
        "+1641378600; 1641378600",
        "1641378600.9; 1641378600",
        "1641378600000; 1641378600",
        "1641378600999; 1641378600",
        "1641378600999.5; 1641378600",
        "1.6413786E9; 1641378600",
        "1.6413786e12; 1641378600",
        "0; 0",
        "-1.5; -2",
        "99999999999; 99999999999",
        "100000000001; 100000000",
      })
  void readsEpochSecondsAndMilliseconds(String text, long expected) {
    assertThat(parse(new TimeParser(TimeFormat.epoch()), text, UTC)).as(text).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1641378600s", "0x10", "1,5", "2022-01-05", "1e99999"})
  void rejectsWhatIsNotAnEpochNumber(String text) {
    assertThat(parse(new TimeParser(TimeFormat.epoch()), text, UTC))
        .as(text)
        .isEqualTo(TimeParser.INVALID);
  }

  @Test
  void countsMillisecondRows() {
    TimeParser p = new TimeParser(TimeFormat.epoch());
    parse(p, "1641378600000", UTC);
    parse(p, "1641378600000", UTC); // from the cache, counted all the same
    parse(p, "1641378600", UTC);
    assertThat(p.millisRows()).isEqualTo(2);
  }

  @Test
  void readsPatternsWithAndWithoutZones() {
    TimeParser local = new TimeParser(TimeFormat.pattern("dd-MMM-yyyy HH:mm:ss"));
    assertThat(parse(local, "05-Jan-2022 12:30:00", ZoneId.of("Europe/Kiev"))).isEqualTo(T);
    assertThat(parse(local, "05-JAN-2022 13:30:00", ZoneId.of("Europe/Moscow"))).isEqualTo(T);
    TimeParser dateOnly = new TimeParser(TimeFormat.pattern("dd/MM/yyyy"));
    assertThat(parse(dateOnly, "05/01/2022", UTC)).isEqualTo(1_641_340_800L);
    TimeParser offset = new TimeParser(TimeFormat.pattern("yyyy-MM-dd HH:mm xxx"));
    assertThat(parse(offset, "2022-01-05 16:30 +06:00", UTC)).isEqualTo(T);
    TimeParser zoned = new TimeParser(TimeFormat.pattern("yyyy-MM-dd HH:mm VV"));
    assertThat(parse(zoned, "2022-01-05 16:30 Asia/Almaty", UTC)).isEqualTo(T);
    TimeParser timeOnly = new TimeParser(TimeFormat.pattern("HH:mm"));
    assertThat(parse(timeOnly, "10:30", UTC)).isEqualTo(TimeParser.INVALID);
    assertThat(parse(local, "05-Jan-2022", UTC)).isEqualTo(TimeParser.INVALID);
  }

  @Test
  void autoDecidesOnTheFirstValue() {
    TimeParser p = new TimeParser(TimeFormat.auto());
    assertThat(parse(p, "1641378600", UTC)).isEqualTo(T);
    assertThat(p.kind()).isEqualTo(TimeFormat.Kind.EPOCH);
    assertThat(parse(p, "2022-01-05T10:30:00Z", UTC)).isEqualTo(TimeParser.INVALID);
    TimeParser q = new TimeParser(TimeFormat.auto());
    assertThat(parse(q, "2022-01-05T10:30:00Z", UTC)).isEqualTo(T);
    assertThat(q.kind()).isEqualTo(TimeFormat.Kind.ISO);
  }

  @Test
  void theCacheKeysOnTheZoneToo() {
    TimeParser p = new TimeParser(TimeFormat.iso());
    assertThat(parse(p, "2022-01-05 12:30", ZoneId.of("Europe/Kiev"))).isEqualTo(T);
    assertThat(parse(p, "2022-01-05 12:30", ZoneId.of("Europe/Moscow"))).isEqualTo(T - 3600);
    assertThat(parse(p, "2022-01-05 12:30", ZoneId.of("Europe/Kiev"))).isEqualTo(T);
  }

  /** Random local times in zones with daylight saving agree with java.time's own resolution. */
  @Test
  void localTimesAgreeWithJavaTimeAcrossZones() {
    List<ZoneId> zones =
        List.of(
            ZoneId.of("Europe/Kiev"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Asia/Tehran"),
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("+05:45"),
            ZoneId.of("UTC"));
    DateTimeFormatter space = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);
    DateTimeFormatter custom = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.ENGLISH);
    SplittableRandom rnd = new SplittableRandom(42);
    TimeParser iso = new TimeParser(TimeFormat.iso());
    TimeParser pattern = new TimeParser(TimeFormat.pattern("dd-MMM-yyyy HH:mm:ss"));
    for (int i = 0; i < 50_000; i++) {
      ZoneId zone = zones.get(rnd.nextInt(zones.size()));
      LocalDateTime ldt =
          LocalDateTime.ofEpochSecond(
              rnd.nextLong(-2_000_000_000L, 4_000_000_000L), 0, ZoneOffset.UTC);
      if (rnd.nextInt(4) == 0) {
        // near a transition, where it matters
        var t = zone.getRules().nextTransition(ldt.toInstant(ZoneOffset.UTC));
        if (t != null) {
          ldt = t.getDateTimeBefore().plusMinutes(rnd.nextInt(-90, 90));
        }
      }
      long expected = ZonedDateTime.of(ldt, zone).toEpochSecond();
      assertThat(parse(iso, ldt.format(space), zone)).as(ldt + " " + zone).isEqualTo(expected);
      assertThat(parse(iso, ldt.toString(), zone)).as(ldt + " " + zone).isEqualTo(expected);
      assertThat(parse(pattern, ldt.format(custom), zone)).as(ldt + " " + zone).isEqualTo(expected);
    }
    assertThat(iso.dstAdjusted()).isPositive();
  }
}
