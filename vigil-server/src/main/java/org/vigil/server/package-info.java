// SPDX-License-Identifier: Apache-2.0
/**
 * Vigil's HTTP server: the IODA v2-compatible API ({@code /v2/...}), Vigil's own API ({@code
 * /api/...}) and the OpenAPI document, served read-only from a store. The entry point is {@link
 * org.vigil.server.VigilServer}; everything else in the package is internal.
 */
package org.vigil.server;
