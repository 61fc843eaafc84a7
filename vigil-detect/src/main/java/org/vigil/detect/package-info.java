// SPDX-License-Identifier: Apache-2.0
/**
 * Detection: per-series detectors that turn a {@link org.vigil.core.TimeSeries} into per-bin
 * assessments, alert transitions and events.
 *
 * <p>Start at {@link org.vigil.detect.BaselineDetector}, which runs the baseline a {@link
 * org.vigil.detect.DetectorConfig} names: {@link org.vigil.detect.MovingMedianDetector} (IODA's
 * moving median with in-painting, the default) or {@link org.vigil.detect.SimilarDaysDetector}
 * (Cloudflare's most similar days; {@code vigil-detect/BASELINES.md} says when each is better).
 * Both are streaming, with a serialisable {@link org.vigil.detect.DetectorState}. {@link
 * org.vigil.detect.DetectorConfig#forSignal} picks the defaults for a signal, and {@link
 * org.vigil.detect.ScopeRule} decides whether a country event is nationwide. The rules that
 * classify events and group them into episodes are in {@link org.vigil.detect.classify}.
 */
package org.vigil.detect;
