// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EntityRegistryTest {
  // pycountry's copy of Debian's iso-codes data; see ../shared/data/SOURCES.md
  static final Path SHARED_ISO =
      Path.of(System.getProperty("vigil.shared.data", "../../shared/data"), "iso3166");

  final EntityRegistry debian = EntityRegistry.fromDirectory(EntityRegistry.DEBIAN_ISO_CODES);
  final EntityRegistry shared = EntityRegistry.fromDirectory(SHARED_ISO);

  @Test
  void alpha3NumericAndNamesMapToTheSameCountry() {
    for (EntityRegistry r : new EntityRegistry[] {debian, shared}) {
      Entity ir = r.country("IR");
      assertThat(r.country("IRN")).isEqualTo(ir);
      assertThat(r.country("irn")).isEqualTo(ir);
      assertThat(r.country("364")).isEqualTo(ir);
      assertThat(r.country("Iran")).isEqualTo(ir);
      assertThat(r.country("Iran, Islamic Republic of")).isEqualTo(ir);
      assertThat(r.country("islamic republic of iran")).isEqualTo(ir);
      assertThat(r.parse("country/IRN")).isEqualTo(ir);
      assertThat(ir.key()).isEqualTo("country/IR");
      assertThat(ir.name()).isEqualTo("Iran, Islamic Republic of");
      assertThat(r.country("Côte d'Ivoire").code()).isEqualTo("CI");
      assertThat(r.country("cote d ivoire").code()).isEqualTo("CI");
    }
  }

  @Test
  void everydayEnglishNamesFromCldrWork() {
    assertThat(debian.country("Russia").code()).isEqualTo("RU");
    assertThat(debian.country("Syria").code()).isEqualTo("SY");
    assertThat(debian.country("Russian Federation").code()).isEqualTo("RU");
  }

  @Test
  void regionNamesResolveWithoutANameColumn() {
    assertThat(debian.region("Almaty", "KZ", null).code()).isEqualTo("KZ-ALA");
    assertThat(debian.region("almaty", "KZ", null).name()).isEqualTo("Almaty");
  }

  @Test
  void unknownCountrySaysWhatItExpects() {
    assertThatThrownBy(() -> debian.country("Atlantis"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Atlantis")
        .hasMessageContaining("ISO 3166-1");
  }

  @Test
  void isoRegionsComeWithTheirNamesAndCountry() {
    Entity almaty = shared.parse("region/KZ-75");
    assertThat(almaty.name()).isEqualTo("Almaty");
    assertThat(almaty.country()).isEqualTo("KZ");
    assertThat(debian.parse("region/kz-ala").name()).isEqualTo("Almaty");
    assertThat(shared.regionsOf("KZ")).hasSizeGreaterThanOrEqualTo(17);
  }

  @Test
  void nonIsoAreasBecomeNamedAreasOfTheirCountry() {
    Entity kursk = debian.region("RUS-42", "RUS", "Kursk");
    assertThat(kursk.code()).isEqualTo("RU:RUS-42");
    assertThat(kursk.name()).isEqualTo("Kursk");
    assertThat(kursk.country()).isEqualTo("RU");
    assertThat(debian.parse("region/RU:RUS-42").code()).isEqualTo("RU:RUS-42");
    // a name ISO lists for that country resolves to the ISO entity
    assertThat(debian.region("12", "UA", "Kyiv").code()).isEqualTo("UA-30");
  }

  @Test
  void asnAcceptsPrefixAndRejectsJunk() {
    assertThat(debian.asn("AS9198")).isEqualTo(debian.asn("9198"));
    assertThat(debian.parse("asn/9198").name()).isEqualTo("AS9198");
    assertThatThrownBy(() -> debian.asn("AS4294967296")).hasMessageContaining("4294967295");
    assertThatThrownBy(() -> debian.parse("kz")).hasMessageContaining("TYPE/CODE");
  }
}
