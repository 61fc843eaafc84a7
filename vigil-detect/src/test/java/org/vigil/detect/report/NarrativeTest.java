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
