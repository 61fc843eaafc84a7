// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A discovery scan: probes every address of the given prefixes a few times, at a rate limit, and
 * keeps per /24 block the ever-responsive addresses E(b) (those that answered at least once) and
 * A(E(b)), the mean reply rate of those addresses: the target list the prober works from. The
 * engine of {@code vigil probe discover}.
 *
 * <p>Addresses are visited in a scattered order (a stride coprime to the number of addresses) so
 * that consecutive probes go to different blocks. Probes without a record are counted, not taken
 * for silence; if the engine fails it is restarted and the scan goes on.
 *
 * <pre>{@code
 * try (ScamperEngine engine = ScamperEngine.start(ScamperEngine.Options.defaults(500, 2))) {
 *   Discovery.Result r = Discovery.scan(
 *       List.of(Ipv4Prefix.parse("198.18.1.0/24")), Discovery.Options.defaults(500),
 *       engine, InstantSource.system(), sent -> {});
 *   r.targets().write(Path.of("targets.csv"));
 * }
 * }</pre>
 */
public final class Discovery {
  private Discovery() {}

  private static final long CATCH_UP_NANOS = 1_000_000L;

  /** The largest scan: 2^26 addresses (a /6) per call. */
  public static final long MAX_ADDRESSES = 1L << 26;

  /**
   * How to scan.
   *
   * @param packetsPerSecond the rate limit
   * @param passes how many times each address is probed (1 to 255); A(E(b)) is measured over them
   * @param probeTimeoutSeconds how long the engine waits for a reply
   * @param grace how long after the timeout a probe without a record counts as missing
   */
  public record Options(int packetsPerSecond, int passes, int probeTimeoutSeconds, Duration grace) {
    public Options {
      if (packetsPerSecond < 1) {
        throw new IllegalArgumentException("the rate must be at least 1 probe per second");
      }
      if (passes < 1 || passes > 255) {
        throw new IllegalArgumentException("passes must be 1 to 255, got " + passes);
      }
      if (probeTimeoutSeconds < 1) {
        throw new IllegalArgumentException("the probe timeout must be at least 1 s");
      }
    }

    /** Three passes, a 2 s timeout and 2 s grace at this rate. */
    public static Options defaults(int packetsPerSecond) {
      return new Options(packetsPerSecond, 3, 2, Duration.ofSeconds(2));
    }

    public Options withPasses(int p) {
      return new Options(packetsPerSecond, p, probeTimeoutSeconds, grace);
    }

    public Options withProbeTimeout(int seconds) {
      return new Options(packetsPerSecond, passes, seconds, grace);
    }

    public Options withGrace(Duration d) {
      return new Options(packetsPerSecond, passes, probeTimeoutSeconds, d);
    }
  }

  /**
   * What a scan found.
   *
   * @param targets the blocks that answered, with E(b) and A(E(b)), eligible or not
   * @param addresses addresses scanned
   * @param probes probes sent
   * @param replies echo replies from the probed addresses
   * @param noRecord probes that got no record by their deadline
   * @param engineRestarts times the engine failed and was restarted
   * @param incidents what the failures were
   */
  public record Result(
      TargetList targets,
      long addresses,
      long probes,
      long replies,
      long noRecord,
      int engineRestarts,
      List<String> incidents) {}

  /**
   * Scans {@code prefixes}; {@code progress} hears the number of probes sent so far, every 1024.
   *
   * @throws IllegalArgumentException when the prefixes hold more than {@link #MAX_ADDRESSES}
   */
  public static Result scan(
      List<Ipv4Prefix> prefixes,
      Options options,
      ProbeEngine engine,
      InstantSource clock,
      LongConsumer progress) {
    long total = 0;
    long[] offsets = new long[prefixes.size() + 1];
    for (int i = 0; i < prefixes.size(); i++) {
      offsets[i] = total;
      total += prefixes.get(i).size();
    }
    offsets[prefixes.size()] = total;
    if (total > MAX_ADDRESSES) {
      throw new IllegalArgumentException(
          "the prefixes hold " + total + " addresses; scan at most " + MAX_ADDRESSES + " at once");
    }
    int n = (int) total;
    return new Scan(prefixes, offsets, n, options, engine, clock, progress).run();
  }

  private static final class Scan {
    private final List<Ipv4Prefix> prefixes;
    private final long[] offsets;
    private final int n;
    private final Options options;
    private final ProbeEngine engine;
    private final InstantSource clock;
    private final LongConsumer progress;
    private final byte[] replyCounts;
    private final InflightTable inflight;
    private final long expiry;
    private final List<String> incidents = new ArrayList<>();
    private long lastRecord;
    private int silentExpiries;
    private long probes;
    private long replies;
    private long noRecord;
    private int restarts;

    Scan(
        List<Ipv4Prefix> prefixes,
        long[] offsets,
        int n,
        Options options,
        ProbeEngine engine,
        InstantSource clock,
        LongConsumer progress) {
      this.prefixes = prefixes;
      this.offsets = offsets;
      this.n = n;
      this.options = options;
      this.engine = engine;
      this.clock = clock;
      this.progress = progress;
      this.replyCounts = new byte[n];
      this.expiry = options.probeTimeoutSeconds() * 1_000_000_000L + options.grace().toNanos();
      this.inflight =
          new InflightTable(
              (int)
                  Math.min(
                      1 << 20, (long) options.packetsPerSecond() * (expiry / 1_000_000_000L + 2)));
    }

    Result run() {
      long spacing = (1_000_000_000L + options.packetsPerSecond() - 1) / options.packetsPerSecond();
      long totalProbes = (long) n * options.passes();
      int stride = n == 0 ? 1 : stride(n);
      long sent = 0;
      long slot = Long.MIN_VALUE; // none yet
      lastRecord = now();
      while (sent < totalProbes || inflight.outstanding() > 0) {
        long now = now();
        try {
          // Slots are spaced by the rate; a late wake-up may catch up by at most one tick, so a
          // burst never holds more than a tick's worth (scamper's -p paces it on the wire).
          while (sent < totalProbes) {
            long next = slot == Long.MIN_VALUE ? now : slot + spacing;
            if (next > now) {
              break;
            }
            slot = Math.max(next, now - CATCH_UP_NANOS);
            int index = (int) ((sent % n) * stride % n);
            int address = address(index);
            int id = inflight.add(index, address, now, RoundScheduler.PERIODIC);
            engine.send(id, address);
            sent++;
            probes++;
            if ((sent & 1023) == 0) {
              progress.accept(sent);
            }
          }
          expire(now);
          long wake = sent < totalProbes ? slot + spacing : Long.MAX_VALUE;
          int oldest = inflight.oldest();
          if (oldest >= 0) {
            wake = Math.min(wake, inflight.sentNanos(oldest) + expiry);
          }
          if (wake == Long.MAX_VALUE) {
            break;
          }
          engine.poll(Math.max(wake, now), this::onResult);
        } catch (ProbeEngineException e) {
          incidents.add(Instant.ofEpochSecond(0, now) + ": " + e.getMessage());
          noRecord += inflight.outstanding();
          inflight.clear();
          restarts++;
          engine.restart();
          lastRecord = now();
          silentExpiries = 0;
        }
      }
      progress.accept(sent);
      TargetList.Builder b = TargetList.builder();
      for (int i = 0; i < n; i++) {
        if (replyCounts[i] != 0) {
          b.add(address(i), (double) (replyCounts[i] & 0xFF) / options.passes());
        }
      }
      return new Result(b.build(), n, probes, replies, noRecord, restarts, incidents);
    }

    private void onResult(int id, int address, boolean replied, int rtt) {
      lastRecord = now();
      silentExpiries = 0;
      int slot = inflight.find(id, address);
      if (slot < 0) {
        return;
      }
      int index = inflight.owner(slot);
      inflight.complete(slot);
      if (replied) {
        replies++;
        replyCounts[index]++;
      }
    }

    private void expire(long now) {
      int slot;
      while ((slot = inflight.oldest()) >= 0 && inflight.sentNanos(slot) + expiry <= now) {
        if (lastRecord < inflight.sentNanos(slot) && ++silentExpiries >= Prober.HANG_EXPIRIES) {
          throw new ProbeEngineException(
              "the engine wrote no record for "
                  + (now - lastRecord) / 1_000_000L
                  + " ms while probes were outstanding: hung");
        }
        noRecord++;
        inflight.complete(slot);
      }
    }

    private int address(int index) {
      int lo = 0;
      int hi = prefixes.size() - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (offsets[mid] <= index) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return prefixes.get(lo).address(index - offsets[lo]);
    }

    private long now() {
      Instant i = clock.instant();
      return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** A stride near n × 0.618 that shares no factor with n, so i × stride mod n visits all. */
    private static int stride(int n) {
      long s = Math.max(1, (long) (n * 0.6180339887));
      while (gcd(s, n) != 1) {
        s++;
      }
      return (int) s;
    }

    private static long gcd(long a, long b) {
      while (b != 0) {
        long t = a % b;
        a = b;
        b = t;
      }
      return a;
    }
  }
}
