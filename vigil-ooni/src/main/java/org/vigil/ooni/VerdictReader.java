// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads measurement files and judges each measurement: {@link MeasurementReader} and {@link
 * FastpathScorer} together, with a fast way for the common case.
 *
 * <pre>{@code
 * VerdictReader reader = VerdictReader.of(FastpathScorer.of(FingerprintDatabase.load(dir)));
 * ReadStats stats = reader.read(Path.of("raw/20220104"), new VerdictSink() {
 *   public void verdict(Verdict v) { ... }
 *   public void problem(Problem p) { System.err.println(p); }
 * });
 * }</pre>
 *
 * <p>The verdicts, problems and counts are exactly those of reading with {@link MeasurementReader}
 * and scoring each {@link Measurement} with {@link FastpathScorer#score}. A JSON line holding one
 * ordinary {@code web_connectivity} measurement is judged straight from its bytes, without building
 * a tree (see {@code WebConnectivityLine}); every other line goes the general way. Thread-safe:
 * each call reads with its own state.
 */
public final class VerdictReader {
  private final FastpathScorer scorer;
  private final MeasurementReader reader = MeasurementReader.create();

  private VerdictReader(FastpathScorer scorer) {
    this.scorer = scorer;
  }

  /** A reader judging with {@code scorer}. */
  public static VerdictReader of(FastpathScorer scorer) {
    return new VerdictReader(Objects.requireNonNull(scorer, "scorer"));
  }

  /**
   * Reads a file or a directory tree, as {@link MeasurementReader#read(Path, MeasurementSink)}
   * does.
   *
   * @throws IOException if {@code path} itself cannot be opened or walked
   */
  public ReadStats read(Path path, VerdictSink sink) throws IOException {
    Run run = new Run(sink);
    return reader.read(path, run, run);
  }

  /**
   * Reads one stream; {@code source} names it in verdicts and problems. The stream is not closed.
   *
   * @throws IOException if the stream cannot be read
   */
  public ReadStats read(InputStream in, String source, VerdictSink sink) throws IOException {
    Run run = new Run(sink);
    return reader.read(in, source, run, run);
  }

  private final class Run implements MeasurementSink, MeasurementReader.LineTaker {
    private final VerdictSink sink;
    private final WebConnectivityLine fast = new WebConnectivityLine(scorer.fingerprints());

    Run(VerdictSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public boolean take(String source, long line, byte[] bytes, int start, int end) {
      Verdict v = fast.verdict(scorer, source, line, bytes, start, end);
      if (v == null) {
        return false;
      }
      sink.verdict(v);
      return true;
    }

    @Override
    public void measurement(Measurement m) {
      sink.verdict(scorer.score(m));
    }

    @Override
    public void problem(Problem p) {
      sink.problem(p);
    }
  }
}
