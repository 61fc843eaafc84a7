// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigil.core.InputFormatException;
import org.vigil.core.Times;
import org.vigil.store.StoredEvent;

/** How {@code vigil eval} matches events to labels and scores them. */
final class EvalScore {
  private EvalScore() {}

  /** The classes a label may name, in the order the table prints them. */
  static final List<String> CLASSES =
      List.of("kind", "scope", "mechanism", "pattern", "restoration");

  /**
   * One expected event.
   *
   * @param entity {@code TYPE/CODE}; a region may be given by name
   * @param classes by class name: the expected value, {@code none} for no value; absent when not
   *     scored
   */
  record Label(String entity, long start, Long end, Map<String, String> classes) {
    boolean matches(StoredEvent e) {
      int slash = entity.indexOf('/');
      String type = entity.substring(0, slash);
      String code = entity.substring(slash + 1);
      return e.entity().type().key().equals(type)
          && (e.entity().code().equalsIgnoreCase(code) || e.entity().name().equalsIgnoreCase(code));
    }

    long until() {
      return end == null ? Long.MAX_VALUE : end;
    }
  }

  static List<Label> readLabels(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Label> out = new ArrayList<>();
    if (lines.isEmpty() || !lines.get(0).startsWith("entity,start,end")) {
      throw new InputFormatException(
          file.toString(),
          1,
          null,
          "expected the header entity,start,end,kind,scope,mechanism,pattern,restoration");
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 3 + CLASSES.size() || f[0].indexOf('/') <= 0) {
        throw new InputFormatException(
            file.toString(),
            i + 1,
            null,
            "expected 8 fields: TYPE/CODE,start,end,kind,scope,mechanism,pattern,restoration");
      }
      Map<String, String> classes = new LinkedHashMap<>();
      for (int c = 0; c < CLASSES.size(); c++) {
        if (!f[3 + c].isBlank()) {
          classes.put(CLASSES.get(c), f[3 + c].trim());
        }
      }
      try {
        out.add(
            new Label(
                f[0].trim(),
                Times.parse(f[1].trim()),
                f[2].isBlank() ? null : Times.parse(f[2].trim()),
                classes));
      } catch (IllegalArgumentException e) {
        throw new InputFormatException(file.toString(), i + 1, null, e.getMessage());
      }
    }
    return out;
  }

  /** What one case gave. */
  record CaseResult(
      String name,
      String description,
      String skipped,
      int labels,
      int events,
      int found,
      List<Long> onsetErrors,
      List<Long> endErrors,
      Map<String, int[]> classes,
      List<String> problems,
      boolean ok) {

    static CaseResult skipped(String name, String description, String why) {
      return new CaseResult(
          name, description, why, 0, 0, 0, List.of(), List.of(), Map.of(), List.of(), false);
    }

    int falseEvents() {
      return events - found;
    }

    int missed() {
      return labels - found;
    }

    ObjectNode json(ObjectMapper m) {
      ObjectNode o = m.createObjectNode();
      o.put("name", name);
      o.put("description", description);
      o.put("result", skipped != null ? "skipped" : ok ? "ok" : "fail");
      if (skipped != null) {
        o.put("skipped", skipped);
        return o;
      }
      o.put("labels", labels);
      o.put("events", events);
      o.put("true_positives", found);
      o.put("false_positives", falseEvents());
      o.put("false_negatives", missed());
      ArrayNode on = o.putArray("onset_error_seconds");
      onsetErrors.forEach(on::add);
      ArrayNode en = o.putArray("end_error_seconds");
      endErrors.forEach(en::add);
      ObjectNode cl = o.putObject("classes");
      classes.forEach(
          (k, v) -> {
            ObjectNode c = cl.putObject(k);
            c.put("correct", v[0]);
            c.put("scored", v[1]);
          });
      ArrayNode p = o.putArray("problems");
      problems.forEach(p::add);
      return o;
    }
  }

  /**
   * Matches each label to the unmatched event of the same entity that overlaps it most; every event
   * left over is a false one. A label's classes are compared with its event's.
   */
  static CaseResult score(
      String name, String description, List<Label> labels, List<StoredEvent> events, long tol) {
    List<StoredEvent> left = new ArrayList<>(events);
    List<Long> onset = new ArrayList<>();
    List<Long> end = new ArrayList<>();
    Map<String, int[]> classes = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    int found = 0;
    for (Label l : labels) {
      StoredEvent best = null;
      long bestOverlap = 0;
      for (StoredEvent e : left) {
        long overlap = Math.min(l.until(), e.until()) - Math.max(l.start(), e.start());
        if (l.matches(e) && overlap > bestOverlap) {
          best = e;
          bestOverlap = overlap;
        }
      }
      if (best == null) {
        problems.add("missed " + l.entity() + " " + Times.iso(l.start()));
        continue;
      }
      left.remove(best);
      found++;
      long on = Math.abs(best.start() - l.start());
      onset.add(on);
      Long endError =
          l.end() == null && best.end() == null
              ? Long.valueOf(0)
              : l.end() == null || best.end() == null ? null : Math.abs(best.end() - l.end());
      if (endError != null) {
        end.add(endError);
      }
      if (on > tol) {
        problems.add(
            l.entity()
                + " starts "
                + Times.iso(best.start())
                + ", labelled "
                + Times.iso(l.start()));
      }
      if (endError == null || endError > tol) {
        problems.add(
            l.entity()
                + " ends "
                + (best.end() == null ? "ongoing" : Times.iso(best.end()))
                + ", labelled "
                + (l.end() == null ? "ongoing" : Times.iso(l.end())));
      }
      for (Map.Entry<String, String> c : l.classes().entrySet()) {
        String actual = value(best, c.getKey());
        String expected = c.getValue().equals("none") ? null : c.getValue();
        int[] tally = classes.computeIfAbsent(c.getKey(), k -> new int[2]);
        tally[1]++;
        if (expected == null ? actual == null : expected.equals(actual)) {
          tally[0]++;
        } else {
          problems.add(
              l.entity()
                  + " "
                  + Times.iso(l.start())
                  + ": "
                  + c.getKey()
                  + " "
                  + (actual == null ? "none" : actual)
                  + ", labelled "
                  + c.getValue());
        }
      }
    }
    for (StoredEvent e : left) {
      problems.add("false event " + e.entity().key() + " " + Times.iso(e.start()) + " " + e.kind());
    }
    return new CaseResult(
        name,
        description,
        null,
        labels.size(),
        events.size(),
        found,
        onset,
        end,
        classes,
        problems,
        problems.isEmpty());
  }

  private static String value(StoredEvent e, String cls) {
    return switch (cls) {
      case "kind" -> e.kind();
      case "scope" -> e.scope();
      case "mechanism" -> e.mechanism();
      case "pattern" -> e.pattern();
      case "restoration" -> e.restoration();
      default -> throw new IllegalArgumentException("no class " + cls);
    };
  }

  /** Sums over the cases that ran. */
  record Totals(
      int cases,
      int ok,
      int skipped,
      int labels,
      int events,
      int found,
      double meanOnset,
      long maxOnset,
      double meanEnd,
      long maxEnd,
      Map<String, int[]> classes) {

    double precision() {
      return events == 0 ? 1 : (double) found / events;
    }

    double recall() {
      return labels == 0 ? 1 : (double) found / labels;
    }

    ObjectNode json(ObjectMapper m) {
      ObjectNode o = m.createObjectNode();
      o.put("cases", cases);
      o.put("ok", ok);
      o.put("skipped", skipped);
      o.put("labels", labels);
      o.put("events", events);
      o.put("true_positives", found);
      o.put("precision", Math.round(precision() * 1000) / 1000.0);
      o.put("recall", Math.round(recall() * 1000) / 1000.0);
      o.put("onset_error_mean_seconds", Math.round(meanOnset));
      o.put("onset_error_max_seconds", maxOnset);
      o.put("end_error_mean_seconds", Math.round(meanEnd));
      o.put("end_error_max_seconds", maxEnd);
      ObjectNode cl = o.putObject("class_accuracy");
      classes.forEach(
          (k, v) -> {
            ObjectNode c = cl.putObject(k);
            c.put("correct", v[0]);
            c.put("scored", v[1]);
          });
      return o;
    }
  }

  static Totals totals(List<CaseResult> results) {
    int ok = 0;
    int skipped = 0;
    int labels = 0;
    int events = 0;
    int found = 0;
    long sumOn = 0;
    long maxOn = 0;
    long sumEnd = 0;
    long maxEnd = 0;
    int nOn = 0;
    int nEnd = 0;
    Map<String, int[]> classes = new LinkedHashMap<>();
    for (String c : CLASSES) {
      classes.put(c, new int[2]);
    }
    for (CaseResult r : results) {
      if (r.skipped() != null) {
        skipped++;
        continue;
      }
      ok += r.ok() ? 1 : 0;
      labels += r.labels();
      events += r.events();
      found += r.found();
      for (long e : r.onsetErrors()) {
        sumOn += e;
        maxOn = Math.max(maxOn, e);
        nOn++;
      }
      for (long e : r.endErrors()) {
        sumEnd += e;
        maxEnd = Math.max(maxEnd, e);
        nEnd++;
      }
      r.classes()
          .forEach(
              (k, v) -> {
                classes.get(k)[0] += v[0];
                classes.get(k)[1] += v[1];
              });
    }
    return new Totals(
        results.size(),
        ok,
        skipped,
        labels,
        events,
        found,
        nOn == 0 ? 0 : (double) sumOn / nOn,
        maxOn,
        nEnd == 0 ? 0 : (double) sumEnd / nEnd,
        maxEnd,
        classes);
  }

  /** The table {@code vigil eval} prints, with each failed case's problems under it. */
  static void table(List<CaseResult> results, Totals t, List<String> baselines, PrintWriter out) {
    out.println(
        "baseline: "
            + (baselines.isEmpty() ? "moving-median (default)" : String.join(", ", baselines)));
    String fmt = "%-30s %6s %6s %4s %4s %4s %9s %9s %9s  %s%n";
    out.printf(
        Locale.ROOT,
        fmt,
        "CASE",
        "LABELS",
        "EVENTS",
        "TP",
        "FP",
        "FN",
        "ONSET(m)",
        "END(m)",
        "CLASSES",
        "RESULT");
    for (CaseResult r : results) {
      if (r.skipped() != null) {
        out.printf(Locale.ROOT, "%-30s %s%n", r.name(), "skipped: " + r.skipped());
        continue;
      }
      int correct = 0;
      int scored = 0;
      for (int[] v : r.classes().values()) {
        correct += v[0];
        scored += v[1];
      }
      out.printf(
          Locale.ROOT,
          fmt,
          r.name(),
          r.labels(),
          r.events(),
          r.found(),
          r.falseEvents(),
          r.missed(),
          max(r.onsetErrors()),
          max(r.endErrors()),
          scored == 0 ? "-" : correct + "/" + scored,
          r.ok() ? "ok" : "FAIL");
      for (String p : r.problems()) {
        out.println("    " + p);
      }
    }
    out.printf(
        Locale.ROOT,
        "%d of %d cases ok%s; precision %.2f, recall %.2f; onset error mean %.0f min (max %d),"
            + " end error mean %.0f min (max %d)%n",
        t.ok(),
        t.cases() - t.skipped(),
        t.skipped() == 0 ? "" : " (" + t.skipped() + " skipped)",
        t.precision(),
        t.recall(),
        t.meanOnset() / 60,
        Math.round(t.maxOnset() / 60.0),
        t.meanEnd() / 60,
        Math.round(t.maxEnd() / 60.0));
    List<String> acc = new ArrayList<>();
    t.classes()
        .forEach(
            (k, v) -> {
              if (v[1] > 0) {
                acc.add(k + " " + v[0] + "/" + v[1]);
              }
            });
    out.println("class accuracy: " + String.join(", ", acc));
  }

  private static String max(List<Long> errors) {
    long m = -1;
    for (long e : errors) {
      m = Math.max(m, e);
    }
    return m < 0 ? "-" : Long.toString(Math.round(m / 60.0));
  }
}
