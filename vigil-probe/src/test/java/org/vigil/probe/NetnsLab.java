// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 */
final class NetnsLab implements AutoCloseable {
  static final String RANGE = "198.18.0.0/15";

  private final String tag;
  private final Deque<List<String>> undo = new ArrayDeque<>();
  private final Thread hook = new Thread(this::cleanUp, "netns-lab-cleanup");
  private int links;

  /** One namespace and its link to the root namespace. */
  record Namespace(NetnsLab lab, String name, String rootSide, String nsSide) {
    /** Cuts the namespace off: its side of the link goes down (the root side keeps its route). */
    void cut() {
      lab.run("ip", "-n", name, "link", "set", nsSide, "down");
    }

    void restore() {
      lab.run("ip", "-n", name, "link", "set", nsSide, "up");
    }

    /** Makes every host in the namespace ignore echo requests, or answer them again. */
    void silence(boolean on) {
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
  static String unavailableBecause() {
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

  /** A lab whose names carry {@code tag}; adds the blackhole route first. */
  static NetnsLab open(String tag) {
    NetnsLab lab = new NetnsLab(tag);
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

  /**
   * A namespace linked to the root namespace by a /30 ({@code rootAddress}, {@code nsAddress}) with
   * {@code hosts} addresses .1 to .hosts of each /24 in {@code blocks} on its loopback, routed from
   * the root namespace through the link.
   */
  Namespace namespace(
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
  void route(String prefix, String via, String dev) {
    run("ip", "route", "add", prefix, "via", via, "dev", dev);
    undo.push(List.of("ip", "route", "del", prefix));
  }

  /** Runs a command; throws with its output if it fails. */
  String run(String... command) {
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
  List<String> leftovers() {
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
