// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.Episode;

class NarrativeTest {
  @Test
  void theLabelledKazakhstanEpisodeReadsAsAStatement() {
    Narrative n =
        Narrative.of(KzLabelled.episode(), "Kazakhstan", KzLabelled.ALMATY, KzLabelled.ratings());
    GoldenText.assertMatches("kz-narrative.txt", n.text());
  }

  @Test
  void theReconstructionShapedEpisodeTellsEachPlaceItsOwnStory() {
    Narrative n =
        Narrative.of(KzReconstruction.episode(), "Kazakhstan", KzLabelled.ALMATY, List.of(), 17);
    GoldenText.assertMatches("kz-reconstruction-narrative.txt", n.text());
    String text = n.text();
    // throttling: the country's figure first, the networks hit hardest, the regions as a range
    assertThat(text)
        .contains(
            "traffic fell to 69 % of its usual level across Kazakhstan, to 28 % on Mobile"
                + " Telecom-Service (Tele2/ALTEL, AS48503) and Kcell (AS29355), the networks hit"
                + " hardest, and to 63–66 % in all 17 regions")
        .doesNotContain("to 65 % in Aktjubinskaja");
    // Almaty's own long outage, with its single restoration
    assertThat(text)
        .contains("Almaty was cut off twice, 111 hours 10 minutes without connectivity in all")
        .contains("connectivity came back only once, for 3 hours 50 minutes")
        .contains("back for good on 10 January 2022 at 05:50 UTC (11:50 local time)");
    // Nur-Sultan's curfew, all four cuts in one story
    assertThat(text).contains("Nur-Sultan was cut off 4 times at similar clock times");
    // infrastructure before end users, and the time connectivity was back for good
    assertThat(text)
        .contains(
            "Transtelecom (AS41798) was back on 7 January 2022 at 00:10 UTC (06:10 local time),"
                + " 4 days 2 hours before the other 6 networks")
        .contains(
            "Stable connectivity returned on 11 January 2022 at 02:30 UTC (08:30 local time)");
    // every step sentence rests on events, signals and inputs
    for (Narrative.Sentence x : n.steps()) {
      assertThat(x.events()).as(x.text()).isNotEmpty();
      assertThat(x.inputs()).as(x.text()).isNotEmpty();
    }
  }

  @Test
  void networksAreNamedByTheirOperatorWithoutTheLegalForm() {
    assertThat(
            Prose.name(
                new org.vigil.core.Entity(
                    org.vigil.core.EntityType.ASN, "29355", "Kcell JSC", null)))
        .isEqualTo("Kcell (AS29355)");
    assertThat(
            Prose.name(
                new org.vigil.core.Entity(
                    org.vigil.core.EntityType.ASN,
                    "21299",
                    "Kar-Tel LLC (Beeline Kazakhstan)",
                    null)))
        .isEqualTo("Kar-Tel (Beeline Kazakhstan, AS21299)");
    assertThat(Prose.operator("JSC Kazakhtelecom")).isEqualTo("Kazakhtelecom");
    assertThat(Prose.operator("KCELL-AS")).isEqualTo("KCELL-AS");
    assertThat(Prose.operator("LLC")).isEqualTo("LLC");
    assertThat(
            Prose.name(
                new org.vigil.core.Entity(org.vigil.core.EntityType.ASN, "9198", "AS9198", null)))
        .isEqualTo("AS9198");
  }

  @Test
  void everySentenceButTheStandingRestsOnEventsAndTheirInputs() {
    Narrative n =
        Narrative.of(KzLabelled.episode(), "Kazakhstan", KzLabelled.ALMATY, KzLabelled.ratings());
    List<Narrative.Sentence> s = n.sentences();
    for (Narrative.Sentence x : s.subList(0, s.size() - 1)) {
      assertThat(x.events()).isNotEmpty();
      assertThat(x.signals()).isNotEmpty();
      assertThat(x.inputs()).isNotEmpty();
    }
    assertThat(s.get(s.size() - 1).text())
        .isEqualTo(
            "Kazakhstan is rated Not Free in Freedom in the World (score 23/100, 2022), Not Free"
                + " in Freedom on the Net (2022), and is categorized as a Consolidated"
                + " Authoritarian Regime in Nations in Transit (2022).");
    assertThat(s.get(s.size() - 1).inputs()).hasSize(2);
  }

  @Test
  void theTextDoesNotDependOnTheOrderOfTheEvents() {
    List<ClassifiedEvent> events = new ArrayList<>(KzLabelled.events());
    Collections.reverse(events);
    Episode reversed = Episode.group("KZ", events).get(0);
    assertThat(Narrative.of(reversed, "Kazakhstan", KzLabelled.ALMATY, List.of()).text())
        .isEqualTo(
            Narrative.of(KzLabelled.episode(), "Kazakhstan", KzLabelled.ALMATY, List.of()).text());
  }

  @Test
  void inUtcThereIsNoLocalTimeAndAnOngoingEpisodeSaysSo() {
    List<ClassifiedEvent> events = new ArrayList<>();
    for (ClassifiedEvent e : KzLabelled.events()) {
      if (e.id().equals("7e2d5b8a1c30")) {
        events.add(
            new ClassifiedEvent(
                    e.entity(),
                    e.start(),
                    null,
                    e.scope(),
                    e.kind(),
                    e.mechanism(),
                    null,
                    null,
                    e.signals())
                .withProvenance(e.id(), e.inputs()));
      }
    }
    Episode open = Episode.group("KZ", events).get(0);
    String text = Narrative.of(open, "Kazakhstan", ZoneOffset.UTC, List.of()).text();
    assertThat(text)
        .startsWith("Kazakhstan: internet disruption, since 5 January 2022 (Vigil episode ")
        .contains("times in UTC)")
        .contains("On 5 January 2022 at 10:30 UTC, a nationwide blackout began in Kazakhstan:")
        .contains("The blackout was still going on at the end of the data.")
        .contains("At the end of the data, the disruption was still going on in Kazakhstan.")
        .doesNotContain("local time");
  }

  @Test
  void datesRangeOverMonthsAndEndExclusively() {
    long a = KzLabelled.utc(4, 6, 0);
    assertThat(Narrative.dateRange(a, KzLabelled.utc(11, 2, 15))).isEqualTo("4–11 January 2022");
    assertThat(Narrative.dateRange(a, KzLabelled.utc(5, 0, 0))).isEqualTo("4 January 2022");
    assertThat(Narrative.dateRange(a - 10 * 86_400, KzLabelled.utc(1, 12, 0)))
        .isEqualTo("25 December 2021 – 1 January 2022");
  }
}
