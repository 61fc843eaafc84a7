// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

/**
 * A request the API refuses, with the HTTP status and a message for the client; {@code parameter}
 * names the query or path parameter at fault, when there is one.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String parameter;

  private ApiException(int status, String parameter, String message) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }

  /** 400: parameter {@code name} is missing or malformed; the message starts with its name. */
  static ApiException badParameter(String name, String message) {
    return new ApiException(400, name, name + ": " + message);
  }

  /** 404: what the request names does not exist. */
  static ApiException notFound(String parameter, String message) {
    return new ApiException(404, parameter, message);
  }

  int status() {
    return status;
  }

  /** The parameter at fault, or {@code null}. */
  String parameter() {
    return parameter;
  }
}
