// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

/**
 * Trinocular's Bayesian belief that a /24 block is up, with the parameters IODA's prober uses
 * (REFERENCE.md §3; CAIDA/trinarkular {@code lib/trinarkular_prober.c}). Pure functions over
 * primitives: the prober keeps one {@code float} belief per block and calls these on every reply.
 *
 * <pre>{@code
 * double b = BeliefModel.PRIOR;                          // 0.99
 * b = BeliefModel.update(b, 0.6, false);                 // a probe went unanswered
 * BlockState s = BeliefModel.state(b);                   // UP, DOWN or UNCERTAIN
 * }</pre>
 */
public final class BeliefModel {
  private BeliefModel() {}

  /** Belief a block starts with ("as per paper"). */
  public static final double PRIOR = 0.99;

  /** A block is up when its belief is above this. */
  public static final double UP_THRESHOLD = 0.9;

  /** A block is down when its belief is below this. */
  public static final double DOWN_THRESHOLD = 0.1;

  /** Beliefs are clamped to [0.01, 0.99] after every update (Trinocular paper §4.2). */
  public static final double MIN_BELIEF = 0.01;

  /** Upper clamp, see {@link #MIN_BELIEF}. */
  public static final double MAX_BELIEF = 0.99;

  /** How often a probe or its reply is lost (Trinocular: 1 %). */
  public static final double PACKET_LOSS = 0.01;

  /**
   * P(reply | block down): one of a /24's 256 addresses still answers, less packet loss: 0.99/256.
   */
  public static final double P_REPLY_DOWN = (1 - PACKET_LOSS) / 256;

  /** A block needs at least this many ever-responsive addresses |E(b)|. */
  public static final int MIN_RESPONSIVE = 15;

  /** A block needs an availability A(E(b)) of at least this. */
  public static final double MIN_AVAILABILITY = 0.1;

  /** Probes a block may get in a round: one periodic and at most {@link #ADAPTIVE_BUDGET} more. */
  public static final int ROUND_PROBES = 15;

  /** Adaptive (and recovery) probes a block may get in a round, on top of the periodic one. */
  public static final int ADAPTIVE_BUDGET = ROUND_PROBES - 1;

  /** Belief a block is set to when its adaptive budget runs out while it is still moving. */
  public static final double EXHAUSTED_BELIEF = 0.5;

  /** Recovery probing aims at this chance of hearing at least one reply from a recovered block. */
  public static final double RECOVERY_MISS = 0.2;

  /**
   * P(reply | block up) for a block of availability {@code a}: A(E(b)), but never above 1 − {@link
   * #PACKET_LOSS}. Trinocular takes P(reply|up) = A(E(b)); a block whose history says every address
   * always answered (A = 1) would otherwise be declared down on the first lost packet, since P(no
   * reply | up) would be 0. Capping at the loss rate the model already assumes keeps one lost
   * packet from being proof.
   */
  public static double pReplyUp(double a) {
    return Math.min(a, 1 - PACKET_LOSS);
  }

  /**
   * Bayes' rule for one probe: the new belief that the block is up, clamped to [0.01, 0.99].
   *
   * @param belief the belief that the block is up before the probe, B(U)
   * @param availability the block's A(E(b))
   * @param replied whether an echo reply came back from the probed address
   */
  public static double update(double belief, double availability, boolean replied) {
    double pUp = pReplyUp(availability);
    double likelihoodUp = replied ? pUp : 1 - pUp;
    double likelihoodDown = replied ? P_REPLY_DOWN : 1 - P_REPLY_DOWN;
    double up = likelihoodUp * belief;
    double down = likelihoodDown * (1 - belief);
    double sum = up + down;
    double posterior = sum > 0 ? up / sum : belief;
    return clamp(posterior);
  }

  /** Clamps a belief to [{@link #MIN_BELIEF}, {@link #MAX_BELIEF}]. */
  public static double clamp(double belief) {
    return belief < MIN_BELIEF ? MIN_BELIEF : Math.min(belief, MAX_BELIEF);
  }

  /** UP above 0.9, DOWN below 0.1, UNCERTAIN otherwise. */
  public static BlockState state(double belief) {
    if (belief > UP_THRESHOLD) {
      return BlockState.UP;
    }
    return belief < DOWN_THRESHOLD ? BlockState.DOWN : BlockState.UNCERTAIN;
  }

  /**
   * Whether an update moved the block toward uncertainty, so that IODA's prober sends another
   * (adaptive) probe: an up block whose belief fell, a down block whose belief rose, or an
   * uncertain block that stayed uncertain.
   */
  public static boolean towardUncertainty(double before, double after) {
    return switch (state(before)) {
      case UP -> after < before;
      case DOWN -> after > before;
      default -> state(after) == BlockState.UNCERTAIN;
    };
  }

  /** Whether a block is worth probing: |E(b)| ≥ 15 and A(E(b)) ≥ 0.1. */
  public static boolean eligible(int responsive, double availability) {
    return responsive >= MIN_RESPONSIVE && availability >= MIN_AVAILABILITY;
  }

  /**
   * Probes to send a down block in a recovery round so that, were it up again, at least one would
   * be answered with probability 1 − 0.2: {@code ceil(log 0.2 / log(1 − A))}, at least 1 and at
   * most {@link #ROUND_PROBES}. A = 0.1 gives 15 (16 before the cap), 0.5 gives 3, 0.8 or more 1.
   */
  public static int recoveryProbes(double availability) {
    double a = pReplyUp(availability);
    if (a <= 0) {
      return ROUND_PROBES;
    }
    double n = Math.log(RECOVERY_MISS) / Math.log(1 - a);
    // 1e-9 absorbs rounding: log(0.2)/log(0.2) must give 1, not 2.
    int probes = (int) Math.ceil(n - 1e-9);
    return Math.max(1, Math.min(ROUND_PROBES, probes));
  }

  /**
   * Whether a block that has been down for {@code roundsDown} rounds gets recovery probes this
   * round: in each of its first four down rounds, the eighth, and every sixteenth after that
   * (IODA's back-off). Other rounds it gets only its periodic probe.
   */
  public static boolean recoveryRound(int roundsDown) {
    return roundsDown <= 4 || roundsDown == 8 || roundsDown % 16 == 0;
  }
}
