// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

/**
 * Raised where OONI's fastpath (Python) would raise an exception it does not handle, such as a key
 * it indexes directly being absent or a value of a type it cannot use. The fastpath then logs the
 * error and stores nothing for the measurement; Vigil reports it as a problem instead.
 *
 * <p>Thrown and caught inside one scoring call on malformed input, so it carries no stack trace.
 */
public class FastpathError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FastpathError(String message) {
    super(message, null, false, false);
  }
}
