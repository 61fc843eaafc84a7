// SPDX-License-Identifier: Apache-2.0
package org.vigil.bgp.message;

/** A path attribute this codec does not interpret, carried as it came (RFC 4271 §4.3). */
public record RawAttribute(int flags, int type, Bytes value) {}
