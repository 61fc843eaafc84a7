// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import java.util.ArrayList;
import java.util.List;
import org.vigil.scenario.Scenario.Change;

/**
 * A scenario's changes as functions of time: the connectivity level of each region and network, and
 * the share of blocked measurements of each platform. The generators read the scenario only through
 * this class.
 *
 * <pre>{@code
 * Timeline t = new Timeline(scenario);
 * t.level(region, network, Timeline.TRAFFIC, epochSecond); // 1 = normal, 0.02 = blackout
 * }</pre>
 */
final class Timeline {
  static final String TRAFFIC = "traffic";
  static final String REACH = "reach";

  private final Scenario scenario;
  private final List<Rule> connectivity = new ArrayList<>();
  private final List<Rule> blocking = new ArrayList<>();

  /** A change with its masks. */
  private record Rule(Change change, long from, long until, boolean[] regions, boolean[] networks) {
    boolean applies(int r, int n, long t) {
      return t >= from && t < until && regions[r] && networks[n];
    }
  }

  Timeline(Scenario scenario) {
    this.scenario = scenario;
    for (Change c : scenario.changes()) {
      boolean[] r = new boolean[scenario.regions().size()];
      for (int i = 0; i < r.length; i++) {
        String code = scenario.regions().get(i).code();
        r[i] =
            (c.regions() == null || c.regions().isEmpty() || c.regions().contains(code))
                && (c.exceptRegions() == null || !c.exceptRegions().contains(code));
      }
      boolean[] n = new boolean[scenario.networks().size()];
      for (int i = 0; i < n.length; i++) {
        long asn = scenario.networks().get(i).asn();
        n[i] =
            (c.networks() == null || c.networks().isEmpty() || c.networks().contains(asn))
                && (c.exceptNetworks() == null || !c.exceptNetworks().contains(asn));
      }
      Rule rule = new Rule(c, c.from().getEpochSecond(), c.until().getEpochSecond(), r, n);
      if (c.connectivity()) {
        connectivity.add(rule);
      } else if (c.bgpUpdates() == null) {
        blocking.add(rule);
      }
    }
  }

  Scenario scenario() {
    return scenario;
  }

  /**
   * The level of {@code signal} ({@link #TRAFFIC} or {@link #REACH}) for the users of network
   * {@code n} in region {@code r} at {@code t}: 1 normal, 0 cut. Changes apply in file order, a
   * later one overriding an earlier one; a ramp goes linearly from the level before the change.
   */
  double level(int r, int n, String signal, long t) {
    double level = 1;
    for (Rule rule : connectivity) {
      Change c = rule.change();
      if (!c.affects(signal) || !rule.applies(r, n, t)) {
        continue;
      }
      double target;
      if (c.schedule() != null) {
        int clock = (int) Math.floorMod(t, 86_400L);
        int on = c.schedule().on().toSecondOfDay();
        int off = c.schedule().off().toSecondOfDay();
        boolean inside = on <= off ? clock >= on && clock < off : clock >= on || clock < off;
        target = inside ? c.schedule().level() : c.schedule().offLevel();
      } else {
        target = c.level();
      }
      long ramp = c.ramp() == null ? 0 : c.ramp().getSeconds();
      if (ramp > 0 && t < rule.from() + ramp) {
        level += (target - level) * (t - rule.from()) / (double) ramp;
      } else {
        level = target;
      }
    }
    return level;
  }

  /** The share of network {@code n}'s measurements of {@code platform} that see blocking. */
  double blocked(int r, int n, String platform, long t) {
    double share = 0;
    for (Rule rule : blocking) {
      Change c = rule.change();
      if (c.platforms() != null && c.platforms().contains(platform) && rule.applies(r, n, t)) {
        share = c.level();
      }
    }
    return share;
  }

  /** The share of web_connectivity measurements of {@code url} that see blocking. */
  double webBlocked(int r, int n, String url, long t) {
    double share = 0;
    for (Rule rule : blocking) {
      Change c = rule.change();
      if (c.webBlocked() != null && c.webBlocked().contains(url) && rule.applies(r, n, t)) {
        share = c.level();
      }
    }
    return share;
  }
}
