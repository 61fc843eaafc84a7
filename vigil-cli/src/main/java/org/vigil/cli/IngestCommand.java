// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil ingest}: the parent of one sub-command per input kind. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Ingest measurement files into the store (each file all or nothing, once).",
    footer = {
      "",
      "Example:",
      "  vigil ingest series traffic.csv --signal traffic.requests --time-column time \\",
      "      --value-column requests --entity country/KZ"
    },
    subcommands = {
      IngestSeriesCommand.class,
      IngestProbesCommand.class,
      IngestOoniCommand.class,
      IngestMrtCommand.class
    })
final class IngestCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
