// SPDX-License-Identifier: Apache-2.0
/** Vigil's HTTP server: see the module description. */
package org.vigil.server;
