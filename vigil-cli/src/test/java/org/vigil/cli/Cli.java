// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the vigil command line in-process and captures what it prints. */
record Cli(int exit, String out, String err) {
  static Path shared(String relative) {
    return Path.of(System.getProperty("vigil.shared.data", "../../shared/data")).resolve(relative);
  }

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VigilCommand.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }
}
