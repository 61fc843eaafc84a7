// SPDX-License-Identifier: Apache-2.0
package org.vigil.core;

import java.util.Objects;

/**
 * A place or network Vigil reports on: a country (ISO 3166-1 alpha-2), a region (ISO 3166-2, or a
 * named sub-national area within a country), or an autonomous system.
 *
 * <p>Codes are canonical: upper-case alpha-2 for countries, the ISO 3166-2 code for regions ({@code
 * KZ-75}) or {@code CC:ID} for a named area that ISO does not list ({@code RU:RUS-42}), and the
 * decimal number for an ASN. Build entities with {@link EntityRegistry}, which validates codes and
 * fills in names.
 *
 * @param type the kind of entity
 * @param code the canonical code
 * @param name a human-readable name
 * @param country the alpha-2 code of the country a region lies in; the country's own code for a
 *     country; {@code null} for an ASN
 */
public record Entity(EntityType type, String code, String name, String country) {

  public Entity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    if (type != EntityType.ASN) {
      Objects.requireNonNull(country, "country");
    }
  }

  /** The {@code type/code} key, for example {@code country/KZ} or {@code asn/9198}. */
  public String key() {
    return type.key() + "/" + code;
  }

  @Override
  public String toString() {
    return key();
  }
}
