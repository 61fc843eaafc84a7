// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shared real MRT files (read from {@code -Dvigil.shared.data}, see its SOURCES.md; never
 * copied into the repository).
 */
final class TestData {
  private TestData() {}

  static Path root() {
    String dir = System.getProperty("vigil.shared.data", "../../shared/data");
    Path p = Path.of(dir);
    assumeTrue(Files.isDirectory(p), "shared data not found at " + p.toAbsolutePath());
    return p;
  }

  static Path file(String relative) {
    Path p = root().resolve(relative);
    assumeTrue(Files.isRegularFile(p), "missing shared data file " + p);
    return p;
  }

  /**
   * Every MRT file under {@code mrt-*}: all files except bgpdump's expected outputs ({@code
   * test_expect}), documentation, and the JSON and pyasn/asname side files that sit beside them.
   */
  static List<Path> mrtFiles() throws IOException {
    Path root = root();
    try (Stream<Path> dirs = Files.list(root)) {
      List<Path> mrtDirs =
          dirs.filter(d -> d.getFileName().toString().startsWith("mrt-") && Files.isDirectory(d))
              .collect(Collectors.toList());
      Stream<Path> all = Stream.empty();
      for (Path d : mrtDirs) {
        all =
            Stream.concat(
                all,
                Files.walk(d).filter(Files::isRegularFile).collect(Collectors.toList()).stream());
      }
      return all.filter(TestData::isMrt).sorted().collect(Collectors.toList());
    }
  }

  static boolean isMrt(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (p.toString().contains("test_expect")) {
      return false;
    }
    return !(name.endsWith(".md")
        || name.endsWith(".rst")
        || name.endsWith(".json")
        || name.endsWith(".json.gz")
        || name.endsWith(".dat.gz"));
  }

  /** The file decompressed (whatever its compression) into memory; for small files only. */
  static byte[] decompressed(Path p) throws IOException {
    try (InputStream in = Compression.open(Files.newInputStream(p))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] b = new byte[1 << 16];
      try {
        for (int n; (n = in.read(b)) > 0; ) {
          out.write(b, 0, n);
        }
      } catch (IOException truncated) {
        // the *_firstMB files are cut bzip2 streams: keep what decompressed
      }
      return out.toByteArray();
    }
  }

  /** Runs the dump of one file in memory: stdout bytes, or the exception. */
  static byte[] dump(Path p, MrtDump.Mode mode) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Files.newInputStream(p)) {
      MrtDump.dump(in, p.toString(), mode, out);
    } catch (MrtFormatException e) {
      // complete records were written before it; callers that care check separately
    }
    return out.toByteArray();
  }
}
