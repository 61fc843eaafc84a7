// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fastpath's scoring rules one by one ({@code ooni/backend}, {@code fastpath/fastpath/core.py};
 * the cases marked "test_unit.py" are the fastpath's own unit tests).
 */
class FastpathScorerTest {
  // A small fingerprint table, so that each case says which fingerprint it relies on.
  static final FingerprintDatabase FPS =
      FingerprintDatabase.of(
          List.of(
              fp("dns.nat_ir", "nat", "dns", "full", "10.10.34.36", "IR"),
              fp("dns.prod", "prod", "dns", "full", "1.2.3.4", "IT"),
              fp("dns.inst", "inst", "dns", "full", "5.6.7.8", "IT"),
              fp("dns.fp", "fp", "dns", "full", "9.9.9.9", "")),
          List.of(
              fp("body.nat_my", "nat", "body", "contains", "Makluman/Notification", "MY"),
              fp("body.isp", "isp", "body", "contains", "Blocked by ISP", "XX"),
              fp("body.nonascii", "nat", "body", "contains", "صفحه مسدود", "IR"),
              fp("body.regexp", "nat", "body", "regexp", "blocked.*page", "RU"),
              fp("loc.prefix", "nat", "header.location", "prefix", "http://block.example/", "KZ"),
              fp("srv.full", "isp", "header.server", "full", "FilterBox", ""),
              fp("loc.contains", "nat", "header.location", "contains", "warning", "KZ"),
              fp("loc.upper", "nat", "header.Location", "prefix", "http://upper.example/", "KZ")));

  static final FastpathScorer SCORER = FastpathScorer.of(FPS);

  static Fingerprint fp(
      String name, String scope, String location, String type, String pattern, String countries) {
    return new Fingerprint(
        name, scope, "", location, type, pattern, 5, Fingerprint.parseExpectedCountries(countries));
  }

  /** JSON written with single quotes, for readability. */
  static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  static Measurement msm(String testName, String cc, String testKeys) {
    return Fixtures.measurement(
        j(
            "{'report_id':'r1','test_name':'"
                + testName
                + "','probe_cc':'"
                + cc
                + "','probe_asn':'AS30722','measurement_start_time':'2022-01-04 10:00:00',"
                + "'input':'https://example.org/','test_version':'0.2.2',"
                + "'annotations':{'engine_version':'3.17.2'},'test_keys':"
                + testKeys
                + "}"));
  }

  static Verdict score(String testName, String testKeys) {
    return SCORER.score(msm(testName, "IT", testKeys));
  }

  static void assertFlags(Verdict v, boolean anomaly, boolean confirmed, boolean failure) {
    assertThat(v.outcome()).as(v.note()).isEqualTo(Verdict.Outcome.SCORED);
    assertThat(new boolean[] {v.anomaly(), v.confirmed(), v.failure()})
        .as("anomaly, confirmed, failure")
        .containsExactly(anomaly, confirmed, failure);
  }

  @Nested
  class WebConnectivity {
    static Verdict wc(String cc, String testKeys) {
      return SCORER.score(msm("web_connectivity", cc, testKeys));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns", "tcp_ip", "http-diff", "http-failure"})
    void blockingTypeIsAnAnomaly(String type) {
      Verdict v = wc("IT", j("{'blocking':'" + type + "','accessible':false}"));
      assertFlags(v, true, false, false);
      assertThat(v.blockingType()).isEqualTo(type);
      assertThat(v.blockingGeneral()).isEqualTo(1.0);
    }

    @Test
    void blockingFalseIsAccessibleAndZeroCountsAsFalse() {
      assertFlags(wc("IT", j("{'blocking':false,'accessible':true}")), false, false, false);
      assertFlags(wc("IT", j("{'blocking':0,'accessible':true}")), false, false, false);
    }

    @Test
    void blockingNullWithoutFingerprintFails() {
      // ooni/backend#610
      assertFlags(wc("IT", j("{'blocking':null,'accessible':null}")), false, false, true);
    }

    @Test
    void blockingNullWithConfirmedFingerprintIsConfirmed() {
      String tk =
          j("{'blocking':null,'accessible':null,'queries':[{'answers':[{'ipv4':'10.10.34.36'}]}]}");
      Verdict v = wc("IR", tk);
      assertFlags(v, true, true, false);
      assertThat(v.blockingType()).isNull();
    }

    @Test
    void unexpectedBlockingValueFails() {
      assertFlags(wc("IT", j("{'blocking':true,'accessible':false}")), false, false, true);
      assertFlags(wc("IT", j("{'blocking':'dns-ish','accessible':false}")), false, false, true);
    }

    @Test
    void noTestKeysFails() {
      // test_unit.py: test_score_measurement_simple, test_bug_various_keys_missing
      assertFlags(wc("IT", "{}"), false, false, true);
      assertFlags(wc("IT", "null"), false, false, true);
    }

    @Test
    void unknownFailureInAnyFailureKeyFails() {
      String tk =
          j("{'blocking':'dns','accessible':false,'dns_experiment_failure':'unknown_failure: x'}");
      assertFlags(wc("IT", tk), true, false, true);
    }

    @Test
    void failureKeyThatIsNotTextIsRejected() {
      Verdict v = wc("IT", j("{'blocking':false,'control_failure':5}"));
      assertThat(v.outcome()).isEqualTo(Verdict.Outcome.REJECTED);
      // false values read as "" and pass
      assertFlags(wc("IT", j("{'blocking':false,'control_failure':0}")), false, false, false);
    }

    @Test
    void titleMatchOfUnexpectedTypeFailsBeforeLocalitiesAreAdded() {
      String dnsNat = "'queries':[{'answers':[{'ipv4':'10.10.34.36'}]}]";
      // nat scores blocking_country, which is added to blocking_general only later: no anomaly
      assertFlags(
          wc("IR", j("{'blocking':'dns','title_match':'x'," + dnsNat + "}")), false, true, true);
      // prod in an expected country scores blocking_general itself
      String dnsProd = "'queries':[{'answers':[{'ipv4':'1.2.3.4'}]}]";
      assertFlags(
          wc("IT", j("{'blocking':false,'title_match':[]," + dnsProd + "}")), true, true, true);
      // 1 == True in Python: a number 1 is an accepted title_match
      assertFlags(
          wc("IT", j("{'blocking':false,'accessible':true,'title_match':1}")), false, false, false);
    }

    @Test
    void fingerprintScopesConfirmAsIsConfirmedSays() {
      // nat and isp confirm anywhere; others only in their expected countries
      assertThat(wc("DE", dns("10.10.34.36")).confirmed()).isTrue();
      assertThat(wc("IT", dns("1.2.3.4")).confirmed()).isTrue();
      Verdict elsewhere = wc("DE", dns("1.2.3.4"));
      assertFlags(elsewhere, false, false, false); // a match that confirms nothing still counts
      Verdict inst = wc("IT", dns("5.6.7.8"));
      assertFlags(inst, true, true, false);
      assertThat(inst.blockingGeneral()).isEqualTo(1.0); // blocking_local, added
      assertFlags(wc("IT", dns("9.9.9.9")), false, false, false);
    }

    static String dns(String address) {
      return j(
          "{'blocking':null,'accessible':null,'queries':[{'answers':[{'ipv4':'"
              + address
              + "'}]}]}");
    }

    @Test
    void dnsAnswerUsesIpv4ThenHostnameThenIpv6() {
      String tk =
          j(
              "{'blocking':null,'queries':[{'answers':[{'ipv4':null,'hostname':'10.10.34.36'},"
                  + "{'hostname':'x','ipv6':'10.10.34.36'}]}]}");
      assertFlags(wc("IR", tk), false, false, true);
      String byHostname =
          j("{'blocking':null,'queries':[{'answers':[{'hostname':'10.10.34.36'}]}]}");
      assertFlags(wc("IR", byHostname), true, true, false);
    }

    @Test
    void bodyFingerprintMatchesAsSubstringWhateverItsType() {
      // test_unit.py: test_match_fingerprints_match_country
      Verdict my =
          wc(
              "MY",
              j(
                  "{'blocking':false,'requests':[{'response':{'body':'foo ... Makluman/Notification ... foo'}}]}"));
      assertFlags(my, true, true, false);
      Verdict literal =
          wc(
              "RU",
              j("{'blocking':false,'requests':[{'response':{'body':'<p>blocked.*page</p>'}}]}"));
      assertFlags(literal, true, true, false);
      Verdict notRegexp =
          wc("RU", j("{'blocking':false,'requests':[{'response':{'body':'blocked this page'}}]}"));
      assertFlags(notRegexp, false, false, false);
    }

    @Test
    void base64BodyIsMatchedAsUtf8Bytes() {
      String page = "<html>صفحه مسدود است</html>";
      String data =
          Base64.getEncoder()
              .encodeToString(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String tk =
          j(
              "{'blocking':false,'requests':[{'response':{'body':{'format':'base64','data':'"
                  + data
                  + "'}}}]}");
      assertFlags(wc("IR", tk), true, true, false);
    }

    @Test
    void bodyObjectThatIsNotBase64MatchesNothing() {
      // test_unit.py: test_match_fingerprints_dict_body
      String tk =
          j(
              "{'blocking':false,'requests':[{'response':{'body':{'data':'Makluman/Notification'}}}]}");
      assertFlags(wc("MY", tk), false, false, false);
    }

    @Test
    void badBase64FailsAndDropsEveryMatch() {
      String tk =
          j(
              "{'blocking':false,'queries':[{'answers':[{'ipv4':'10.10.34.36'}]}],"
                  + "'requests':[{'response':{'body':{'format':'base64','data':'YWJ'}}}]}");
      assertFlags(wc("IR", tk), false, false, true);
    }

    @Test
    void headerFingerprintsMatchLowerCasedNamesInFullOrAsPrefix() {
      String loc =
          j(
              "{'blocking':false,'requests':[{'response':{'headers':{'LOCATION':'http://block.example/x'}}}]}");
      assertFlags(wc("KZ", loc), true, true, false);
      String server =
          j("{'blocking':false,'requests':[{'response':{'headers':{'Server':'FilterBox'}}}]}");
      assertFlags(wc("IT", server), true, true, false);
      String serverPrefix =
          j("{'blocking':false,'requests':[{'response':{'headers':{'Server':'FilterBox 2'}}}]}");
      assertFlags(wc("IT", serverPrefix), false, false, false);
    }

    @Test
    void headerFingerprintsTheFastpathNeverUsesDoNotMatch() {
      // "contains" header fingerprints are skipped; a name not in lower case never equals one
      String contains =
          j("{'blocking':false,'requests':[{'response':{'headers':{'Location':'a warning'}}}]}");
      assertFlags(wc("KZ", contains), false, false, false);
      String upper =
          j(
              "{'blocking':false,'requests':[{'response':{'headers':{'Location':'http://upper.example/'}}}]}");
      assertFlags(wc("KZ", upper), false, false, false);
    }

    @Test
    void lastOfHeadersEqualButForCaseWins() {
      String tk =
          j(
              "{'blocking':false,'requests':[{'response':{'headers':"
                  + "{'Location':'http://block.example/','location':'http://elsewhere/'}}}]}");
      assertFlags(wc("KZ", tk), false, false, false);
    }

    @Test
    void base64HeaderIsDecodedAsLatin1ForPrefixes() {
      String data = Base64.getEncoder().encodeToString("http://block.example/page".getBytes());
      String tk =
          j(
              "{'blocking':false,'requests':[{'response':{'headers':"
                  + "{'Location':{'format':'base64','data':'"
                  + data
                  + "'}}}}]}");
      assertFlags(wc("KZ", tk), true, true, false);
    }

    @Test
    void malformedStructuresAreRejectedWherePythonRaises() {
      assertThat(wc("IT", j("{'queries':[5]}")).outcome()).isEqualTo(Verdict.Outcome.REJECTED);
      assertThat(wc("IT", j("{'requests':['x']}")).outcome()).isEqualTo(Verdict.Outcome.REJECTED);
      assertThat(wc("IT", j("{'requests':[{'response':{'headers':['a']}}]}")).outcome())
          .isEqualTo(Verdict.Outcome.REJECTED);
      assertThat(wc("IT", "[]").outcome()).isEqualTo(Verdict.Outcome.REJECTED);
      // ...and pass where Python passes: a null response is skipped
      assertFlags(
          wc("IT", j("{'blocking':false,'requests':[{'response':null}]}")), false, false, false);
    }

    @Test
    void noProbeCcIsRejected() {
      Measurement m =
          Fixtures.measurement(
              j("{'report_id':'r','test_name':'web_connectivity','test_keys':{}}"));
      assertThat(SCORER.score(m).outcome()).isEqualTo(Verdict.Outcome.REJECTED);
    }

    @Test
    void realFingerprintsConfirmTheFastpathsExamples() {
      // test_unit.py: test_score_measurement_confirmed (GdF Stop Page, Italy)
      FastpathScorer real = Fixtures.scorer();
      Verdict gdf =
          real.score(
              msm(
                  "web_connectivity",
                  "IT",
                  j(
                      "{'requests':[{'response':{'body':'GdF Stop Page'}}],'blocking':false,'accessible':true}")));
      assertFlags(gdf, true, true, false);
      assertThat(gdf.blockingGeneral()).isEqualTo(1.0);
      // test_unit.py: test_match_dns_fingerprints_match_country (ooni.tr_6)
      Measurement tr =
          msm(
              "web_connectivity",
              "TR",
              j(
                  "{'queries':[{'hostname':'beeg.com','answers':[{'hostname':'beeg.com',"
                      + "'answer_type':'CNAME'},{'ipv4':'195.175.254.2','answer_type':'A'}]}]}"));
      assertThat(real.fingerprintMatches(tr))
          .extracting(Fingerprint::name)
          .containsExactly("ooni.tr_6");
    }
  }

  @Nested
  class Whatsapp {
    static final String WEB = "{'request':{'url':'https://web.whatsapp.com/'},'failure':%s}";
    static final String REG =
        "{'request':{'url':'https://v.whatsapp.net/v2/register'},'failure':%s}";
    static final String TCP_OK = "{'status':{'success':true}}";
    static final String TCP_FAIL = "{'status':{'success':false}}";

    static Verdict wa(String web, String reg, String... tcp) {
      return score(
          "whatsapp",
          j(
              "{'requests':["
                  + String.format(WEB, web)
                  + ","
                  + String.format(REG, reg)
                  + "],'tcp_connect':["
                  + String.join(",", tcp)
                  + "]}"));
    }

    @Test
    void reachableWhenWebRegistrationAndAnEndpointWork() {
      assertFlags(wa("null", "null", TCP_FAIL, TCP_OK), false, false, false);
    }

    @Test
    void blockedWebOrRegistrationIsAnAnomaly() {
      assertFlags(wa("'generic_timeout_error'", "null", TCP_OK), true, false, false);
      assertFlags(wa("null", "'connection_reset'", TCP_OK), true, false, false);
      // "" and false count as no failure for the web check, not for registration
      assertFlags(wa("''", "null", TCP_OK), false, false, false);
      assertFlags(wa("false", "''", TCP_OK), true, false, false);
    }

    @Test
    void noEndpointReachedIsAnAnomalyAndNoneTriedAFailure() {
      assertFlags(wa("null", "null", TCP_FAIL, TCP_FAIL), true, false, false);
      assertFlags(wa("null", "null"), false, false, true);
    }

    @Test
    void missingChecksOrRequestsFail() {
      assertFlags(
          score("whatsapp", j("{'requests':[" + String.format(WEB, "null") + "]}")),
          false,
          false,
          true);
      assertFlags(score("whatsapp", j("{'requests':[]}")), false, false, true);
      String ascii = j("{'whatsapp_web_failure':'unknown_failure \\'ascii\\' codec'}");
      assertFlags(score("whatsapp", ascii), false, false, true);
    }
  }

  @Nested
  class Telegram {
    static String tk(int tcpOk, int tcpFail, String requests, String web) {
      StringBuilder tcp = new StringBuilder();
      for (int i = 0; i < tcpOk + tcpFail; i++) {
        tcp.append(i == 0 ? "" : ",")
            .append(i < tcpOk ? "{'status':{'success':true}}" : "{'status':{'success':false}}");
      }
      return j(
          "{'telegram_web_status':"
              + web
              + ",'tcp_connect':["
              + tcp
              + "],'requests':["
              + requests
              + "]}");
    }

    static final String HTTP_OK = "{'request':{'url':'http://149.154.175.50/'},'failure':null}";
    static final String HTTP_FAIL =
        "{'request':{'url':'http://149.154.175.50/'},'failure':'eof_error'}";
    static final String WEB_FAIL = "{'request':{'url':'https://web.telegram.org/'},'failure':'x'}";

    @Test
    void scoreAddsUnreachableShareHttpFailureShareAndWebBlocking() {
      Verdict clean = score("telegram", tk(4, 0, HTTP_OK + "," + WEB_FAIL, "'ok'"));
      assertFlags(clean, false, false, false);
      assertThat(clean.blockingGeneral()).isEqualTo(0.0);
      Verdict half = score("telegram", tk(2, 2, HTTP_OK + "," + HTTP_FAIL, "'ok'"));
      assertThat(half.blockingGeneral()).isEqualTo(1.0);
      assertThat(half.anomaly()).isTrue();
      Verdict quarter = score("telegram", tk(3, 1, HTTP_OK, "'ok'"));
      assertThat(quarter.blockingGeneral()).isEqualTo(0.25);
      assertThat(quarter.anomaly()).isFalse();
      Verdict web = score("telegram", tk(4, 0, HTTP_OK, "'blocked'"));
      assertThat(web.blockingGeneral()).isEqualTo(1.0);
    }

    @Test
    void nothingMeasuredScoresOneHalfTwice() {
      Verdict v = score("telegram", "{}");
      assertThat(v.blockingGeneral()).isEqualTo(1.0);
      assertFlags(v, true, false, false);
    }

    @Test
    void requestWithoutUrlFailsAndWithoutFailureKeyIsRejected() {
      assertFlags(
          score("telegram", tk(4, 0, "{'request':{},'failure':null}", "'ok'")), false, false, true);
      assertFlags(score("telegram", tk(4, 0, "{'failure':null}", "'ok'")), false, false, true);
      assertThat(score("telegram", tk(4, 0, "{'request':{'url':'x'}}", "'ok'")).outcome())
          .isEqualTo(Verdict.Outcome.REJECTED);
    }
  }

  @Nested
  class Signal {
    static Measurement signal(String status, String testVersion, String engine, String start) {
      return Fixtures.measurement(
          j(
              "{'report_id':'r','test_name':'signal','probe_cc':'IT','probe_asn':'AS1',"
                  + "'measurement_start_time':"
                  + start
                  + ",'test_version':"
                  + testVersion
                  + ",'annotations':{'engine_version':"
                  + engine
                  + "},'test_keys':{'failed_operation':null,'failure':null,"
                  + "'signal_backend_status':"
                  + status
                  + "}}"));
    }

    static Verdict v(String status, String tv, String ev, String start) {
      return SCORER.score(signal(status, tv, ev, start));
    }

    @Test
    void backendStatusDecides() {
      assertFlags(v("'ok'", "'0.2.5'", "'3.20.0'", "'2024-01-01 00:00:00'"), false, false, false);
      assertFlags(
          v("'blocked'", "'0.2.5'", "'3.20.0'", "'2024-01-01 00:00:00'"), true, false, false);
      assertFlags(v("null", "'0.2.5'", "'3.20.0'", "'2024-01-01 00:00:00'"), false, false, true);
    }

    @Test
    void knownBadVersionsFailFromTheDayTheyBroke() {
      // ooni/probe#2636: 0.2.4 always
      assertFlags(
          v("'blocked'", "'0.2.4'", "'3.20.0'", "'2021-01-01 00:00:00'"), false, false, true);
      // ooni/probe#2627: <= 0.2.3 from 2023-11-07
      assertFlags(v("'ok'", "'0.2.3'", "'3.20.0'", "'2023-11-07 00:00:00'"), false, false, true);
      assertFlags(v("'ok'", "'0.2.3'", "'3.20.0'", "'2023-11-06 23:59:59'"), false, false, false);
      // ooni/probe#2344: < 0.2.2 from 2022-10-19
      assertFlags(v("'ok'", "'0.2.1'", "'3.20.0'", "'2022-10-19 00:00:00'"), false, false, true);
      assertFlags(v("'ok'", "'0.2.1'", "'3.20.0'", "'2022-10-18 23:59:59'"), false, false, false);
      // ooni/backend#679: engine < 3.17.2 from 2023-05-02; pre-releases sort before releases
      assertFlags(
          v("'ok'", "'0.2.5'", "'3.17.2-alpha'", "'2023-05-02 00:00:00'"), false, false, true);
      assertFlags(v("'ok'", "'0.2.5'", "'3.17.2'", "'2023-05-02 00:00:00'"), false, false, false);
    }

    @Test
    void unreadableVersionsOrTimesFail() {
      assertFlags(
          v("'ok'", "'not a version'", "'3.20.0'", "'2024-01-01 00:00:00'"), false, false, true);
      assertFlags(v("'ok'", "'0.2.5'", "5", "'2024-01-01 00:00:00'"), false, false, true);
      assertFlags(v("'ok'", "'0.2.5'", "'3.20.0'", "null"), false, false, true);
      assertFlags(v("'ok'", "'0.2.5'", "'3.20.0'", "'2024-01-01T00:00:00Z'"), false, false, true);
      // absent versions read as 0.0.0: bad only for recent measurements
      assertFlags(v("'ok'", "null", "null", "'2022-01-01 00:00:00'"), false, false, false);
    }

    @Test
    void missingFailureKeysFail() {
      assertFlags(
          score("signal", j("{'signal_backend_status':'ok','failure':null}")), false, false, true);
    }
  }

  @Nested
  class FacebookMessenger {
    static final String ALL_TRUE =
        "'facebook_b_api_dns_consistent':true,'facebook_b_api_reachable':true,"
            + "'facebook_b_graph_dns_consistent':true,'facebook_b_graph_reachable':true,"
            + "'facebook_edge_dns_consistent':true,'facebook_edge_reachable':true,"
            + "'facebook_star_dns_consistent':true,'facebook_star_reachable':true,"
            + "'facebook_stun_dns_consistent':true";

    @Test
    void halfAPointPerInconsistencyOrBlockingFlag() {
      assertFlags(
          score("facebook_messenger", j("{" + ALL_TRUE + ",'facebook_tcp_blocking':false}")),
          false,
          false,
          false);
      Verdict one = score("facebook_messenger", j("{'facebook_edge_reachable':false}"));
      assertThat(one.blockingGeneral()).isEqualTo(0.5);
      assertThat(one.anomaly()).isFalse();
      Verdict two =
          score(
              "facebook_messenger",
              j("{'facebook_edge_reachable':false,'facebook_tcp_blocking':true}"));
      assertThat(two.blockingGeneral()).isEqualTo(1.0);
      assertThat(two.anomaly()).isTrue();
      // only the literal false counts
      assertThat(
              score(
                      "facebook_messenger",
                      j("{'facebook_edge_reachable':0,'facebook_star_reachable':null}"))
                  .blockingGeneral())
          .isEqualTo(0.0);
    }

    @Test
    void dnsBlockingWithEverythingReachableIsTheKnownProbeBug() {
      String tk =
          j("{" + ALL_TRUE + ",'facebook_dns_blocking':true,'facebook_tcp_blocking':false}");
      Verdict v = score("facebook_messenger", tk);
      assertFlags(v, false, false, false);
      assertThat(v.blockingGeneral()).isEqualTo(0.0);
    }
  }

  @Nested
  class Tor {
    static String targets(String... failures) {
      StringBuilder sb = new StringBuilder("{'targets':{");
      for (int i = 0; i < failures.length; i++) {
        sb.append(i == 0 ? "" : ",")
            .append("'t")
            .append(i)
            .append("':{'failure':")
            .append(failures[i])
            .append(",'network_events':[{'operation':'connect'}]}");
      }
      return j(sb.append("}}").toString());
    }

    @Test
    void blockingIsTheShareOfTargetsThatFailed() {
      Verdict quarter =
          score("tor", targets("null", "null", "null", "'generic_timeout_error'", "false"));
      assertFlags(quarter, false, false, false);
      assertThat(quarter.blockingGeneral()).isEqualTo(0.25);
      Verdict most = score("tor", targets("'x'", "'y'", "null"));
      assertThat(most.blockingGeneral()).isEqualTo(2.0 / 3);
      assertThat(most.anomaly()).isTrue();
      assertThat(most.platform()).isEqualTo("tor");
    }

    @Test
    void targetsThatDidNotRunOrLackKeysFail() {
      assertFlags(score("tor", targets("false", "false")), false, false, true);
      assertFlags(score("tor", j("{'targets':{'a':{'failure':null}}}")), false, false, true);
      assertFlags(
          score("tor", j("{'targets':[{'failure':null,'network_events':[]}]}")),
          false,
          false,
          true);
      assertFlags(score("tor", "{}"), false, false, true);
      assertThat(score("tor", targets("''")).outcome()).isEqualTo(Verdict.Outcome.REJECTED);
    }
  }

  @Nested
  class VanillaTor {
    @Test
    void progressGivesTheScore() {
      // test_unit.py: test_score_vanilla_tor (5 %: 0.98)
      Verdict eighty =
          score("vanilla_tor", j("{'tor_logs':['Bootstrapped 80%'],'tor_progress':80}"));
      assertThat(eighty.blockingGeneral())
          .isCloseTo(0.68, org.assertj.core.data.Offset.offset(1e-12));
      assertFlags(eighty, true, false, false);
      assertFlags(
          score("vanilla_tor", j("{'tor_logs':['x'],'tor_progress':100}")), false, false, false);
      assertThat(score("vanilla_tor", j("{'tor_log':'x','tor_progress':'50'}")).blockingGeneral())
          .isEqualTo(0.8);
    }

    @Test
    void doneInTheLogIsSuccessWhateverTheProgress() {
      assertFlags(
          score("vanilla_tor", j("{'tor_log':'... Bootstrapped 100%: Done ...','tor_progress':0}")),
          false,
          false,
          false);
      // in a list, only a whole entry counts
      assertFlags(
          score(
              "vanilla_tor", j("{'tor_logs':['Bootstrapped 100% (done): Done'],'tor_progress':0}")),
          false,
          false,
          false);
      assertFlags(
          score(
              "vanilla_tor",
              j("{'tor_logs':['x Bootstrapped 100% (done): Done'],'tor_progress':0}")),
          true,
          false,
          false);
    }

    @Test
    void noLogFailsAndUnreadableProgressIsRejected() {
      assertFlags(score("vanilla_tor", j("{'tor_progress':10}")), false, false, true);
      assertThat(score("vanilla_tor", j("{'tor_logs':['x'],'tor_progress':null}")).outcome())
          .isEqualTo(Verdict.Outcome.REJECTED);
    }
  }

  @Nested
  class Torsf {
    static Verdict torsf(String software, String version, String failure) {
      return SCORER.score(
          Fixtures.measurement(
              j(
                  "{'report_id':'r','test_name':'torsf','probe_cc':'IT','probe_asn':'AS1',"
                      + "'software_name':'"
                      + software
                      + "','software_version':'"
                      + version
                      + "','test_keys':{'failure':"
                      + failure
                      + "}}")));
    }

    @Test
    void failureIsAnAnomalyExceptFromAndroid383() {
      assertFlags(torsf("ooniprobe-desktop", "3.8.3", "'timeout'"), true, false, false);
      assertFlags(torsf("ooniprobe-android-unattended", "3.8.3", "'timeout'"), false, false, true);
      assertFlags(torsf("ooniprobe-android", "3.8.4", "null"), false, false, false);
    }
  }

  @Nested
  class Process {
    static Verdict raw(String json) {
      return SCORER.score(Fixtures.measurement(j(json)));
    }

    @Test
    void asZeroHiddenCountryAndMissingReportIdAreDiscarded() {
      Verdict as0 = raw("{'report_id':'r','test_name':'signal','probe_cc':'KZ','probe_asn':'AS0'}");
      assertThat(as0.outcome()).isEqualTo(Verdict.Outcome.DISCARDED);
      assertThat(as0.note()).isEqualTo("probe_asn AS0");
      assertThat(
              raw("{'report_id':'r','test_name':'signal','probe_cc':'zz','probe_asn':'AS1'}")
                  .note())
          .isEqualTo("probe_cc ZZ");
      assertThat(raw("{'report_id':null,'test_name':'signal'}").note()).isEqualTo("no report_id");
    }

    @Test
    void nullCountryOrMissingTestNameIsRejected() {
      assertThat(raw("{'report_id':'r','test_name':'signal','probe_cc':null}").outcome())
          .isEqualTo(Verdict.Outcome.REJECTED);
      assertThat(raw("{'report_id':'r','probe_cc':'IT'}").outcome())
          .isEqualTo(Verdict.Outcome.REJECTED);
    }

    @Test
    void otherTestsAreKeptUnscored() {
      Verdict v = raw("{'report_id':'r','test_name':'ndt','probe_cc':'IT','probe_asn':'AS1'}");
      assertThat(v.outcome()).isEqualTo(Verdict.Outcome.UNSCORED);
      assertThat(v.testName()).isEqualTo("ndt");
      assertThat(v.scored()).isFalse();
    }

    @Test
    void jsonWrappedMeasurementIsUnwrapped() {
      Verdict v =
          raw(
              "{'format':'JSON','measurement_uid':'20220104100001.000000_KZ_torsf_1',"
                  + "'content':{'report_id':'r','test_name':'torsf','probe_cc':'KZ','probe_asn':'AS9198',"
                  + "'measurement_start_time':'2022-01-04 10:00:00','test_keys':{'failure':'x'}}}");
      assertFlags(v, true, false, false);
      assertThat(v.measurementUid()).isEqualTo("20220104100001.000000_KZ_torsf_1");
      assertThat(v.probeAsn()).isEqualTo(9198);
      assertThat(raw("{'format':'yaml','content':'---'}").note()).startsWith("YAML");
    }

    @Test
    void startTimeFarFromTheUploadFails() {
      String body =
          "'report_id':'r','test_name':'torsf','probe_cc':'KZ','probe_asn':'AS1',"
              + "'measurement_start_time':'2022-01-04 10:00:00','test_keys':{'failure':null}";
      assertFlags(
          raw("{'measurement_uid':'20220104110000.000000_KZ_torsf_1'," + body + "}"),
          false,
          false,
          false);
      // started more than an hour after it was received: from the future
      assertFlags(
          raw("{'measurement_uid':'20220104085959.999999_KZ_torsf_1'," + body + "}"),
          false,
          false,
          true);
      // received more than a year after it started
      assertFlags(
          raw("{'measurement_uid':'20230104100000.000001_KZ_torsf_1'," + body + "}"),
          false,
          false,
          true);
      // a uid not in that form is ignored
      assertFlags(raw("{'measurement_uid':'2023-01-04_x'," + body + "}"), false, false, false);
    }
  }

  @Test
  void hostIsTakenFromTheInputUrl() {
    assertThat(FastpathScorer.host("https://user@WWW.Example.org:8443/a?b#c"))
        .isEqualTo("www.example.org");
    assertThat(FastpathScorer.host("http://[2001:db8::1]:80/")).isEqualTo("2001:db8::1");
    assertThat(FastpathScorer.host("http://example.org")).isEqualTo("example.org");
    assertThat(FastpathScorer.host("example.org")).isNull();
    assertThat(FastpathScorer.host(null)).isNull();
  }

  @Test
  void asnNumberIsReadFromAsText() {
    com.fasterxml.jackson.databind.node.JsonNodeFactory f =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    assertThat(FastpathScorer.asn(f.textNode("AS9198"))).isEqualTo(9198);
    assertThat(FastpathScorer.asn(f.textNode("as0"))).isZero();
    assertThat(FastpathScorer.asn(f.textNode("9198"))).isEqualTo(-1);
    assertThat(FastpathScorer.asn(f.textNode("AS"))).isEqualTo(-1);
    assertThat(FastpathScorer.asn(f.numberNode(9198))).isEqualTo(-1);
  }
}
