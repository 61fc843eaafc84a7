// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vigil.core.Entity;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * Counts, per entity and round, the blocks that are up, down and uncertain: the signals {@code
 * probe.up_slash24}, {@code probe.down_slash24} and {@code probe.uncertain_slash24}, one bin per
 * round at the round's step, ready for {@code SignalStore.ingestSeries}.
 *
 * <p>Missing data stays missing: a round in which the engine failed is a gap ({@code NaN}) for
 * every entity, and so is a round in which more than {@code maxMissingFraction} of an entity's
 * blocks got no record at all, since counting them as neither up nor down would read as a drop.
 * Rounds never added between the first and last are gaps too. Only eligible blocks count.
 *
 * <pre>{@code
 * ProbeSignalAggregator agg = ProbeSignalAggregator.create(targets, entityTable);
 * prober.run(6, agg::add);
 * Map<SignalKey, TimeSeries> series = agg.series();
 * }</pre>
 */
public final class ProbeSignalAggregator {
  public static final String UP = "probe.up_slash24";
  public static final String DOWN = "probe.down_slash24";
  public static final String UNCERTAIN = "probe.uncertain_slash24";

  /** By default an entity's round is a gap when more than a tenth of its blocks have no data. */
  public static final double DEFAULT_MAX_MISSING = 0.1;

  private static final int COLUMNS = 4; // up, down, uncertain, missing

  private final TargetList targets;
  private final int[] groupOf; // per block: its entity group, -1 for none or ineligible
  private final Map<Entity, int[]> groupsOf; // entity -> the groups holding it
  private final int groupCount;
  private final double maxMissingFraction;
  private final TreeMap<Long, int[]> rounds = new TreeMap<>(); // start -> counts, null: incomplete
  private int step = -1;

  private ProbeSignalAggregator(
      TargetList targets, BlockEntities entities, double maxMissingFraction) {
    this.targets = targets;
    this.maxMissingFraction = maxMissingFraction;
    this.groupOf = new int[targets.size()];
    Map<List<Entity>, Integer> groupIds = new HashMap<>();
    List<List<Entity>> groups = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      groupOf[i] = -1;
      if (!targets.eligible(i)) {
        continue;
      }
      List<Entity> es = entities.entitiesOf(targets.network(i));
      if (es.isEmpty()) {
        continue;
      }
      Integer g = groupIds.get(es);
      if (g == null) {
        g = groups.size();
        groupIds.put(es, g);
        groups.add(es);
      }
      groupOf[i] = g;
    }
    this.groupCount = groups.size();
    Map<Entity, List<Integer>> byEntity = new LinkedHashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      for (Entity e : groups.get(g)) {
        byEntity.computeIfAbsent(e, k -> new ArrayList<>()).add(g);
      }
    }
    this.groupsOf = new LinkedHashMap<>();
    byEntity.forEach((e, gs) -> groupsOf.put(e, gs.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** An aggregator with the default missing-data threshold. */
  public static ProbeSignalAggregator create(TargetList targets, BlockEntities entities) {
    return create(targets, entities, DEFAULT_MAX_MISSING);
  }

  /**
   * An aggregator.
   *
   * @param maxMissingFraction above this fraction of an entity's blocks without data, the entity's
   *     round is a gap
   */
  public static ProbeSignalAggregator create(
      TargetList targets, BlockEntities entities, double maxMissingFraction) {
    if (!(maxMissingFraction >= 0 && maxMissingFraction <= 1)) {
      throw new IllegalArgumentException("maxMissingFraction must be in [0, 1]");
    }
    return new ProbeSignalAggregator(targets, entities, maxMissingFraction);
  }

  /** The entities that have at least one eligible block. */
  public List<Entity> entities() {
    return List.copyOf(groupsOf.keySet());
  }

  /**
   * Adds a round (of the same targets). Adding a round again replaces it.
   *
   * @throws IllegalArgumentException when its length differs from earlier rounds' or its targets
   *     are another list
   */
  public void add(RoundResult r) {
    checkRound(r);
    rounds.put(r.start(), r.complete() ? countGroups(r) : null);
  }

  private void checkRound(RoundResult r) {
    if (r.targets() != targets) {
      throw new IllegalArgumentException("the round is of another target list");
    }
    if (step != -1 && r.lengthSeconds() != step) {
      throw new IllegalArgumentException(
          "round of " + r.lengthSeconds() + " s among rounds of " + step + " s");
    }
    step = r.lengthSeconds();
  }

  private int[] countGroups(RoundResult r) {
    int[] counts = new int[groupCount * COLUMNS];
    for (int i = 0; i < groupOf.length; i++) {
      int g = groupOf[i];
      if (g < 0) {
        continue;
      }
      int s = r.rawState(i);
      int column =
          s == BlockState.UP.ordinal()
              ? 0
              : s == BlockState.DOWN.ordinal() ? 1 : s == BlockState.UNCERTAIN.ordinal() ? 2 : 3;
      counts[g * COLUMNS + column]++;
    }
    return counts;
  }

  /** Forgets the rounds added so far (after they were stored). */
  public void clear() {
    rounds.clear();
  }

  /** The three signals of every entity over the rounds added, first to last round. */
  public Map<SignalKey, TimeSeries> series() {
    if (rounds.isEmpty()) {
      return Map.of();
    }
    long first = rounds.firstKey();
    int bins = Math.toIntExact((rounds.lastKey() - first) / step + 1);
    Map<SignalKey, TimeSeries> out = new LinkedHashMap<>();
    double[] up = new double[bins];
    double[] down = new double[bins];
    double[] uncertain = new double[bins];
    for (Map.Entry<Entity, int[]> e : groupsOf.entrySet()) {
      Arrays.fill(up, Double.NaN);
      Arrays.fill(down, Double.NaN);
      Arrays.fill(uncertain, Double.NaN);
      for (Map.Entry<Long, int[]> round : rounds.entrySet()) {
        int[] counts = round.getValue();
        if (counts == null) {
          continue; // incomplete round: a gap
        }
        int bin = (int) ((round.getKey() - first) / step);
        long u = 0;
        long d = 0;
        long q = 0;
        long m = 0;
        for (int g : e.getValue()) {
          u += counts[g * COLUMNS];
          d += counts[g * COLUMNS + 1];
          q += counts[g * COLUMNS + 2];
          m += counts[g * COLUMNS + 3];
        }
        long total = u + d + q + m;
        if (total == 0 || m > maxMissingFraction * total) {
          continue;
        }
        up[bin] = u;
        down[bin] = d;
        uncertain[bin] = q;
      }
      out.put(new SignalKey(e.getKey(), UP), TimeSeries.of(first, step, up));
      out.put(new SignalKey(e.getKey(), DOWN), TimeSeries.of(first, step, down));
      out.put(new SignalKey(e.getKey(), UNCERTAIN), TimeSeries.of(first, step, uncertain));
    }
    return out;
  }

  /** The signals of one round alone (one bin each), without adding it. */
  public Map<SignalKey, TimeSeries> series(RoundResult r) {
    ProbeSignalAggregator one = new ProbeSignalAggregator(this);
    one.add(r);
    return one.series();
  }

  private ProbeSignalAggregator(ProbeSignalAggregator shared) {
    this.targets = shared.targets;
    this.groupOf = shared.groupOf;
    this.groupsOf = shared.groupsOf;
    this.groupCount = shared.groupCount;
    this.maxMissingFraction = shared.maxMissingFraction;
  }
}
