// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni;

import java.io.IOException;
import java.net.URI;

/**
 * OONI's API refused a request or kept failing after the retries: names the URL and the HTTP status
 * (0 when no response came).
 */
public final class OoniApiException extends IOException {
  private static final long serialVersionUID = 1L;

  private final URI uri;
  private final int status;

  public OoniApiException(URI uri, int status, String message, Throwable cause) {
    super(uri + ": " + message, cause);
    this.uri = uri;
    this.status = status;
  }

  /** The request's URL. */
  public URI uri() {
    return uri;
  }

  /** The last HTTP status, or 0 when the last attempt got no response. */
  public int status() {
    return status;
  }
}
