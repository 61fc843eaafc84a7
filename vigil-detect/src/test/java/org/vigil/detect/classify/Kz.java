// SPDX-License-Identifier: Apache-2.0
package org.vigil.detect.classify;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;

/**
 * Kazakhstan, January 2022 (KAZAKHSTAN-2022.md): entities and times for the rules' tests. Times are
 * UTC; local time was UTC+6.
 */
final class Kz {
  private Kz() {}

  static final ZoneOffset LOCAL = ZoneOffset.ofHours(6);
  static final long HOUR = 3_600;
  static final long DAY = 86_400;

  static final Entity KZ = new Entity(EntityType.COUNTRY, "KZ", "Kazakhstan", "KZ");
  static final Entity ALMATY = region("KZ-75", "Almaty");
  static final Entity NUR_SULTAN = region("KZ-71", "Nur-Sultan");
  static final Entity KAZAKHTELECOM = asn("9198", "JSC Kazakhtelecom");
  static final Entity KCELL = asn("29355", "Kcell JSC");
  static final Entity TELE2 = asn("48503", "Mobile Telecom-Service LLP");

  /** The 17 regions of January 2022 (14 oblasts and 3 cities). */
  static final String[] REGIONS = {
    "KZ-75", "KZ-71", "KZ-79", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-35",
    "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-63"
  };

  static Entity region(String code, String name) {
    return new Entity(EntityType.REGION, code, name, "KZ");
  }

  static Entity region(String code) {
    return region(code, code);
  }

  static Entity asn(String number, String name) {
    return new Entity(EntityType.ASN, number, name, null);
  }

  /** Epoch second of 2022-01-{day} {hour}:{minute} UTC. */
  static long utc(int day, int hour, int minute) {
    return LocalDateTime.of(2022, 1, day, hour, minute).toEpochSecond(ZoneOffset.UTC);
  }

  /** Epoch second of 2022-01-{day} {hour}:{minute} in Kazakhstan (UTC+6). */
  static long local(int day, int hour, int minute) {
    return LocalDateTime.of(2022, 1, day, hour, minute).toEpochSecond(LOCAL);
  }

  static SignalEvent ev(Entity e, String signal, long start, Long end, double lowest) {
    return new SignalEvent(e, signal, start, end, lowest);
  }

  /** The nationwide blackout: from Jan 5 10:30 UTC to the stable return on Jan 11 02:15. */
  static final long BLACKOUT_START = utc(5, 10, 30);

  static final long BLACKOUT_END = utc(11, 2, 15);
}
