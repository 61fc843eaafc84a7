// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vigil.core.Entity;
import org.vigil.core.EntityRegistry;
import org.vigil.core.EntityType;
import org.vigil.core.InputFormatException;
import org.vigil.core.TimeSeries;
import org.vigil.series.SeriesImportSpec.Format;

/**
 * Properties over seeded random inputs: random series written out and read back are unchanged, and
 * random or damaged bytes raise nothing but {@link InputFormatException}.
 */
class SeriesReaderPropertyTest {
  static final EntityRegistry REGISTRY = MonashImportTest.REGISTRY;
  static final int[] STEPS = {1, 60, 300, 600, 700, 3600, 10_800, 86_400};
  static final String[] GAPS = {"", "NA", "NaN", "null", "na", "NULL", " "};

  static LongStream seeds() {
    return LongStream.range(0, 200);
  }

  /** One row as written: the entity's code in some ISO form, a time, a value text. */
  record Line(String code, long time, String value) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomSeriesReadBackUnchanged(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Entity> countries = REGISTRY.countries();
    int step = STEPS[rnd.nextInt(STEPS.length)];
    boolean giveStep = rnd.nextBoolean();
    Map<String, TimeSeries> expected = new LinkedHashMap<>();
    List<Line> lines = new ArrayList<>();
    int entities = 1 + rnd.nextInt(4);
    for (int k = 0; k < entities; k++) {
      Entity c = countries.get(rnd.nextInt(countries.size()));
      if (expected.containsKey(c.key())) {
        continue;
      }
      long firstBin = 1_500_000_000L / step + rnd.nextInt(1_000_000);
      int length = 2 + rnd.nextInt(60);
      double[] values = new double[length];
      for (int i = 0; i < length; i++) {
        long binStart = (firstBin + i) * step;
        // Rows may be left out only when the step is given (and never the first or last, which
        // fix the span); otherwise the interval between rows is the step by construction.
        boolean omit = giveStep && i > 0 && i < length - 1 && rnd.nextInt(5) == 0;
        if (omit) {
          values[i] = Double.NaN;
          continue;
        }
        long t = giveStep ? binStart + rnd.nextInt(step) : binStart;
        if (rnd.nextInt(6) == 0) {
          values[i] = Double.NaN;
          lines.add(new Line(code(c, rnd), t, GAPS[rnd.nextInt(GAPS.length)]));
        } else {
          values[i] = randomValue(rnd);
          lines.add(new Line(code(c, rnd), t, valueText(values[i], rnd)));
        }
      }
      expected.put(c.key(), TimeSeries.of(firstBin * step, step, values));
    }
    if (rnd.nextBoolean()) {
      shuffle(lines, rnd);
    }
    Format format = Format.values()[rnd.nextInt(3)];
    int timeForm = rnd.nextInt(3); // epoch seconds, epoch milliseconds, ISO
    byte[] bytes = write(lines, format, timeForm, rnd);
    String name = "random." + format.toString();
    if (rnd.nextInt(4) == 0) {
      bytes = TestFiles.gzip(bytes);
      name += rnd.nextBoolean() ? ".gz" : "";
    }
    SeriesImportSpec.Builder spec =
        SeriesImportSpec.builder()
            .signal("traffic.random")
            .timeColumn("time")
            .valueColumn("value")
            .entityColumn(EntityType.COUNTRY, "country");
    if (giveStep) {
      spec.step(Duration.ofSeconds(step));
    }
    if (rnd.nextBoolean()) {
      spec.timeFormat(timeForm == 2 ? TimeFormat.iso() : TimeFormat.epoch());
    }

    ImportResult r = TestFiles.read(name, bytes, spec.build(), REGISTRY);

    assertThat(r.stepSeconds()).isEqualTo(step);
    assertThat(r.rows()).isEqualTo(lines.size());
    assertThat(r.series()).hasSameSizeAs(expected);
    for (Map.Entry<String, TimeSeries> e : expected.entrySet()) {
      TimeSeries actual = r.find(e.getKey()).orElseThrow();
      assertThat(actual).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static String code(Entity country, SplittableRandom rnd) {
    return switch (rnd.nextInt(3)) {
      case 0 -> country.code();
      case 1 -> country.code().toLowerCase(java.util.Locale.ROOT);
      default -> country.name();
    };
  }

  private static double randomValue(SplittableRandom rnd) {
    double v =
        switch (rnd.nextInt(5)) {
          case 0 -> rnd.nextInt(1_000_000);
          case 1 -> rnd.nextInt(100_000) / 100.0;
          case 2 -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20);
          case 3 -> Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL);
          default -> -rnd.nextInt(1000) / 8.0;
        };
    return v + 0.0; // no negative zero: a sum starting from 0.0 cannot give one back
  }

  private static String valueText(double v, SplittableRandom rnd) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && rnd.nextBoolean()) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static byte[] write(List<Line> lines, Format format, int timeForm, SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    if (rnd.nextInt(4) == 0) {
      sb.append('\uFEFF');
    }
    String eol = rnd.nextBoolean() ? "\n" : "\r\n";
    char sep = format == Format.TSV ? '\t' : ',';
    boolean noteColumn = format != Format.JSONL && rnd.nextBoolean();
    if (format != Format.JSONL) {
      List<String> header = new ArrayList<>(List.of("country", "time", "value"));
      if (noteColumn) {
        header.add(1, "note");
      }
      sb.append(String.join(String.valueOf(sep), header)).append(eol);
    }
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      String time =
          switch (timeForm) {
            case 0 -> Long.toString(l.time());
            case 1 -> Long.toString(l.time() * 1000 + rnd.nextInt(1000));
            default -> Instant.ofEpochSecond(l.time()).toString();
          };
      if (format == Format.JSONL) {
        sb.append("{\"country\": \"").append(l.code()).append("\", \"time\": ");
        sb.append(timeForm < 2 && rnd.nextBoolean() ? time : '"' + time + '"');
        sb.append(", \"value\": ");
        boolean isGap = Arrays.asList(GAPS).contains(l.value());
        if (isGap && rnd.nextBoolean()) {
          sb.append("null");
        } else if (!isGap && rnd.nextBoolean()) {
          sb.append(l.value());
        } else {
          sb.append('"').append(l.value()).append('"');
        }
        sb.append('}');
      } else {
        sb.append(field(l.code(), sep, rnd)).append(sep);
        if (noteColumn) {
          sb.append(field(randomNote(rnd), sep, rnd)).append(sep);
        }
        sb.append(field(time, sep, rnd)).append(sep).append(field(l.value(), sep, rnd));
      }
      if (i < lines.size() - 1 || rnd.nextBoolean()) {
        sb.append(eol);
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Text a tokenizer has to get right: separators, quotes, line breaks, non-ASCII. */
  private static String randomNote(SplittableRandom rnd) {
    String[] parts = {"a", ",", "\"", "\n", "\r\n", "\t", "é", "€", "𝄞", " ", "x y"};
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(parts[rnd.nextInt(parts.length)]);
    }
    return sb.toString();
  }

  private static String field(String text, char sep, SplittableRandom rnd) {
    boolean mustQuote =
        text.indexOf(sep) >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0
            || text.isEmpty() && rnd.nextBoolean();
    if (mustQuote || rnd.nextInt(4) == 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  // ---- junk

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomBytesRaiseOnlyInputFormatException(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int round = 0; round < 20; round++) {
      byte[] junk = junk(rnd);
      for (String name : new String[] {"junk.csv", "junk.tsv", "junk.jsonl", "junk.json", "junk"}) {
        SeriesImportSpec spec =
            SeriesImportSpec.builder()
                .signal("traffic.junk")
                .timeColumn("time")
                .valueColumn("value")
                .entityColumn(EntityType.COUNTRY, "country")
                .build();
        try {
          TestFiles.read(name, junk, spec, REGISTRY);
        } catch (InputFormatException expected) {
          assertThat(expected.getMessage()).startsWith(name);
        } catch (RuntimeException e) {
          fail("seed " + seed + " round " + round + " " + name + ": " + e, e);
        }
      }
    }
  }

  /** Bytes of several kinds: uniform noise, CSV-ish and JSON-ish noise, damaged valid files. */
  private static byte[] junk(SplittableRandom rnd) {
    int kind = rnd.nextInt(6);
    byte[] valid =
        ("country,time,value\nKZ,1641340800,1\n\"K\"\"Z\",1641344400,2\nUZ,\"1641348000\",\n"
                + "{\"country\":\"KZ\",\"time\":1641340800,\"value\":1}\n")
            .getBytes(StandardCharsets.UTF_8);
    switch (kind) {
      case 0:
        {
          byte[] b = new byte[rnd.nextInt(3000)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
          }
          return b;
        }
      case 1:
        {
          String alphabet = "country,time,value\"\n\r\t{}[]:0123456789.-eEKZUA é€\u0000";
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          int n = rnd.nextInt(3000);
          for (int i = 0; i < n; i++) {
            char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
          }
          return out.toByteArray();
        }
      case 2:
        {
          byte[] b = valid.clone();
          for (int i = rnd.nextInt(4); i >= 0; i--) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
          }
          return b;
        }
      case 3:
        return Arrays.copyOf(valid, rnd.nextInt(valid.length + 1));
      case 4:
        {
          byte[] gz = TestFiles.gzip(valid);
          byte[] b = Arrays.copyOf(gz, 2 + rnd.nextInt(gz.length - 1));
          if (b.length > 2 && rnd.nextBoolean()) {
            b[2 + rnd.nextInt(b.length - 2)] ^= (byte) (1 + rnd.nextInt(255));
          }
          return b;
        }
      default:
        {
          byte[] b = new byte[2 + rnd.nextInt(100)];
          for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
          }
          b[0] = 0x1f;
          b[1] = (byte) 0x8b;
          return b;
        }
    }
  }
}
