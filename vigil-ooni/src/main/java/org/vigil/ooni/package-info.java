// SPDX-License-Identifier: Apache-2.0
/**
 * OONI measurements: {@link org.vigil.ooni.MeasurementReader} reads raw measurements (JSON, JSON
 * lines, gzip, OONI's archive layout) as a stream; {@link org.vigil.ooni.FastpathScorer} judges
 * each one exactly as OONI's fastpath does (anomaly, confirmed, failure, blocking type), with the
 * blockpage fingerprints of {@link org.vigil.ooni.FingerprintDatabase}; {@link
 * org.vigil.ooni.VerdictLine} and {@link org.vigil.ooni.OoniVerdicts} print the verdicts; {@link
 * org.vigil.ooni.OoniSignalAggregator} turns verdicts into hourly per-country, per-network and
 * per-platform signals, and {@link org.vigil.ooni.OoniSignals} runs the whole ingest; {@link
 * org.vigil.ooni.OoniApiClient} fetches measurements from OONI's API.
 */
package org.vigil.ooni;
