// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigil.probe.TestTargets.ip;

import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Parses scamper output recorded from real runs (see src/test/resources/scamper/README.md). */
class ScamperJsonReaderTest {

  static Path resource(String name) {
    try {
      return Path.of(ScamperJsonReaderTest.class.getResource("/scamper/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<Long, ScamperPing> byUserId(String name, List<Problem> problems)
      throws IOException {
    Map<Long, ScamperPing> out = new HashMap<>();
    ScamperJsonReader.read(resource(name), p -> out.put(p.userId(), p), problems::add);
    return out;
  }

  @Test
  void readsEveryCaseOfTheNamespaceCapture() throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<ScamperPing> pings = new ArrayList<>();
    ScamperJsonReader.Stats stats =
        ScamperJsonReader.read(resource("ping-netns.json"), pings::add, problems::add);
    assertThat(problems).isEmpty();
    assertThat(stats).isEqualTo(new ScamperJsonReader.Stats(9, 7, 2, 0));
    Map<Long, ScamperPing> p = new HashMap<>();
    pings.forEach(x -> p.put(x.userId(), x));

    // 1: an echo reply from the probed address
    assertThat(p.get(1L).destination()).isEqualTo(ip("198.18.1.1"));
    assertThat(p.get(1L).replied()).isTrue();
    assertThat(p.get(1L).rttMicros()).isPositive();
    assertThat(p.get(1L).otherResponses()).isZero();
    // 2: three probes, the last lost in the cut (statistics.loss 0.33 is a fraction)
    assertThat(p.get(2L).probesSent()).isEqualTo(3);
    assertThat(p.get(2L).replied(0)).isTrue();
    assertThat(p.get(2L).replied(1)).isTrue();
    assertThat(p.get(2L).replied(2)).isFalse();
    assertThat(p.get(2L).probeMicros(2) - p.get(2L).probeMicros(0)).isEqualTo(2_000_000L);
    // 3: nothing heard: replies 0, loss 1
    assertThat(p.get(3L).replied()).isFalse();
    assertThat(p.get(3L).probesSent()).isEqualTo(1);
    // 4: ICMP unreachable from a router: scamper says replies 1, it is not a reply
    assertThat(p.get(4L).replied()).isFalse();
    assertThat(p.get(4L).otherResponses()).isEqualTo(1);
    // 5: blackholed: no record at all
    assertThat(p).doesNotContainKey(5L);
    // 6: namespace side of the link down; 7: hosts silenced; 8: answering again
    assertThat(p.get(6L).replied()).isFalse();
    assertThat(p.get(7L).replied()).isFalse();
    assertThat(p.get(8L).replied()).isTrue();
  }

  @Test
  void readsWartsConvertedBySc_warts2jsonAsDirectJson() throws IOException {
    List<Problem> problems = new ArrayList<>();
    Map<Long, ScamperPing> json = byUserId("ping-loopback.json", problems);
    Map<Long, ScamperPing> warts = byUserId("ping-loopback.warts.json", problems);
    assertThat(problems).isEmpty();
    assertThat(json.keySet()).containsExactlyInAnyOrder(11L, 12L);
    assertThat(warts.keySet()).isEqualTo(json.keySet());
    for (long id : json.keySet()) {
      ScamperPing a = json.get(id);
      ScamperPing b = warts.get(id);
      assertThat(b.destination()).isEqualTo(a.destination());
      assertThat(b.probesSent()).isEqualTo(a.probesSent());
      assertThat(b.echoReplies()).isEqualTo(a.echoReplies());
    }
    assertThat(json.get(12L).echoReplies().cardinality()).isEqualTo(2);
  }

  @Test
  void reportsMalformedRecordsWithLineNumbers() throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<ScamperPing> pings = new ArrayList<>();
    ScamperJsonReader.Stats stats =
        ScamperJsonReader.read(resource("ping-malformed.json"), pings::add, problems::add);

    assertThat(problems)
        .extracting(Problem::line)
        .containsExactly(3L, 4L, 5L, 6L, 7L, 9L, 11L, 12L);
    assertThat(problems.get(0).message()).startsWith("not JSON");
    assertThat(problems.get(2).message()).isEqualTo("not a JSON object");
    assertThat(problems.get(3).message()).isEqualTo("ping record of method udp, not icmp-echo");
    assertThat(problems.get(4).message()).contains("2001:db8::1");
    assertThat(problems.get(5).message())
        .isEqualTo("ping record without \"responses\" and with replies counted");
    assertThat(problems.get(6).message()).isEqualTo("record without a \"type\"");
    assertThat(problems.get(7).message()).startsWith("not JSON");
    assertThat(stats).isEqualTo(new ScamperJsonReader.Stats(14, 3, 3, 8));

    // line 2: a reply; line 8: no responses and 0 replies counted: nothing heard; line 10: an
    // echo reply from another address than the probed one is not a reply
    assertThat(pings).extracting(ScamperPing::userId).containsExactly(1L, 30L, 32L);
    assertThat(pings).extracting(ScamperPing::replied).containsExactly(true, false, false);
    assertThat(pings.get(2).otherResponses()).isEqualTo(1);
  }

  // Property: damaged lines (random cuts, byte flips, garbage) are reported or skipped, never
  // thrown, and every ping passed on has a probed address and a sane probe count.
  @RepeatedTest(30)
  void damagedLinesNeverThrow(RepetitionInfo info) throws IOException {
    SplittableRandom random = new SplittableRandom(info.getCurrentRepetition() * 31L);
    List<String> lines = java.nio.file.Files.readAllLines(resource("ping-netns.json"));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      char[] line = lines.get(random.nextInt(lines.size())).toCharArray();
      switch (random.nextInt(4)) {
        case 0 -> line = java.util.Arrays.copyOf(line, random.nextInt(line.length + 1));
        case 1 -> {
          for (int k = 0; k < 3; k++) {
            line[random.nextInt(line.length)] = (char) (32 + random.nextInt(95));
          }
        }
        case 2 -> {
          line = new char[random.nextInt(200)];
          for (int k = 0; k < line.length; k++) {
            line[k] = (char) (1 + random.nextInt(500));
          }
        }
        default -> {}
      }
      text.append(new String(line).replace('\n', ' ').replace('\r', ' ')).append('\n');
    }
    List<Problem> problems = new ArrayList<>();
    List<ScamperPing> pings = new ArrayList<>();
    ScamperJsonReader.Stats s =
        ScamperJsonReader.read(
            new StringReader(text.toString()), "fuzz", pings::add, problems::add);
    assertThat(s.lines()).isEqualTo(50);
    assertThat(s.pings() + s.skipped() + s.problems()).isEqualTo(50);
    assertThat(problems).hasSize((int) s.problems()).allMatch(p -> p.line() >= 1);
    assertThat(pings)
        .allMatch(p -> p.probesSent() >= 0 && p.echoReplies().length() <= p.probesSent());
  }
}
