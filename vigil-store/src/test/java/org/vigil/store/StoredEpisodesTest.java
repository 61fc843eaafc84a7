// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.detect.classify.ClassifiedEvent;
import org.vigil.detect.classify.Episode;
import org.vigil.detect.classify.Kind;
import org.vigil.detect.classify.Mechanism;
import org.vigil.detect.classify.Restoration;
import org.vigil.detect.classify.Scope;

class StoredEpisodesTest {
  static final Entity KZ = new Entity(EntityType.COUNTRY, "KZ", "Kazakhstan", "KZ");
  static final Entity ALMATY = new Entity(EntityType.REGION, "KZ-75", "Almaty", "KZ");
  static final Entity UZ = new Entity(EntityType.COUNTRY, "UZ", "Uzbekistan", "UZ");
  static final Entity KCELL = new Entity(EntityType.ASN, "29355", "Kcell JSC", null);
  static final Entity LONELY = new Entity(EntityType.ASN, "64500", "AS64500", null);
  static final long T0 = 1_641_340_800L; // 2022-01-05T00:00:00Z
  static final long H = 3_600;
  static final InputFile FILE =
      new InputFile(
          7, "abcdef0123456789", 10, "series/csv", "r", "/d/kz.csv", Instant.EPOCH, 1, "");

  static StoredEvent event(String id, Entity e, long start, Long end, String kind, String scope) {
    return new StoredEvent(
        id,
        e,
        start,
        end,
        kind,
        scope,
        null,
        "data-plane-cut",
        "unstable",
        List.of(),
        12.5,
        List.of(new StoredEvent.Signal("probe.up_slash24", start, end, 100, 0.02, 12.5)),
        List.of(FILE));
  }

  @Test
  void aStoredEventReadsBackAsTheClassifiedEventItWas() {
    ClassifiedEvent c = event("e1", KZ, T0, T0 + 10 * H, "blackout", "nationwide").classified();
    assertThat(c.kind()).isEqualTo(Kind.BLACKOUT);
    assertThat(c.scope()).isEqualTo(Scope.NATIONWIDE);
    assertThat(c.mechanism()).isEqualTo(Mechanism.DATA_PLANE_CUT);
    assertThat(c.restoration()).isEqualTo(Restoration.UNSTABLE);
    assertThat(c.pattern()).isNull();
    assertThat(c.id()).isEqualTo("e1");
    assertThat(c.signals())
        .singleElement()
        .satisfies(s -> assertThat(s.lowestRatio()).isEqualTo(0.02));
    assertThat(c.inputs())
        .singleElement()
        .satisfies(f -> assertThat(f.path()).isEqualTo("/d/kz.csv"));
  }

  @Test
  void networksJoinTheOneCountryTheyOverlapAndEpisodesSplitOnLongGaps() {
    List<StoredEvent> events =
        List.of(
            event("a", KZ, T0, T0 + 10 * H, "blackout", "nationwide"),
            event("b", ALMATY, T0 + H, T0 + 9 * H, "blackout", "nationwide"),
            event("c", KCELL, T0 - 5 * H, T0 + H, "throttling", "network"),
            event("d", KZ, T0 + 30 * 24 * H, null, "outage", "regional"),
            event("e", UZ, T0 + 100 * 24 * H, T0 + 101 * 24 * H, "outage", "nationwide"),
            event("f", LONELY, T0 + 200 * 24 * H, T0 + 201 * 24 * H, "outage", "network"));

    Map<String, List<Episode>> all = StoredEpisodes.of(events);

    assertThat(all.keySet()).containsExactly("KZ", "UZ");
    List<Episode> kz = all.get("KZ");
    assertThat(kz).hasSize(2);
    assertThat(kz.get(0).events()).extracting(ClassifiedEvent::id).containsExactly("c", "a", "b");
    assertThat(kz.get(0).start()).isEqualTo(T0 - 5 * H);
    assertThat(kz.get(1).ongoing()).isTrue();
    assertThat(StoredEpisodes.find(kz.get(1).id(), events)).contains(kz.get(1));
    assertThat(StoredEpisodes.find("nope", events)).isEmpty();
    assertThat(StoredEpisodes.of("ZZ", events)).isEmpty();
  }

  @Test
  void aNetworkJoinsTheOneCountryWhoseEventsItOverlaps() {
    Entity tashkent = new Entity(EntityType.ASN, "8193", "Uzbektelekom", null);
    List<StoredEvent> events =
        List.of(
            event("kz", KZ, T0, T0 + 10 * H, "blackout", "nationwide"),
            event("uz", UZ, T0 + 5 * H, T0 + 6 * H, "outage", "nationwide"),
            event("kcell", KCELL, T0 - 5 * H, T0 + 2 * H, "throttling", "network"),
            event("both", tashkent, T0 + 4 * H, T0 + 7 * H, "outage", "network"),
            event("lonely", LONELY, T0 + 20 * H, T0 + 21 * H, "outage", "network"));
    assertThat(StoredEpisodes.networkEventsOf("KZ", events)).containsExactly("kcell");
    assertThat(StoredEpisodes.networkEventsOf("UZ", events)).isEmpty();
  }
}
