// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.vigil.core.EntityRegistry;

/** Helpers for building inputs in tests. */
final class TestFiles {
  private TestFiles() {}

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static InputStream resource(String path) {
    InputStream in = TestFiles.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("no test resource " + path);
    }
    return in;
  }

  static ImportResult read(String name, String text, SeriesImportSpec spec, EntityRegistry r) {
    return read(name, text.getBytes(StandardCharsets.UTF_8), spec, r);
  }

  static ImportResult read(String name, byte[] bytes, SeriesImportSpec spec, EntityRegistry r) {
    try {
      return SeriesReader.read(new ByteArrayInputStream(bytes), name, spec, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
