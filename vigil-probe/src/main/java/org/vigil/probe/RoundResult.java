// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

import java.time.Instant;
import java.util.List;

/**
 * What one round concluded: the state of every block of the {@link TargetList}, counts, and whether
 * the round is complete. A round in which the engine crashed or hung is incomplete: its states are
 * kept for inspection, but its signals are gaps (missing data, not "down").
 *
 * <pre>{@code
 * RoundResult r = prober.runRound();
 * BlockState s = r.stateOf(Ipv4Prefix.parse("198.18.1.0/24").network());
 * }</pre>
 */
public final class RoundResult {
  private final TargetList targets;
  private final long start;
  private final int lengthSeconds;
  private final boolean complete;
  private final byte[] states;
  private final int[] stateCounts = new int[BlockState.values().length];
  private final Counts counts;
  private final List<String> incidents;

  /**
   * Probe counts of a round.
   *
   * @param periodic periodic probes sent
   * @param adaptive adaptive probes sent
   * @param recovery recovery probes sent to down blocks
   * @param replies probes answered by an echo reply from the probed address
   * @param unanswered probes with a record and no echo reply
   * @param noRecord probes without any record by their deadline, or still out when the round ended
   * @param stray records that matched no outstanding probe (late, or from before a restart)
   * @param exhausted blocks whose adaptive budget ran out while the belief still moved (set to 0.5)
   * @param engineRestarts times the engine was restarted in the round
   */
  public record Counts(
      long periodic,
      long adaptive,
      long recovery,
      long replies,
      long unanswered,
      long noRecord,
      long stray,
      long exhausted,
      int engineRestarts) {

    /** All probes sent. */
    public long sent() {
      return periodic + adaptive + recovery;
    }
  }

  RoundResult(
      TargetList targets,
      long start,
      int lengthSeconds,
      boolean complete,
      byte[] states,
      Counts counts,
      List<String> incidents) {
    this.targets = targets;
    this.start = start;
    this.lengthSeconds = lengthSeconds;
    this.complete = complete;
    this.states = states;
    this.counts = counts;
    this.incidents = List.copyOf(incidents);
    for (byte s : states) {
      stateCounts[s]++;
    }
  }

  /** The round's start, epoch seconds (a multiple of its length). */
  public long start() {
    return start;
  }

  public Instant startInstant() {
    return Instant.ofEpochSecond(start);
  }

  /** The round length in seconds: the step of its signals. */
  public int lengthSeconds() {
    return lengthSeconds;
  }

  /** False when the engine failed during the round; its signals are then gaps. */
  public boolean complete() {
    return complete;
  }

  /** The targets the states refer to. */
  public TargetList targets() {
    return targets;
  }

  /** The state of block {@code i} of {@link #targets()}. */
  public BlockState state(int i) {
    return BlockState.of(states[i]);
  }

  /** The state of the block holding {@code address}, or null if it is not a target. */
  public BlockState stateOf(int address) {
    int i = targets.indexOf(address);
    return i < 0 ? null : state(i);
  }

  /** Number of blocks in state {@code s}. */
  public int count(BlockState s) {
    return stateCounts[s.ordinal()];
  }

  public Counts counts() {
    return counts;
  }

  /** What went wrong in the round (engine failures and restarts), in order. */
  public List<String> incidents() {
    return incidents;
  }

  byte rawState(int i) {
    return states[i];
  }

  @Override
  public String toString() {
    return "Round["
        + startInstant()
        + (complete ? "" : " INCOMPLETE")
        + ", up "
        + count(BlockState.UP)
        + ", down "
        + count(BlockState.DOWN)
        + ", uncertain "
        + count(BlockState.UNCERTAIN)
        + ", missing "
        + count(BlockState.MISSING)
        + ", "
        + counts.sent()
        + " probes]";
  }
}
