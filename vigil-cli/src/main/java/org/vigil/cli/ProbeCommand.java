// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.vigil.core.EntityRegistry;
import org.vigil.core.Sha256;
import org.vigil.core.Times;
import org.vigil.probe.BlockState;
import org.vigil.probe.Discovery;
import org.vigil.probe.Ipv4Prefix;
import org.vigil.probe.PrefixEntityTable;
import org.vigil.probe.ProbeEngineException;
import org.vigil.probe.ProbeSignalAggregator;
import org.vigil.probe.Prober;
import org.vigil.probe.ProberConfig;
import org.vigil.probe.Problem;
import org.vigil.probe.RoundResult;
import org.vigil.probe.ScamperEngine;
import org.vigil.probe.TargetList;
import org.vigil.series.SeriesImportSpec;
import org.vigil.store.InputFile;
import org.vigil.store.SignalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil probe}: Trinocular-style active probing of /24 blocks through scamper. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Probe /24 address blocks through scamper and infer whether each is up or down.",
    footer = {
      "",
      "Examples:",
      "  vigil probe discover 198.18.1.0/24 198.18.2.0/24 --out targets.txt",
      "  vigil probe run --targets targets.txt --entities prefixes.csv --rounds 6"
    },
    subcommands = {ProbeCommand.Run.class, ProbeCommand.Discover.class})
final class ProbeCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Duration duration(String option, String text) {
    try {
      return SeriesImportSpec.parseStep(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad " + option + " '" + text + "': give a duration such as 10m, 60s or PT10M");
    }
  }

  /**
   * Starts scamper; each unreadable record it writes is printed as a warning and skipped (its probe
   * is left without a record: missing data).
   */
  static ScamperEngine scamper(ScamperEngine.Options options, PrintWriter err) {
    Consumer<Problem> skipped =
        p -> {
          err.println("vigil: warning: " + p + " (record skipped)");
          err.flush();
        };
    try {
      return ScamperEngine.start(options, InstantSource.system(), skipped);
    } catch (ProbeEngineException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static PrefixEntityTable entities(Path file, PrintWriter err) throws IOException {
    EntityRegistry registry = EntityRegistry.load();
    return PrefixEntityTable.read(
        file, registry::parse, p -> err.println("vigil: warning: " + p + " (line skipped)"));
  }

  /** {@code vigil probe run}: rounds of probing; each round's signals go into the store. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Probe the target blocks in rounds through scamper and store probe.up_slash24,"
            + " probe.down_slash24 and probe.uncertain_slash24 per entity after every round.",
        "",
        "Needs scamper (Debian package scamper) and the right to send ICMP (root or"
            + " CAP_NET_RAW). Beliefs are saved after every round, so a restart resumes. The store"
            + " is opened only to write each round, so 'vigil detect' can run in between."
      },
      footer = {
        "",
        "Examples:",
        "  vigil probe run --targets targets.txt --entities prefixes.csv",
        "  vigil probe run --targets targets.txt --entities prefixes.csv --rate 500 --round 5m"
            + " --rounds 12",
        "  vigil probe run --targets targets.txt --entities prefixes.csv \\",
        "      --round 5s --timeout 1 --rounds 9    (a short test run: see vigil detect --help)",
        "",
        "prefixes.csv maps prefixes to entities, one per line: 198.18.1.0/24,country/KZ"
      })
  static final class Run implements Callable<Integer> {
    @Mixin DataOptions data;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--targets",
        required = true,
        paramLabel = "FILE",
        description =
            "Hitlist: an address per line, or address,score (from 'vigil probe discover').")
    Path targets;

    @Option(
        names = "--entities",
        required = true,
        paramLabel = "FILE",
        description = "prefix,entity lines mapping blocks to countries, regions and networks.")
    Path entities;

    @Option(
        names = "--rate",
        paramLabel = "PPS",
        defaultValue = "100",
        description = "Global limit in packets per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
        names = "--round",
        paramLabel = "DURATION",
        defaultValue = "10m",
        description = "Round length (default: ${DEFAULT-VALUE}, as IODA).")
    String round;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "3",
        description =
            "How long a probe waits for its reply, whole seconds (default: ${DEFAULT-VALUE}, as"
                + " IODA). Periodic probes are spread over the first 90 %% of a round, less when"
                + " a short round needs room after them for two adaptive probes and the last"
                + " reply.")
    int timeout;

    @Option(
        names = "--rounds",
        paramLabel = "N",
        defaultValue = "0",
        description = "Rounds to run; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
        names = "--state",
        paramLabel = "FILE",
        description = "Belief state file (default: DATA/probe/state.bin).")
    Path state;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      TargetList list =
          TargetList.read(targets, p -> err.println("vigil: warning: " + p + " (line skipped)"));
      PrefixEntityTable table = entities(entities, err);
      ProberConfig config = config(duration("--round", round));
      Path stateFile = state != null ? state : data.dir().resolve("probe").resolve("state.bin");
      Files.createDirectories(stateFile.toAbsolutePath().getParent());
      String targetsSha = Sha256.of(targets);
      ProbeSignalAggregator signals = ProbeSignalAggregator.create(list, table);
      try (ScamperEngine engine = scamper(ScamperEngine.Options.of(config), err)) {
        Prober prober = Prober.create(list, engine, InstantSource.system(), config);
        if (Files.isRegularFile(stateFile)) {
          int restored = prober.loadState(stateFile);
          out.printf("resumed the beliefs of %d blocks from %s%n", restored, stateFile);
        }
        out.printf(
            "probing %d blocks at up to %d packets/s in rounds of %s%n", list.size(), rate, round);
        out.flush();
        prober.run(
            rounds,
            r -> {
              store(r, signals, targetsSha);
              prober.saveState(stateFile);
              RoundResult.Counts c = r.counts();
              out.printf(
                  "round %s: %d up, %d down, %d uncertain, %d missing; %d probes, %d replies,"
                      + " %d without record%s%n",
                  Times.iso(r.start()),
                  r.count(BlockState.UP),
                  r.count(BlockState.DOWN),
                  r.count(BlockState.UNCERTAIN),
                  r.count(BlockState.MISSING),
                  c.sent(),
                  c.replies(),
                  c.noRecord(),
                  r.complete() ? "" : " (incomplete: scamper failed; stored as missing data)");
              out.flush();
            });
      }
      return 0;
    }

    /**
     * IODA's settings at this rate, round and timeout. The periodic probes take the first 90 % of a
     * round, less when a short round needs the room: after the last periodic probe there must be
     * time for two adaptive probes (each may wait out the timeout) and for the last one's timeout
     * and grace. The grace is the timeout, at most 2 s.
     */
    ProberConfig config(Duration roundLength) {
      ProberConfig c =
          ProberConfig.defaults().withRate(rate).withRound(roundLength).withProbeTimeout(timeout);
      c = c.withGrace(Duration.ofSeconds(Math.min(c.grace().toSeconds(), timeout)));
      long tail = 3L * timeout + c.grace().toSeconds();
      double room = Math.floor(100.0 * (roundLength.toSeconds() - tail) / roundLength.toSeconds());
      if (room < 10) {
        throw new IllegalArgumentException(
            String.format(
                "a round of %s is too short for a %d s timeout: after the periodic probes it needs"
                    + " %d s for two adaptive probes and the last reply; use --round %ds or"
                    + " longer, or a shorter --timeout",
                round, timeout, tail, (long) Math.ceil(tail / 0.9)));
      }
      return c.withPeriodicSpread(Math.min(c.periodicSpread(), room / 100));
    }

    /** One round is one catalogued input: its signals, with the target list as its source. */
    private void store(RoundResult r, ProbeSignalAggregator signals, String targetsSha) {
      String sha = Sha256.of("probe round " + r.start() + " " + targetsSha);
      InputFile input =
          new InputFile(
              0,
              sha,
              0,
              "probe/round",
              "probe run rate=" + rate + " round=" + round,
              targets.toAbsolutePath().normalize().toString(),
              null,
              r.counts().sent(),
              "round of " + r.lengthSeconds() + " s from " + Times.iso(r.start()));
      try (SignalStore store = data.open()) {
        store.ingestSeries(input, signals.series(r));
      }
    }
  }

  /** {@code vigil probe discover}: finds the responsive addresses of prefixes. */
  @Command(
      name = "discover",
      mixinStandardHelpOptions = true,
      description = {
        "Scan prefixes for responsive addresses and write a target list with each block's"
            + " ever-responsive addresses E(b) and availability A(E(b)).",
        "",
        "Only blocks with at least 15 responsive addresses and A(E(b)) of 0.1 or more can be"
            + " probed (IODA's rule). Needs scamper and the right to send ICMP."
      },
      footer = {
        "",
        "Example:",
        "  vigil probe discover 198.18.1.0/24 198.18.2.0/24 --out targets.txt --rate 200"
      })
  static final class Discover implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PREFIX", arity = "1..*", description = "IPv4 prefixes to scan.")
    List<String> prefixes;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Target list.")
    Path outFile;

    @Option(
        names = "--rate",
        paramLabel = "PPS",
        defaultValue = "100",
        description = "Packets per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Override
    public Integer call() throws IOException {
      List<Ipv4Prefix> parsed = new ArrayList<>();
      for (String p : prefixes) {
        parsed.add(Ipv4Prefix.parse(p));
      }
      Discovery.Options options = Discovery.Options.defaults(rate);
      long probes = 0;
      for (Ipv4Prefix p : parsed) {
        probes += p.size() * options.passes();
      }
      Discovery.Result r;
      try (ScamperEngine engine =
              scamper(
                  ScamperEngine.Options.defaults(rate, options.probeTimeoutSeconds()),
                  spec.commandLine().getErr());
          Progress progress = Progress.start("discover", probes)) {
        r = Discovery.scan(parsed, options, engine, InstantSource.system(), progress::update);
      }
      r.targets().write(outFile);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%s: %d probes to %d addresses, %d replies; %d blocks written%s%n",
          outFile,
          r.probes(),
          r.addresses(),
          r.replies(),
          r.targets().size(),
          r.engineRestarts() > 0 ? " (scamper restarted " + r.engineRestarts() + " times)" : "");
      return 0;
    }
  }
}
