// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.mrt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigil.bgp.mrt.internal.BgpdumpPrinter;
import org.vigil.bgp.mrt.internal.ByteSink;
import org.vigil.bgp.mrt.internal.RecordFramer;

/**
 * Prints MRT files exactly as Debian's {@code bgpdump} 1.6.2 does, so that anyone can diff Vigil's
 * reading of an archive against the tool researchers already trust: {@code vigil mrt dump [-m|-M]
 * FILE...}.
 *
 * <pre>{@code
 * int exit = MrtDump.dump(List.of(Path.of("updates.20160811.1600.gz")),
 *     MrtDump.Mode.ONE_LINE_UNIX_TIME, System.out, System.err);
 * }</pre>
 *
 * <p>Standard output is byte-identical to bgpdump's for the same file and flag, including bgpdump's
 * quirks (see {@code BgpdumpPrinter}). Standard error differs: bgpdump logs to syslog, this class
 * reports problems in one line each. Several files are printed one after the other, each starting
 * afresh, as if bgpdump had been run once per file.
 *
 * <p>Records bgpdump skips (RIB entries with no peer index table before them, message types it does
 * not know) are skipped and counted, and the count is reported on standard error. A file that ends
 * inside a record, or whose compressed data is cut or corrupt, or a record on which bgpdump itself
 * would abort, has every complete record before it printed, then the file, byte offset and problem
 * reported on standard error, and makes the exit code 1; the remaining files are still printed.
 *
 * <p>Deliberate differences: compression is recognised by its magic bytes rather than by the file
 * name's suffix, and concatenated gzip members and bzip2 streams are read to the end (bgpdump stops
 * after the first bzip2 stream).
 */
public final class MrtDump {
  private MrtDump() {}

  /** bgpdump's output modes. */
  public enum Mode {
    /** No flag: multi-line, human-readable. */
    MULTI_LINE("", BgpdumpPrinter.MULTI_LINE),
    /** {@code -m}: one line per route, Unix timestamps. */
    ONE_LINE_UNIX_TIME("-m", BgpdumpPrinter.ONE_LINE_UNIX),
    /** {@code -M}: one line per route, human-readable timestamps (and fewer fields). */
    ONE_LINE_HUMAN_TIME("-M", BgpdumpPrinter.ONE_LINE_HUMAN);

    private final String flag;
    private final int code;

    Mode(String flag, int code) {
      this.flag = flag;
      this.code = code;
    }

    /** bgpdump's command-line flag for this mode ({@code ""} for the default). */
    public String flag() {
      return flag;
    }

    /** The mode for a bgpdump flag: {@code ""} (or null), {@code "-m"} or {@code "-M"}. */
    public static Mode ofFlag(String flag) {
      for (Mode m : values()) {
        if (m.flag.equals(flag == null ? "" : flag)) {
          return m;
        }
      }
      throw new IllegalArgumentException("not a bgpdump output flag: " + flag);
    }
  }

  /** What one file's dump did. */
  public record Result(long records, long printed, Map<String, Long> skipped) {}

  private static final int FLUSH_AT = 1 << 16;

  /**
   * Dumps {@code files} in order to {@code out}.
   *
   * @return 0 if every file was read to its end, 1 if any could not be opened or was truncated or
   *     corrupt
   */
  public static int dump(List<Path> files, Mode mode, PrintStream out, PrintStream err) {
    Objects.requireNonNull(mode, "mode");
    int exit = 0;
    for (Path file : files) {
      String name = file.toString();
      try (InputStream raw = Files.newInputStream(file)) {
        Result r = dump(raw, name, mode, out);
        long skipped = r.skipped().values().stream().mapToLong(Long::longValue).sum();
        if (skipped > 0) {
          err.println(name + ": skipped " + skipped + " records as bgpdump does: " + r.skipped());
        }
      } catch (MrtFormatException e) {
        err.println(e.getMessage());
        exit = 1;
      } catch (NoSuchFileException e) {
        err.println(name + ": no such file");
        exit = 1;
      } catch (IOException e) {
        err.println(name + ": " + e.getMessage());
        exit = 1;
      }
    }
    out.flush();
    return exit;
  }

  /**
   * Dumps one possibly compressed stream to {@code out}; the stream is not closed.
   *
   * @throws MrtFormatException after writing every complete record, if the stream is truncated or
   *     corrupt or bgpdump would abort on a record
   * @throws IOException if reading or writing fails
   */
  public static Result dump(InputStream raw, String sourceName, Mode mode, OutputStream out)
      throws IOException {
    ByteSink sink = new ByteSink(FLUSH_AT * 2);
    BgpdumpPrinter printer = new BgpdumpPrinter(mode.code, sink);
    // Closing the decompressor (and its read-ahead thread) must not close the caller's stream.
    InputStream shielded =
        new FilterInputStream(raw) {
          @Override
          public void close() {}
        };
    long records = 0;
    long printed = 0;
    try (InputStream in = Compression.openMrt(shielded, sourceName)) {
      RecordFramer framer = new RecordFramer(in, sourceName, 1 << 20);
      while (framer.next()) {
        records++;
        if (BgpdumpPrinter.bgpdumpLength(framer) == 0) {
          throw new MrtFormatException(
              sourceName,
              framer.offset(),
              framer.offset() + 8,
              "invalid record length 0 (bgpdump stops reading here)");
        }
        int mark = sink.length();
        try {
          if (printer.process(framer)) {
            printed++;
          }
        } catch (BgpdumpPrinter.Abort a) {
          sink.truncate(mark);
          throw new MrtFormatException(
              sourceName,
              framer.offset(),
              framer.offsetOf(a.position()),
              a.getMessage()
                  + " in record of type "
                  + framer.type()
                  + " subtype "
                  + framer.subtype()
                  + " (bgpdump 1.6.2 aborts here)");
        }
        if (sink.length() >= FLUSH_AT) {
          sink.writeTo(out);
          if (out instanceof PrintStream && ((PrintStream) out).checkError()) {
            // A PrintStream swallows write errors: stop when the reader went away (| head).
            throw new IOException("the output was closed");
          }
        }
      }
    } finally {
      sink.writeTo(out);
      out.flush();
    }
    return new Result(
        records, printed, Collections.unmodifiableMap(new LinkedHashMap<>(printer.skipped())));
  }
}
