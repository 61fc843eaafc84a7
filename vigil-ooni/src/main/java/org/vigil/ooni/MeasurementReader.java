// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.vigil.ooni.internal.ByteLines;
import org.vigil.ooni.internal.MeasurementAssembler;

/**
 * Reads OONI raw measurements: one JSON document (pretty-printed or not), JSON lines, or a JSON
 * array of measurements; gzip-compressed or not (recognised by the first bytes, not the name); a
 * file, a stream, or a directory tree laid out like OONI's public archive ({@code
 * raw/YYYYMMDD/HH/CC/testname/*.jsonl.gz}).
 *
 * <pre>{@code
 * ReadStats stats = MeasurementReader.create().read(Path.of("raw/20220104"), new MeasurementSink() {
 *   public void measurement(Measurement m) { ... }
 *   public void problem(Problem p) { System.err.println(p); }
 * });
 * }</pre>
 *
 * <p>The input streams: lines are parsed where they lie in the read buffer, one measurement tree at
 * a time (without the parts no verdict needs, see {@link Measurement}), and handed to the sink; a
 * file is never held whole, and a top-level array is handed on element by element.
 *
 * <p>Bad input does not stop the reading. Each measurement is expected to start on a new line (as
 * in JSON lines, and as a document starts the file). A line that is not JSON is reported with its
 * number and skipped. A value that continues past its line is followed onto the next lines (a
 * pretty-printed document); if it then breaks, the problem is reported at the line where it began,
 * the lines it swallowed that are complete JSON objects on their own (starting in the first column)
 * are still read, and reading resumes at the line that broke it. So a truncated or garbled line in
 * a JSON lines file costs that line only. Corrupt or truncated gzip data ends that file with a
 * problem; measurements before it are kept.
 */
public final class MeasurementReader {
  /** File names read when walking a directory. */
  private static final List<String> SUFFIXES =
      List.of(".jsonl.gz", ".json.gz", ".ndjson.gz", ".jsonl", ".json", ".ndjson");

  // Lines kept for recovery while following a value over several lines (see readStream).
  private static final int RECOVERY_LIMIT_BYTES = 16 << 20;

  private final JsonFactory factory;

  /**
   * Offered each line that starts a value, before it is parsed; takes it by returning true, as
   * exactly one measurement that it handled itself, so the reader neither parses nor reports it.
   */
  interface LineTaker {
    boolean take(String source, long line, byte[] bytes, int start, int end);
  }

  private MeasurementReader(JsonFactory factory) {
    this.factory = factory;
  }

  /** A reader with the default limits. */
  public static MeasurementReader create() {
    JsonFactory factory =
        JsonFactory.builder()
            // Measurements "of any size": HTTP bodies are strings, and may be long.
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            // Untrusted input may bring many distinct keys; canonicalise, but do not intern.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    return new MeasurementReader(factory);
  }

  /**
   * Reads a file, or every measurement file under a directory ({@code .json}, {@code .jsonl},
   * {@code .ndjson}, each optionally {@code .gz}), in path order; other files there are reported as
   * {@link Problem.Kind#SKIPPED_FILE} and files that cannot be read as {@link
   * Problem.Kind#IO_ERROR}.
   *
   * @throws IOException if {@code path} itself cannot be opened or walked
   */
  public ReadStats read(Path path, MeasurementSink sink) throws IOException {
    return read(path, sink, null);
  }

  /** {@link #read(Path, MeasurementSink)}, offering lines to {@code taker} first. */
  ReadStats read(Path path, MeasurementSink sink, LineTaker taker) throws IOException {
    Objects.requireNonNull(sink, "sink");
    if (!Files.isDirectory(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return read(in, path.toString(), sink, taker);
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a directory that cannot be listed
    }
    ReadStats total = new ReadStats(0, 0, 0, 0, 0);
    for (Path file : files) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (SUFFIXES.stream().noneMatch(name::endsWith)) {
        sink.problem(
            new Problem(
                file.toString(),
                0,
                Problem.Kind.SKIPPED_FILE,
                "not a measurement file (.json, .jsonl or .ndjson, optionally .gz)"));
        total = total.plus(new ReadStats(0, 0, 0, 0, 1));
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        total = total.plus(read(in, file.toString(), sink, taker));
      } catch (IOException e) {
        sink.problem(new Problem(file.toString(), 0, Problem.Kind.IO_ERROR, "cannot read: " + e));
        total = total.plus(new ReadStats(1, 0, 0, 0, 1));
      }
    }
    return total;
  }

  /**
   * Reads one stream; {@code source} names it in measurements and problems. The stream is not
   * closed.
   *
   * @throws IOException if the stream cannot be read (corrupt gzip data is a problem, not this)
   */
  public ReadStats read(InputStream in, String source, MeasurementSink sink) throws IOException {
    return read(in, source, sink, null);
  }

  /** {@link #read(InputStream, String, MeasurementSink)}, offering lines to {@code taker} first. */
  ReadStats read(InputStream in, String source, MeasurementSink sink, LineTaker taker)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sink, "sink");
    return new Run(source, sink, taker).read(in);
  }

  /** The state of reading one stream. */
  private final class Run implements MeasurementAssembler.Emitter {
    private final String source;
    private final MeasurementSink sink;
    private final LineTaker taker;
    private final MeasurementAssembler assembler = new MeasurementAssembler(this);
    private long lines;
    private long blank;
    private long measurements;
    private long problems;

    // A value followed over several lines, with a non-blocking parser.
    private JsonParser multi;
    private long multiStart;
    private long multiFed;
    private final List<byte[]> recovery = new ArrayList<>();
    private final List<Long> recoveryLines = new ArrayList<>();
    private long recoveryBytes;
    private final Set<Long> emittedLines = new HashSet<>();

    // While a line is parsed on its own, what it yields waits here: if the line turns out to
    // continue on the next lines, it is parsed again from its start and must not yield twice.
    private boolean holding;
    private final List<Held> held = new ArrayList<>();

    private record Held(ObjectNode json, long line, String notAMeasurement) {}

    Run(String source, MeasurementSink sink, LineTaker taker) {
      this.source = source;
      this.sink = sink;
      this.taker = taker;
    }

    @Override
    public void measurement(ObjectNode json, long line) {
      if (holding) {
        held.add(new Held(json, line, null));
        return;
      }
      if (multi != null) {
        emittedLines.add(line);
      }
      measurements++;
      sink.measurement(new Measurement(source, line, json));
    }

    @Override
    public void notAMeasurement(String what, long line) {
      if (holding) {
        held.add(new Held(null, line, what));
        return;
      }
      problem(line, Problem.Kind.NOT_A_MEASUREMENT, "expected a measurement object, found " + what);
    }

    /**
     * Passes on what a line yielded: everything when the line was sound; only the measurements when
     * it broke (it is reported as one bad line); nothing when it continues on later lines.
     */
    private void release(boolean sound, boolean continues) {
      holding = false;
      if (held.isEmpty()) {
        return;
      }
      List<Held> items = List.copyOf(held);
      held.clear();
      if (continues) {
        return;
      }
      for (Held h : items) {
        if (h.json() != null) {
          measurement(h.json(), h.line());
        } else if (sound) {
          notAMeasurement(h.notAMeasurement(), h.line());
        }
      }
    }

    private void problem(long line, Problem.Kind kind, String message) {
      problems++;
      sink.problem(new Problem(source, line, kind, message));
    }

    ReadStats read(InputStream raw) throws IOException {
      ByteLines text;
      try {
        text = new ByteLines(decompressed(raw), 1 << 16);
        while (text.next()) {
          lines++;
          line(text);
        }
        if (multi != null) {
          endMulti(text.number());
        }
      } catch (ZipException | EOFException e) {
        // Only the inflater raises these: the lines read so far were sound, but a value still
        // open is cut off.
        if (multi != null) {
          long begun = multiStart;
          closeMulti();
          problem(begun, Problem.Kind.TRUNCATED, "JSON value cut off by the end of the data");
          recover(Long.MAX_VALUE);
        }
        problem(
            lines,
            Problem.Kind.IO_ERROR,
            "corrupt or truncated gzip data after line " + lines + ": " + e.getMessage());
      }
      return new ReadStats(1, lines, blank, measurements, problems);
    }

    private InputStream decompressed(InputStream raw) throws IOException {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new GZIPInputStream(in, 1 << 16);
      }
      return in;
    }

    private void line(ByteLines text) throws IOException {
      boolean again;
      do {
        again = false;
        if (multi == null) {
          if (text.blank()) {
            blank++;
            return;
          }
          singleLine(text);
        } else {
          again = continueMulti(text);
        }
      } while (again);
    }

    /** Parses a line as a whole value; starts following it over lines if it continues. */
    private void singleLine(ByteLines text) throws IOException {
      byte[] buf = text.buffer();
      int start = text.start();
      long n = text.number();
      int length = text.end() - start;
      if (taker != null && taker.take(source, n, buf, start, text.end())) {
        measurements++;
        return;
      }
      assembler.reset();
      holding = true;
      JsonParser p = factory.createParser(buf, start, length);
      try {
        MeasurementAssembler.Status s = assembler.advance(p, n);
        release(true, false);
        if (s == MeasurementAssembler.Status.DONE) {
          trailing(p, n);
        } else {
          blank++; // no token at all (whitespace JSON allows but blank() does not know)
        }
      } catch (JacksonException e) {
        // Jackson reports the end of the input in several ways; what matters is whether the
        // line was read to its end. If so the value may go on past this line: follow it with a
        // non-blocking parser from its start, which tells a continuing value from a broken one.
        if (e instanceof JsonEOFException || p.currentLocation().getByteOffset() >= length) {
          release(false, true);
          assembler.reset();
          startMulti(text);
        } else {
          release(false, false);
          assembler.reset();
          problem(n, Problem.Kind.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        }
      } finally {
        p.close();
      }
    }

    private void trailing(JsonParser p, long n) throws IOException {
      try {
        if (p.nextToken() != null) {
          problem(n, Problem.Kind.NOT_JSON, "more than one JSON value on the line; rest skipped");
        }
      } catch (JacksonException e) {
        problem(n, Problem.Kind.NOT_JSON, "text after the JSON value: " + e.getOriginalMessage());
      }
    }

    private void startMulti(ByteLines text) throws IOException {
      multi = factory.createNonBlockingByteArrayParser();
      multiStart = text.number();
      multiFed = 0;
      recovery.clear();
      recoveryLines.clear();
      recoveryBytes = 0;
      emittedLines.clear();
      feed(text);
    }

    /**
     * Feeds the next line of a value followed over lines; returns true if this line must be read
     * again from scratch (the value broke on it, and it may start a value of its own).
     */
    private boolean continueMulti(ByteLines text) throws IOException {
      if (recoveryBytes < RECOVERY_LIMIT_BYTES) {
        byte[] copy = Arrays.copyOfRange(text.buffer(), text.start(), text.end());
        recovery.add(copy);
        recoveryLines.add(text.number());
        recoveryBytes += copy.length;
      }
      return feed(text);
    }

    private boolean feed(ByteLines text) throws IOException {
      long n = text.number();
      int from = text.start();
      int to = text.terminatedEnd();
      ((ByteArrayFeeder) multi.getNonBlockingInputFeeder()).feedInput(text.buffer(), from, to);
      try {
        MeasurementAssembler.Status s = assembler.advance(multi, n);
        if (s == MeasurementAssembler.Status.DONE) {
          // Whatever follows the value on this line must be blank.
          long consumed = multi.currentLocation().getByteOffset() - multiFed;
          for (int i = from + (int) consumed; i < to; i++) {
            byte b = text.buffer()[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
              problem(n, Problem.Kind.NOT_JSON, "text after the JSON value; rest of line skipped");
              break;
            }
          }
          closeMulti();
          return false;
        }
        multiFed += to - from;
        return false;
      } catch (JacksonException e) {
        long begun = multiStart;
        String message = e.getOriginalMessage();
        closeMulti();
        if (n == begun) {
          problem(n, Problem.Kind.NOT_JSON, "not JSON: " + message);
          return false;
        }
        problem(
            begun,
            Problem.Kind.NOT_JSON,
            "JSON value from line " + begun + " broken on line " + n + ": " + message);
        recover(n);
        return true;
      }
    }

    /**
     * Reads the lines a broken value swallowed that are complete objects on their own (and were not
     * already read as elements of a top-level array).
     */
    private void recover(long brokenAt) throws IOException {
      for (int i = 0; i < recovery.size(); i++) {
        long n = recoveryLines.get(i);
        byte[] bytes = recovery.get(i);
        if (n >= brokenAt || bytes.length == 0 || bytes[0] != '{' || emittedLines.contains(n)) {
          continue;
        }
        assembler.reset();
        holding = true;
        try (JsonParser p = factory.createParser(bytes)) {
          boolean done = assembler.advance(p, n) == MeasurementAssembler.Status.DONE;
          done = done && p.nextToken() == null;
          release(done, !done);
        } catch (JacksonException e) {
          release(false, true); // part of the broken value after all
        }
      }
      recovery.clear();
      recoveryLines.clear();
      assembler.reset();
    }

    private void endMulti(long lastLine) throws IOException {
      ((ByteArrayFeeder) multi.getNonBlockingInputFeeder()).endOfInput();
      long begun = multiStart;
      try {
        MeasurementAssembler.Status s = assembler.advance(multi, lastLine);
        if (s == MeasurementAssembler.Status.DONE) {
          closeMulti();
          return;
        }
        closeMulti();
        problem(begun, Problem.Kind.TRUNCATED, "JSON value cut off by the end of the input");
      } catch (JacksonException e) {
        closeMulti();
        problem(
            begun,
            Problem.Kind.TRUNCATED,
            "JSON value cut off by the end of the input: " + e.getOriginalMessage());
      }
      recover(Long.MAX_VALUE);
    }

    private void closeMulti() throws IOException {
      if (multi != null) {
        multi.close();
        multi = null;
      }
      assembler.reset();
    }
  }
}
