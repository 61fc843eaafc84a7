// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the labelled synthetic cases of {@code eval/cases} (the repository's top level): hourly
 * series from 1 January 2022, with a daily rhythm and seeded noise, and the disruptions their
 * labels name. Deterministic: {@code EvalCasesTest} checks that the committed files are what this
 * writes. To change a case, change it here and run {@code main} with the directory:
 *
 * <pre>
 * mvn -B -o -q test-compile -pl vigil-cli -am
 * java -cp "$(cat vigil-cli/target/test-classpath.txt)" org.vigil.cli.EvalCases eval/cases
 * </pre>
 *
 * (or simply run {@code EvalCasesTest} with {@code -Dvigil.golden.update=true}).
 */
final class EvalCases {
  private EvalCases() {}

  static final long T0 = 1_640_995_200L; // 2022-01-01T00:00:00Z
  static final int H = 3_600;
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Hour {@code h} of day {@code d} (1-based, January 2022) as an hour index from T0. */
  static int at(int day, int hour) {
    return (day - 1) * 24 + hour;
  }

  static String iso(int hourIndex) {
    return ISO.format(Instant.ofEpochSecond(T0 + (long) hourIndex * H));
  }

  /** One series of a case: its values per hour from {@code first} (NaN: a gap). */
  static final class Series {
    final String entity;
    final String column;
    final double[] values;

    Series(String entity, String column, double[] values) {
      this.entity = entity;
      this.column = column;
      this.values = values;
    }

    /** Multiplies hours [from, to) by {@code factor}. */
    Series times(int from, int to, double factor) {
      for (int i = Math.max(0, from); i < Math.min(values.length, to); i++) {
        values[i] = Math.round(values[i] * factor * 100) / 100.0;
      }
      return this;
    }
  }

  /** {@code days} of hourly values with a daily rhythm of {@code amplitude} and noise. */
  static double[] rhythm(int days, double level, double amplitude, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[days * 24];
    for (int i = 0; i < v.length; i++) {
      // The hump is 00:00-12:00 UTC: daytime in Almaty (UTC+6).
      double day = Math.sin(2 * Math.PI * (i % 24) / 24.0);
      double n = noise == 0 ? 0 : (r.nextDouble() * 2 - 1) * noise;
      v[i] = Math.round(level * (1 + amplitude * day) * (1 + n) * 10) / 10.0;
    }
    return v;
  }

  static int dayOfWeek(int dayOfMonth) {
    return (dayOfMonth + 4) % 7; // 1 January 2022 was a Saturday: 5 = Saturday, 6 = Sunday
  }

  /**
   * Saturdays and Sundays lose up to 30 % by day: the daytime hump of the rhythm ({@code max(0,
   * sin)}) takes the value down by up to {@code drop}; nights are as on weekdays (BASELINES.md's
   * "weekends −30 % by day"). Also applied to {@code holiday}, a weekday shaped like a Sunday.
   */
  static void weekends(double[] v, double drop, int holiday) {
    for (int i = 0; i < v.length; i++) {
      int day = i / 24 + 1;
      int dow = dayOfWeek(day);
      if (dow == 5 || dow == 6 || day == holiday) {
        double hump = Math.max(0, Math.sin(2 * Math.PI * (i % 24) / 24.0));
        v[i] = Math.round(v[i] * (1 - drop * hump) * 10) / 10.0;
      }
    }
  }

  /** A case: files of series (by entity type), ingest lines, labels. */
  static final class Case {
    final String name;
    final String description;
    final int first; // hour index of the first row
    final Map<String, List<Series>> files = new LinkedHashMap<>(); // file -> series
    final List<String> ingest = new ArrayList<>();
    final List<String> labels = new ArrayList<>();

    Case(String name, String description, int first) {
      this.name = name;
      this.description = description;
      this.first = first;
    }

    Case series(String file, Series s) {
      files.computeIfAbsent(file, f -> new ArrayList<>()).add(s);
      return this;
    }

    Case ingest(String line) {
      ingest.add(line);
      return this;
    }

    /** entity,start,end,kind,scope,mechanism,pattern,restoration; hours as indexes. */
    Case label(
        String entity,
        int start,
        Integer end,
        String kind,
        String scope,
        String mechanism,
        String pattern,
        String restoration) {
      labels.add(
          String.join(
              ",",
              entity,
              iso(start),
              end == null ? "" : iso(end),
              kind,
              scope,
              mechanism,
              pattern,
              restoration));
      return this;
    }
  }

  static final int DAYS = 21;

  static Series traffic(String entity, long seed) {
    return new Series(entity, "traffic", rhythm(DAYS, 1000, 0.3, 0.02, seed));
  }

  static Series probe(String entity, long seed) {
    return new Series(entity, "probe", rhythm(DAYS, 500, 0.02, 0.01, seed));
  }

  static Series bgp(String entity) {
    return new Series(entity, "bgp", rhythm(DAYS, 3000, 0, 0, 0));
  }

  static String country(String column, String signal) {
    return "country.csv --signal "
        + signal
        + " --time-column time --time-format iso --value-column "
        + column
        + " --entity-type country --entity-column entity";
  }

  static String regions(String column, String signal) {
    return "regions.csv --signal "
        + signal
        + " --time-column time --time-format iso --value-column "
        + column
        + " --entity-type region --entity-column entity --country KZ --aggregate sum";
  }

  static String network(String column, String signal) {
    return "networks.csv --signal "
        + signal
        + " --time-column time --time-format iso --value-column "
        + column
        + " --entity-type asn --entity-column entity";
  }

  static List<Case> all() {
    List<Case> out = new ArrayList<>();
    int cut = at(15, 10); // 15 January 10:00 UTC
    out.add(
        new Case(
                "quiet-daily",
                "Three weeks of traffic and probing with a daily rhythm: no event.",
                0)
            .series("country.csv", traffic("KZ", 1))
            .series("country.csv", probe("KZ", 2))
            .ingest(country("traffic", "traffic.requests"))
            .ingest(country("probe", "probe.up_slash24")));
    out.add(
        new Case(
                "quiet-noisy",
                "Three weeks of traffic with 6 % noise on top of the daily rhythm: no event.",
                0)
            .series("country.csv", new Series("KZ", "traffic", rhythm(DAYS, 1000, 0.3, 0.06, 3)))
            .ingest(country("traffic", "traffic.requests")));
    double[] weekly = rhythm(35, 1000, 0.3, 0.02, 4);
    weekends(weekly, 0.3, 0);
    out.add(
        new Case(
                "quiet-weekly",
                "Five weeks of traffic whose weekends are up to 30 % lower by day: a weekly"
                    + " rhythm, no event.",
                0)
            .series("country.csv", new Series("KZ", "traffic", weekly))
            .ingest(country("traffic", "traffic.requests")));
    double[] holiday = rhythm(35, 1000, 0.3, 0.02, 26);
    weekends(holiday, 0.3, 26);
    out.add(
        new Case(
                "quiet-weekly-holiday",
                "Five weeks of traffic with weekends up to 30 % lower by day, and a weekday"
                    + " holiday (Wednesday 26 January) shaped like a Sunday: no event.",
                0)
            .series("country.csv", new Series("KZ", "traffic", holiday))
            .ingest(country("traffic", "traffic.requests")));
    double[] weekendCut = rhythm(35, 1000, 0.3, 0.02, 27);
    weekends(weekendCut, 0.3, 0);
    Series wc = new Series("KZ", "traffic", weekendCut).times(at(29, 10), at(29, 16), 0.02);
    out.add(
        new Case(
                "blackout-weekend-weekly",
                "A 6 h blackout on Saturday 29 January in five weeks of traffic whose weekends are"
                    + " up to 30 % lower by day.",
                0)
            .series("country.csv", wc)
            .ingest(country("traffic", "traffic.requests"))
            .label(
                "country/KZ",
                at(29, 10),
                at(29, 16),
                "blackout",
                "nationwide",
                "unknown",
                "none",
                ""));
    out.add(
        new Case(
                "blackout-data-plane-cut",
                "Traffic and probing to 2 % for 6 h on 15 January while BGP visibility stays:"
                    + " a nationwide blackout, data-plane cut, fully restored.",
                0)
            .series("country.csv", traffic("KZ", 5).times(cut, cut + 6, 0.02))
            .series("country.csv", probe("KZ", 6).times(cut, cut + 6, 0.02))
            .series("country.csv", bgp("KZ"))
            .ingest(country("traffic", "traffic.requests"))
            .ingest(country("probe", "probe.up_slash24"))
            .ingest(country("bgp", "bgp.visible_slash24"))
            .label(
                "country/KZ",
                cut,
                cut + 6,
                "blackout",
                "nationwide",
                "data-plane-cut",
                "none",
                "full"));
    out.add(
        new Case(
                "blackout-routing-withdrawal",
                "Probing to 2 % and BGP visibility to 5 % for 6 h: routes withdrawn.",
                0)
            .series("country.csv", probe("KZ", 7).times(cut, cut + 6, 0.02))
            .series("country.csv", bgp("KZ").times(cut, cut + 6, 0.05))
            .ingest(country("probe", "probe.up_slash24"))
            .ingest(country("bgp", "bgp.visible_slash24"))
            .label(
                "country/KZ",
                cut,
                cut + 6,
                "blackout",
                "nationwide",
                "routing-withdrawal",
                "none",
                "full"));
    out.add(
        new Case(
                "outage-partial-no-bgp",
                "Probing to 40 % for 8 h, no routing data: a partial outage of unknown mechanism.",
                0)
            .series("country.csv", probe("KZ", 8).times(cut, cut + 8, 0.4))
            .ingest(country("probe", "probe.up_slash24"))
            .label("country/KZ", cut, cut + 8, "outage", "nationwide", "unknown", "none", "full"));
    out.add(
        new Case(
                "throttling-network",
                "Kcell's traffic to 35 % for 18 h from 15 January 16:00 while its probing stays"
                    + " up: throttling of one network.",
                0)
            .series("networks.csv", traffic("29355", 9).times(at(15, 16), at(16, 10), 0.35))
            .series("networks.csv", probe("29355", 10))
            .ingest(network("traffic", "traffic.requests"))
            .ingest(network("probe", "probe.up_slash24"))
            .label(
                "asn/29355",
                at(15, 16),
                at(16, 10),
                "throttling",
                "network",
                "unknown",
                "none",
                ""));
    double[] whatsapp = new double[DAYS * 24];
    double[] usable = new double[DAYS * 24];
    java.util.Arrays.fill(whatsapp, 0.02);
    java.util.Arrays.fill(usable, 20);
    for (int i = at(15, 6); i < at(18, 6); i++) {
      whatsapp[i] = 0.9;
    }
    out.add(
        new Case(
                "platform-blocking",
                "OONI's WhatsApp anomaly ratio from 2 % to 90 % for three days from 15 January"
                    + " 06:00, with 20 usable measurements an hour, while probing stays normal.",
                0)
            .series("country.csv", new Series("KZ", "whatsapp", whatsapp))
            .series("country.csv", new Series("KZ", "whatsapp_usable", usable))
            .series("country.csv", probe("KZ", 11))
            .ingest(country("whatsapp", "ooni.whatsapp.anomaly_ratio"))
            .ingest(country("whatsapp_usable", "ooni.whatsapp.usable"))
            .ingest(country("probe", "probe.up_slash24"))
            .label(
                "country/KZ", at(15, 6), at(18, 6), "platform-blocking", "nationwide", "", "", ""));
    out.add(
        new Case(
                "regional-blackout",
                "Four regions; Almaty's probing to 2 % for 6 h: a regional blackout, and the"
                    + " country's sum falls by a quarter (a regional outage).",
                0)
            .series("regions.csv", probe("Almaty", 12).times(cut, cut + 6, 0.02))
            .series("regions.csv", probe("Shymkent", 13))
            .series("regions.csv", probe("Pavlodar oblysy", 14))
            .series("regions.csv", probe("Zhambyl oblysy", 15))
            .ingest(regions("probe", "probe.up_slash24"))
            .label("region/Almaty", cut, cut + 6, "blackout", "regional", "unknown", "none", "")
            .label("country/KZ", cut, cut + 6, "outage", "regional", "unknown", "none", ""));
    out.add(
        new Case(
                "nationwide-by-regions",
                "Four regions, three of them cut to 2 % for 6 h at once: nationwide.",
                0)
            .series("regions.csv", probe("Almaty", 16).times(cut, cut + 6, 0.02))
            .series("regions.csv", probe("Shymkent", 17).times(cut, cut + 6, 0.02))
            .series("regions.csv", probe("Pavlodar oblysy", 18).times(cut, cut + 6, 0.02))
            .series("regions.csv", probe("Zhambyl oblysy", 19))
            .ingest(regions("probe", "probe.up_slash24"))
            .label("region/Almaty", cut, cut + 6, "blackout", "nationwide", "", "none", "")
            .label("region/Shymkent", cut, cut + 6, "blackout", "nationwide", "", "none", "")
            .label("region/Pavlodar oblysy", cut, cut + 6, "blackout", "nationwide", "", "none", "")
            .label("country/KZ", cut, cut + 6, "outage", "nationwide", "", "none", ""));
    Case curfew =
        new Case(
            "curfew",
            "Probing cut to 2 % every evening from 18:00 to 06:00 local time (12:00-00:00 UTC),"
                + " four days running from 15 January.",
            0);
    Series curfewProbe = probe("KZ", 20);
    for (int d = 15; d < 19; d++) {
      curfewProbe.times(at(d, 12), at(d + 1, 0), 0.02);
      curfew.label("country/KZ", at(d, 12), at(d + 1, 0), "blackout", "", "", "curfew", "");
    }
    out.add(curfew.series("country.csv", curfewProbe).ingest(country("probe", "probe.up_slash24")));
    Case intermittent =
        new Case(
            "intermittent",
            "Probing cut three times within a day at unrelated hours on 15 January: a"
                + " restoration that keeps failing.",
            0);
    Series interProbe = probe("KZ", 21);
    int[][] cuts = {{at(15, 2), at(15, 5)}, {at(15, 9), at(15, 14)}, {at(15, 20), at(15, 23)}};
    for (int[] c : cuts) {
      interProbe.times(c[0], c[1], 0.02);
      intermittent.label("country/KZ", c[0], c[1], "blackout", "", "", "intermittent", "");
    }
    out.add(
        intermittent
            .series("country.csv", interProbe)
            .ingest(country("probe", "probe.up_slash24")));
    out.add(
        new Case(
                "restoration-partial",
                "Probing to 2 % for 6 h, then back only to 60 % for two days: partial restoration.",
                0)
            .series(
                "country.csv",
                probe("KZ", 22).times(cut, cut + 6, 0.02).times(cut + 6, cut + 54, 0.6))
            .ingest(country("probe", "probe.up_slash24"))
            .label("country/KZ", cut, cut + 54, "blackout", "nationwide", "", "none", "partial"));
    out.add(
        new Case(
                "restoration-unstable",
                "Probing to 2 % for 6 h, back for 3 h, then cut again for 10 h: the first"
                    + " restoration was unstable, the second full.",
                0)
            .series(
                "country.csv",
                probe("KZ", 23).times(cut, cut + 6, 0.02).times(cut + 9, cut + 19, 0.02))
            .ingest(country("probe", "probe.up_slash24"))
            .label("country/KZ", cut, cut + 6, "blackout", "nationwide", "", "", "unstable")
            .label("country/KZ", cut + 9, cut + 19, "blackout", "nationwide", "", "", "full"));
    Series shortTraffic = traffic("KZ", 24);
    out.add(
        new Case(
                "short-history-3-days",
                "Only three days of history before a 6 h blackout on 15 January.",
                at(12, 0))
            .series("country.csv", shortTraffic.times(cut, cut + 6, 0.02))
            .ingest(country("traffic", "traffic.requests"))
            .label("country/KZ", cut, cut + 6, "blackout", "nationwide", "unknown", "none", ""));
    Series ws = traffic("KZ", 25).times(at(5, 10), at(5, 16), 0.02);
    out.add(
        new Case(
                "short-history-blackout-day-5",
                "A 6 h blackout on 5 January, four days into the data, in traffic with a daily"
                    + " rhythm; the data ends on 7 January.",
                0)
            .series(
                "country.csv",
                new Series("KZ", "traffic", java.util.Arrays.copyOf(ws.values, 7 * 24)))
            .ingest(country("traffic", "traffic.requests"))
            .label(
                "country/KZ",
                at(5, 10),
                at(5, 16),
                "blackout",
                "nationwide",
                "unknown",
                "none",
                ""));
    return out;
  }

  /** Writes every case under {@code dir}, and the Monash case that points at the shared data. */
  static void write(Path dir) {
    try {
      for (Case c : all()) {
        Path d = dir.resolve(c.name);
        Files.createDirectories(d);
        for (Map.Entry<String, List<Series>> f : c.files.entrySet()) {
          Files.writeString(d.resolve(f.getKey()), csv(c, f.getValue()), StandardCharsets.UTF_8);
        }
        Files.writeString(
            d.resolve("ingest.txt"),
            "# " + c.description + "\n" + String.join("\n", c.ingest) + "\n",
            StandardCharsets.UTF_8);
        Files.writeString(d.resolve("labels.csv"), labels(c), StandardCharsets.UTF_8);
      }
      Path monash = dir.resolve("monash-quiet-real");
      Files.createDirectories(monash);
      Files.writeString(
          monash.resolve("ingest.txt"),
          "# The Monash IP Observatory's latency index for 10 Russian and Ukrainian border regions"
              + " (3-hourly, 18 January 2022 on): real, quiet data, no event. The file is in the"
              + " project's shared data, outside the repository.\n"
              + "../../../../shared/data/monash-ip-observatory/ukr-2022-01-18_border-regions.csv"
              + " --signal index.latency --time-column time_local"
              + " --time-format 'dd-MMM-yyyy HH:mm:ss' --timezone-column timezone_name"
              + " --value-column latency_indx --entity-type region"
              + " --entity-column adm1_unique_identifier"
              + " --country-column country_iso_three_char_code --name-column adm1_name\n",
          StandardCharsets.UTF_8);
      Files.writeString(monash.resolve("labels.csv"), LABEL_HEADER + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String LABEL_HEADER = "entity,start,end,kind,scope,mechanism,pattern,restoration";

  private static String labels(Case c) {
    StringBuilder s = new StringBuilder(LABEL_HEADER).append('\n');
    c.labels.forEach(l -> s.append(l).append('\n'));
    return s.toString();
  }

  private static String csv(Case c, List<Series> series) {
    List<String> entities = new ArrayList<>();
    List<String> columns = new ArrayList<>();
    for (Series s : series) {
      if (!entities.contains(s.entity)) {
        entities.add(s.entity);
      }
      if (!columns.contains(s.column)) {
        columns.add(s.column);
      }
    }
    StringBuilder out = new StringBuilder("time,entity," + String.join(",", columns) + "\n");
    int n = series.get(0).values.length;
    for (String e : entities) {
      for (int i = c.first; i < n; i++) {
        out.append(iso(i)).append(',').append(e);
        for (String col : columns) {
          out.append(',');
          for (Series s : series) {
            if (s.entity.equals(e) && s.column.equals(col)) {
              out.append(number(s.values[i]));
            }
          }
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return v == Math.rint(v)
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
  }

  public static void main(String[] args) {
    write(Path.of(args[0]));
  }
}
