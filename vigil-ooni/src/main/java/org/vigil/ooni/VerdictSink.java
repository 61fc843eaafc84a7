// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

/** Receives what a {@link VerdictReader} reads: a verdict per measurement, and the problems. */
public interface VerdictSink {
  /** The verdict of one measurement, in input order; its source and line say where it was. */
  void verdict(Verdict verdict);

  /** A problem; reading goes on with the rest of the input. */
  void problem(Problem problem);
}
