// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.nio.file.Path;
import org.vigil.store.duckdb.DuckDbSignalStore;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option every command shares. */
final class DataOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: env VIGIL_DATA, else ./vigil-data).")
  Path data;

  Path dir() {
    if (data != null) {
      return data;
    }
    String env = System.getenv("VIGIL_DATA");
    return Path.of(env == null || env.isBlank() ? "vigil-data" : env);
  }

  DuckDbSignalStore open() {
    return DuckDbSignalStore.open(dir());
  }
}
