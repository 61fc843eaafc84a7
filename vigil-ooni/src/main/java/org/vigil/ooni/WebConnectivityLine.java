// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vigil.ooni.FastpathScorer.Scores;
import org.vigil.ooni.internal.AhoCorasick;
import org.vigil.ooni.internal.StrictJson;

/**
 * The fast way to a verdict for the common case: a JSON line holding one plain {@code
 * web_connectivity} measurement is judged straight from its bytes, reading only what {@link
 * FastpathScorer} reads of it (the identity fields; in {@code test_keys} the DNS answers'
 * addresses, the HTTP response bodies and headers, {@code title_match}, {@code blocking}, {@code
 * accessible} and the {@code *_failure} keys), with no tree: everything else is validated and
 * skipped, and bodies are matched as the UTF-8 bytes they are.
 *
 * <p>It reads a line only when it is sure to judge it as the general way (Jackson's tree and {@link
 * FastpathScorer#score}) would: strictly valid JSON ({@link StrictJson}), one object alone on the
 * line, no repeated keys among those read, each value read of the type OONI's probes write, a
 * {@code report_id}, a {@code probe_cc} not {@code ZZ}, a {@code probe_asn} not {@code AS0}. For
 * anything else (other tests, a wrapped {@code content}, a base64 body, a lone surrogate, …) it
 * returns {@code null} and the line goes the general way. {@code WebConnectivityLineTest} checks
 * that both ways agree on every fixture and on mangled copies of them.
 *
 * <p>Not thread-safe: one per reading thread.
 */
final class WebConnectivityLine {
  private static final byte[] MEASUREMENT_UID = ascii("measurement_uid");
  private static final byte[] REPORT_ID = ascii("report_id");
  private static final byte[] TEST_NAME = ascii("test_name");
  private static final byte[] PROBE_CC = ascii("probe_cc");
  private static final byte[] PROBE_ASN = ascii("probe_asn");
  private static final byte[] START_TIME = ascii("measurement_start_time");
  private static final byte[] INPUT = ascii("input");
  private static final byte[] TEST_KEYS = ascii("test_keys");
  private static final byte[] CONTENT = ascii("content");
  private static final byte[] QUERIES = ascii("queries");
  private static final byte[] ANSWERS = ascii("answers");
  private static final byte[] IPV4 = ascii("ipv4");
  private static final byte[] HOSTNAME = ascii("hostname");
  private static final byte[] IPV6 = ascii("ipv6");
  private static final byte[] REQUESTS = ascii("requests");
  private static final byte[] RESPONSE = ascii("response");
  private static final byte[] BODY = ascii("body");
  private static final byte[] HEADERS = ascii("headers");
  private static final byte[] TITLE_MATCH = ascii("title_match");
  private static final byte[] BLOCKING = ascii("blocking");
  private static final byte[] ACCESSIBLE = ascii("accessible");
  private static final byte[] FAILURE_SUFFIX = ascii("_failure");
  private static final byte[] UNKNOWN_FAILURE = ascii("unknown_failure");

  private final FingerprintDatabase db;
  private final boolean enabled;
  private final StrictJson json = new StrictJson();
  private final Ids ids = new Ids();
  private final List<String> headerNames = new ArrayList<>();
  private final List<String> headerValues = new ArrayList<>();
  private final List<String> objectHeaderNames = new ArrayList<>();
  private final int[] failureNames = new int[64]; // start, end pairs in the input

  // What test_keys holds, for score_web_connectivity.
  private boolean titleMatchValid;
  private int blockingState;
  private String blockingType;
  private boolean unknownFailure;
  private boolean accessibleNull;
  private int failures;

  WebConnectivityLine(FingerprintDatabase db) {
    this.db = db;
    this.enabled = db.bodyBytesAgree;
  }

  /** Fingerprint ids found while reading, applied once {@code probe_cc} is known. */
  private static final class Ids implements AhoCorasick.Hits {
    int[] ids = new int[16];
    int size;

    @Override
    public void hit(int id) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
      }
      ids[size++] = id;
    }

    void hitAll(int[] found) {
      if (found != null) {
        for (int id : found) {
          hit(id);
        }
      }
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The verdict for the measurement on {@code bytes[start..end)} (one line, without its newline),
   * or {@code null} if the line must be read the general way.
   */
  Verdict verdict(
      FastpathScorer scorer, String source, long line, byte[] bytes, int start, int end) {
    if (!enabled) {
      return null;
    }
    try {
      return read(scorer, source, line, bytes, start, end);
    } catch (StrictJson.Unsupported e) {
      return null;
    }
  }

  private static StrictJson.Unsupported unsupported() {
    return StrictJson.UNSUPPORTED;
  }

  private Verdict read(
      FastpathScorer scorer, String source, long line, byte[] bytes, int start, int end) {
    json.reset(bytes, start, end);
    ids.size = 0;
    headerNames.clear();
    headerValues.clear();
    titleMatchValid = true;
    blockingState = FastpathScorer.BLOCKING_NONE;
    blockingType = null;
    unknownFailure = false;
    accessibleNull = false;
    failures = 0;

    FastpathScorer.Facts f = new FastpathScorer.Facts(source, line);
    String asn = null;
    String startTime = null;
    int seen = 0;
    if (!json.firstMember()) {
      throw unsupported();
    }
    do {
      int bit;
      if (json.nameIs(REPORT_ID)) {
        bit = 1;
        f.reportId = json.stringValue();
      } else if (json.nameIs(MEASUREMENT_UID)) {
        bit = 2;
        f.uid = json.stringValue();
      } else if (json.nameIs(TEST_NAME)) {
        bit = 4;
        f.testName = json.stringValue();
        if (!f.testName.equals("web_connectivity")) {
          throw unsupported();
        }
      } else if (json.nameIs(PROBE_CC)) {
        bit = 8;
        f.probeCc = json.stringValue();
      } else if (json.nameIs(PROBE_ASN)) {
        bit = 16;
        asn = json.stringValue();
      } else if (json.nameIs(START_TIME)) {
        bit = 32;
        startTime = json.stringValue();
      } else if (json.nameIs(INPUT)) {
        bit = 64;
        f.input = json.peek() == 'n' ? nullLiteral() : json.stringValue();
      } else if (json.nameIs(TEST_KEYS)) {
        bit = 128;
        if (json.peek() == 'n') {
          nullLiteral();
        } else {
          testKeys();
        }
      } else if (json.nameIs(CONTENT)) {
        throw unsupported(); // perhaps a wrapped measurement
      } else {
        json.skip();
        continue;
      }
      if ((seen & bit) != 0) {
        throw unsupported(); // repeated: the tree keeps the last, this would need to as well
      }
      seen |= bit;
    } while (json.nextMember());
    if (!json.atEnd()
        || f.reportId == null
        || f.testName == null
        || f.probeCc == null
        || f.probeCc.toUpperCase(Locale.ROOT).equals("ZZ")
        || (asn != null && asn.toUpperCase(Locale.ROOT).equals("AS0"))) {
      throw unsupported(); // more on the line, or not scored: the general way says why
    }
    f.probeAsn = FastpathScorer.asn(asn);
    f.start(startTime);

    FastpathScorer.Matches matches = scorer.matches(f.probeCc);
    for (int i = 0; i < ids.size; i++) {
      matches.hit(ids.ids[i]);
    }
    for (int i = 0; i < headerNames.size(); i++) {
      FingerprintDatabase.HeaderRules rules = db.headers.get(headerNames.get(i));
      if (rules != null) {
        FastpathScorer.headerHits(rules, headerValues.get(i), matches);
      }
    }
    Scores s = new Scores();
    FastpathScorer.scoreWebConnectivity(
        matches, titleMatchValid, blockingState, blockingType, unknownFailure, accessibleNull, s);
    if (startTime != null && !startTime.isEmpty()) {
      FastpathScorer.flagWrongDate(startTime, f.uid, s);
    }
    return f.verdict(Verdict.Outcome.SCORED, null, s);
  }

  private String nullLiteral() {
    json.literal();
    return null;
  }

  private void testKeys() {
    if (json.peek() != '{') {
      throw unsupported();
    }
    if (!json.firstMember()) {
      return;
    }
    int seen = 0;
    do {
      int bit;
      if (json.nameIs(QUERIES)) {
        bit = 1;
        queries();
      } else if (json.nameIs(REQUESTS)) {
        bit = 2;
        requests();
      } else if (json.nameIs(TITLE_MATCH)) {
        bit = 4;
        int c = json.peek();
        if (c != 'n' && c != 't' && c != 'f') {
          throw unsupported();
        }
        json.literal();
      } else if (json.nameIs(BLOCKING)) {
        bit = 8;
        blocking();
      } else if (json.nameIs(ACCESSIBLE)) {
        bit = 16;
        accessibleNull = json.peek() == 'n';
        json.skip();
      } else if (json.nameEndsWith(FAILURE_SUFFIX)) {
        failureKey();
        continue;
      } else {
        json.skip();
        continue;
      }
      if ((seen & bit) != 0) {
        throw unsupported();
      }
      seen |= bit;
    } while (json.nextMember());
  }

  private void blocking() {
    int c = json.peek();
    if (c == '"') {
      blockingType = FastpathScorer.blockingType(json.stringValue());
      blockingState = blockingType != null ? FastpathScorer.BLOCKED : FastpathScorer.BLOCKING_OTHER;
    } else if (c == 'n' || c == 't' || c == 'f') {
      int literal = json.literal();
      blockingState =
          literal == 'n'
              ? FastpathScorer.BLOCKING_NONE
              : literal == 'f' ? FastpathScorer.NOT_BLOCKED : FastpathScorer.BLOCKING_OTHER;
    } else {
      throw unsupported(); // a number: Python compares it with False
    }
  }

  /** A {@code *_failure} key of {@code test_keys}: an {@code unknown_failure} text fails. */
  private void failureKey() {
    byte[] in = json.input();
    for (int i = 0; i < failures; i += 2) {
      if (json.nameEquals(in, failureNames[i], failureNames[i + 1])) {
        throw unsupported();
      }
    }
    if (failures == failureNames.length) {
      throw unsupported();
    }
    failureNames[failures++] = json.nameStart();
    failureNames[failures++] = json.nameEnd();
    int c = json.peek();
    if (c == 'n' || c == 'f') {
      json.literal(); // not true: not looked at
      return;
    }
    if (c != '"') {
      throw unsupported(); // Python would raise on a true non-string
    }
    json.string();
    int n = UNKNOWN_FAILURE.length;
    unknownFailure |=
        json.textEnd() - json.textStart() >= n
            && Arrays.equals(
                json.text(), json.textStart(), json.textStart() + n, UNKNOWN_FAILURE, 0, n);
  }

  private void queries() {
    int c = json.peek();
    if (c == 'n') {
      json.literal();
      return;
    }
    if (c != '[') {
      throw unsupported();
    }
    if (!json.firstElement()) {
      return;
    }
    do {
      if (json.peek() != '{') {
        throw unsupported();
      }
      if (json.firstMember()) {
        boolean answers = false;
        do {
          if (json.nameIs(ANSWERS)) {
            if (answers) {
              throw unsupported();
            }
            answers = true;
            answers();
          } else {
            json.skip();
          }
        } while (json.nextMember());
      }
    } while (json.nextElement());
  }

  private void answers() {
    int c = json.peek();
    if (c == 'n') {
      json.literal();
      return;
    }
    if (c != '[') {
      throw unsupported();
    }
    if (!json.firstElement()) {
      return;
    }
    do {
      answer();
    } while (json.nextElement());
  }

  private void answer() {
    if (json.peek() != '{') {
      throw unsupported();
    }
    String ipv4 = null;
    String hostname = null;
    String ipv6 = null;
    int seen = 0;
    if (json.firstMember()) {
      do {
        int bit;
        if (json.nameIs(IPV4)) {
          bit = 1;
          ipv4 = address();
        } else if (json.nameIs(HOSTNAME)) {
          bit = 2;
          hostname = address();
        } else if (json.nameIs(IPV6)) {
          bit = 4;
          ipv6 = address();
        } else {
          json.skip();
          continue;
        }
        if ((seen & bit) != 0) {
          throw unsupported();
        }
        seen |= bit;
      } while (json.nextMember());
    }
    if (db.dns().isEmpty()) {
      return;
    }
    // the first of ipv4, hostname, ipv6 that is there; a value that is not text matches nothing
    String address =
        (seen & 1) != 0 ? ipv4 : (seen & 2) != 0 ? hostname : (seen & 4) != 0 ? ipv6 : "";
    if (address != null) {
      ids.hitAll(db.dnsByAddress.get(address));
    }
  }

  /** An answer's address: its text, or {@code null} for a value of another type. */
  private String address() {
    if (json.peek() == '"') {
      return json.stringValue();
    }
    json.skip();
    return null;
  }

  private void requests() {
    int c = json.peek();
    if (c == 'n') {
      json.literal();
      return;
    }
    if (c != '[') {
      throw unsupported();
    }
    if (!json.firstElement()) {
      return;
    }
    do {
      if (json.peek() != '{') {
        throw unsupported();
      }
      if (json.firstMember()) {
        boolean response = false;
        do {
          if (json.nameIs(RESPONSE)) {
            if (response) {
              throw unsupported();
            }
            response = true;
            response();
          } else {
            json.skip();
          }
        } while (json.nextMember());
      }
    } while (json.nextElement());
  }

  private void response() {
    int c = json.peek();
    if (c == 'n') {
      json.literal();
      return;
    }
    if (c != '{') {
      throw unsupported();
    }
    if (!json.firstMember()) {
      return;
    }
    int seen = 0;
    do {
      int bit;
      if (json.nameIs(BODY)) {
        bit = 1;
        body();
      } else if (json.nameIs(HEADERS)) {
        bit = 2;
        headers();
      } else {
        json.skip();
        continue;
      }
      if ((seen & bit) != 0) {
        throw unsupported();
      }
      seen |= bit;
    } while (json.nextMember());
  }

  private void body() {
    int c = json.peek();
    if (c == 'n') {
      json.literal();
      return;
    }
    if (c != '"') {
      throw unsupported(); // a base64 body, or a value Python would raise on
    }
    json.string();
    if (db.anyBody) {
      ids.hitAll(db.emptyBodyPatterns);
      if (db.bodyGrams != null) {
        db.bodyGrams.scan(json.text(), json.textStart(), json.textEnd(), ids);
      } else {
        db.bodyBytes().scan(json.text(), json.textStart(), json.textEnd(), ids);
      }
    }
  }

  private void headers() {
    int c = json.peek();
    if (c == 'n') {
      json.literal();
      return;
    }
    if (c != '{') {
      throw unsupported();
    }
    if (db.headers.isEmpty()) {
      json.skip();
      return;
    }
    if (!json.firstMember()) {
      return;
    }
    objectHeaderNames.clear();
    do {
      String name = json.nameString().toLowerCase(Locale.ROOT);
      if (objectHeaderNames.contains(name) || json.peek() != '"') {
        throw unsupported(); // names equal but for case (the last wins), or a base64 value
      }
      objectHeaderNames.add(name);
      String value = json.stringValue();
      if (db.headers.containsKey(name)) {
        headerNames.add(name);
        headerValues.add(value);
      }
    } while (json.nextMember());
  }
}
