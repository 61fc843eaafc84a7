// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.vigil.probe.TestTargets.ip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HitlistReaderTest {

  private static HitlistReader.Result read(String text, List<Problem> problems) throws IOException {
    return HitlistReader.read(new StringReader(text), "hits.csv", problems::add);
  }

  @Test
  void readsAddressesWithAndWithoutScores() throws IOException {
    StringBuilder text = new StringBuilder("# a comment\naddress,score\n\n");
    for (int h = 1; h <= 16; h++) {
      text.append("198.18.1.").append(h).append(h % 2 == 0 ? ",0.5\n" : "\n");
    }
    text.append("198.18.2.9,0.25\n198.18.2.10,0\n");
    List<Problem> problems = new ArrayList<>();
    HitlistReader.Result r = read(text.toString(), problems);

    assertThat(problems).isEmpty();
    assertThat(r.addresses()).isEqualTo(18);
    TargetList t = r.targets();
    assertThat(t.size()).isEqualTo(2);
    int b1 = t.indexOf(ip("198.18.1.0"));
    assertThat(t.responsive(b1)).isEqualTo(16);
    assertThat(t.availability(b1)).isCloseTo(0.75, within(1e-6)); // eight 1s and eight 0.5s
    assertThat(t.eligible(b1)).isTrue();
    int b2 = t.indexOf(ip("198.18.2.0"));
    // a score of 0 lists an address that never answered: not in E(b)
    assertThat(t.responsive(b2)).isEqualTo(1);
    assertThat(t.contains(ip("198.18.2.10"))).isFalse();
    assertThat(t.eligible(b2)).isFalse();
    assertThat(t.eligibleCount()).isEqualTo(1);
  }

  @Test
  void reportsMalformedLinesWithTheirNumbersAndReadsTheRest() throws IOException {
    String text =
        """
        198.18.1.1
        198.18.1.300
        198.18.1.2,abc
        198.18.1.3,1.5
        198.18.1.4,0.5,extra
        hello
        198.18.1.5 , 0.5
        """;
    List<Problem> problems = new ArrayList<>();
    HitlistReader.Result r = read(text, problems);

    assertThat(problems).extracting(Problem::line).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(problems.get(0).toString())
        .isEqualTo(
            "hits.csv:2: expected an IPv4 address, optionally followed by ,score:"
                + " '198.18.1.300'");
    assertThat(problems.get(1).message()).startsWith("score is not a number");
    assertThat(problems.get(2).message()).startsWith("score must be a reply rate");
    assertThat(problems.get(3).message()).startsWith("expected address,score: too many columns");
    assertThat(r.problems()).isEqualTo(5);
    assertThat(r.addresses()).isEqualTo(2);
    assertThat(r.targets().contains(ip("198.18.1.1"))).isTrue();
    assertThat(r.targets().contains(ip("198.18.1.5"))).isTrue();
  }

  @Test
  void countsDuplicatesOnce() throws IOException {
    HitlistReader.Result r = read("198.18.1.1\n198.18.1.1,0.5\n198.18.1.2\n", new ArrayList<>());
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.targets().responsive(0)).isEqualTo(2);
  }

  @Test
  void readsGzip(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("198.18.1.1,0.5\n".getBytes(StandardCharsets.UTF_8));
    }
    Path f = dir.resolve("hits.csv.gz");
    Files.write(f, bytes.toByteArray());
    TargetList t = TargetList.read(f, p -> {});
    assertThat(t.contains(ip("198.18.1.1"))).isTrue();
  }

  @Test
  void writesAndReloadsTheSameBlocks(@TempDir Path dir) throws IOException {
    TargetList t = TestTargets.uniform(3, 20, 0.6);
    Path f = dir.resolve("targets.csv");
    t.write(f);
    TargetList back =
        TargetList.read(
            f,
            p -> {
              throw new AssertionError(p.toString());
            });
    assertSameTargets(back, t);
  }

  @Test
  void picksEveryHostOfABlockBeforeRepeatingOne() {
    TargetList t = TestTargets.uniform(1, 20, 1);
    int cursor = 0;
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < 20; i++) {
      int pos = t.nextHost(0, cursor);
      cursor = pos >>> 8;
      seen.add(pos & 0xFF);
    }
    assertThat(seen).hasSize(20).allMatch(h -> h >= 1 && h <= 20);
  }

  // Property: any random list written and read back gives the same blocks, E(b) and A(E(b)).
  @RepeatedTest(20)
  void roundTripsRandomLists(RepetitionInfo info) throws IOException {
    SplittableRandom random = new SplittableRandom(info.getCurrentRepetition());
    TargetList.Builder b = TargetList.builder();
    int blocks = 1 + random.nextInt(30);
    for (int k = 0; k < blocks; k++) {
      int base = random.nextInt(1 << 24) << 8;
      double score = random.nextInt(1000) / 1000.0;
      int hosts = 1 + random.nextInt(40);
      for (int h = 0; h < hosts; h++) {
        b.add(base | random.nextInt(256), score);
      }
    }
    TargetList t = b.build();
    StringWriter w = new StringWriter();
    t.write(w);
    List<Problem> problems = new ArrayList<>();
    TargetList back = read(w.toString(), problems).targets();
    assertThat(problems).isEmpty();
    assertSameTargets(back, t);
  }

  private static void assertSameTargets(TargetList back, TargetList t) {
    assertThat(back.size()).isEqualTo(t.size());
    for (int i = 0; i < t.size(); i++) {
      assertThat(back.network(i)).isEqualTo(t.network(i));
      assertThat(back.addresses(i)).isEqualTo(t.addresses(i));
      assertThat(back.availability(i)).isEqualTo(t.availability(i));
    }
  }
}
