// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

/** A store operation failed; the message says what and, where it can, what to do next. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
