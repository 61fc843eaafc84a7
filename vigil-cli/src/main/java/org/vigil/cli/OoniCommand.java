// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.ooni.OoniVerdicts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil ooni}: tools for OONI measurements. */
@Command(
    name = "ooni",
    mixinStandardHelpOptions = true,
    description = "Read OONI measurements and judge them as OONI's pipeline does.",
    footer = {"", "Example:", "  vigil ooni verdict 2022-01-04-kz.jsonl.gz"},
    subcommands = {OoniCommand.Verdict.class})
final class OoniCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil ooni verdict}: one JSON line per measurement, scored as OONI's fastpath does. */
  @Command(
      name = "verdict",
      mixinStandardHelpOptions = true,
      description = {
        "Print one JSON line per OONI measurement: anomaly, confirmed, failure and blocking type,"
            + " exactly as OONI's fastpath scores them.",
        "",
        "Reads one JSON document, JSON lines, gzip, or a directory laid out like OONI's archive"
            + " (raw/YYYYMMDD/HH/CC/testname/*.jsonl.gz). Problems are reported with file and line"
            + " and the rest is still printed."
      },
      footer = {
        "",
        "Examples:",
        "  vigil ooni verdict measurement.json",
        "  vigil ooni verdict --fingerprints ooni-fingerprints/ raw/20220104/",
        "  vigil ooni verdict kz.jsonl.gz | jq 'select(.anomaly)'"
      })
  static final class Verdict implements Callable<Integer> {
    @Option(
        names = "--fingerprints",
        paramLabel = "DIR",
        description =
            "Directory with OONI's fingerprints_dns.json and fingerprints_http.json"
                + " (default: env VIGIL_OONI_FINGERPRINTS).")
    Path fingerprints;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files or directories.")
    List<Path> inputs;

    @Override
    public Integer call() {
      PrintStream out =
          new PrintStream(
              new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
              false,
              StandardCharsets.UTF_8);
      int code = OoniVerdicts.verdicts(inputs, fingerprints, out, System.err);
      out.flush();
      return code;
    }
  }
}
