// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.vigil.probe.internal.Ipv4;

/**
 * Probes through <a href="https://www.caida.org/catalog/software/scamper/">scamper</a>, CAIDA's
 * prober (Debian package {@code scamper}), run as a subprocess:
 *
 * <pre>
 * scamper -O cmdfile -O json -p PPS -f -
 * </pre>
 *
 * <p>Each probe is one command written to scamper's standard input as the round proceeds, {@code
 * ping -c 1 -o 1 -W TIMEOUT -U ID ADDRESS}, and each finished ping comes back as one JSON line on
 * its standard output, tagged with the probe's id in {@code userid}. Why this way, with Debian's
 * scamper 20211212: {@code -f -} with {@code -O cmdfile} reads whole commands from standard input
 * for as long as it stays open (the manual does not spell out {@code -}; {@code ScamperEngineIT}
 * checks it on Debian's build), so targets can be fed one at a time (unlike {@code -i}/{@code -I},
 * which take them on the command line up front); {@code -O json} writes each record to standard
 * output as soon as its ping ends, so no warts decoding and no control socket ({@code -P}/{@code
 * -U} with {@code attach} returns warts in uuencoded chunks) are needed; and one process per engine
 * makes a crash plain: its standard output ends. {@code -o 1} ends a ping at its first reply rather
 * than waiting out the timeout; {@code -W} takes whole seconds; {@code -p} is scamper's own rate
 * cap (at most 10,000), set to the prober's, so even a burst handed over at once leaves at the
 * rate.
 *
 * <p>A record counts as a reply only if it holds an ICMP echo reply from the probed address (see
 * {@link ScamperJsonReader}). A target scamper cannot route gets no record at all; the prober
 * treats it as missing data. An output line that is not a readable record is reported as a {@link
 * Problem} naming scamper's process and the line, and skipped (its probe, left without a record,
 * becomes missing data). If scamper exits, {@link #poll} throws and {@link #restart} starts a new
 * one; a hang (scamper alive but silent) is detected by the prober, which then restarts it.
 *
 * <pre>{@code
 * try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.defaults(1000, 3))) {
 *   engine.send(1, Ipv4Prefix.parse("127.0.0.1").network());
 *   engine.poll(deadline, (id, address, replied, rtt) -> ...);
 * }
 * }</pre>
 */
public final class ScamperEngine implements ProbeEngine {

  /**
   * How to run scamper.
   *
   * @param executable the scamper binary, normally {@code scamper} (found on the PATH)
   * @param packetsPerSecond scamper's rate cap ({@code -p}), 1 to 10,000
   * @param probeTimeoutSeconds how long a ping waits for its reply ({@code -W}), whole seconds
   */
  public record Options(String executable, int packetsPerSecond, int probeTimeoutSeconds) {
    public Options {
      if (packetsPerSecond < 1 || packetsPerSecond > 10_000) {
        throw new IllegalArgumentException(
            "scamper sends 1 to 10000 packets per second (-p), not "
                + packetsPerSecond
                + "; run several probers for more");
      }
      if (probeTimeoutSeconds < 1) {
        throw new IllegalArgumentException("scamper's -W takes whole seconds, at least 1");
      }
    }

    /** {@code scamper} from the PATH at this rate and timeout. */
    public static Options defaults(int packetsPerSecond, int probeTimeoutSeconds) {
      return new Options("scamper", packetsPerSecond, probeTimeoutSeconds);
    }

    /** Matching a prober's configuration. */
    public static Options of(ProberConfig config) {
      return defaults(config.packetsPerSecond(), config.probeTimeoutSeconds());
    }

    /** The command line. */
    public List<String> command() {
      return List.of(
          executable,
          "-O",
          "cmdfile",
          "-O",
          "json",
          "-p",
          Integer.toString(packetsPerSecond),
          "-f",
          "-");
    }
  }

  private record Result(int id, int address, boolean replied, int rttMicros) {}

  private record Exited(String why) {}

  private record Unreadable(Problem problem) {}

  private final Options options;
  private final InstantSource clock;
  private final Consumer<Problem> problems;
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
  private final StringBuilder command = new StringBuilder(64);
  private final List<Object> drained = new ArrayList<>();
  private Process process;
  private BufferedWriter stdin;
  private LinkedBlockingQueue<Object> results;
  private boolean failed;
  private int starts;

  private ScamperEngine(Options options, InstantSource clock, Consumer<Problem> problems) {
    this.options = options;
    this.clock = clock;
    this.problems = problems;
  }

  /**
   * Starts scamper; time is the system clock, and unreadable output lines are only counted ({@link
   * #malformedRecords()}).
   */
  public static ScamperEngine start(Options options) {
    return start(options, InstantSource.system(), p -> {});
  }

  /**
   * Starts scamper. {@code clock} is the clock the deadlines given to {@link #poll} refer to; it
   * must run in real time. Each output line that is not a readable record goes to {@code problems},
   * on the thread that calls {@link #poll}, and is skipped.
   *
   * @throws ProbeEngineException when scamper cannot be started
   */
  public static ScamperEngine start(
      Options options, InstantSource clock, Consumer<Problem> problems) {
    ScamperEngine e = new ScamperEngine(options, clock, problems);
    e.launch();
    return e;
  }

  private void launch() {
    Process p;
    try {
      p = new ProcessBuilder(options.command()).start();
    } catch (IOException e) {
      throw new ProbeEngineException(
          "cannot start "
              + options.executable()
              + " (install Debian's scamper package): "
              + e.getMessage(),
          e);
    }
    starts++;
    LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    Thread out = new Thread(() -> readRecords(p, queue), "scamper-" + p.pid() + "-out");
    out.setDaemon(true);
    Thread err = new Thread(() -> readErrors(p), "scamper-" + p.pid() + "-err");
    err.setDaemon(true);
    process = p;
    stdin =
        new BufferedWriter(
            new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII), 1 << 16);
    results = queue;
    failed = false;
    out.start();
    err.start();
  }

  private void readRecords(Process p, LinkedBlockingQueue<Object> queue) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String source = "scamper (pid " + p.pid() + ") output";
      long lineNo = 0;
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        ScamperJsonReader.Parsed parsed = ScamperJsonReader.parse(line);
        if (parsed instanceof ScamperJsonReader.Ping ping) {
          ScamperPing s = ping.ping();
          records.incrementAndGet();
          queue.add(new Result((int) s.userId(), s.destination(), s.replied(), s.rttMicros()));
        } else if (parsed instanceof ScamperJsonReader.Malformed m) {
          malformed.incrementAndGet();
          Problem problem = new Problem(source, lineNo, m.message());
          addStderr("unreadable record: " + problem);
          queue.add(new Unreadable(problem));
        }
      }
    } catch (IOException e) {
      addStderr("reading scamper's output: " + e.getMessage());
    }
    String why;
    try {
      p.waitFor(2, TimeUnit.SECONDS);
      why = p.isAlive() ? "closed its output" : "exited with status " + p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "closed its output";
    }
    queue.add(new Exited(why));
  }

  private void readErrors(Process p) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        addStderr(line);
      }
    } catch (IOException e) {
      // the process is gone; the output reader reports it
    }
  }

  private void addStderr(String line) {
    synchronized (stderrTail) {
      if (stderrTail.size() == 20) {
        stderrTail.removeFirst();
      }
      stderrTail.addLast(line);
    }
  }

  /** The last lines scamper wrote to its standard error (at most 20), oldest first. */
  public List<String> recentErrors() {
    synchronized (stderrTail) {
      return List.copyOf(stderrTail);
    }
  }

  /** The running scamper's process id, if one runs. */
  public OptionalLong pid() {
    Process p = process;
    return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
  }

  /** How many times scamper was started (1 + restarts). */
  public int starts() {
    return starts;
  }

  /** Ping records read so far, over all restarts. */
  public long records() {
    return records.get();
  }

  /** Output lines that were not readable records, over all restarts. */
  public long malformedRecords() {
    return malformed.get();
  }

  @Override
  public void send(int id, int address) {
    if (failed) {
      throw new ProbeEngineException("scamper has failed; restart it first");
    }
    command.setLength(0);
    command
        .append("ping -c 1 -o 1 -W ")
        .append(options.probeTimeoutSeconds())
        .append(" -U ")
        .append(Integer.toUnsignedString(id))
        .append(' ');
    Ipv4.append(command, address).append('\n');
    try {
      stdin.append(command);
    } catch (IOException e) {
      failed = true;
      throw new ProbeEngineException(describeFailure("cannot write to scamper: " + e.getMessage()));
    }
  }

  @Override
  public void poll(long deadlineNanos, ResultSink sink) {
    if (failed) {
      throw new ProbeEngineException("scamper has failed; restart it first");
    }
    try {
      stdin.flush();
    } catch (IOException e) {
      failed = true;
      throw new ProbeEngineException(describeFailure("cannot write to scamper: " + e.getMessage()));
    }
    Object first;
    long wait = deadlineNanos - nowNanos();
    try {
      first = wait > 0 ? results.poll(wait, TimeUnit.NANOSECONDS) : results.poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeEngineException("interrupted while waiting for scamper", e);
    }
    if (first == null) {
      return;
    }
    drained.clear();
    drained.add(first);
    results.drainTo(drained);
    for (Object o : drained) {
      if (o instanceof Result r) {
        sink.result(r.id(), r.address(), r.replied(), r.rttMicros());
      } else if (o instanceof Unreadable u) {
        problems.accept(u.problem());
      } else if (o instanceof Exited x) {
        failed = true;
        throw new ProbeEngineException(describeFailure("scamper " + x.why()));
      }
    }
  }

  private String describeFailure(String what) {
    List<String> err = recentErrors();
    return err.isEmpty() ? what : what + "; it said: " + String.join(" | ", err);
  }

  @Override
  public void restart() {
    kill();
    synchronized (stderrTail) {
      stderrTail.clear();
    }
    launch();
  }

  private void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // scamper is being killed anyway
    }
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * Closes scamper's input, lets it finish the pings in flight (at most the probe timeout) and
   * stops it.
   */
  @Override
  public void close() {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      stdin.close();
      if (!p.waitFor(options.probeTimeoutSeconds() + 2L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      p.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    process = null;
  }

  private long nowNanos() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Override
  public String toString() {
    return "ScamperEngine[" + String.join(" ", options.command()) + "]";
  }
}
