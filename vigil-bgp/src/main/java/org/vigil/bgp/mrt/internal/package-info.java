// SPDX-License-Identifier: Apache-2.0
/** Framing, bgpdump emulation and byte-level text formatting for MRT; not API. */
package org.vigil.bgp.mrt.internal;
