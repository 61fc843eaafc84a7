// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigil.detect.classify.Kz.ALMATY;
import static org.vigil.detect.classify.Kz.BLACKOUT_END;
import static org.vigil.detect.classify.Kz.HOUR;
import static org.vigil.detect.classify.Kz.KZ;
import static org.vigil.detect.classify.Kz.utc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.core.Entity;

class EpisodeTest {
  static ClassifiedEvent event(Entity e, long start, Long end) {
    SignalEvent s = Kz.ev(e, "probe.up_slash24", start, end, 0.3);
    return new ClassifiedEvent(
        e, start, end, Scope.REGIONAL, Kind.OUTAGE, null, null, null, List.of(s));
  }

  @Test
  void eventsCloserThanTheGapAreOneEpisode() {
    long t = utc(5, 0, 0);
    ClassifiedEvent a = event(KZ, t, t + 10 * HOUR);
    ClassifiedEvent b = event(ALMATY, t + 2 * HOUR, t + 12 * HOUR);
    ClassifiedEvent c = event(KZ, t + 12 * HOUR + 47 * HOUR, t + 60 * HOUR); // 47 h after b
    ClassifiedEvent d = event(KZ, t + 60 * HOUR + 48 * HOUR, t + 109 * HOUR); // exactly 48 h

    List<Episode> episodes = Episode.group("KZ", List.of(a, b, c, d));

    assertThat(episodes).hasSize(2);
    assertThat(episodes.get(0).events()).containsExactly(a, b, c);
    assertThat(episodes.get(0).start()).isEqualTo(t);
    assertThat(episodes.get(0).end()).isEqualTo(t + 60 * HOUR);
    assertThat(episodes.get(1).events()).containsExactly(d);
    assertThat(episodes.get(1).ongoing()).isFalse();
    // A smaller gap splits more.
    assertThat(Episode.group("KZ", List.of(a, b, c, d), Duration.ofHours(12))).hasSize(3);
  }

  @Test
  void anOngoingEventKeepsItsEpisodeOpen() {
    long t = utc(5, 0, 0);
    ClassifiedEvent open = event(KZ, t, null);
    ClassifiedEvent later = event(ALMATY, t + 30 * Kz.DAY, t + 31 * Kz.DAY);

    List<Episode> episodes = Episode.group("KZ", List.of(later, open));

    assertThat(episodes).singleElement().satisfies(e -> assertThat(e.end()).isNull());
    assertThat(episodes.get(0).summary()).contains("– ongoing UTC");
  }

  @Test
  void theOrderOfTheInputDoesNotMatter() {
    List<ClassifiedEvent> events = new ArrayList<>(KzEpisode.classified());
    List<Episode> a = Episode.group("KZ", events);
    Collections.reverse(events);
    assertThat(Episode.group("KZ", events)).isEqualTo(a);
    assertThat(Episode.group("KZ", List.of())).isEmpty();
    assertThatThrownBy(() -> Episode.group("KZ", events, Duration.ofHours(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kazakhstanIsOneEpisodeWithAOneLineSummary() {
    List<Episode> episodes = Episode.group("KZ", KzEpisode.classified());

    assertThat(episodes).hasSize(1);
    Episode kz = episodes.get(0);
    assertThat(kz.start()).isEqualTo(utc(4, 6, 0));
    assertThat(kz.end()).isEqualTo(BLACKOUT_END);
    assertThat(kz.events()).hasSize(1 + 2 + 1 + 14 + 4);
    assertThat(kz.summary())
        .isEqualTo(
            "KZ 2022-01-04 06:00 – 2022-01-11 02:15 UTC: nationwide blackout (data-plane cut; to"
                + " 2 %); throttling on 2 networks; nationwide platform blocking (signal, telegram,"
                + " whatsapp); curfew-style cuts in 1 region; restoration unstable; 22 events");
  }
}
