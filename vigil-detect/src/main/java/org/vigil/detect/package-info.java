// SPDX-License-Identifier: Apache-2.0
/**
 * Detection: per-series detectors that turn a {@link org.vigil.core.TimeSeries} into per-bin
 * assessments, alert transitions and events.
 *
 * <p>Start at {@link org.vigil.detect.MovingMedianDetector} (IODA's moving median with in-painting,
 * streaming, with a serialisable {@link org.vigil.detect.DetectorState}); {@link
 * org.vigil.detect.DetectorConfig#forSignal} picks the defaults for a signal, and {@link
 * org.vigil.detect.ScopeRule} decides whether a country event is nationwide.
 */
package org.vigil.detect;
