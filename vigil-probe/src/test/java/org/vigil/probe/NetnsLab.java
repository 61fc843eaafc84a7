// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces joined to the root namespace by veth links, made with iproute2 for an
 * integration test, and removed again by {@link #close()} (also from a shutdown hook, should the
 * JVM be stopped): every namespace, link and route this lab adds, in reverse order.
 *
 * <p>Traffic never leaves the machine: the lab's first act is a blackhole route for the whole
 * benchmarking range 198.18.0.0/15 in the root namespace, so a probe to an address whose route is
 * gone is dropped here instead of going out through the default gateway (whose "unreachable"
 * answers scamper would record).
 *
 * <p>Labs share the root namespace's routes, so only one lab may be open on a machine at a time, in
 * any process: {@link #open} waits for a lock file ({@code /tmp/vigil-netns-lab.lock}) that {@link
 * #close} releases.
 *
 * <p>Shared, through vigil-probe's test jar, with the command-line tests of vigil-cli.
 *
 * <pre>{@code
 * try (NetnsLab lab = NetnsLab.open("42")) {       // adds the blackhole route first
 *   NetnsLab.Namespace a = lab.namespace("a", "198.19.254.1", "198.19.254.2", 20, "198.18.1.0");
 *   a.cut();                                       // a blackout of 198.18.1.0/24
 * }                                                // everything removed, also on failure
 * }</pre>
 */
public final class NetnsLab implements AutoCloseable {
  public static final String RANGE = "198.18.0.0/15";

  private static final Path LOCK =
      Path.of(System.getProperty("java.io.tmpdir"), "vigil-netns-lab.lock");
  private static final long LOCK_WAIT_SECONDS = 300;

  private final String tag;
  private FileChannel lockChannel;
  private FileLock lock;
  private final Deque<List<String>> undo = new ArrayDeque<>();
  private final Thread hook = new Thread(this::cleanUp, "netns-lab-cleanup");
  private int links;

  /** One namespace and its link to the root namespace. */
  public record Namespace(NetnsLab lab, String name, String rootSide, String nsSide) {
    /** Cuts the namespace off: its side of the link goes down (the root side keeps its route). */
    public void cut() {
      lab.run("ip", "-n", name, "link", "set", nsSide, "down");
    }

    public void restore() {
      lab.run("ip", "-n", name, "link", "set", nsSide, "up");
    }

    /** Makes every host in the namespace ignore echo requests, or answer them again. */
    public void silence(boolean on) {
      lab.run(
          "ip",
          "netns",
          "exec",
          name,
          "sh",
          "-c",
          "echo " + (on ? 1 : 0) + " > /proc/sys/net/ipv4/icmp_echo_ignore_all");
    }
  }

  private NetnsLab(String tag) {
    this.tag = tag;
  }

  /** Whether this machine lets us create a network namespace (root, iproute2, no sandbox). */
  public static String unavailableBecause() {
    String probe = "vigil-it-check-" + ProcessHandle.current().pid();
    try {
      Result add = exec(List.of("ip", "netns", "add", probe));
      if (add.status != 0) {
        return "cannot create a network namespace (ip netns add: " + add.output.strip() + ")";
      }
      exec(List.of("ip", "netns", "del", probe));
      return null;
    } catch (IOException e) {
      return "iproute2's ip is not available: " + e.getMessage();
    }
  }

  /**
   * A lab whose names carry {@code tag}; waits until no other lab is open, then adds the blackhole
   * route first.
   */
  public static NetnsLab open(String tag) {
    NetnsLab lab = new NetnsLab(tag);
    lab.lock();
    Runtime.getRuntime().addShutdownHook(lab.hook);
    try {
      lab.run("ip", "route", "add", "blackhole", RANGE, "metric", "9999");
      lab.undo.push(List.of("ip", "route", "del", "blackhole", RANGE, "metric", "9999"));
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  private void lock() {
    try {
      lockChannel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + LOCK_WAIT_SECONDS * 1_000_000_000L;
      while ((lock = lockChannel.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          lockChannel.close();
          throw new IllegalStateException(
              "another network-namespace test held " + LOCK + " for " + LOCK_WAIT_SECONDS + " s");
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot lock " + LOCK + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + LOCK, e);
    }
  }

  /**
   * A namespace linked to the root namespace by a /30 ({@code rootAddress}, {@code nsAddress}) with
   * {@code hosts} addresses .1 to .hosts of each /24 in {@code blocks} on its loopback, routed from
   * the root namespace through the link.
   */
  public Namespace namespace(
      String suffix, String rootAddress, String nsAddress, int hosts, String... blocks) {
    String ns = "vigil-it-" + tag + "-" + suffix;
    int n = links++;
    String rootSide = "vgl" + tag + "r" + n;
    String nsSide = "vgl" + tag + "n" + n;
    run("ip", "netns", "add", ns);
    undo.push(List.of("ip", "netns", "del", ns));
    run("ip", "link", "add", rootSide, "type", "veth", "peer", "name", nsSide, "netns", ns);
    // deleting the root side takes the pair with it at once; a deleted namespace would only later
    undo.push(List.of("ip", "link", "del", rootSide));
    run("ip", "addr", "add", rootAddress + "/30", "dev", rootSide);
    run("ip", "link", "set", rootSide, "up");
    run("ip", "-n", ns, "addr", "add", nsAddress + "/30", "dev", nsSide);
    run("ip", "-n", ns, "link", "set", nsSide, "up");
    run("ip", "-n", ns, "link", "set", "lo", "up");
    for (String block : blocks) {
      String base = block.substring(0, block.lastIndexOf('.') + 1);
      for (int h = 1; h <= hosts; h++) {
        run("ip", "-n", ns, "addr", "add", base + h + "/32", "dev", "lo");
      }
      run("ip", "route", "add", block + "/24", "via", nsAddress, "dev", rootSide);
      undo.push(List.of("ip", "route", "del", block + "/24"));
    }
    return new Namespace(this, ns, rootSide, nsSide);
  }

  /** Adds a route in the root namespace, removed on close. */
  public void route(String prefix, String via, String dev) {
    run("ip", "route", "add", prefix, "via", via, "dev", dev);
    undo.push(List.of("ip", "route", "del", prefix));
  }

  /** Runs a command; throws with its output if it fails. */
  public String run(String... command) {
    try {
      Result r = exec(List.of(command));
      if (r.status != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (" + r.status + "): " + r.output.strip());
      }
      return r.output;
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
    }
  }

  /** What the lab left behind, if anything: namespaces, links or routes of its own. */
  public List<String> leftovers() {
    List<String> left = new ArrayList<>();
    try {
      for (List<String> cmd :
          List.of(
              List.of("ip", "netns", "list"),
              List.of("ip", "-br", "link"),
              List.of("ip", "route", "show", "table", "main"))) {
        for (String line : exec(cmd).output.split("\n")) {
          if (line.contains("vigil-it-" + tag)
              || line.contains("vgl" + tag)
              || line.contains("198.18.")) {
            left.add(line.strip());
          }
        }
      }
    } catch (IOException e) {
      left.add("cannot list: " + e.getMessage());
    }
    return left;
  }

  private synchronized void cleanUp() {
    while (!undo.isEmpty()) {
      try {
        exec(undo.pop());
      } catch (IOException e) {
        // keep undoing the rest
      }
    }
  }

  @Override
  public void close() {
    cleanUp();
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      // the lock goes with the channel, and with the process at the latest
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running or has run
    }
  }

  private record Result(int status, String output) {}

  private static Result exec(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out + " (timed out)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return new Result(-1, out + " (interrupted)");
    }
    return new Result(p.exitValue(), out);
  }
}
