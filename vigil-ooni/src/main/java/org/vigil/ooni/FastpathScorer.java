// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vigil.ooni.FingerprintDatabase.HeaderRules;
import org.vigil.ooni.internal.AhoCorasick;
import org.vigil.ooni.internal.BinasciiError;
import org.vigil.ooni.internal.FastpathError;
import org.vigil.ooni.internal.Pep440Version;
import org.vigil.ooni.internal.Py;
import org.vigil.ooni.internal.PyBase64;

/**
 * Judges OONI measurements exactly as OONI's fastpath does ({@code ooni/backend}, {@code
 * fastpath/fastpath/core.py}: {@code process_measurement}, {@code score_measurement} and the {@code
 * score_*} function of each test), for {@code web_connectivity}, {@code whatsapp}, {@code
 * telegram}, {@code signal}, {@code facebook_messenger}, {@code tor}, {@code vanilla_tor} and
 * {@code torsf}.
 *
 * <pre>{@code
 * FastpathScorer scorer = FastpathScorer.of(FingerprintDatabase.load(dir));
 * Verdict v = scorer.score(measurement);
 * if (v.scored() && v.anomaly()) { ... }
 * }</pre>
 *
 * <p>Each test's function computes scores: {@code blocking_general} (and, for Web Connectivity
 * blockpages, {@code blocking_country}, {@code _isp}, {@code _local}) and {@code accuracy}; then
 * {@code anomaly = blocking_general > 0.5}, {@code failure = accuracy < 0.5}, and {@code confirmed}
 * when a fingerprint confirmed blocking. Before scoring, the fastpath unwraps {@code {"format":
 * "json", "content": {...}}} and discards measurements without {@code report_id}, from {@code
 * probe_cc} {@code ZZ} or from {@code probe_asn} {@code AS0}; after scoring, a measurement whose
 * {@code measurement_uid} (the time the backend received it) is more than an hour before its {@code
 * measurement_start_time} or more than a year after it is marked failed.
 *
 * <p>The fastpath is Python and reads measurements loosely: {@code d.get(k)} treats a missing key
 * and {@code null} alike, truthiness treats {@code 0}, {@code ""} and {@code []} as false, and
 * values of unexpected types either pass through or make it raise. Each of those places is
 * reproduced here; where Python would raise, the verdict is {@link Verdict.Outcome#REJECTED} with
 * the reason (the fastpath logs the exception and stores nothing). Tests the fastpath scores but
 * Vigil does not ({@code ndt}, {@code dash}, …) come back {@link Verdict.Outcome#UNSCORED}.
 *
 * <p>The rules are those of {@code core.py} at {@code ooni/backend} commit {@code 05c4b9de} (with
 * the Web Connectivity 0.5 flags, {@code tor_logs} for vanilla_tor and header fingerprints matched
 * by their full lower-case name). Agreement was checked by running the fastpath's scoring code and
 * this class side by side on OONI's test fixtures and on 200,000 randomly mangled copies of them:
 * identical outcomes and flags for every one.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class FastpathScorer {
  /** The tests scored, and the platform each one measures (Web Connectivity: the input's host). */
  private static final Map<String, String> PLATFORMS =
      Map.of(
          "web_connectivity", "",
          "whatsapp", "whatsapp",
          "telegram", "telegram",
          "signal", "signal",
          "facebook_messenger", "facebook",
          "tor", "tor",
          "vanilla_tor", "tor",
          "torsf", "tor");

  private static final Set<String> BLOCKING_TYPES =
      Set.of("tcp_ip", "dns", "http-diff", "http-failure");

  private static final List<String> FACEBOOK_CONSISTENCY_KEYS =
      List.of(
          "facebook_b_api_dns_consistent",
          "facebook_b_api_reachable",
          "facebook_b_graph_dns_consistent",
          "facebook_b_graph_reachable",
          "facebook_edge_dns_consistent",
          "facebook_edge_reachable",
          "facebook_external_cdn_dns_consistent",
          "facebook_external_cdn_reachable",
          "facebook_scontent_cdn_dns_consistent",
          "facebook_scontent_cdn_reachable",
          "facebook_star_dns_consistent",
          "facebook_star_reachable",
          "facebook_stun_dns_consistent");

  private static final List<String> FACEBOOK_ANOMALY_KEYS =
      List.of("facebook_tcp_blocking", "facebook_dns_blocking");

  // The fastpath's work-around for probes that set facebook_dns_blocking although everything was
  // consistent and reachable: these all true and facebook_tcp_blocking false score 0.
  private static final List<String> FACEBOOK_ALL_TRUE =
      List.of(
          "facebook_b_api_dns_consistent",
          "facebook_b_api_reachable",
          "facebook_b_graph_dns_consistent",
          "facebook_b_graph_reachable",
          "facebook_dns_blocking",
          "facebook_edge_dns_consistent",
          "facebook_edge_reachable",
          "facebook_star_dns_consistent",
          "facebook_star_reachable",
          "facebook_stun_dns_consistent");

  private static final Pep440Version SIGNAL_V023 = Pep440Version.parse("0.2.3");
  private static final Pep440Version SIGNAL_V022 = Pep440Version.parse("0.2.2");
  private static final Pep440Version ENGINE_3172 = Pep440Version.parse("3.17.2");
  private static final LocalDateTime SIGNAL_2627_SINCE = LocalDateTime.of(2023, 11, 7, 0, 0);
  private static final LocalDateTime SIGNAL_2344_SINCE = LocalDateTime.of(2022, 10, 19, 0, 0);
  private static final LocalDateTime ENGINE_679_SINCE = LocalDateTime.of(2023, 5, 2, 0, 0);

  private static final ObjectNode EMPTY = JsonNodeFactory.instance.objectNode();

  private final FingerprintDatabase fingerprints;

  private FastpathScorer(FingerprintDatabase fingerprints) {
    this.fingerprints = fingerprints;
  }

  /** A scorer that matches blockpages with {@code fingerprints}. */
  public static FastpathScorer of(FingerprintDatabase fingerprints) {
    return new FastpathScorer(Objects.requireNonNull(fingerprints, "fingerprints"));
  }

  /** The fingerprints this scorer matches. */
  public FingerprintDatabase fingerprints() {
    return fingerprints;
  }

  /** Whether {@code testName} is one of the tests scored here. */
  public static boolean scores(String testName) {
    return testName != null && PLATFORMS.containsKey(testName);
  }

  /** The fastpath's scores for one measurement, before they become flags. */
  static final class Scores {
    double general;
    double global;
    double country;
    double isp;
    double local;
    double accuracy = 1.0;
    boolean confirmed;
    String blockingType;
  }

  /** Judges one measurement; never throws for bad content (see {@link Verdict#outcome()}). */
  public Verdict score(Measurement m) {
    Facts f = new Facts(m.source(), m.line());
    f.read(m.json(), null);
    ObjectNode msm = m.json();
    try {
      // process_measurement: unwrap {"format": "json", "content": {...}}
      if (msm.has("content") && msm.has("format")) {
        JsonNode format = msm.get("format");
        if (format == null || !format.isTextual()) {
          throw new FastpathError("format is not a string");
        }
        String fmt = format.textValue().toLowerCase(Locale.ROOT);
        if (fmt.equals("yaml")) {
          return f.verdict(
              Verdict.Outcome.REJECTED, "YAML-wrapped measurement: not supported", null);
        }
        JsonNode content = msm.get("content");
        if (!fmt.equals("json") || content == null || !content.isObject()) {
          throw new FastpathError("content of format '" + fmt + "' is not a measurement object");
        }
        msm = (ObjectNode) content;
        f.read(msm, m.json());
      }
      if (Py.isNone(msm.get("report_id"))) {
        return f.verdict(Verdict.Outcome.DISCARDED, "no report_id", null);
      }
      if (upperOrEmpty(msm, "probe_cc").equals("ZZ")) {
        return f.verdict(Verdict.Outcome.DISCARDED, "probe_cc ZZ", null);
      }
      if (upperOrEmpty(msm, "probe_asn").equals("AS0")) {
        return f.verdict(Verdict.Outcome.DISCARDED, "probe_asn AS0", null);
      }
      JsonNode name = msm.get("test_name");
      if (name == null) {
        throw new FastpathError("no test_name");
      }
      if (!name.isTextual()) {
        throw new FastpathError("test_name is not a string");
      }
      Scores s = new Scores();
      switch (name.textValue()) {
        case "web_connectivity" -> webConnectivity(msm, s);
        case "whatsapp" -> whatsapp(msm, s);
        case "telegram" -> telegram(msm, s);
        case "signal" -> signal(msm, s);
        case "facebook_messenger" -> facebookMessenger(msm, s);
        case "tor" -> tor(msm, s);
        case "vanilla_tor" -> vanillaTor(msm, s);
        case "torsf" -> torsf(msm, s);
        default -> {
          return f.verdict(Verdict.Outcome.UNSCORED, "test not scored: " + name.textValue(), null);
        }
      }
      JsonNode start = msm.get("measurement_start_time");
      if (Py.truthy(start)) { // "" does not parse: ValueError, ignored
        if (!start.isTextual()) {
          throw new FastpathError("measurement_start_time is not a string");
        }
        flagWrongDate(start.textValue(), f.uid, s);
      }
      return f.verdict(Verdict.Outcome.SCORED, null, s);
    } catch (FastpathError e) {
      return f.verdict(Verdict.Outcome.REJECTED, e.getMessage(), null);
    }
  }

  /** {@code msm.get(key, "").upper()}; None or a non-string raises, as in the fastpath. */
  private static String upperOrEmpty(ObjectNode msm, String key) {
    JsonNode v = msm.get(key);
    if (v == null) {
      return "";
    }
    if (!v.isTextual()) {
      throw new FastpathError(key + " is " + (v.isNull() ? "null" : "not a string"));
    }
    return v.textValue().toUpperCase(Locale.ROOT);
  }

  /** {@code g_or(msm, "test_keys", {})} for a test that calls {@code .get} on it. */
  private static ObjectNode testKeys(ObjectNode msm) {
    JsonNode tk = msm.get("test_keys");
    if (Py.isNone(tk)) {
      return EMPTY;
    }
    if (!tk.isObject()) {
      throw new FastpathError("test_keys is not an object");
    }
    return (ObjectNode) tk;
  }

  /** An element the fastpath reads with {@code .get} or {@code [key]}: must be an object. */
  private static ObjectNode object(JsonNode v, String what) {
    if (v == null || !v.isObject()) {
      throw new FastpathError(what + " is not an object");
    }
    return (ObjectNode) v;
  }

  /**
   * Python's {@code for x in g_or(d, key, ())} where each {@code x} is then read as a dict: None
   * gives nothing; an empty string or dict gives nothing; a non-empty one yields strings, on which
   * the next step raises; numbers and booleans are not iterable.
   */
  private static Iterable<JsonNode> list(JsonNode v, String what) {
    if (Py.isNone(v)) {
      return List.of();
    }
    if (v.isArray()) {
      return v;
    }
    if ((v.isTextual() && v.textValue().isEmpty()) || (v.isObject() && v.isEmpty())) {
      return List.of();
    }
    throw new FastpathError(what + " is not a list");
  }

  // ---------------------------------------------------------------------------------------------
  // web_connectivity: match_fingerprints, score_web_connectivity

  /** Accumulates fingerprint matches: whether any matched, and what confirmed ones score. */
  final class Matches implements AhoCorasick.Hits {
    final String probeCc;
    final List<Integer> ids; // every match, when asked for; else null
    boolean any;
    boolean confirmed;
    boolean general;
    boolean country;
    boolean isp;
    boolean local;
    boolean base64Error;

    Matches(String probeCc, boolean collect) {
      this.probeCc = probeCc;
      this.ids = collect ? new ArrayList<>() : null;
    }

    @Override
    public void hit(int id) {
      any = true;
      if (ids != null) {
        ids.add(id);
      }
      Fingerprint fp = fingerprints.byId(id);
      if (fp.confirms(probeCc)) {
        confirmed = true;
        switch (fp.locality()) {
          case "country" -> country = true;
          case "isp" -> isp = true;
          case "local" -> local = true;
          default -> general = true;
        }
      }
    }

    void hitAll(int[] ids) {
      if (ids != null) {
        for (int id : ids) {
          hit(id);
        }
      }
    }
  }

  /** Empty matches for a measurement from {@code probeCc}. */
  Matches matches(String probeCc) {
    return new Matches(probeCc.toUpperCase(Locale.ROOT), false);
  }

  private void webConnectivity(ObjectNode msm, Scores s) {
    Matches matches = match(msm, false);
    scoreWebConnectivity(testKeys(msm), matches, s);
    if (matches.base64Error) {
      s.accuracy = 0.0; // score_web_connectivity_full: scored without matches, and failed
    }
  }

  /** {@code match_fingerprints}, with a base64 error giving no matches. */
  private Matches match(ObjectNode msm, boolean collect) {
    // measurement["probe_cc"]; process_measurement made sure it is text if present
    JsonNode cc = msm.get("probe_cc");
    if (cc == null || !cc.isTextual()) {
      throw new FastpathError("no probe_cc");
    }
    Matches matches = new Matches(cc.textValue().toUpperCase(Locale.ROOT), collect);
    JsonNode tk = msm.get("test_keys");
    if (!Py.isNone(tk)) {
      ObjectNode keys = object(tk, "test_keys");
      try {
        matchDns(keys, matches);
        matchHttp(keys, matches);
      } catch (BinasciiError e) {
        matches = new Matches(matches.probeCc, collect);
        matches.base64Error = true;
      }
    }
    return matches;
  }

  /**
   * The fingerprints that match a measurement's DNS answers and HTTP responses, as the fastpath
   * matches them for Web Connectivity ({@code match_fingerprints}), in the order found; the same
   * fingerprint appears once per place it matches. Empty when nothing matches, and when the
   * measurement cannot be matched (no {@code probe_cc}, malformed test keys, bad base64).
   */
  public List<Fingerprint> fingerprintMatches(Measurement m) {
    ObjectNode msm = m.json();
    JsonNode content = msm.get("content");
    if (content != null && content.isObject() && msm.has("format")) {
      msm = (ObjectNode) content;
    }
    try {
      List<Fingerprint> out = new ArrayList<>();
      for (int id : match(msm, true).ids) {
        out.add(fingerprints.byId(id));
      }
      return out;
    } catch (FastpathError e) {
      return List.of();
    }
  }

  private void matchDns(ObjectNode tk, Matches matches) {
    boolean anyDns = !fingerprints.dns().isEmpty();
    for (JsonNode q : list(tk.get("queries"), "queries")) {
      ObjectNode query = object(q, "a query");
      for (JsonNode answer : answers(query.get("answers"))) {
        if (anyDns) {
          matches.hitAll(fingerprints.dnsByAddress.get(answerAddress(answer)));
        }
      }
    }
  }

  /**
   * Iterates {@code g_or(q, "answers", ())}. Unlike other lists, answers are only tested with
   * {@code "ipv4" in answer}, so strings (the characters of a string, the keys of a dict) pass.
   */
  private static Iterable<JsonNode> answers(JsonNode v) {
    if (Py.isNone(v)) {
      return List.of();
    }
    if (v.isArray()) {
      return v;
    }
    List<JsonNode> items = new ArrayList<>();
    if (v.isTextual()) {
      v.textValue().codePoints().forEach(c -> items.add(TextNode.valueOf(Character.toString(c))));
      return items;
    }
    if (v.isObject()) {
      v.fieldNames().forEachRemaining(k -> items.add(TextNode.valueOf(k)));
      return items;
    }
    throw new FastpathError("answers is not a list");
  }

  /** The address an answer is matched by: ipv4, else hostname, else ipv6, else "". */
  private static String answerAddress(JsonNode answer) {
    if (answer.isObject()) {
      for (String key : new String[] {"ipv4", "hostname", "ipv6"}) {
        if (answer.has(key)) {
          JsonNode v = answer.get(key);
          return v.isTextual() ? v.textValue() : null; // a non-string equals no pattern
        }
      }
      return "";
    }
    // `"ipv4" in answer` on other types: substring of a string, element of a list; then
    // answer["ipv4"] raises. None, numbers and booleans raise at once.
    for (String key : new String[] {"ipv4", "hostname", "ipv6"}) {
      boolean in;
      if (answer.isTextual()) {
        in = answer.textValue().contains(key);
      } else if (answer.isArray()) {
        in = false;
        for (JsonNode e : answer) {
          in |= Py.textEquals(e, key);
        }
      } else {
        throw new FastpathError("a DNS answer is not an object");
      }
      if (in) {
        throw new FastpathError("a DNS answer is not an object");
      }
    }
    return "";
  }

  private void matchHttp(ObjectNode tk, Matches matches) {
    for (JsonNode r : list(tk.get("requests"), "requests")) {
      ObjectNode request = object(r, "a request");
      JsonNode resp = request.get("response");
      if (Py.isNone(resp)) {
        continue;
      }
      ObjectNode response = object(resp, "a response");
      matchBody(response.get("body"), matches);
      matchHeaders(response, matches);
    }
  }

  private void matchBody(JsonNode body, Matches matches) {
    boolean anyBody = fingerprints.anyBody;
    if (Py.isNone(body)) {
      return;
    }
    if (body.isObject()) {
      JsonNode format = body.get("format");
      if (!body.has("data") || !Py.textEquals(format == null ? null : format, "base64")) {
        return; // the fastpath logs "incorrect body of type dict" and matches nothing
      }
      JsonNode data = body.get("data");
      if (data == null || !data.isTextual()) {
        throw new FastpathError("base64 body data is not a string");
      }
      byte[] bytes = PyBase64.decode(data.textValue());
      if (anyBody) {
        matches.hitAll(fingerprints.emptyBodyPatterns);
        fingerprints.bodyBytes().scan(bytes, bytes.length, matches);
      }
      return;
    }
    if (!anyBody) {
      return;
    }
    if (!body.isTextual()) {
      throw new FastpathError("response body is not a string");
    }
    matches.hitAll(fingerprints.emptyBodyPatterns);
    fingerprints.bodyText().scan(body.textValue(), matches);
  }

  private void matchHeaders(ObjectNode response, Matches matches) {
    JsonNode h = response.get("headers");
    if (!Py.truthy(h)) {
      return;
    }
    if (!h.isObject()) {
      throw new FastpathError("response headers are not an object");
    }
    if (fingerprints.headers.isEmpty()) {
      return;
    }
    // {h.lower(): v for h, v in headers.items()}: the last of equal lower-cased names wins
    Map<String, JsonNode> lower = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : h.properties()) {
      lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    for (Map.Entry<String, HeaderRules> e : fingerprints.headers.entrySet()) {
      JsonNode value = lower.get(e.getKey());
      if (value == null) {
        continue;
      }
      HeaderRules rules = e.getValue();
      String text = null;
      if (value.isTextual()) {
        text = value.textValue();
      } else if (!rules.prefixes.isEmpty()
          && value.isObject()
          && Py.textEquals(value.get("format"), "base64")) {
        JsonNode data = value.has("data") ? value.get("data") : TextNode.valueOf("");
        if (!data.isTextual()) {
          throw new FastpathError("base64 header data is not a string");
        }
        String decoded = new String(PyBase64.decode(data.textValue()), StandardCharsets.ISO_8859_1);
        prefixHits(rules, decoded, matches);
        continue;
      }
      if (text != null) {
        headerHits(rules, text, matches);
      }
    }
  }

  /** The hits of one text header value, by the rules for its (lower-case) name. */
  static void headerHits(HeaderRules rules, String text, Matches matches) {
    matches.hitAll(rules.full.get(text));
    prefixHits(rules, text, matches);
  }

  private static void prefixHits(HeaderRules rules, String text, Matches matches) {
    for (int i = 0; i < rules.prefixes.size(); i++) {
      if (text.startsWith(rules.prefixes.get(i))) {
        matches.hit(rules.prefixIds.get(i));
      }
    }
  }

  // What score_web_connectivity makes of test_keys["blocking"].
  static final int BLOCKED = 0; // one of BLOCKING_TYPES
  static final int NOT_BLOCKED = 1; // == False
  static final int BLOCKING_NONE = 2; // None
  static final int BLOCKING_OTHER = 3; // anything else: unsupported

  private static void scoreWebConnectivity(ObjectNode tk, Matches matches, Scores s) {
    boolean titleMatchValid = Py.inTrueFalseNone(tk.get("title_match"));
    JsonNode blocking = tk.get("blocking");
    String type =
        blocking != null && blocking.isTextual() && BLOCKING_TYPES.contains(blocking.textValue())
            ? blocking.textValue()
            : null;
    int state =
        type != null
            ? BLOCKED
            : Py.equalsFalse(blocking)
                ? NOT_BLOCKED
                : Py.isNone(blocking) ? BLOCKING_NONE : BLOCKING_OTHER;
    // Python evaluates this after the title check (a raise there is skipped when the title check
    // returns first), hence the condition.
    boolean unknownFailure = titleMatchValid && unknownFailure(tk);
    boolean accessibleNull = tk.has("accessible") && tk.get("accessible").isNull();
    scoreWebConnectivity(matches, titleMatchValid, state, type, unknownFailure, accessibleNull, s);
  }

  /** The type of a Web Connectivity {@code blocking} text, or {@code null} if unsupported. */
  static String blockingType(String blocking) {
    return BLOCKING_TYPES.contains(blocking) ? blocking : null;
  }

  /**
   * {@code score_web_connectivity} on what it reads: the fingerprint matches, whether {@code
   * title_match} is one of True, False, None, what {@code blocking} is (with its type when {@link
   * #BLOCKED}), whether a {@code *_failure} key holds an {@code unknown_failure}, and whether
   * {@code accessible} is there and null.
   */
  static void scoreWebConnectivity(
      Matches matches,
      boolean titleMatchValid,
      int blockingState,
      String blockingType,
      boolean unknownFailure,
      boolean accessibleNull,
      Scores s) {
    s.confirmed = matches.confirmed;
    if (matches.general) {
      s.general = 1.0;
    }
    if (matches.country) {
      s.country = 1.0;
    }
    if (matches.isp) {
      s.isp = 1.0;
    }
    if (matches.local) {
      s.local = 1.0;
    }
    if (!titleMatchValid) {
      s.accuracy = 0.0; // "incorrect title_match": returned before the localities are summed
      return;
    }
    switch (blockingState) {
      case BLOCKED -> {
        s.general = 1.0;
        s.blockingType = blockingType;
      }
      case NOT_BLOCKED -> {
        // not blocked
      }
      case BLOCKING_NONE -> {
        // somewhat-broken measurement (ooni/backend#610), unless a fingerprint matched
        if (!matches.any) {
          s.accuracy = 0.0;
        }
      }
      default -> s.accuracy = 0.0; // unsupported blocking type
    }
    if (unknownFailure) {
      s.accuracy = 0.0;
    }
    s.general += s.country + s.global + s.isp + s.local;
    if (accessibleNull && !matches.any) {
      s.accuracy = 0.0; // ooni/backend#610
    }
  }

  /**
   * {@code _detect_unknown_failure}: any key ending in {@code _failure} whose value starts with
   * {@code unknown_failure} (a probe-side error). A true value that is not a string raises.
   */
  private static boolean unknownFailure(ObjectNode tk) {
    for (Map.Entry<String, JsonNode> e : tk.properties()) {
      if (e.getKey().endsWith("_failure")) {
        JsonNode v = e.getValue();
        if (!Py.truthy(v)) {
          continue;
        }
        if (!v.isTextual()) {
          throw new FastpathError(e.getKey() + " is not a string");
        }
        if (v.textValue().startsWith("unknown_failure")) {
          return true;
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // whatsapp, telegram, facebook_messenger

  /** {@code _extract_tcp_connect}: TCP connects whose {@code status.success} is true and false. */
  private static int[] tcpConnects(ObjectNode tk) {
    int accessible = 0;
    int unreachable = 0;
    for (JsonNode entry : list(tk.get("tcp_connect"), "tcp_connect")) {
      JsonNode status = object(entry, "a tcp_connect entry").get("status");
      JsonNode success = null;
      if (!Py.isNone(status)) {
        success = object(status, "a tcp_connect status").get("success");
      }
      if (Py.isTrue(success)) {
        accessible++;
      } else if (Py.isFalse(success)) {
        unreachable++;
      }
    }
    return new int[] {accessible, unreachable};
  }

  private static void whatsapp(ObjectNode msm, Scores s) {
    ObjectNode tk = testKeys(msm);
    if (unknownFailure(tk)) {
      s.accuracy = 0.0;
    }
    JsonNode webFailure = tk.get("whatsapp_web_failure");
    if (Py.truthy(webFailure) && contains(webFailure, "unknown_failure 'ascii' co")) {
      requireTruthyReportId(msm);
      s.accuracy = 0.0;
      return;
    }
    JsonNode requests = tk.get("requests");
    if (!Py.truthy(requests)) {
      requireTruthyReportId(msm);
      s.accuracy = 0.0;
      return;
    }
    Boolean webapp = null;
    Boolean registration = null;
    for (JsonNode b : list(requests, "requests")) {
      ObjectNode entry = object(b, "a request");
      JsonNode request = entry.get("request");
      JsonNode url = request == null ? null : object(request, "a request's request").get("url");
      if (Py.textEquals(url, "https://web.whatsapp.com/")) {
        // b.get("failure", True) in (None, "", False)
        JsonNode failure = entry.has("failure") ? entry.get("failure") : null;
        webapp =
            entry.has("failure")
                && (failure.isNull() || Py.textEquals(failure, "") || Py.equalsFalse(failure));
      } else if (Py.textEquals(url, "https://v.whatsapp.net/v2/register")) {
        registration = Py.isNone(entry.get("failure"));
      }
    }
    if (webapp == null || registration == null) {
      s.accuracy = 0.0;
      return;
    }
    if (!webapp || !registration) {
      s.general = 1.0;
      return;
    }
    int[] tcp = tcpConnects(tk);
    if (tcp[0] == 0 && tcp[1] == 0) {
      s.accuracy = 0.0;
    } else if (tcp[0] == 0) {
      s.general = 1.0;
    }
  }

  /** Python's {@code needle in v} for a true value {@code v}; numbers and booleans raise. */
  private static boolean contains(JsonNode v, String needle) {
    if (v.isTextual()) {
      return v.textValue().contains(needle);
    }
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (Py.textEquals(e, needle)) {
          return true;
        }
      }
      return false;
    }
    if (v.isObject()) {
      return v.has(needle);
    }
    throw new FastpathError("cannot test membership in a " + v.getNodeType());
  }

  /** {@code assert msm["report_id"]}: an empty report id fails the assertion, which is raised. */
  private static void requireTruthyReportId(ObjectNode msm) {
    if (!Py.truthy(msm.get("report_id"))) {
      throw new FastpathError("report_id is empty");
    }
  }

  private static void telegram(ObjectNode msm, Scores s) {
    ObjectNode tk = testKeys(msm);
    JsonNode webStatus = tk.get("telegram_web_status");
    boolean webBlocked = Py.textEquals(webStatus, "blocked");
    int[] tcp = tcpConnects(tk);
    int httpSuccess = 0;
    int httpFailure = 0;
    for (JsonNode r : list(tk.get("requests"), "requests")) {
      ObjectNode entry = object(r, "a request");
      // url = request["request"]["url"]; a missing key is a client bug: failed
      JsonNode inner = entry.get("request");
      if (inner == null) {
        s.accuracy = 0.0;
        return;
      }
      ObjectNode request = object(inner, "a request's request");
      if (!request.has("url")) {
        s.accuracy = 0.0;
        return;
      }
      JsonNode url = request.get("url");
      if (!entry.has("failure")) {
        throw new FastpathError("a request has no failure key");
      }
      if (Py.textEquals(url, "https://web.telegram.org/")
          || Py.textEquals(url, "http://web.telegram.org/")) {
        continue; // the web check is scored by telegram_web_status
      }
      if (Py.isNone(entry.get("failure"))) {
        httpSuccess++;
      } else {
        httpFailure++;
      }
    }
    int tcpTotal = tcp[0] + tcp[1];
    double score = tcpTotal > 0 ? (double) tcp[1] / tcpTotal : 0.5;
    int httpTotal = httpFailure + httpSuccess;
    score += httpTotal > 0 ? (double) httpFailure / httpTotal : 0.5;
    if (webBlocked) {
      score += 1;
    }
    s.general = score;
  }

  private static void facebookMessenger(ObjectNode msm, Scores s) {
    ObjectNode tk = testKeys(msm);
    boolean allTrue = FACEBOOK_ALL_TRUE.stream().allMatch(k -> Py.isTrue(tk.get(k)));
    if (allTrue && Py.isFalse(tk.get("facebook_tcp_blocking"))) {
      s.general = 0.0;
      return;
    }
    double score = 0.0;
    for (String key : FACEBOOK_CONSISTENCY_KEYS) {
      if (Py.isFalse(tk.get(key))) {
        score += 0.5;
      }
    }
    for (String key : FACEBOOK_ANOMALY_KEYS) {
      if (Py.isTrue(tk.get(key))) {
        score += 0.5;
      }
    }
    s.general = score;
  }

  // ---------------------------------------------------------------------------------------------
  // signal

  private static void signal(ObjectNode msm, Scores s) {
    ObjectNode tk = testKeys(msm);
    // tk.get("failed_operation", True) or tk.get("failure", True): absent keys count as failed
    JsonNode failedOperation = tk.has("failed_operation") ? tk.get("failed_operation") : null;
    JsonNode failure = tk.has("failure") ? tk.get("failure") : null;
    boolean failedOp = !tk.has("failed_operation") || Py.truthy(failedOperation);
    if (failedOp || !tk.has("failure") || Py.truthy(failure)) {
      s.accuracy = 0.0;
    }
    if (knownBadSignal(msm)) {
      s.accuracy = 0.0;
      return;
    }
    JsonNode status = tk.get("signal_backend_status");
    if (Py.textEquals(status, "ok")) {
      return;
    }
    if (Py.textEquals(status, "blocked")) {
      s.general = 1.0;
      return;
    }
    s.accuracy = 0.0;
  }

  /**
   * The fastpath's list of Signal test and engine versions whose results are wrong, each from the
   * day the breakage began: test 0.2.4 (ooni/probe#2636), test &lt;= 0.2.3 from 2023-11-07
   * (ooni/probe#2627), test &lt; 0.2.2 from 2022-10-19 (ooni/probe#2344), engine &lt; 3.17.2 from
   * 2023-05-02 (ooni/backend#679). A start time or version that cannot be read also counts (the
   * fastpath catches every exception here).
   */
  private static boolean knownBadSignal(ObjectNode msm) {
    JsonNode tv = msm.get("test_version");
    JsonNode start = msm.get("measurement_start_time");
    if (Py.isNone(start) || !start.isTextual()) {
      return true;
    }
    LocalDateTime startTime = Py.strptime(start.textValue());
    if (startTime == null) {
      return true;
    }
    String testVersion = Py.isNone(tv) ? "0.0.0" : tv.isTextual() ? tv.textValue() : null;
    if (testVersion == null) {
      return true;
    }
    if (testVersion.equals("0.2.4")) {
      return true;
    }
    Pep440Version v;
    try {
      v = Pep440Version.parse(testVersion);
    } catch (IllegalArgumentException e) {
      return true;
    }
    if (v.compareTo(SIGNAL_V023) <= 0 && !startTime.isBefore(SIGNAL_2627_SINCE)) {
      return true;
    }
    if (v.compareTo(SIGNAL_V022) < 0 && !startTime.isBefore(SIGNAL_2344_SINCE)) {
      return true;
    }
    JsonNode annotations = msm.get("annotations");
    JsonNode ev = null;
    if (!Py.isNone(annotations)) {
      if (!annotations.isObject()) {
        return true;
      }
      ev = annotations.get("engine_version");
    }
    String engineVersion = Py.isNone(ev) ? "0.0.0" : ev.isTextual() ? ev.textValue() : null;
    if (engineVersion == null) {
      return true;
    }
    try {
      return Pep440Version.parse(engineVersion).compareTo(ENGINE_3172) < 0
          && !startTime.isBefore(ENGINE_679_SINCE);
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // tor, vanilla_tor, torsf

  private static void tor(ObjectNode msm, Scores s) {
    ObjectNode tk = testKeys(msm);
    JsonNode targets = tk.get("targets");
    if (!Py.truthy(targets) || targets.isArray()) {
      s.accuracy = 0.0; // missing targets, or the list form of early experiments
      return;
    }
    if (!targets.isObject()) {
      throw new FastpathError("targets is not an object");
    }
    int blocked = 0;
    int success = 0;
    for (JsonNode d : targets) {
      if (!contains(d, "failure") || !contains(d, "network_events")) {
        s.accuracy = 0.0;
        return;
      }
      JsonNode f = object(d, "a target").get("failure");
      if (Py.isFalse(f)) {
        continue; // did not run
      } else if (Py.isNone(f)) {
        success++;
      } else if (Py.textEquals(f, "")) {
        throw new FastpathError("a target's failure is an empty string");
      } else {
        blocked++;
      }
    }
    if (blocked + success > 0) {
      s.general = (double) blocked / (blocked + success);
    } else {
      s.accuracy = 0.0;
    }
  }

  private static void vanillaTor(ObjectNode msm, Scores s) {
    ObjectNode tk = testKeys(msm);
    JsonNode logs = tk.get("tor_logs");
    if (!Py.truthy(logs)) {
      logs = tk.get("tor_log");
    }
    if (Py.isNone(logs)) {
      s.accuracy = 0.0;
      return;
    }
    // The probe reports success in the log (an old ooniprobe bug left tor_progress wrong).
    if (contains(logs, "Bootstrapped 100%: Done")
        || contains(logs, "Bootstrapped 100% (done): Done")) {
      return;
    }
    JsonNode p =
        tk.has("tor_progress") ? tk.get("tor_progress") : JsonNodeFactory.instance.numberNode(0);
    double progress = Py.toFloat(p);
    progress = progress > 0 ? progress : 0; // max(0, progress), as Python orders NaN
    progress = progress < 100 ? progress : 100; // min(100, progress)
    if (progress == 100) {
      return;
    }
    // A bootstrap stuck at 80 % may be heavy throttling or a slow network: 0.68.
    s.general = 1.0 - progress * 0.004;
  }

  private static void torsf(ObjectNode msm, Scores s) {
    JsonNode version = msm.get("software_version");
    if (Py.textEquals(version, "3.8.3")) {
      JsonNode name =
          msm.has("software_name") ? msm.get("software_name") : TextNode.valueOf("unknown");
      if (!name.isTextual()) {
        throw new FastpathError("software_name is not a string");
      }
      if (name.textValue().startsWith("ooniprobe-android")) {
        s.accuracy = 0.0; // ooniprobe-android 3.8.3 reported bogus torsf results
        return;
      }
    }
    ObjectNode tk = testKeys(msm);
    if (Py.truthy(tk.get("failure"))) {
      s.general = 1.0;
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * {@code flag_measurements_with_wrong_date}: the measurement uid starts with the time the backend
   * received the measurement ({@code 20220104100000.123456_KZ_...}); a start time more than an hour
   * after it, or more than a year before it, is not trusted.
   */
  static void flagWrongDate(String start, String uid, Scores s) {
    if (uid == null || !uid.startsWith("20") || uid.length() < 20) {
      return;
    }
    LocalDateTime received = receivedTime(uid);
    if (received == null) {
      return;
    }
    LocalDateTime startTime = Py.strptime(start);
    if (startTime == null) {
      return;
    }
    Duration delta = Duration.between(startTime, received);
    if (delta.compareTo(Duration.ofHours(-1)) < 0 || delta.compareTo(Duration.ofDays(365)) > 0) {
      s.accuracy = 0.0;
    }
  }

  /**
   * {@code strptime(uid[:22], "%Y%m%d%H%M%S.%f_")}: fourteen digits, a dot, one to six digits of
   * fraction and an underscore ending the (at most 22-character) prefix; {@code null} otherwise.
   */
  static LocalDateTime receivedTime(String uid) {
    String p = uid.substring(0, Math.min(22, uid.length()));
    int n = p.length();
    if (n < 17 || p.charAt(14) != '.' || p.charAt(n - 1) != '_') {
      return null;
    }
    for (int i = 0; i < n - 1; i++) {
      if (i != 14 && (p.charAt(i) < '0' || p.charAt(i) > '9')) {
        return null;
      }
    }
    String fraction = (p.substring(15, n - 1) + "00000").substring(0, 6);
    try {
      return LocalDateTime.of(
          Integer.parseInt(p.substring(0, 4)),
          Integer.parseInt(p.substring(4, 6)),
          Integer.parseInt(p.substring(6, 8)),
          Integer.parseInt(p.substring(8, 10)),
          Integer.parseInt(p.substring(10, 12)),
          Integer.parseInt(p.substring(12, 14)),
          Integer.parseInt(fraction) * 1000);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The identity of a measurement, read before scoring so that every verdict carries it. */
  static final class Facts {
    final String source;
    final long line;
    String uid;
    String reportId;
    String testName;
    String probeCc;
    long probeAsn = -1;
    Instant start;
    String input;

    Facts(String source, long line) {
      this.source = source;
      this.line = line;
    }

    /** Sets {@link #start} from OONI's form of {@code measurement_start_time}. */
    void start(String text) {
      LocalDateTime time = text == null ? null : Py.strptime(text);
      start = time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    void read(ObjectNode msm, ObjectNode outer) {
      uid = scalar(msm.get("measurement_uid"));
      if (uid == null && outer != null) {
        uid = scalar(outer.get("measurement_uid"));
      }
      reportId = scalar(msm.get("report_id"));
      testName = scalar(msm.get("test_name"));
      probeCc = scalar(msm.get("probe_cc"));
      probeAsn = asn(msm.get("probe_asn"));
      JsonNode t = msm.get("measurement_start_time");
      start(t != null && t.isTextual() ? t.textValue() : null);
      JsonNode in = msm.get("input");
      input = Py.isNone(in) ? null : in.isTextual() ? in.textValue() : in.toString();
    }

    Verdict verdict(Verdict.Outcome outcome, String note, Scores s) {
      String platform = null;
      if (s != null) {
        platform = PLATFORMS.get(testName);
        if (platform != null && platform.isEmpty()) {
          platform = host(input);
        }
      }
      return new Verdict(
          outcome,
          note,
          source,
          line,
          uid,
          reportId,
          testName,
          probeCc,
          probeAsn,
          start,
          input,
          platform,
          s != null && s.general > 0.5,
          s != null && s.confirmed,
          s != null && s.accuracy < 0.5,
          s == null ? null : s.blockingType,
          s == null ? 0.0 : s.general,
          s == null ? 1.0 : s.accuracy);
    }
  }

  private static String scalar(JsonNode v) {
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.isTextual() ? v.textValue() : v.asText();
  }

  /** {@code AS1234} → 1234; anything else → -1. */
  static long asn(JsonNode v) {
    return v == null || !v.isTextual() ? -1 : asn(v.textValue());
  }

  /** {@code AS1234} → 1234; anything else (also {@code null}) → -1. */
  static long asn(String s) {
    if (s == null) {
      return -1;
    }
    if (s.length() < 3 || s.length() > 12 || !s.regionMatches(true, 0, "AS", 0, 2)) {
      return -1;
    }
    long n = 0;
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** The host of a URL ({@code https://user@Host:443/path} → {@code host}), or {@code null}. */
  static String host(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme <= 0) {
      return null;
    }
    int start = scheme + 3;
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String host;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close < 0 ? authority.substring(1) : authority.substring(1, close);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.isEmpty() ? null : host;
  }
}
