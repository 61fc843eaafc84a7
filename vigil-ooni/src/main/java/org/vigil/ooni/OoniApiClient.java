// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * A client for OONI's measurement API (REFERENCE.md §2.4): lists measurements ({@code GET
 * /api/v1/measurements}), fetches their raw bodies ({@code GET
 * /api/v1/raw_measurement?measurement_uid=}) and aggregates ({@code GET /api/v1/aggregation}).
 *
 * <pre>{@code
 * OoniApiClient api = OoniApiClient.builder().requestsPerSecond(2).build();
 * OoniApiClient.FetchResult r = api.fetch(
 *     OoniApiClient.Query.of("KZ", Instant.parse("2022-01-04T00:00:00Z"),
 *         Instant.parse("2022-01-06T00:00:00Z"), "signal"),
 *     Path.of("ooni-kz"), Path.of("ooni-kz/fetch-state.json"));
 * // then: MeasurementReader.create().read(Path.of("ooni-kz/raw"), sink)
 * }</pre>
 *
 * <p>Polite: at most {@code requestsPerSecond} requests start per second. Retries on HTTP 429, 5xx
 * and I/O errors with exponential back-off (doubling from {@code initialBackoff} up to {@code
 * maxBackoff}, or OONI's {@code Retry-After} when longer); other statuses fail at once with {@link
 * OoniApiException}. Time is injected ({@link InstantSource} and {@link Sleeper}), so the waits can
 * be tested without sleeping.
 *
 * <p>{@link #fetch} is resumable: after each page of results (every raw body fetched and written)
 * it writes a small state file with the URL of the next page, the last {@code measurement_uid} and
 * the counts; run again with the same query and state file, it carries on from there. Measurements
 * are written as gzip JSON lines laid out like OONI's archive, {@code
 * raw/YYYYMMDD/HH/CC/testname/<YYYYMMDDhhmmss>_<CC>_<testname>.n0.<page>.jsonl.gz}; a page's files
 * are written under temporary names and moved into place before the state moves on, so an
 * interrupted page is fetched again and its files replaced, never duplicated.
 */
public final class OoniApiClient {
  /** OONI's public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.ooni.io/");

  /** Waits; {@link Thread#sleep} in production, recorded in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final DateTimeFormatter QUERY_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuuMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);

  private final URI baseUrl;
  private final HttpClient http;
  private final InstantSource clock;
  private final Sleeper sleeper;
  private final Duration minInterval;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;
  private final int pageSize;
  private final String userAgent;
  private final ObjectMapper mapper = new ObjectMapper();
  private Instant lastRequest;
  private long requests;
  private long retries;

  private OoniApiClient(Builder b) {
    this.baseUrl = b.baseUrl.toString().endsWith("/") ? b.baseUrl : URI.create(b.baseUrl + "/");
    this.http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.minInterval = Duration.ofNanos(Math.round(1e9 / b.requestsPerSecond));
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.requestTimeout = b.requestTimeout;
    this.pageSize = b.pageSize;
    this.userAgent = b.userAgent;
  }

  /** A builder with OONI's base URL, 1 request/s, 5 retries from 1 s up to 60 s, pages of 100. */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a client. */
  public static final class Builder {
    private URI baseUrl = DEFAULT_BASE_URL;
    private HttpClient httpClient;
    private InstantSource clock = InstantSource.system();
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    private double requestsPerSecond = 1;
    private int maxRetries = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(120);
    private int pageSize = 100;
    private String userAgent = "vigil (internet shutdown observatory)";

    private Builder() {}

    /** The API's base URL (default {@code https://api.ooni.io/}). */
    public Builder baseUrl(URI url) {
      this.baseUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The HTTP client (default: a new one with a 30 s connect timeout). */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** At most this many requests start per second (default 1). */
    public Builder requestsPerSecond(double rps) {
      if (!(rps > 0) || Double.isInfinite(rps)) {
        throw new IllegalArgumentException("requests per second must be positive, got " + rps);
      }
      this.requestsPerSecond = rps;
      return this;
    }

    /** Retries after the first attempt (default 5). */
    public Builder maxRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("retries must be >= 0, got " + n);
      }
      this.maxRetries = n;
      return this;
    }

    /** The first back-off and the longest (defaults 1 s and 60 s). */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("need 0 <= initial <= max back-off");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Results per page of {@code /api/v1/measurements} (default 100). */
    public Builder pageSize(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("page size must be positive, got " + n);
      }
      this.pageSize = n;
      return this;
    }

    public Builder userAgent(String ua) {
      this.userAgent = Objects.requireNonNull(ua, "ua");
      return this;
    }

    public OoniApiClient build() {
      return new OoniApiClient(this);
    }
  }

  /**
   * A measurement search.
   *
   * @param probeCc {@code probe_cc}, e.g. {@code KZ}
   * @param since start of the range (inclusive)
   * @param until end of the range
   * @param testName {@code test_name}, or {@code null} for all tests
   * @param probeAsn {@code probe_asn} ({@code AS9198}), or {@code null} for all networks
   */
  public record Query(
      String probeCc, Instant since, Instant until, String testName, String probeAsn) {
    public Query {
      Objects.requireNonNull(probeCc, "probeCc");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(until, "until");
      if (!probeCc.matches("[A-Za-z]{2}")) {
        throw new IllegalArgumentException("probe_cc must be two letters, got '" + probeCc + "'");
      }
      if (!until.isAfter(since)) {
        throw new IllegalArgumentException(
            "until (" + until + ") must be after since (" + since + ")");
      }
    }

    /** A query for one country, optionally one test. */
    public static Query of(String probeCc, Instant since, Instant until, String testName) {
      return new Query(probeCc, since, until, testName, null);
    }

    /** The query parameters, in a fixed order. */
    Map<String, String> parameters() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("probe_cc", probeCc.toUpperCase(Locale.ROOT));
      if (probeAsn != null) {
        p.put("probe_asn", probeAsn);
      }
      if (testName != null) {
        p.put("test_name", testName);
      }
      p.put("since", QUERY_TIME.format(since));
      p.put("until", QUERY_TIME.format(until));
      return p;
    }
  }

  /**
   * What a {@link #fetch} did.
   *
   * @param pages pages of results read in this run
   * @param measurements raw measurements written in this run
   * @param totalMeasurements written over all runs of this state file
   * @param resumed whether the run carried on from a state file
   * @param complete whether the last page was reached
   * @param requests HTTP requests made by this client so far (retries included)
   * @param retries retried requests so far
   */
  public record FetchResult(
      long pages,
      long measurements,
      long totalMeasurements,
      boolean resumed,
      boolean complete,
      long requests,
      long retries) {}

  /** One page of {@code /api/v1/measurements}: its results and the URL of the next, if any. */
  public record Page(List<ObjectNode> results, URI next) {}

  /** The first page of a search. */
  public URI measurementsUrl(Query q) {
    Map<String, String> p = q.parameters();
    p.put("order_by", "measurement_start_time");
    p.put("order", "asc");
    p.put("limit", Integer.toString(pageSize));
    p.put("offset", "0");
    return resolve("api/v1/measurements", p);
  }

  /**
   * Reads one page of {@code /api/v1/measurements}. The next page is {@code metadata.next_url} (its
   * path and query, on this client's base URL), or, when the response has no {@code next_url} key,
   * the next {@code offset} if the page was full.
   */
  public Page measurements(URI pageUrl) throws IOException, InterruptedException {
    JsonNode body = json(pageUrl);
    JsonNode results = body.get("results");
    if (results == null || !results.isArray()) {
      throw new OoniApiException(pageUrl, 200, "no results array in the response", null);
    }
    List<ObjectNode> out = new ArrayList<>(results.size());
    for (JsonNode r : results) {
      if (r.isObject()) {
        out.add((ObjectNode) r);
      }
    }
    JsonNode meta = body.get("metadata");
    URI next = null;
    if (meta != null && meta.has("next_url")) {
      JsonNode n = meta.get("next_url");
      if (n.isTextual() && !n.textValue().isEmpty()) {
        next = onBase(URI.create(n.textValue()));
      }
    } else if (!out.isEmpty()) {
      next = nextOffset(pageUrl, results.size());
    }
    return new Page(out, next);
  }

  /** The raw measurement {@code measurement_uid}, as OONI stored it. */
  public ObjectNode rawMeasurement(String measurementUid) throws IOException, InterruptedException {
    URI uri = resolve("api/v1/raw_measurement", Map.of("measurement_uid", measurementUid));
    JsonNode body = json(uri);
    if (!body.isObject()) {
      throw new OoniApiException(uri, 200, "the raw measurement is not a JSON object", null);
    }
    return (ObjectNode) body;
  }

  /**
   * {@code GET /api/v1/aggregation} with these parameters ({@code probe_cc}, {@code test_name},
   * {@code since}, {@code until}, {@code time_grain}, {@code axis_x}, …): the response as JSON.
   */
  public JsonNode aggregation(Map<String, String> parameters)
      throws IOException, InterruptedException {
    return json(resolve("api/v1/aggregation", new TreeMap<>(parameters)));
  }

  /**
   * Fetches every measurement of {@code query} into {@code outDir} (see the class comment),
   * resuming from {@code stateFile} if it holds the state of the same query.
   *
   * @throws OoniApiException if a request still fails after the retries; the state file then points
   *     at the page that failed, so a later run resumes there
   */
  public FetchResult fetch(Query query, Path outDir, Path stateFile)
      throws IOException, InterruptedException {
    URI first = measurementsUrl(query);
    FetchState state = FetchState.read(mapper, stateFile);
    boolean resumed = state != null && state.query.equals(first.toString());
    if (!resumed) {
      state = new FetchState(first.toString(), first.toString(), null, 0, 0);
      state.write(mapper, stateFile);
    }
    long pages = 0;
    long written = 0;
    while (state.next != null) {
      URI url = URI.create(state.next);
      Page page = measurements(url);
      String lastUid = state.lastUid;
      Map<Path, List<ObjectNode>> files = new LinkedHashMap<>();
      for (ObjectNode result : page.results()) {
        String uid = text(result, "measurement_uid");
        if (uid == null) {
          continue;
        }
        ObjectNode raw = rawMeasurement(uid);
        if (!raw.has("measurement_uid")) {
          raw.put("measurement_uid", uid); // as OONI's archive and the fastpath's table keep it
        }
        files.computeIfAbsent(file(outDir, result, state.page), k -> new ArrayList<>()).add(raw);
        lastUid = uid;
      }
      for (Map.Entry<Path, List<ObjectNode>> f : files.entrySet()) {
        writeGzipLines(f.getKey(), f.getValue());
        written += f.getValue().size();
      }
      pages++;
      state =
          new FetchState(
              state.query,
              page.next() == null ? null : page.next().toString(),
              lastUid,
              state.page + 1,
              state.total + page.results().size());
      state.write(mapper, stateFile);
    }
    return new FetchResult(pages, written, state.total, resumed, true, requests, retries);
  }

  /** {@code raw/YYYYMMDD/HH/CC/testname/<stamp>_<CC>_<testname>.n0.<page>.jsonl.gz}. */
  private static Path file(Path outDir, ObjectNode result, long page) {
    Instant t = parseTime(text(result, "measurement_start_time"));
    String cc = safe(text(result, "probe_cc"), "ZZ").toUpperCase(Locale.ROOT);
    String test = safe(text(result, "test_name"), "unknown");
    Instant hour = t == null ? Instant.EPOCH : t.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    return outDir
        .resolve("raw")
        .resolve(DAY.format(hour))
        .resolve(HOUR.format(hour))
        .resolve(cc)
        .resolve(test)
        .resolve(STAMP.format(hour) + "_" + cc + "_" + test + ".n0." + page + ".jsonl.gz");
  }

  private static String safe(String s, String otherwise) {
    return s == null || !s.matches("[A-Za-z0-9_]+") ? otherwise : s;
  }

  /** {@code 2022-01-04T10:00:00Z} (the API's form) or {@code 2022-01-04 10:00:00}. */
  static Instant parseTime(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private void writeGzipLines(Path file, List<ObjectNode> lines) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".part");
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
      for (ObjectNode line : lines) {
        w.write(mapper.writeValueAsString(line));
        w.write('\n');
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private URI resolve(String path, Map<String, String> parameters) {
    StringBuilder sb = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      sb.append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return baseUrl.resolve(sb.toString());
  }

  /** The path and query of {@code u} on this client's base URL (OONI's next_url names its host). */
  private URI onBase(URI u) {
    String rel = u.getRawPath() == null ? "" : u.getRawPath();
    if (rel.startsWith("/")) {
      rel = rel.substring(1);
    }
    if (u.getRawQuery() != null) {
      rel += "?" + u.getRawQuery();
    }
    return baseUrl.resolve(rel);
  }

  private static URI nextOffset(URI page, int got) {
    String q = page.getRawQuery() == null ? "" : page.getRawQuery();
    long offset = 0;
    long limit = got;
    StringBuilder rest = new StringBuilder();
    for (String kv : q.split("&")) {
      if (kv.startsWith("offset=")) {
        offset = Long.parseLong(kv.substring(7));
      } else {
        if (kv.startsWith("limit=")) {
          limit = Long.parseLong(kv.substring(6));
        }
        if (!kv.isEmpty()) {
          rest.append(kv).append('&');
        }
      }
    }
    if (got < limit) {
      return null; // a short page is the last
    }
    String u = page.toString();
    int qm = u.indexOf('?');
    return URI.create((qm < 0 ? u : u.substring(0, qm)) + "?" + rest + "offset=" + (offset + got));
  }

  private JsonNode json(URI uri) throws IOException, InterruptedException {
    try {
      return mapper.readTree(get(uri));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new OoniApiException(
          uri, 200, "the response is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * GET with the rate limit and the retries; the body of a 200 response, read whole inside the
   * retry loop so that a connection dropped mid-body is retried too.
   */
  private byte[] get(URI uri) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("User-Agent", userAgent)
            .header("Accept", "application/json")
            .GET()
            .build();
    int status = 0;
    IOException last = null;
    for (int attempt = 0; ; attempt++) {
      pace();
      Duration retryAfter = Duration.ZERO;
      try {
        requests++;
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        status = r.statusCode();
        if (status == 200) {
          return r.body();
        }
        if (status != 429 && status < 500) {
          throw new OoniApiException(uri, status, "HTTP " + status, null);
        }
        retryAfter = retryAfter(r);
        last = null;
      } catch (OoniApiException e) {
        throw e;
      } catch (IOException e) {
        status = 0;
        last = e;
      }
      if (attempt >= maxRetries) {
        throw new OoniApiException(
            uri,
            status,
            (status == 0 ? "no response" : "HTTP " + status)
                + " after "
                + (attempt + 1)
                + (attempt == 0 ? " attempt" : " attempts"),
            last);
      }
      retries++;
      Duration backoff = backoff(attempt);
      sleeper.sleep(retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff);
    }
  }

  /** {@code initialBackoff · 2^attempt}, at most {@code maxBackoff}. */
  Duration backoff(int attempt) {
    if (attempt >= 30) {
      return maxBackoff;
    }
    Duration d = initialBackoff.multipliedBy(1L << attempt);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  private Duration retryAfter(HttpResponse<?> r) {
    return r.headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                long s = Long.parseLong(v.trim());
                return s >= 0 && s <= maxBackoff.toSeconds() ? Duration.ofSeconds(s) : maxBackoff;
              } catch (NumberFormatException e) {
                return Duration.ZERO;
              }
            })
        .orElse(Duration.ZERO);
  }

  /** Waits until {@code minInterval} has passed since the last request began. */
  private void pace() throws InterruptedException {
    Instant now = clock.instant();
    if (lastRequest != null) {
      Instant allowed = lastRequest.plus(minInterval);
      if (now.isBefore(allowed)) {
        sleeper.sleep(Duration.between(now, allowed));
        now = clock.instant();
        if (now.isBefore(allowed)) {
          now = allowed; // a sleeper that returned early: count from when we should have gone
        }
      }
    }
    lastRequest = now;
  }

  /** The resumable state: where the next page is, and what was done. */
  private static final class FetchState {
    final String query;
    final String next;
    final String lastUid;
    final long page;
    final long total;

    FetchState(String query, String next, String lastUid, long page, long total) {
      this.query = query;
      this.next = next;
      this.lastUid = lastUid;
      this.page = page;
      this.total = total;
    }

    static FetchState read(ObjectMapper mapper, Path file) throws IOException {
      if (!Files.exists(file)) {
        return null;
      }
      JsonNode n = mapper.readTree(file.toFile());
      if (n == null || !n.isObject() || !n.path("query").isTextual()) {
        throw new IOException(file + ": not a fetch state file");
      }
      return new FetchState(
          n.get("query").textValue(),
          n.path("next_url").isTextual() ? n.get("next_url").textValue() : null,
          n.path("last_measurement_uid").isTextual()
              ? n.get("last_measurement_uid").textValue()
              : null,
          n.path("pages").asLong(),
          n.path("measurements").asLong());
    }

    void write(ObjectMapper mapper, Path file) throws IOException {
      ObjectNode n = mapper.createObjectNode();
      n.put("query", query);
      n.put("next_url", next);
      n.put("last_measurement_uid", lastUid);
      n.put("pages", page);
      n.put("measurements", total);
      n.put("complete", next == null);
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
