// SPDX-License-Identifier: Apache-2.0
/**
 * Classification of detected events, each rule in one place: {@link
 * org.vigil.detect.classify.Scope} (nationwide, regional, network), {@link
 * org.vigil.detect.classify.Kind} (blackout, outage, throttling, platform blocking), {@link
 * org.vigil.detect.classify.Mechanism} (routing withdrawal, data-plane cut), {@link
 * org.vigil.detect.classify.Pattern} (curfew, intermittent) and {@link
 * org.vigil.detect.classify.Restoration} (full, partial, unstable); and {@link
 * org.vigil.detect.classify.Episode}, which groups a country's classified events into one story.
 *
 * <p>The rules are pure functions over a small input model: {@link
 * org.vigil.detect.classify.SignalEvent} (one signal's event on one entity, with its family and
 * lowest ratio), the families an entity has data for, a {@link
 * org.vigil.detect.classify.CountryContext} and, for restoration, a {@link
 * org.vigil.detect.classify.RatioTrack}. {@link org.vigil.detect.classify.ClassifiedEvent#classify}
 * applies them all to one entity's event.
 */
package org.vigil.detect.classify;
