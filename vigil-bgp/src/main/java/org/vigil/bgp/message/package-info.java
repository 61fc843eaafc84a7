// SPDX-License-Identifier: Apache-2.0
/**
 * BGP-4 messages and path attributes (RFC 4271, 4760, 6793, 7911, 1997, 8092): immutable values and
 * a strict decoder, {@link org.vigil.bgp.message.BgpCodec}.
 */
package org.vigil.bgp.message;
