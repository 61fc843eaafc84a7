// SPDX-License-Identifier: Apache-2.0
/**
 * MRT (RFC 6396) routing archives: a streaming reader of typed records and a bgpdump-identical
 * printer.
 *
 * <p>Start at {@link org.vigil.bgp.mrt.MrtReader} for records, or {@link org.vigil.bgp.mrt.MrtDump}
 * for bgpdump's text. Bad input raises {@link org.vigil.bgp.mrt.MrtFormatException} with the file
 * and byte offset. The {@code internal} package holds the framing, the bgpdump emulation and the
 * text buffer, and is not API.
 */
package org.vigil.bgp.mrt;
