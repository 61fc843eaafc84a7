// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;

/**
 * Writes the whole-process benchmark input: one year of 5-minute bins for every ISO 3166-1 country
 * (249; the issue asks for 250) as CSV ({@code time,country,value}, epoch seconds), 26.2 million
 * rows. GENERATED data: a daily rhythm, noise, and a one-day blackout in every tenth country.
 *
 * <p>Run: {@code java -cp vigil-bench/target/benchmarks.jar org.vigil.bench.YearOfCountries
 * /tmp/year.csv}, then time {@code ./vigil ingest series} and {@code ./vigil detect} on it (see the
 * README's Performance section).
 */
public final class YearOfCountries {
  private YearOfCountries() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "year-all-countries.csv");
    List<Entity> countries = EntityRegistry.load().countries();
    long start = 1_609_459_200L; // 2021-01-01T00:00:00Z
    int bins = 365 * 288;
    SplittableRandom r = new SplittableRandom(2021);
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 20)) {
      w.write("time,country,value\n");
      StringBuilder sb = new StringBuilder(64);
      for (int i = 0; i < bins; i++) {
        long t = start + 300L * i;
        double hour = (t / 3600.0) % 24;
        double rhythm = 1 + 0.3 * Math.sin(2 * Math.PI * hour / 24);
        for (int c = 0; c < countries.size(); c++) {
          boolean blackout = c % 10 == 0 && i >= (100 + c) * 288 && i < (101 + c) * 288;
          double v = 1000 * rhythm * (blackout ? 0.02 : 1) * (1 + 0.03 * r.nextGaussian());
          sb.setLength(0);
          sb.append(t).append(',').append(countries.get(c).code()).append(',');
          sb.append(Math.round(v * 10) / 10.0).append('\n');
          w.append(sb);
        }
      }
    }
    System.out.println(out + ": " + (long) bins * countries.size() + " rows");
  }
}
