// SPDX-License-Identifier: Apache-2.0
package org.vigil.probe;

/** The probing engine failed: its process exited, hung, or could not be started. */
public final class ProbeEngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProbeEngineException(String message) {
    super(message);
  }

  public ProbeEngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
