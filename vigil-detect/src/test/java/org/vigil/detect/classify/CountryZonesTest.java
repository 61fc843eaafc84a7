// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountryZonesTest {
  @TempDir Path dir;

  @Test
  void theFirstZoneListedForACountryIsItsMainOne() throws IOException {
    Path tab = dir.resolve("zone.tab");
    Files.writeString(
        tab,
        "# comment\n"
            + "KZ\t+4315+07657\tAsia/Almaty\tmost of Kazakhstan\n"
            + "KZ\t+4448+06528\tAsia/Qyzylorda\tQyzylorda\n"
            + "XX\t+0000+00000\tNowhere/Unknown\n"
            + "XX\t+0000+00000\tEurope/London\n");
    CountryZones z = CountryZones.read(tab);
    assertThat(z.zone("KZ")).contains(ZoneId.of("Asia/Almaty"));
    assertThat(z.zone("kz")).contains(ZoneId.of("Asia/Almaty"));
    // a zone this Java does not know is skipped for the next one
    assertThat(z.zone("XX")).contains(ZoneId.of("Europe/London"));
    assertThat(z.zoneOrUtc("UZ")).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void debiansTableGivesKazakhstanAlmatyTime() {
    if (Files.isRegularFile(CountryZones.DEBIAN_ZONE_TAB)) {
      assertThat(CountryZones.read(CountryZones.DEBIAN_ZONE_TAB).zone("KZ"))
          .contains(ZoneId.of("Asia/Almaty"));
    }
  }

  @Test
  void everyClassReadsBackFromItsKey() {
    for (Kind k : Kind.values()) {
      assertThat(Kind.ofKey(k.key())).isEqualTo(k);
    }
    for (Scope s : Scope.values()) {
      assertThat(Scope.ofKey(s.key())).isEqualTo(s);
    }
    for (Mechanism m : Mechanism.values()) {
      assertThat(Mechanism.ofKey(m.key())).isEqualTo(m);
    }
    for (Pattern p : Pattern.values()) {
      assertThat(Pattern.ofKey(p.key())).isEqualTo(p);
    }
    for (Restoration r : Restoration.values()) {
      assertThat(Restoration.ofKey(r.key())).isEqualTo(r);
    }
    assertThatThrownBy(() -> Kind.ofKey("meltdown"))
        .hasMessageContaining("unknown kind 'meltdown'")
        .hasMessageContaining("platform-blocking");
  }
}
