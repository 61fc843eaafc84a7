// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks on error objects. */
final class JsonAssert {
  private JsonAssert() {}

  /** The error names {@code parameter}, and its message says something about it. */
  static void parameter(JsonNode error, String parameter) {
    assertThat(error.path("parameter").asText()).as(error.toString()).isEqualTo(parameter);
    assertThat(error.path("message").asText()).as(error.toString()).isNotBlank();
  }
}
