// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil eval} over the shipped cases: every class, pattern and restoration case and the real
 * quiet Monash file score right with the default baseline; the weekly-rhythm cases are where the
 * baselines differ.
 */
class EvalCommandIT {
  static final String CASES = EvalCasesTest.SHIPPED.toString();

  @TempDir Path dir;

  @Test
  void everyClassCaseScoresRightAndWeeklyRhythmsAreTheMovingMediansWeakness() throws Exception {
    Cli r = Cli.run("eval", CASES, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    List<String> failed = new ArrayList<>();
    for (JsonNode c : j.get("cases")) {
      if (!c.get("result").asText().equals("ok")) {
        failed.add(c.get("name").asText());
      }
    }
    assertThat(failed)
        .containsExactly("blackout-weekend-weekly", "quiet-weekly", "quiet-weekly-holiday");
    JsonNode t = j.get("totals");
    assertThat(t.get("skipped").asInt()).isZero(); // the Monash file was found and ran
    assertThat(t.get("recall").asDouble()).isEqualTo(1.0);
    for (JsonNode c : t.get("class_accuracy")) {
      assertThat(c.get("correct").asInt()).isEqualTo(c.get("scored").asInt());
    }
    assertThat(t.get("class_accuracy").get("restoration").get("scored").asInt()).isPositive();
  }

  @Test
  void theSimilarDaysBaselineLearnsWeekendsOnceTwoWeeksExist() {
    Cli r = Cli.run("eval", CASES + "/quiet-weekly", "--baseline", "traffic.requests=similar-days");
    assertThat(r.out())
        .contains("quiet-weekly                        0      1    0    1")
        .contains("false event country/KZ 2022-01-08T"); // the first weekend, one week in
  }

  @Test
  void aMissingInputIsSkippedAndABadLabelFileIsNamed() throws Exception {
    Path c = Files.createDirectories(dir.resolve("gone"));
    Files.writeString(c.resolve("ingest.txt"), "# nothing here\nnone.csv --signal x\n");
    Files.writeString(c.resolve("labels.csv"), EvalCases.LABEL_HEADER + "\n");
    assertThat(Cli.run("eval", c.toString()).out()).contains("skipped: input missing");
    Files.writeString(c.resolve("labels.csv"), "entity,start,end\ncountry/KZ,yesterday,\n");
    Cli bad = Cli.run("eval", c.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("labels.csv, line 2");
    assertThat(EvalCommand.words("f.csv --time-format 'dd-MMM-yyyy HH:mm' --x \"a b\" ''"))
        .containsExactly("f.csv", "--time-format", "dd-MMM-yyyy HH:mm", "--x", "a b", "");
  }
}
