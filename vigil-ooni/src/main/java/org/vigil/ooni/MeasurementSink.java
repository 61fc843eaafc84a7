// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

/** Receives what {@link MeasurementReader} reads: measurements, and problems with the input. */
public interface MeasurementSink {
  /** A measurement, in input order. */
  void measurement(Measurement measurement);

  /** A problem; reading goes on with the rest of the input. */
  void problem(Problem problem);
}
