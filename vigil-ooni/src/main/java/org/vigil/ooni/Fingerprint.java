// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One DNS or HTTP blockpage fingerprint, as in OONI's {@code fingerprints_dns.json} and {@code
 * fingerprints_http.json} (the {@code fingerprints_dns} and {@code fingerprints_http} tables of
 * OONI's ClickHouse database, from {@code ooni/blocking-fingerprints}).
 *
 * @param name e.g. {@code ooni.ir_10dot10_ipv4_1}
 * @param scope {@code nat} (national), {@code isp}, {@code prod} (a filtering product), {@code
 *     inst} (an institution), {@code fp} (false positive), {@code vbw}, …
 * @param otherNames other names of the same fingerprint, or {@code ""}
 * @param locationFound {@code dns}, {@code body} or {@code header.<lower-case name>}
 * @param patternType {@code full}, {@code prefix}, {@code contains} or {@code regexp}
 * @param pattern the address, text or header value
 * @param confidenceNoFp OONI's confidence that a match is not a false positive (0–10)
 * @param expectedCountries upper-case country codes, sorted, without {@code ZZ}
 */
public record Fingerprint(
    String name,
    String scope,
    String otherNames,
    String locationFound,
    String patternType,
    String pattern,
    int confidenceNoFp,
    List<String> expectedCountries) {

  public Fingerprint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(otherNames, "otherNames");
    Objects.requireNonNull(locationFound, "locationFound");
    Objects.requireNonNull(patternType, "patternType");
    Objects.requireNonNull(pattern, "pattern");
    expectedCountries = List.copyOf(expectedCountries);
  }

  /**
   * Parses the comma-separated {@code expected_countries} of the fingerprint tables as the fastpath
   * does ({@code extract_expected_countries}): the whole text is trimmed, split at commas, each
   * code upper-cased; empty codes and {@code ZZ} are dropped; the result is sorted.
   */
  public static List<String> parseExpectedCountries(String text) {
    TreeSet<String> codes = new TreeSet<>();
    for (String code : text.strip().split(",", -1)) {
      codes.add(code.toUpperCase(Locale.ROOT));
    }
    codes.remove("");
    codes.remove("ZZ");
    return List.copyOf(codes);
  }

  /**
   * Whether a match in a measurement from {@code probeCc} (upper case) is confirmed blocking
   * ({@code is_confirmed}): the country is one the fingerprint expects, or its scope is {@code isp}
   * or {@code nat}, which confirm wherever they match.
   */
  public boolean confirms(String probeCc) {
    return (!probeCc.equals("ZZ") && expectedCountries.contains(probeCc))
        || scope.equals("isp")
        || scope.equals("nat");
  }

  /**
   * The blocking locality a confirmed match scores ({@code FINGERPRINT_SCOPE_TO_LOCALITY}): {@code
   * inst} is local, {@code isp} is isp, {@code nat} is country, anything else general.
   */
  public String locality() {
    return switch (scope) {
      case "inst" -> "local";
      case "isp" -> "isp";
      case "nat" -> "country";
      default -> "general";
    };
  }
}
