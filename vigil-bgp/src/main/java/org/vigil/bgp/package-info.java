// SPDX-License-Identifier: Apache-2.0
/** Vigil's bgp source: see the module description. */
package org.vigil.bgp;
