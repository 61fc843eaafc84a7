// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.vigil.core.InputFormatException;
import org.vigil.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vigil} command: turns network measurements into an evidence-backed timeline of
 * internet shutdowns.
 *
 * <pre>{@code
 * vigil ingest series traffic.csv --signal traffic.requests --time-column time \
 *     --value-column requests --entity country/KZ
 * vigil detect
 * vigil events --country KZ
 * }</pre>
 */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = {
      "Vigil: an open internet shutdown observatory.",
      "Ingests measurements, detects blackouts and outages, and lists them with their evidence.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  vigil demo                 run a small labelled example end to end",
      "  vigil ingest series FILE --signal traffic.requests --time-column time \\",
      "      --value-column value --entity country/KZ",
      "  vigil detect && vigil events --country KZ",
      "  vigil episodes --country KZ && vigil narrative --country KZ",
      "  vigil serve                the HTTP API at http://localhost:8080/v2/...",
      "  vigil mrt dump -m FILE     MRT routing data, printed as bgpdump prints it",
      "  vigil ooni verdict FILE    OONI measurements, judged as OONI's fastpath judges them",
      "",
      "Data lives in --data DIR (env VIGIL_DATA, default ./vigil-data)."
    },
    subcommands = {
      DemoCommand.class,
      IngestCommand.class,
      DetectCommand.class,
      EventsCommand.class,
      EpisodesCommand.class,
      NarrativeCommand.class,
      ContextCommand.class,
      EvalCommand.class,
      ServeCommand.class,
      MrtCommand.class,
      OoniCommand.class,
      ProbeCommand.class,
      FetchCommand.class,
      GeoCommand.class,
      NamesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VigilCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 ok, 1 failed, 2 bad usage). */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /** The configured command line, for tests that capture its output. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new VigilCommand());
    cl.setExecutionExceptionHandler(VigilCommand::handle);
    cl.setUsageHelpAutoWidth(true);
    return cl;
  }

  /** Known failures print one clear line, not a stack trace. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    if (e instanceof InputFormatException
        || e instanceof StoreException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof java.time.DateTimeException
        || e instanceof UncheckedIOException
        || e instanceof java.io.IOException) {
      String msg = e instanceof UncheckedIOException u ? u.getCause().toString() : e.getMessage();
      err.println(cl.getCommandSpec().qualifiedName() + ": error: " + msg);
      err.flush();
      return 1;
    }
    throw new RuntimeException(e);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = VigilCommand.class.getPackage().getImplementationVersion();
      return new String[] {"vigil " + (v == null ? "(development build)" : v)};
    }
  }
}
