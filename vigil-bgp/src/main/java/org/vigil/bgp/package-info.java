// SPDX-License-Identifier: Apache-2.0
/**
 * Vigil's BGP source: MRT archives ({@link org.vigil.bgp.mrt}) and the BGP messages inside them
 * ({@link org.vigil.bgp.message}).
 */
package org.vigil.bgp;
