// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.InputFormatException;
import org.vigil.detect.classify.InputRef;

class FreedomHouseReaderTest {
  static final Function<String, Optional<String>> BY_NAME =
      name -> EntityRegistry.load().findCountry(name).map(Entity::code);
  static final InputRef SRC = new InputRef("/d/f.csv", "00");

  @TempDir Path dir;

  static Path fiw() {
    return Path.of(System.getProperty("vigil.shared.data", "../../shared/data"))
        .resolve("freedomhouse-fiw/FIW13-24.csv");
  }

  @Test
  void readsFreedomInTheWorldAsPublished() throws IOException {
    FreedomHouseReader.Result r = FreedomHouseReader.read(fiw(), null, BY_NAME, SRC);
    assertThat(r.survey()).isEqualTo(CountryRating.FREEDOM_IN_THE_WORLD);
    // 2,515 rows; the territories without an ISO 3166 code are skipped, and Kosovo (no code)
    assertThat(r.skipped())
        .contains("Crimea", "Abkhazia", "Somaliland", "Tibet", "Kosovo")
        .doesNotContain("Russia", "Congo (Kinshasa)", "Cote d'Ivoire", "The Gambia");
    assertThat(r.ratings()).hasSizeGreaterThan(2_300);
    CountryRating kz2022 =
        r.ratings().stream()
            .filter(c -> c.country().equals("KZ") && c.edition() == 2022)
            .findFirst()
            .orElseThrow();
    assertThat(kz2022.status()).isEqualTo("NF");
    assertThat(kz2022.statusText()).isEqualTo("Not Free");
    assertThat(kz2022.score()).isEqualTo(23.0);
    assertThat(kz2022.source()).isEqualTo(SRC);
    assertThat(CountryRating.sentence("Kazakhstan", List.of(kz2022)))
        .isEqualTo("Kazakhstan is rated Not Free in Freedom in the World (score 23/100, 2022).");
  }

  @Test
  void aSmallFileOfTheSameShapeGivesTheOtherSurveys() throws IOException {
    Path nit = dir.resolve("nit.csv");
    Files.writeString(
        nit,
        "Nations in Transit (example rows),,,\n"
            + "Country/Territory,Region,Edition,Status,Total\n"
            + "Kazakhstan,Eurasia,2022,Consolidated Authoritarian Regime,\n"
            + "\"Congo (Kinshasa)\",Africa,2022,NF,12\n");
    FreedomHouseReader.Result r = FreedomHouseReader.read(nit, null, BY_NAME, SRC);
    assertThat(r.survey()).isEqualTo(CountryRating.NATIONS_IN_TRANSIT);
    assertThat(r.ratings())
        .extracting(CountryRating::country, CountryRating::status, CountryRating::score)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("KZ", "Consolidated Authoritarian Regime", null),
            org.assertj.core.groups.Tuple.tuple("CD", "NF", 12.0));
    assertThat(CountryRating.sentence("Kazakhstan", r.ratings().subList(0, 1)))
        .isEqualTo(
            "Kazakhstan is categorized as a Consolidated Authoritarian Regime in Nations in"
                + " Transit (2022).");
  }

  @Test
  void aFileOfAnotherLayoutIsRefusedWithItsLine() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a,b\n1,2\n");
    assertThatThrownBy(() -> FreedomHouseReader.read(bad, null, BY_NAME, SRC))
        .isInstanceOf(InputFormatException.class)
        .hasMessageContaining("bad.csv")
        .hasMessageContaining("no header line with Edition and Status");
    Path year = dir.resolve("year.csv");
    Files.writeString(
        year,
        "Freedom on the Net 2022,,\nCountry,Edition,Status,Total\nKazakhstan,2022,NF,32\n"
            + "Uzbekistan,twenty,NF,27\n");
    assertThatThrownBy(() -> FreedomHouseReader.read(year, null, BY_NAME, SRC))
        .hasMessage(year + ", line 4, column Edition: expected a year, got 'twenty'");
    Path untitled = dir.resolve("untitled.csv");
    Files.writeString(untitled, "Country,Edition,Status,Total\nKazakhstan,2022,NF,32\n");
    assertThatThrownBy(() -> FreedomHouseReader.read(untitled, null, BY_NAME, SRC))
        .hasMessageContaining("--survey");
    assertThat(
            FreedomHouseReader.read(untitled, CountryRating.FREEDOM_ON_THE_NET, BY_NAME, SRC)
                .ratings())
        .singleElement()
        .satisfies(c -> assertThat(c.score()).isEqualTo(32.0));
  }

  @Test
  void forYearTakesThatEditionOrTheLatestBefore() {
    List<CountryRating> all =
        List.of(
            new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2021, "NF", 23.0, null),
            new CountryRating("KZ", CountryRating.FREEDOM_IN_THE_WORLD, 2023, "NF", 23.0, null),
            new CountryRating("KZ", CountryRating.NATIONS_IN_TRANSIT, 2020, "CAR", null, null),
            new CountryRating("UZ", CountryRating.FREEDOM_IN_THE_WORLD, 2022, "NF", 12.0, null));
    assertThat(CountryRating.forYear(all, "KZ", 2022))
        .extracting(CountryRating::survey, CountryRating::edition)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CountryRating.FREEDOM_IN_THE_WORLD, 2021),
            org.assertj.core.groups.Tuple.tuple(CountryRating.NATIONS_IN_TRANSIT, 2020));
    assertThat(CountryRating.forYear(all, "KZ", 2019)).isEmpty();
  }
}
