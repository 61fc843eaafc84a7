// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The small labelled example {@code vigil demo} runs until the Kazakhstan reconstruction lands: a
 * GENERATED regional traffic series with known disruptions, so a user sees import, detection and
 * listing work and can check the detections against the labels.
 *
 * <p>Deterministic (fixed seed): the same bytes every time, so a second demo run finds the file
 * already catalogued.
 */
final class ExampleSeries {
  /** A region of the example: its name as ISO lists it, and its share of the country's traffic. */
  record Region(String name, double requestsPerBin) {}

  /** A labelled disruption: which regions, from when to when, down to what fraction. */
  record Label(String what, List<String> regions, Instant start, Instant end, double level) {}

  static final List<Region> REGIONS =
      List.of(
          new Region("Almaty", 9000),
          new Region("Nur-Sultan", 6000),
          new Region("Shymkent", 4000),
          new Region("Pavlodar oblysy", 2500));

  static final Instant FROM = Instant.parse("2021-12-22T00:00:00Z");
  static final Instant UNTIL = Instant.parse("2022-01-12T00:00:00Z");
  static final int STEP = 300;
  static final int LOCAL_OFFSET_HOURS = 6;

  static final List<Label> LABELS =
      List.of(
          new Label(
              "partial drop to 40 %",
              List.of("Shymkent"),
              Instant.parse("2022-01-03T08:00:00Z"),
              Instant.parse("2022-01-03T14:00:00Z"),
              0.40),
          new Label(
              "nationwide blackout, to 2 %",
              List.of("Nur-Sultan", "Shymkent", "Pavlodar oblysy"),
              Instant.parse("2022-01-05T10:35:00Z"),
              Instant.parse("2022-01-07T00:00:00Z"),
              0.02),
          new Label(
              "blackout, Almaty cut 3 days more",
              List.of("Almaty"),
              Instant.parse("2022-01-05T10:35:00Z"),
              Instant.parse("2022-01-10T05:00:00Z"),
              0.02));

  /**
   * What the country's series (the sum of its regions) should show: one event from the blackout
   * until Almaty returns, since Almaty alone carries over 40 % of the traffic.
   */
  static final Label COUNTRY_LABEL =
      new Label(
          "country total (sum of regions)",
          List.of(),
          Instant.parse("2022-01-05T10:35:00Z"),
          Instant.parse("2022-01-10T05:00:00Z"),
          0.02);

  private ExampleSeries() {}

  /** Writes the CSV: {@code time,region,requests}, one row per region per 5 minutes. */
  static void write(Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(20220105);
    out.write("time,region,requests\n");
    for (long t = FROM.getEpochSecond(); t < UNTIL.getEpochSecond(); t += STEP) {
      double hourLocal = ((t / 3600.0) + LOCAL_OFFSET_HOURS) % 24;
      // Daily rhythm: a trough before dawn, a peak in the evening, as traffic has.
      double rhythm = 1 + 0.35 * Math.sin(2 * Math.PI * (hourLocal - 13) / 24);
      for (Region r : REGIONS) {
        double level = 1;
        for (Label l : LABELS) {
          if (l.regions().contains(r.name())
              && t >= l.start().getEpochSecond()
              && t < l.end().getEpochSecond()) {
            level = Math.min(level, l.level());
          }
        }
        double noise = 1 + 0.03 * random.nextGaussian();
        double v = Math.max(0, r.requestsPerBin() * rhythm * level * noise);
        out.write(Instant.ofEpochSecond(t).toString());
        out.write(',');
        out.write(r.name());
        out.write(',');
        out.write(String.format(Locale.ROOT, "%.0f", v));
        out.write('\n');
      }
    }
  }
}
