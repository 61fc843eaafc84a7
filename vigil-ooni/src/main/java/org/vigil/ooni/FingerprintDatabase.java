// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigil.core.InputFormatException;
import org.vigil.ooni.internal.AhoCorasick;
import org.vigil.ooni.internal.GramSearch;
import org.vigil.ooni.internal.JsonTrees;

/**
 * OONI's DNS and HTTP blockpage fingerprints, compiled for matching.
 *
 * <pre>{@code
 * Path dir = FingerprintDatabase.locate(dataDir).orElseThrow();
 * FingerprintDatabase fingerprints = FingerprintDatabase.load(dir);
 * FastpathScorer scorer = FastpathScorer.of(fingerprints);
 * }</pre>
 *
 * <p>The files are JSON arrays of objects with the columns of OONI's fingerprint tables ({@code
 * name}, {@code scope}, {@code other_names}, {@code location_found}, {@code pattern_type}, {@code
 * pattern}, {@code confidence_no_fp}, {@code expected_countries}); OONI's backend keeps copies in
 * {@code fastpath/fastpath/tests/data/}, and the fingerprints themselves come from {@code
 * ooni/blocking-fingerprints}. Where to find them: {@link #locate(Path)}.
 *
 * <p>Matching follows the fastpath ({@code match_fingerprints}): a DNS fingerprint matches an
 * answer's address or host name exactly, whatever its pattern type; a body fingerprint matches as a
 * substring, whatever its pattern type (also {@code regexp} and {@code full}); a header fingerprint
 * matches the header named after {@code header.} in full or as a prefix, and header fingerprints of
 * type {@code contains} are never used. Patterns are compiled once: DNS addresses into a hash
 * table, body patterns into one Aho–Corasick automaton over text and one over UTF-8 bytes (for
 * base64 bodies), header patterns grouped by header name.
 */
public final class FingerprintDatabase {
  /** The file names in a fingerprint directory, as in OONI's backend. */
  public static final String DNS_FILE = "fingerprints_dns.json";

  public static final String HTTP_FILE = "fingerprints_http.json";

  /** System property naming the fingerprint directory; see {@link #locate(Path)}. */
  public static final String PROPERTY = "vigil.ooni.fingerprints";

  /** Environment variable naming the fingerprint directory; see {@link #locate(Path)}. */
  public static final String ENVIRONMENT = "VIGIL_OONI_FINGERPRINTS";

  private static final JsonFactory JSON = new JsonFactory();

  private final List<Fingerprint> dns;
  private final List<Fingerprint> http;
  // Compiled forms; ids index all(): DNS fingerprints first, then HTTP ones.
  private final List<Fingerprint> all;
  final Map<String, int[]> dnsByAddress;
  private final List<int[]> textPatterns;
  private final List<int[]> bytePatterns;
  private final List<int[]> bodyIds;
  private volatile AhoCorasick bodyText; // built when first needed
  private volatile AhoCorasick bodyBytes;
  // The body patterns' UTF-8 bytes, for the fast way; null if one is too short for it.
  final GramSearch bodyGrams;
  final int[] emptyBodyPatterns;
  final boolean anyBody;
  // Whether matching UTF-8 bytes with bodyBytes finds what matching text with bodyText finds: so
  // unless a pattern holds a lone surrogate (which UTF-8 cannot encode).
  final boolean bodyBytesAgree;
  final Map<String, HeaderRules> headers;

  /** The header fingerprints for one header name. */
  static final class HeaderRules {
    final Map<String, int[]> full = new HashMap<>();
    final List<String> prefixes = new ArrayList<>();
    final List<Integer> prefixIds = new ArrayList<>();
  }

  private FingerprintDatabase(List<Fingerprint> dns, List<Fingerprint> http) {
    this.dns = List.copyOf(dns);
    this.http = List.copyOf(http);
    List<Fingerprint> everything = new ArrayList<>(this.dns);
    everything.addAll(this.http);
    this.all = List.copyOf(everything);
    Map<String, int[]> byAddress = new HashMap<>();
    for (int id = 0; id < this.dns.size(); id++) {
      byAddress.merge(this.dns.get(id).pattern(), new int[] {id}, FingerprintDatabase::concat);
    }
    this.dnsByAddress = byAddress;
    List<int[]> textPatterns = new ArrayList<>();
    List<int[]> bytePatterns = new ArrayList<>();
    List<int[]> bodyIds = new ArrayList<>();
    int[] empty = new int[0];
    Map<String, HeaderRules> headerRules = new LinkedHashMap<>();
    for (int i = 0; i < this.http.size(); i++) {
      int id = this.dns.size() + i;
      Fingerprint fp = this.http.get(i);
      String location = fp.locationFound();
      if (location.equals("body")) {
        if (fp.pattern().isEmpty()) {
          empty = concat(empty, new int[] {id}); // "".find("") == 0: matches any body
          continue;
        }
        textPatterns.add(fp.pattern().chars().toArray());
        byte[] utf8 = fp.pattern().getBytes(StandardCharsets.UTF_8);
        int[] symbols = new int[utf8.length];
        for (int k = 0; k < utf8.length; k++) {
          symbols[k] = utf8[k] & 0xff;
        }
        bytePatterns.add(symbols);
        bodyIds.add(new int[] {id});
      } else if (location.startsWith("header.")) {
        // The fastpath compares with the lower-cased response header names, but does not
        // lower-case the name it takes from the fingerprint: keep it as it is.
        String name = location.substring("header.".length());
        if (fp.patternType().equals("full")) {
          headerRules
              .computeIfAbsent(name, k -> new HeaderRules())
              .full
              .merge(fp.pattern(), new int[] {id}, FingerprintDatabase::concat);
        } else if (fp.patternType().equals("prefix")) {
          HeaderRules rules = headerRules.computeIfAbsent(name, k -> new HeaderRules());
          rules.prefixes.add(fp.pattern());
          rules.prefixIds.add(id);
        }
      }
    }
    this.textPatterns = textPatterns;
    this.bytePatterns = bytePatterns;
    this.bodyIds = bodyIds;
    this.bodyGrams = grams(bytePatterns, bodyIds);
    this.emptyBodyPatterns = empty;
    this.anyBody = empty.length > 0 || !bodyIds.isEmpty();
    this.bodyBytesAgree = textPatterns.stream().noneMatch(FingerprintDatabase::loneSurrogate);
    this.headers = headerRules;
  }

  private static GramSearch grams(List<int[]> bytePatterns, List<int[]> ids) {
    List<byte[]> bytes = new ArrayList<>(bytePatterns.size());
    for (int[] symbols : bytePatterns) {
      if (symbols.length < GramSearch.GRAM) {
        return null;
      }
      byte[] b = new byte[symbols.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) symbols[i];
      }
      bytes.add(b);
    }
    return GramSearch.build(bytes, ids);
  }

  /** The body patterns over UTF-16 text, built on first use. */
  AhoCorasick bodyText() {
    AhoCorasick a = bodyText;
    if (a == null) {
      a = AhoCorasick.build(textPatterns, bodyIds, 65_536);
      bodyText = a; // built twice at worst, to the same automaton
    }
    return a;
  }

  /** The body patterns over UTF-8 bytes, built on first use. */
  AhoCorasick bodyBytes() {
    AhoCorasick a = bodyBytes;
    if (a == null) {
      a = AhoCorasick.build(bytePatterns, bodyIds, 256);
      bodyBytes = a;
    }
    return a;
  }

  private static boolean loneSurrogate(int[] chars) {
    for (int i = 0; i < chars.length; i++) {
      int c = chars[i];
      if (Character.isHighSurrogate((char) c)
          && i + 1 < chars.length
          && Character.isLowSurrogate((char) chars[i + 1])) {
        i++;
      } else if (Character.isSurrogate((char) c)) {
        return true;
      }
    }
    return false;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /** A database of the given fingerprints. */
  public static FingerprintDatabase of(List<Fingerprint> dns, List<Fingerprint> http) {
    return new FingerprintDatabase(dns, http);
  }

  /** No fingerprints: nothing is ever confirmed. */
  public static FingerprintDatabase empty() {
    return new FingerprintDatabase(List.of(), List.of());
  }

  /**
   * Loads {@value #DNS_FILE} and {@value #HTTP_FILE} from {@code directory}.
   *
   * @throws InputFormatException if a file is not an array of fingerprints
   * @throws IOException if a file cannot be read
   */
  public static FingerprintDatabase load(Path directory) throws IOException {
    return load(directory.resolve(DNS_FILE), directory.resolve(HTTP_FILE));
  }

  /** Loads the two files given. */
  public static FingerprintDatabase load(Path dnsFile, Path httpFile) throws IOException {
    return new FingerprintDatabase(read(dnsFile), read(httpFile));
  }

  /**
   * The fingerprint directory to use, in this order: the system property {@value #PROPERTY}, the
   * environment variable {@value #ENVIRONMENT}, then {@code <dataDirectory>/ooni/fingerprints} if
   * it holds both files. A directory named by the property or the variable is returned as it is
   * (loading it reports what is missing).
   *
   * @param dataDirectory Vigil's data directory, or {@code null} to skip that place
   */
  public static Optional<Path> locate(Path dataDirectory) {
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return Optional.of(Path.of(property));
    }
    String env = System.getenv(ENVIRONMENT);
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    if (dataDirectory != null) {
      Path dir = dataDirectory.resolve("ooni").resolve("fingerprints");
      if (Files.isRegularFile(dir.resolve(DNS_FILE))
          && Files.isRegularFile(dir.resolve(HTTP_FILE))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static List<Fingerprint> read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file);
        JsonParser parser = JSON.createParser(in)) {
      root = JsonTrees.read(parser);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new InputFormatException(
          file.toString(),
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          null,
          "not JSON: " + e.getOriginalMessage());
    }
    return parse(root, file.toString());
  }

  /** Parses a fingerprint table given as a JSON array; {@code source} names it in errors. */
  static List<Fingerprint> parse(JsonNode root, String source) {
    if (root == null || !root.isArray()) {
      throw new InputFormatException(source, 0, null, "expected a JSON array of fingerprints");
    }
    List<Fingerprint> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode fp = root.get(i);
      String where = "[" + i + "]";
      if (!fp.isObject()) {
        throw new InputFormatException(source, 0, where, "expected a fingerprint object");
      }
      JsonNode countries = fp.get("expected_countries");
      List<String> expected;
      if (countries != null && countries.isTextual()) {
        expected = Fingerprint.parseExpectedCountries(countries.textValue());
      } else if (countries != null && countries.isArray()) {
        StringBuilder joined = new StringBuilder();
        countries.forEach(c -> joined.append(c.asText()).append(','));
        expected = Fingerprint.parseExpectedCountries(joined.toString());
      } else {
        throw new InputFormatException(
            source, 0, where + ".expected_countries", "expected a comma-separated text");
      }
      JsonNode confidence = fp.get("confidence_no_fp");
      out.add(
          new Fingerprint(
              text(fp, "name", source, where),
              text(fp, "scope", source, where),
              fp.hasNonNull("other_names") ? fp.get("other_names").asText() : "",
              text(fp, "location_found", source, where),
              text(fp, "pattern_type", source, where),
              text(fp, "pattern", source, where),
              confidence != null && confidence.canConvertToInt() ? confidence.intValue() : 0,
              expected));
    }
    return out;
  }

  private static String text(JsonNode fp, String key, String source, String where) {
    JsonNode v = fp.get(key);
    if (v == null || !v.isTextual()) {
      throw new InputFormatException(source, 0, where + "." + key, "expected a text value");
    }
    return v.textValue();
  }

  /** The DNS fingerprints, in file order. */
  public List<Fingerprint> dns() {
    return dns;
  }

  /** The HTTP fingerprints, in file order. */
  public List<Fingerprint> http() {
    return http;
  }

  /** The fingerprint with compiled id {@code id} (DNS ones first, then HTTP ones). */
  Fingerprint byId(int id) {
    return all.get(id);
  }

  int size() {
    return all.size();
  }

  @Override
  public String toString() {
    return "FingerprintDatabase[" + dns.size() + " dns, " + http.size() + " http]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FingerprintDatabase f && dns.equals(f.dns) && http.equals(f.http);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dns, http);
  }
}
