// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

/** What a round concluded about a /24 block. */
public enum BlockState {
  /** Belief above {@link BeliefModel#UP_THRESHOLD}. */
  UP,
  /** Belief below {@link BeliefModel#DOWN_THRESHOLD}. */
  DOWN,
  /** Belief in between, or the adaptive budget ran out while the belief was still moving. */
  UNCERTAIN,
  /** No probe of the block got a record this round: no evidence either way, not "down". */
  MISSING,
  /** Too few ever-responsive addresses or too low an availability: not probed. */
  INELIGIBLE;

  private static final BlockState[] VALUES = values();

  /** The state with this ordinal. */
  static BlockState of(int code) {
    return VALUES[code];
  }

  /** The state of a belief that has evidence behind it: up, down or uncertain. */
  public static BlockState ofBelief(double belief) {
    return BeliefModel.state(belief);
  }
}
