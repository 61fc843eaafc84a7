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
      description = "Data directory. Default: env VIGIL_DATA, else vigil-data.")
  Path data;

  Path dir() {
    if (data != null) {
      return data;
    }
    String env = System.getenv("VIGIL_DATA");
    return Path.of(env == null || env.isBlank() ? "vigil-data" : env);
  }

  /** Opens the store, creating it if needed: for commands that add data. */
  DuckDbSignalStore open() {
    return DuckDbSignalStore.open(dir());
  }

  /** Opens an existing store: a mistyped directory is an error, not an empty result. */
  DuckDbSignalStore openExisting() {
    if (!java.nio.file.Files.isRegularFile(dir().resolve(DuckDbSignalStore.FILE_NAME))) {
      throw new IllegalArgumentException(
          "no store in "
              + dir()
              + " (no "
              + DuckDbSignalStore.FILE_NAME
              + "): ingest data first ('vigil ingest series --help'), or point --data or"
              + " VIGIL_DATA at your data directory");
    }
    return open();
  }
}
