// SPDX-License-Identifier: Apache-2.0
package org.vigil.core.asn;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.vigil.core.InputFormatException;

/**
 * Reads a table of AS names: RIPE NCC's {@code asn.txt} or CAIDA's AS-to-organisation file ({@code
 * as-org2info.txt}), plain or gzipped, told apart by their content.
 *
 * <pre>{@code
 * AsNameReader.Result r = AsNameReader.read(Path.of("asn.txt"));
 * r.names().get(0); // AsName[asn=29355, name=KCELL-AS, country=KZ]
 * }</pre>
 *
 * <p>RIPE's {@code asn.txt} has one AS a line: the number, a space, the name and a comma with the
 * registration country: {@code 29355 KCELL-AS, KZ}, {@code 3 MIT-GATEWAYS - Massachusetts Institute
 * of Technology, US}, {@code 3333 RIPE-NCC-AS Reseaux IP Europeens Network Coordination Centre
 * (RIPE NCC), NL}. The holder's name, when the line gives one after the handle (after {@code " -
 * "}, or after a first word in capitals with a hyphen or a digit), is the name; else the handle is.
 *
 * <p>CAIDA's file has two sections, each announced by a {@code # format:} comment: organisations
 * ({@code org_id|changed|org_name|country|source}) and ASes ({@code
 * aut|changed|aut_name|org_id|opaque_id|source}); an AS is named by its organisation, else by its
 * own {@code aut_name}.
 *
 * <p>Lines that are not what the format says (no number, a number out of range, no name) are
 * skipped and counted, with the first one's line number; a file in which no line is an AS name is
 * an {@link InputFormatException}. Undecodable bytes become U+FFFD rather than failing a whole
 * registry's file.
 */
public final class AsNameReader {
  private AsNameReader() {}

  /** The formats this reader knows. */
  public enum Format {
    /** RIPE NCC's {@code asn.txt}: {@code 29355 KCELL-AS, KZ}. */
    RIPE_ASN_TXT,
    /** CAIDA's AS Organizations dataset, pipe-separated ({@code as-org2info.txt}). */
    CAIDA_AS2ORG
  }

  /**
   * What a file gave.
   *
   * @param format the format it was read as
   * @param names one name per AS, by AS number
   * @param skipped lines skipped as not in the format (comments and blank lines are not counted)
   * @param firstSkippedLine the line number of the first skipped line, 0 when none was
   */
  public record Result(Format format, List<AsName> names, long skipped, long firstSkippedLine) {
    public Result {
      names = List.copyOf(names);
    }
  }

  private static final Pattern RIPE_LINE = Pattern.compile("(?:AS)?(\\d{1,10})\\s+(.*)");
  private static final Pattern COUNTRY_SUFFIX = Pattern.compile("(.*?),\\s*([A-Z]{2})");
  private static final Pattern HANDLE = Pattern.compile("[A-Z0-9][A-Z0-9._-]*");

  /** Reads {@code file}, its format told from its content. */
  public static Result read(Path file) throws IOException {
    Format format = detect(file);
    try (BufferedReader r = open(file)) {
      return format == Format.CAIDA_AS2ORG
          ? readCaida(r, file.toString())
          : readRipe(r, file.toString());
    }
  }

  /** CAIDA's when a {@code # format:} comment or a pipe-separated line comes first, else RIPE's. */
  static Format detect(Path file) throws IOException {
    try (BufferedReader r = open(file)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String l = line.strip();
        if (l.startsWith("# format:")) {
          return Format.CAIDA_AS2ORG;
        }
        if (!l.isEmpty() && !l.startsWith("#")) {
          return l.indexOf('|') >= 0 ? Format.CAIDA_AS2ORG : Format.RIPE_ASN_TXT;
        }
      }
    }
    return Format.RIPE_ASN_TXT;
  }

  private static BufferedReader open(Path file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    InputStream text = a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    return new BufferedReader(
        new InputStreamReader(
            text,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        1 << 16);
  }

  /** Counts skipped lines and remembers the first. */
  private static final class Skips {
    long count;
    long first;

    void add(long lineNo) {
      if (count++ == 0) {
        first = lineNo;
      }
    }
  }

  static Result readRipe(BufferedReader r, String source) throws IOException {
    Map<Long, AsName> names = new TreeMap<>();
    Skips skips = new Skips();
    long lineNo = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lineNo++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      AsName n = ripeLine(l);
      if (n == null) {
        skips.add(lineNo);
      } else {
        names.put(n.asn(), n);
      }
    }
    return result(Format.RIPE_ASN_TXT, source, names, skips, "lines like '29355 KCELL-AS, KZ'");
  }

  /** One line of {@code asn.txt}, or {@code null} when it is not one. */
  static AsName ripeLine(String line) {
    Matcher m = RIPE_LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    long asn = Long.parseLong(m.group(1));
    if (asn > 0xFFFF_FFFFL) {
      return null;
    }
    String text = m.group(2).strip();
    String country = null;
    Matcher cc = COUNTRY_SUFFIX.matcher(text);
    if (cc.matches()) {
      text = cc.group(1).strip();
      country = "ZZ".equals(cc.group(2)) ? null : cc.group(2);
    }
    String name = holder(text);
    return name.isBlank() ? null : new AsName(asn, name, country);
  }

  /** The holder's name after the handle when the text gives one, else the text. */
  private static String holder(String text) {
    int dash = text.indexOf(" - ");
    if (dash > 0) {
      String after = text.substring(dash + 3).strip();
      return after.isEmpty() ? text.substring(0, dash).strip() : after;
    }
    int space = text.indexOf(' ');
    if (space > 0) {
      String first = text.substring(0, space);
      boolean handle =
          HANDLE.matcher(first).matches() && first.chars().anyMatch(c -> c == '-' || isDigit(c));
      if (handle) {
        return text.substring(space + 1).strip();
      }
    }
    return text;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static Result readCaida(BufferedReader r, String source) throws IOException {
    record Org(String name, String country) {}
    record Aut(long asn, String name, String orgId) {}
    Map<String, Org> orgs = new HashMap<>();
    List<Aut> auts = new ArrayList<>();
    Skips skips = new Skips();
    Boolean autSection = null; // null until a "# format:" line says
    long lineNo = 0;
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      lineNo++;
      String l = line.strip();
      if (l.startsWith("# format:")) {
        autSection = l.substring("# format:".length()).strip().startsWith("aut|");
        continue;
      }
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\|", -1);
      boolean aut = autSection != null ? autSection : f.length == 6;
      if (aut && f.length >= 4 && f[0].matches("\\d{1,10}")) {
        long asn = Long.parseLong(f[0]);
        if (asn <= 0xFFFF_FFFFL) {
          auts.add(new Aut(asn, f[2].strip(), f[3].strip()));
          continue;
        }
      } else if (!aut && f.length >= 4 && !f[0].isBlank()) {
        String cc = f[3].strip();
        orgs.put(f[0].strip(), new Org(f[2].strip(), cc.matches("[A-Z]{2}") ? cc : null));
        continue;
      }
      skips.add(lineNo);
    }
    Map<Long, AsName> names = new TreeMap<>();
    for (Aut a : auts) {
      Org o = orgs.get(a.orgId());
      String name = o != null && !o.name().isBlank() ? o.name() : a.name();
      if (name.isBlank()) {
        continue;
      }
      names.put(a.asn(), new AsName(a.asn(), name, o == null ? null : o.country()));
    }
    return result(
        Format.CAIDA_AS2ORG,
        source,
        names,
        skips,
        "'aut|changed|aut_name|org_id|opaque_id|source' and"
            + " 'org_id|changed|org_name|country|source' lines");
  }

  private static Result result(
      Format format, String source, Map<Long, AsName> names, Skips skips, String expected) {
    if (names.isEmpty()) {
      throw new InputFormatException(
          source,
          skips.first,
          null,
          "no AS names found: expected "
              + expected
              + " (RIPE NCC's asn.txt or CAIDA's as-org2info.txt)");
    }
    return new Result(format, new ArrayList<>(names.values()), skips.count, skips.first);
  }
}
