// SPDX-License-Identifier: Apache-2.0
package org.vigil.store;

/**
 * What an ingest did: stored a new file, or found the same bytes already catalogued and did
 * nothing.
 *
 * @param input the catalog entry (the earlier one when {@code alreadyPresent})
 * @param alreadyPresent whether the same content had been ingested before
 * @param series how many series the file touched
 * @param points how many points it stored
 */
public record IngestOutcome(InputFile input, boolean alreadyPresent, int series, long points) {}
