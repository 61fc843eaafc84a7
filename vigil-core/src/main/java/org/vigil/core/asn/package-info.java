// SPDX-License-Identifier: Apache-2.0
/**
 * Names of autonomous systems, read from the public tables that registries and researchers publish
 * (RIPE NCC's {@code asn.txt}, CAIDA's AS-to-organisation files), so that reports name a network as
 * people know it: {@code Kcell (AS29355)}.
 */
package org.vigil.core.asn;
