// SPDX-License-Identifier: Apache-2.0
/** Vigil's active-probing source: see the module description. */
package org.vigil.probe;
