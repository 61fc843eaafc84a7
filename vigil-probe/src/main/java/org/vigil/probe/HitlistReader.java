// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.vigil.probe.internal.Inputs;
import org.vigil.probe.internal.Ipv4;

/**
 * Reads a hitlist: one address per line ({@code 198.18.1.7}), optionally with a score ({@code
 * 198.18.1.7,0.85}), the address's reply rate in [0, 1]. An address without a score is taken to
 * have always answered (score 1); an address with score 0 is listed but not ever-responsive, so it
 * is never probed. Blank lines, {@code #} comments and a header line starting with {@code address}
 * are skipped. A malformed line is reported with its line number, skipped and counted; the rest of
 * the file is read. Gzip input is recognised by its magic bytes.
 *
 * <pre>{@code
 * HitlistReader.Result r = HitlistReader.read(Path.of("hitlist.csv"), System.err::println);
 * TargetList targets = r.targets(); // r.problems() lines were skipped
 * }</pre>
 */
public final class HitlistReader {
  private HitlistReader() {}

  /**
   * What a read produced.
   *
   * @param targets the blocks, with E(b) and A(E(b))
   * @param lines lines read
   * @param addresses addresses accepted (including ones given twice)
   * @param duplicates addresses given more than once; each counted once
   * @param problems malformed lines, skipped
   */
  public record Result(
      TargetList targets, long lines, long addresses, long duplicates, long problems) {}

  /** Reads a hitlist file. */
  public static Result read(Path file, Consumer<Problem> problems) throws IOException {
    try (InputStream in = Inputs.open(file)) {
      return read(in, file.toString(), problems);
    }
  }

  /** Reads a hitlist from a stream (UTF-8, or gzip of it); {@code source} names it in problems. */
  public static Result read(InputStream in, String source, Consumer<Problem> problems)
      throws IOException {
    return read(
        new InputStreamReader(Inputs.maybeGunzip(in), StandardCharsets.UTF_8), source, problems);
  }

  /** Reads a hitlist from text. */
  public static Result read(Reader text, String source, Consumer<Problem> problems)
      throws IOException {
    TargetList.Builder builder = TargetList.builder();
    BufferedReader r = text instanceof BufferedReader b ? b : new BufferedReader(text, 1 << 16);
    long lineNo = 0;
    long addresses = 0;
    long bad = 0;
    boolean seenData = false;
    String line;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String t = line.strip();
      if (t.isEmpty() || t.charAt(0) == '#') {
        continue;
      }
      if (!seenData && t.regionMatches(true, 0, "address", 0, 7)) {
        seenData = true; // a header line
        continue;
      }
      seenData = true;
      String error = parseLine(t, builder);
      if (error == null) {
        addresses++;
      } else {
        bad++;
        problems.accept(new Problem(source, lineNo, error + ": '" + abbreviate(line) + "'"));
      }
    }
    TargetList targets = builder.build();
    return new Result(targets, lineNo, addresses, builder.duplicates(), bad);
  }

  /**
   * Adds the line's address to {@code builder}; returns an error message, or null if it is good.
   */
  private static String parseLine(String t, TargetList.Builder builder) {
    int comma = t.indexOf(',');
    String addressText = (comma < 0 ? t : t.substring(0, comma)).strip();
    long address = Ipv4.parse(addressText);
    if (address < 0) {
      return "expected an IPv4 address, optionally followed by ,score";
    }
    double score = 1;
    if (comma >= 0) {
      String rest = t.substring(comma + 1).strip();
      if (rest.indexOf(',') >= 0) {
        return "expected address,score: too many columns";
      }
      try {
        score = Double.parseDouble(rest);
      } catch (NumberFormatException e) {
        return "score is not a number";
      }
      if (!(score >= 0 && score <= 1)) {
        return "score must be a reply rate between 0 and 1";
      }
    }
    builder.add((int) address, score);
    return null;
  }

  static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
