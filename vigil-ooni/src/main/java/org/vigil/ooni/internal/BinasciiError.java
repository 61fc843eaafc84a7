// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

/**
 * Python's {@code binascii.Error}: base64 data with wrong padding or length. Unlike other errors,
 * the fastpath catches this one while matching fingerprints and marks the measurement failed.
 */
public final class BinasciiError extends FastpathError {
  private static final long serialVersionUID = 1L;

  public BinasciiError(String message) {
    super(message);
  }
}
