// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.asn;

import java.util.Objects;

/**
 * The name of an autonomous system as a public table gives it.
 *
 * @param asn the AS number
 * @param name the holder's name ({@code Kcell JSC}), else the AS handle ({@code KCELL-AS})
 * @param country the registration country (ISO 3166-1 alpha-2), or {@code null} when not given
 */
public record AsName(long asn, String name, String country) {
  public AsName {
    if (asn < 0 || asn > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("AS number out of range: " + asn);
    }
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank name for AS" + asn);
    }
  }
}
