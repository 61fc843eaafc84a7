// SPDX-License-Identifier: Apache-2.0
/** Vigil's ooni source: see the module description. */
package org.vigil.ooni;
