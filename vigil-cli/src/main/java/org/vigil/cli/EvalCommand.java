// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vigil.store.EventQuery;
import org.vigil.store.SignalStore;
import org.vigil.store.StoredEvent;
import org.vigil.store.duckdb.DuckDbSignalStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil eval}: runs labelled cases through the ordinary ingest and detection and scores the
 * events against the labels.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Score detection and classification against labelled cases: onset and end error, precision"
          + " and recall of events, and the accuracy of each class (kind, scope, mechanism,"
          + " pattern, restoration).",
      "",
      "CASES is a directory of cases, or one case. A case is a directory with:",
      "  ingest.txt  one 'vigil ingest series' argument line per input (FILE first, relative to"
          + " the case; '#' lines are comments, the first one describes the case);",
      "  labels.csv  entity,start,end,kind,scope,mechanism,pattern,restoration: one row per"
          + " expected event (entity as TYPE/CODE, a region by code or name; times ISO-8601 UTC;"
          + " end empty while ongoing; a class left empty is not scored, 'none' expects no value);"
          + " only the header: a quiet case, where any event is a false one;",
      "  the series files ingest.txt names.",
      "Each case is ingested into a fresh store, detected with the given --baseline, and scored. A"
          + " case is 'ok' when every label is found (same entity, overlapping), no other event is,"
          + " every labelled class is right and start and end are within --tolerance. A case whose"
          + " input is missing is skipped."
    },
    footer = {
      "",
      "Examples:",
      "  vigil eval eval/cases",
      "  vigil eval eval/cases --baseline similar-days --format json",
      "  vigil eval eval/cases/curfew"
    })
final class EvalCommand implements Callable<Integer> {
  enum Format {
    table,
    json
  }

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "CASES", description = "A directory of cases, or one case.")
  Path cases;

  @Option(
      names = "--baseline",
      paramLabel = "[SIGNAL=]KIND",
      description = "As for 'vigil detect': moving-median (default) or similar-days; repeatable.")
  List<String> baselines = new ArrayList<>();

  @Option(
      names = "--tolerance",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "Largest start or end error of an ok case (default: ${DEFAULT-VALUE}).")
  String tolerance;

  @Option(
      names = "--format",
      paramLabel = "FMT",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException {
    long tol;
    try {
      tol = org.vigil.series.SeriesImportSpec.parseStep(tolerance).getSeconds();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad --tolerance '" + tolerance + "': give a duration such as 30m, 1h or PT2H");
    }
    List<Path> dirs = caseDirs(cases);
    List<EvalScore.CaseResult> results = new ArrayList<>();
    for (Path d : dirs) {
      results.add(run(d, tol));
    }
    PrintWriter out = spec.commandLine().getOut();
    EvalScore.Totals totals = EvalScore.totals(results);
    if (format == Format.json) {
      out.println(
          new ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(json(results, totals)));
    } else {
      EvalScore.table(results, totals, baselines, out);
    }
    out.flush();
    return 0;
  }

  /** The case directories: {@code dir} itself if it holds ingest.txt, else its subdirectories. */
  static List<Path> caseDirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "no such directory: " + dir + " (give a directory of cases, such as eval/cases)");
    }
    if (Files.isRegularFile(dir.resolve("ingest.txt"))) {
      return List.of(dir);
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> Files.isRegularFile(p.resolve("ingest.txt"))).forEach(out::add);
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "no cases in " + dir + ": a case is a directory with ingest.txt and labels.csv");
    }
    return out;
  }

  private EvalScore.CaseResult run(Path dir, long tolerance) throws IOException {
    String name = dir.getFileName().toString();
    List<String> lines = Files.readAllLines(dir.resolve("ingest.txt"), StandardCharsets.UTF_8);
    String description = "";
    List<List<String>> ingests = new ArrayList<>();
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("#")) {
        if (description.isEmpty()) {
          description = t.substring(1).trim();
        }
      } else if (!t.isEmpty()) {
        ingests.add(words(t));
      }
    }
    List<EvalScore.Label> labels = EvalScore.readLabels(dir.resolve("labels.csv"));
    for (List<String> args : ingests) {
      Path file = dir.resolve(args.get(0)).normalize();
      if (!Files.isRegularFile(file)) {
        return EvalScore.CaseResult.skipped(name, description, "input missing: " + file);
      }
    }
    Path data = Files.createTempDirectory("vigil-eval-");
    try {
      for (List<String> args : ingests) {
        List<String> cmd = new ArrayList<>(List.of("ingest", "series"));
        cmd.add(dir.resolve(args.get(0)).normalize().toString());
        cmd.addAll(args.subList(1, args.size()));
        cmd.addAll(List.of("--data", data.toString()));
        String failure = runQuietly(cmd);
        if (failure != null) {
          return EvalScore.CaseResult.skipped(name, description, "ingest failed: " + failure);
        }
      }
      List<String> detect = new ArrayList<>(List.of("detect", "--data", data.toString()));
      for (String b : baselines) {
        detect.addAll(List.of("--baseline", b));
      }
      String failure = runQuietly(detect);
      if (failure != null) {
        return EvalScore.CaseResult.skipped(name, description, "detect failed: " + failure);
      }
      List<StoredEvent> events;
      try (SignalStore store = DuckDbSignalStore.open(data)) {
        events = store.events(EventQuery.all());
      }
      return EvalScore.score(name, description, labels, events, tolerance);
    } finally {
      deleteTree(data);
    }
  }

  /** Runs a vigil command in this process; its error text, or null when it succeeded. */
  private static String runQuietly(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VigilCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args.toArray(new String[0]));
    return exit == 0 ? null : err.toString().trim();
  }

  /** Splits a line into words as a shell would: spaces separate, quotes group. */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || w.length() > 0) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed quote in: " + line);
    }
    if (any || w.length() > 0) {
      out.add(w.toString());
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode json(List<EvalScore.CaseResult> results, EvalScore.Totals totals) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    ArrayNode b = o.putArray("baseline");
    baselines.forEach(b::add);
    o.put("tolerance_seconds", org.vigil.series.SeriesImportSpec.parseStep(tolerance).getSeconds());
    ArrayNode cs = o.putArray("cases");
    for (EvalScore.CaseResult r : results) {
      cs.add(r.json(m));
    }
    o.set("totals", totals.json(m));
    return o;
  }
}
