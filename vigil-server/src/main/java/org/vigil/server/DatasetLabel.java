// SPDX-License-Identifier: Apache-2.0
package org.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;

/**
 * What the data in a data directory is: recorded measurements, a synthetic example, or a
 * reconstruction from public reports. Kept beside the store as {@code dataset.json}; every page of
 * the dashboard shows the {@link #banner()} when the data is not measured.
 *
 * <pre>{@code
 * DatasetLabel.of(DatasetLabel.Origin.SYNTHETIC, "SYNTHETIC EXAMPLE: generated data", "...")
 *     .write(dataDir);
 * DatasetLabel label = DatasetLabel.read(dataDir); // MEASURED when there is no dataset.json
 * }</pre>
 *
 * @param origin where the data comes from
 * @param banner one line every page shows when the data is not measured; empty for measured data
 * @param description a sentence or two on what the data is
 */
public record DatasetLabel(Origin origin, String banner, String description) {
  /** The file beside the store. */
  public static final String FILE_NAME = "dataset.json";

  /** Where the data comes from. */
  public enum Origin {
    /** Recorded measurements: no banner. */
    MEASURED,
    /** Generated data with labelled disruptions. */
    SYNTHETIC,
    /** Rebuilt from public reports, not recorded measurements. */
    RECONSTRUCTION;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Measured data, no banner: what a data directory without {@code dataset.json} holds. */
  public static final DatasetLabel MEASURED = new DatasetLabel(Origin.MEASURED, "", "");

  public DatasetLabel {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(banner, "banner");
    Objects.requireNonNull(description, "description");
    if (origin != Origin.MEASURED && banner.isBlank()) {
      throw new IllegalArgumentException(origin.key() + " data needs a banner");
    }
  }

  public static DatasetLabel of(Origin origin, String banner, String description) {
    return new DatasetLabel(origin, banner, description);
  }

  /** Writes {@code dataset.json} into {@code dataDir} (atomically: a reader sees old or new). */
  public void write(Path dataDir) {
    ObjectNode o = json();
    try {
      Files.createDirectories(dataDir);
      Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), o);
      Files.move(
          tmp,
          dataDir.resolve(FILE_NAME),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE_NAME), e);
    }
  }

  /**
   * Reads {@code dataset.json} from {@code dataDir}; {@link #MEASURED} when there is none.
   *
   * @throws IllegalArgumentException when the file is there but malformed, naming the file and the
   *     field
   */
  public static DatasetLabel read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return MEASURED;
    }
    JsonNode o;
    try {
      o = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    String origin = o == null ? null : o.path("origin").asText(null);
    Origin parsed = null;
    for (Origin v : Origin.values()) {
      if (v.key().equals(origin)) {
        parsed = v;
      }
    }
    if (parsed == null) {
      throw new IllegalArgumentException(
          file + ": field 'origin' must be measured, synthetic or reconstruction, got " + origin);
    }
    try {
      return new DatasetLabel(
          parsed, o.path("banner").asText(""), o.path("description").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": field 'banner': " + e.getMessage(), e);
    }
  }

  /** {@code {origin, banner, description}}. */
  ObjectNode json() {
    ObjectNode o = Json.object();
    o.put("origin", origin.key());
    o.put("banner", banner);
    o.put("description", description);
    return o;
  }
}
