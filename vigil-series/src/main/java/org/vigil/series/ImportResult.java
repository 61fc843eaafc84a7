// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vigil.core.SignalKey;
import org.vigil.core.TimeSeries;

/**
 * What one file gave: a series per entity (all with the same step), plus the facts a user needs to
 * trust the import.
 *
 * <pre>{@code
 * ImportResult r = SeriesReader.read(file, spec, registry);
 * r.notes().forEach(System.out::println); // "step inferred: 3h", "12 empty values read as gaps", ...
 * TimeSeries ua = r.find("country/UA").orElseThrow();
 * }</pre>
 *
 * @param series one series per entity, in the order entities first appear in the file, followed by
 *     the country roll-ups of region series (entities from a column only) in the order their
 *     countries first appear
 * @param rows data rows read (header and skipped blank lines not counted; rows whose value was a
 *     gap counted)
 * @param stepSeconds the bin width of every series; 0 only when the file had no data rows and no
 *     step was given
 * @param firstTime the earliest time of any row, epoch seconds, before binning (0 if no rows)
 * @param lastTime the latest time of any row, epoch seconds, before binning (0 if no rows)
 * @param notes what was inferred, skipped or combined, one plain sentence each
 */
public record ImportResult(
    Map<SignalKey, TimeSeries> series,
    long rows,
    int stepSeconds,
    long firstTime,
    long lastTime,
    List<String> notes) {

  public ImportResult {
    // Copy preserving order: the order is documented and callers print it.
    series = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(series)));
    notes = List.copyOf(notes);
  }

  /** The series of the entity with this {@code type/code} key, such as {@code region/UA-40}. */
  public Optional<TimeSeries> find(String entityKey) {
    for (Map.Entry<SignalKey, TimeSeries> e : series.entrySet()) {
      if (e.getKey().entity().key().equals(entityKey)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
