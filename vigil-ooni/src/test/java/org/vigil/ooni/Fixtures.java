// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Real OONI measurements and fingerprints from the shared data directory (system property {@code
 * vigil.shared.data}; see {@code ../shared/data/SOURCES.md}: {@code ooni/backend} at {@code
 * 32d8349d}, {@code fastpath/fastpath/tests/data/}, and the examples of {@code ooni/spec} at {@code
 * e8aafe45}), and helpers to read inputs built in tests.
 */
final class Fixtures {
  private Fixtures() {}

  private static FingerprintDatabase fingerprints;

  static Path shared() {
    return Path.of(System.getProperty("vigil.shared.data", "../../shared/data"));
  }

  static Path backendDir() {
    return shared().resolve("ooni-backend-fixtures");
  }

  static Path backend(String file) {
    return backendDir().resolve(file);
  }

  static Path spec(String file) {
    return shared().resolve("ooni-spec").resolve("derived").resolve(file);
  }

  static synchronized FingerprintDatabase fingerprints() {
    if (fingerprints == null) {
      try {
        fingerprints = FingerprintDatabase.load(backendDir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fingerprints;
  }

  static FastpathScorer scorer() {
    return FastpathScorer.of(fingerprints());
  }

  /** What a read delivered. */
  record Read(List<Measurement> measurements, List<Problem> problems, ReadStats stats) {}

  static Read read(Path path) {
    Collector c = new Collector();
    try {
      ReadStats stats = MeasurementReader.create().read(path, c);
      return new Read(c.measurements, c.problems, stats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Read read(String name, byte[] bytes) {
    Collector c = new Collector();
    try {
      ReadStats stats = MeasurementReader.create().read(new ByteArrayInputStream(bytes), name, c);
      return new Read(c.measurements, c.problems, stats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Read read(String name, String text) {
    return read(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The one measurement in a file. */
  static Measurement measurement(Path file) {
    Read r = read(file);
    if (r.measurements().size() != 1 || !r.problems().isEmpty()) {
      throw new IllegalStateException(file + ": " + r);
    }
    return r.measurements().get(0);
  }

  /** The one measurement in a JSON text. */
  static Measurement measurement(String json) {
    Read r = read("test.json", json);
    if (r.measurements().size() != 1 || !r.problems().isEmpty()) {
      throw new IllegalStateException(r.toString());
    }
    return r.measurements().get(0);
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static final class Collector implements MeasurementSink {
    final List<Measurement> measurements = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    @Override
    public void measurement(Measurement m) {
      measurements.add(m);
    }

    @Override
    public void problem(Problem p) {
      problems.add(p);
    }
  }
}
