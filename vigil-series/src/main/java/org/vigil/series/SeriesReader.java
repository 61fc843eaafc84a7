// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipException;
import org.vigil.core.EntityRegistry;
import org.vigil.core.InputFormatException;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;
import org.vigil.series.SeriesImportSpec.Format;
import org.vigil.series.internal.DelimitedRows;
import org.vigil.series.internal.EntityPoints;
import org.vigil.series.internal.JsonRows;
import org.vigil.series.internal.PointCollector;
import org.vigil.series.internal.Row;
import org.vigil.series.internal.RowSource;
import org.vigil.series.internal.SeriesBinner;
import org.vigil.series.internal.TextInput;
import org.vigil.series.internal.TimeParser;

/**
 * Imports a time-series file (CSV, TSV or JSON lines, optionally gzip-compressed) into one
 * fixed-step series per entity, as declared by a {@link SeriesImportSpec}.
 *
 * <pre>{@code
 * EntityRegistry registry = EntityRegistry.load();
 * SeriesImportSpec spec = SeriesImportSpec.builder()
 *     .signal("traffic.requests")
 *     .timeColumn("time").timeFormat(TimeFormat.epoch())
 *     .valueColumn("requests")
 *     .entity(registry.parse("country/KZ"))
 *     .aggregate(SeriesImportSpec.Aggregate.SUM)
 *     .build();
 * ImportResult result = SeriesReader.read(Path.of("kz.csv.gz"), spec, registry);
 * }</pre>
 *
 * <p>The text is read as a stream, one row at a time; only the points are held (sixteen bytes a
 * row, in primitive arrays per entity), because the step may be inferred from all of them. Rows of
 * one entity that fall in one bin are combined with the spec's aggregate, and region series are
 * also rolled up into their countries (see {@link ImportResult}).
 *
 * <p>Any problem with the input throws {@link InputFormatException} naming the file, the line, the
 * column and what was expected, and nothing is returned: an import takes a whole file or none of
 * it. Options that cannot fit together were already refused by {@link SeriesImportSpec}; a {@code
 * --country} naming no country throws {@link IllegalArgumentException}.
 */
public final class SeriesReader {
  private SeriesReader() {}

  /**
   * Imports {@code file}; the format comes from the spec, else from the name ({@code .gz} ignored),
   * else from the first line.
   *
   * @throws InputFormatException if the content is not what the spec and format say
   * @throws IOException if the file cannot be read
   */
  public static ImportResult read(Path file, SeriesImportSpec spec, EntityRegistry registry)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), spec, registry);
    }
  }

  /**
   * Imports a stream; {@code sourceName} names it in errors and, like a file name, may tell the
   * format. The stream is not closed.
   *
   * @throws InputFormatException if the content is not what the spec and format say
   * @throws IOException if the stream cannot be read
   */
  public static ImportResult read(
      InputStream in, String sourceName, SeriesImportSpec spec, EntityRegistry registry)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(registry, "registry");
    PointCollector collector = new PointCollector(sourceName, spec, registry);
    List<String> notes = new ArrayList<>();
    RowSource rows = null;
    try (TextInput text = TextInput.open(in)) {
      if (text.gzip()) {
        notes.add("gzip-compressed (recognised by its first bytes)");
      }
      Format format = format(spec, sourceName, text, notes);
      String[] slots = PointCollector.slotNames(spec);
      rows =
          switch (format) {
            case CSV -> new DelimitedRows(text, ',', sourceName, slots);
            case TSV -> new DelimitedRows(text, '\t', sourceName, slots);
            case JSONL -> new JsonRows(text, sourceName, slots);
          };
      Row row = new Row();
      while (rows.next(row)) {
        collector.accept(row);
      }
    } catch (CharacterCodingException e) {
      throw new InputFormatException(
          sourceName,
          rows == null ? 1 : rows.line(),
          null,
          "not UTF-8 text: is this a binary or compressed file? (gzip is recognised by its first"
              + " bytes; text in other encodings must be converted to UTF-8)");
    } catch (ZipException | EOFException e) {
      // Only the inflater raises these here: text decoding and the parsers report EOF otherwise.
      // The line reached so far tells how much of the file was sound.
      throw new InputFormatException(
          sourceName,
          rows == null ? 0 : rows.line(),
          null,
          "corrupt or truncated gzip data: " + e.getMessage());
    }
    return finish(sourceName, spec, registry, collector, rows, notes);
  }

  private static ImportResult finish(
      String sourceName,
      SeriesImportSpec spec,
      EntityRegistry registry,
      PointCollector collector,
      RowSource rows,
      List<String> notes) {
    TimeParser times = collector.times();
    if (spec.timeFormat().kind() == TimeFormat.Kind.AUTO && collector.rows() > 0) {
      notes.add(
          "time format inferred: "
              + (times.kind() == TimeFormat.Kind.EPOCH ? "epoch seconds" : "ISO-8601")
              + " (give --time-format to choose)");
    }
    List<EntityPoints> entities = collector.entities();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (EntityPoints p : entities) {
      if (p.size() > 0) {
        first = Math.min(first, p.minTime());
        last = Math.max(last, p.maxTime());
      }
    }
    SeriesBinner binner = new SeriesBinner(sourceName, spec, registry, notes);
    Map<SignalKey, TimeSeries> series = binner.bin(entities);
    if (collector.rows() == 0) {
      notes.add("no data rows");
    }
    if (collector.gaps() > 0) {
      notes.add(
          collector.gaps() == 1
              ? "1 empty value (empty, NA, NaN or null) was read as a gap"
              : collector.gaps() + " empty values (empty, NA, NaN or null) were read as gaps");
    }
    if (rows.skipped() > 0) {
      notes.add(
          rows.skipped() == 1
              ? "1 blank line was skipped"
              : rows.skipped() + " blank lines were skipped");
    }
    if (times.dstAdjusted() > 0) {
      long n = times.dstAdjusted();
      notes.add(
          (n == 1 ? "1 local time" : n + " local times")
              + " fell in a daylight-saving change (a skipped or repeated hour) and "
              + (n == 1 ? "was" : "were")
              + " read with the offset in force before it");
    }
    if (times.millisRows() > 0) {
      long n = times.millisRows();
      notes.add(
          (n == 1 ? "1 epoch time was" : n + " epoch times were")
              + " read as milliseconds (numbers above 1e11)");
    }
    boolean none = collector.rows() == 0;
    return new ImportResult(
        series, collector.rows(), binner.step(), none ? 0 : first, none ? 0 : last, notes);
  }

  private static Format format(
      SeriesImportSpec spec, String sourceName, TextInput text, List<String> notes) {
    if (spec.format() != null) {
      return spec.format();
    }
    Format byName = formatFromName(sourceName);
    if (byName != null) {
      notes.add("format: " + byName + " (from the file name)");
      return byName;
    }
    Format guessed;
    int c = text.firstNonBlank();
    if (c == '{' || c == '[') {
      guessed = Format.JSONL;
    } else {
      String line = text.firstLine();
      long tabs = line.chars().filter(ch -> ch == '\t').count();
      long commas = line.chars().filter(ch -> ch == ',').count();
      guessed = tabs > 0 && tabs >= commas ? Format.TSV : Format.CSV;
    }
    notes.add(
        "format: "
            + guessed
            + " (the file name does not say; judged from the first line; give --format to choose)");
    return guessed;
  }

  /**
   * The format a file name implies, {@code .gz} ignored: {@code .csv}; {@code .tsv} or {@code
   * .tab}; {@code .jsonl}, {@code .ndjson} or {@code .json}. {@code null} if none.
   */
  public static Format formatFromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    if (n.endsWith(".csv")) {
      return Format.CSV;
    }
    if (n.endsWith(".tsv") || n.endsWith(".tab")) {
      return Format.TSV;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return Format.JSONL;
    }
    return null;
  }
}
