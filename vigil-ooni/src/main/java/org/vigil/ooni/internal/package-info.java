// SPDX-License-Identifier: Apache-2.0
/**
 * Helpers behind {@code org.vigil.ooni} that are not API: the line splitter and pruning tree
 * assembler of the reader, the multi-pattern matcher for blockpage fingerprints, and small pieces
 * of Python semantics (truthiness, {@code float()}, {@code strptime}, {@code binascii}, PEP 440
 * versions) that OONI's fastpath relies on, so that Vigil's verdicts agree with it exactly.
 */
package org.vigil.ooni.internal;
