// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.bgp.mrt.MrtDump;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil mrt}: tools for MRT routing archives (RFC 6396). */
@Command(
    name = "mrt",
    mixinStandardHelpOptions = true,
    description = "Read MRT routing archives (RIPE RIS, RouteViews).",
    footer = {"", "Example:", "  vigil mrt dump -m updates.20160811.1600.gz"},
    subcommands = {MrtCommand.Dump.class})
final class MrtCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil mrt dump}: prints exactly what Debian's bgpdump 1.6.2 prints. */
  @Command(
      name = "dump",
      mixinStandardHelpOptions = true,
      description = {
        "Print MRT records exactly as Debian's bgpdump 1.6.2 does, byte for byte.",
        "",
        "gzip, bzip2 and xz are recognised by their bytes. On a truncated or corrupt file every"
            + " complete record is printed first, then the file, byte offset and fault go to"
            + " standard error and the exit code is 1."
      },
      footer = {
        "",
        "Examples:",
        "  vigil mrt dump -m updates.20160811.1600.gz",
        "  vigil mrt dump -M bview.20220105.0800.gz > rib.txt",
        "  diff <(vigil mrt dump -m FILE) <(bgpdump -m FILE)"
      })
  static final class Dump implements Callable<Integer> {
    @ArgGroup(exclusive = true)
    Flags flags;

    static final class Flags {
      @Option(names = "-m", description = "One line per entry, with unix timestamps.")
      boolean oneLine;

      @Option(names = "-M", description = "One line per entry, with human-readable timestamps.")
      boolean oneLineHuman;
    }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "MRT files, in order.")
    List<Path> files;

    @Override
    public Integer call() {
      String flag = flags == null ? "" : flags.oneLine ? "-m" : flags.oneLineHuman ? "-M" : "";
      // bytes straight to standard output: the text must match bgpdump's byte for byte
      PrintStream out =
          new PrintStream(
              new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false);
      int code = MrtDump.dump(files, MrtDump.Mode.ofFlag(flag), out, System.err);
      out.flush();
      return code;
    }
  }
}
