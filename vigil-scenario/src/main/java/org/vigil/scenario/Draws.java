// SPDX-License-Identifier: Apache-2.0
package org.vigil.scenario;

import java.util.SplittableRandom;

/** The random draws the generators share; every stream is seeded from the scenario. */
final class Draws {
  private Draws() {}

  /** A Poisson count with the given mean (Knuth's method; means here are small). */
  static int poisson(SplittableRandom random, double mean) {
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** A standard normal value (Box-Muller, one value per call). */
  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
