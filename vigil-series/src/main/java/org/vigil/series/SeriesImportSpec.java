// SPDX-License-Identifier: Apache-2.0
package org.vigil.series;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.vigil.core.Entity;
import org.vigil.core.EntityType;
import org.vigil.core.SignalKey;

/**
 * What to read from a time-series file: which columns hold the time, the value and the entity, how
 * times are written, and how rows are combined. It mirrors the options of {@code vigil ingest
 * series}; build it with {@link #builder()}.
 *
 * <pre>{@code
 * SeriesImportSpec spec = SeriesImportSpec.builder()
 *     .signal("index.latency")
 *     .timeColumn("time_local")
 *     .timeFormat(TimeFormat.parse("dd-MMM-yyyy HH:mm:ss"))
 *     .timezoneColumn("timezone_name")
 *     .valueColumn("latency_indx")
 *     .entityColumn(EntityType.REGION, "adm1_unique_identifier")
 *     .countryColumn("country_iso_three_char_code")
 *     .nameColumn("adm1_name")
 *     .build();
 * }</pre>
 *
 * <p>The entity is either fixed ({@link #entity()}, from {@code --entity TYPE/CODE}) or read from a
 * column ({@link #entityType()} and {@link #entityColumn()}); for regions read from a column, the
 * country comes from {@link #country()} or {@link #countryColumn()}, or from the region code itself
 * when it is an ISO 3166-2 code.
 *
 * @param signal the signal name, for example {@code index.latency} ({@code --signal})
 * @param timeColumn the column holding the time ({@code --time-column})
 * @param timeFormat how times are written ({@code --time-format}); never null, {@link
 *     TimeFormat#auto()} by default
 * @param timezone the zone local times are read in ({@code --timezone}); UTC unless given, and
 *     {@code null} exactly when {@code timezoneColumn} is set
 * @param timezoneColumn the column naming each row's zone ({@code --timezone-column}), or {@code
 *     null}
 * @param valueColumn the column holding the value ({@code --value-column})
 * @param entity the fixed entity ({@code --entity}), or {@code null} when read from a column
 * @param entityType the type of the entities in {@code entityColumn} ({@code --entity-type}), or
 *     {@code null} for a fixed entity
 * @param entityColumn the column holding entity codes ({@code --entity-column}), or {@code null}
 * @param country the country every region lies in ({@code --country}), or {@code null}
 * @param countryColumn the column holding each region's country ({@code --country-column}), or
 *     {@code null}
 * @param nameColumn the column holding each region's or AS's name ({@code --name-column}), or
 *     {@code null}
 * @param aggregate how rows of one entity in one bin are combined ({@code --aggregate}); never
 *     null, {@link Aggregate#MEAN} by default
 * @param step the bin width ({@code --step}), or {@code null} to infer it
 * @param format the file format ({@code --format}), or {@code null} to take it from the file name
 */
public record SeriesImportSpec(
    String signal,
    String timeColumn,
    TimeFormat timeFormat,
    ZoneId timezone,
    String timezoneColumn,
    String valueColumn,
    Entity entity,
    EntityType entityType,
    String entityColumn,
    String country,
    String countryColumn,
    String nameColumn,
    Aggregate aggregate,
    Duration step,
    Format format) {

  /** How several values of one entity in one bin become one value. */
  public enum Aggregate {
    /** The mean of the values present: for indices and ratios. */
    MEAN,
    /** The sum of the values present: for counts, such as requests or addresses. */
    SUM;

    /** Parses {@code mean} or {@code sum}, in any case. */
    public static Aggregate parse(String text) {
      for (Aggregate a : values()) {
        if (a.name().equalsIgnoreCase(text.trim())) {
          return a;
        }
      }
      throw new IllegalArgumentException(
          "unknown --aggregate '" + text + "': expected mean or sum");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** File formats the reader understands. */
  public enum Format {
    /** Comma-separated values with a header line (RFC 4180). */
    CSV,
    /** Tab-separated values with a header line; quoted fields are understood as in CSV. */
    TSV,
    /** One JSON object per line (also a JSON array of objects). */
    JSONL;

    /** Parses {@code csv}, {@code tsv} or {@code jsonl} (also {@code ndjson}, {@code json}). */
    public static Format parse(String text) {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "csv":
          return CSV;
        case "tsv":
          return TSV;
        case "jsonl":
        case "ndjson":
        case "json":
          return JSONL;
        default:
          throw new IllegalArgumentException(
              "unknown --format '" + text + "': expected csv, tsv or jsonl");
      }
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates the combination of options; messages name the CLI options. */
  public SeriesImportSpec {
    if (signal == null || signal.isBlank()) {
      throw new IllegalArgumentException("--signal is required");
    }
    SignalKey.checkSignalName(signal);
    requireColumn(timeColumn, "--time-column");
    requireColumn(valueColumn, "--value-column");
    timeFormat = timeFormat == null ? TimeFormat.auto() : timeFormat;
    aggregate = aggregate == null ? Aggregate.MEAN : aggregate;
    checkOptionalColumn(timezoneColumn, "--timezone-column");
    checkOptionalColumn(entityColumn, "--entity-column");
    checkOptionalColumn(countryColumn, "--country-column");
    checkOptionalColumn(nameColumn, "--name-column");
    if (timezoneColumn != null) {
      if (timezone != null) {
        throw new IllegalArgumentException("give --timezone or --timezone-column, not both");
      }
    } else if (timezone == null) {
      timezone = ZoneOffset.UTC;
    }
    if (entity != null) {
      if (entityType != null || entityColumn != null) {
        throw new IllegalArgumentException(
            "give --entity TYPE/CODE or --entity-type with --entity-column, not both");
      }
      if (country != null || countryColumn != null || nameColumn != null) {
        throw new IllegalArgumentException(
            "--country, --country-column and --name-column go with --entity-column, not with"
                + " --entity");
      }
    } else {
      if (entityType == null || entityColumn == null) {
        throw new IllegalArgumentException(
            "say which entity the values belong to: --entity TYPE/CODE, or --entity-type"
                + " region|asn|country with --entity-column COL");
      }
      if (country != null && countryColumn != null) {
        throw new IllegalArgumentException("give --country or --country-column, not both");
      }
      if ((country != null || countryColumn != null) && entityType != EntityType.REGION) {
        throw new IllegalArgumentException(
            "--country and --country-column apply to --entity-type region only");
      }
      if (country != null && country.isBlank()) {
        throw new IllegalArgumentException("empty --country");
      }
      if (nameColumn != null && entityType == EntityType.COUNTRY) {
        throw new IllegalArgumentException(
            "--name-column applies to regions and ASNs; country names come from ISO 3166");
      }
    }
    if (step != null) {
      checkStep(step);
    }
  }

  private static void requireColumn(String column, String option) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException(option + " is required");
    }
  }

  private static void checkOptionalColumn(String column, String option) {
    if (column != null && column.isBlank()) {
      throw new IllegalArgumentException("empty " + option);
    }
  }

  private static void checkStep(Duration step) {
    if (step.isNegative() || step.isZero() || step.getNano() != 0) {
      throw new IllegalArgumentException(
          "--step must be a whole number of seconds, at least 1 s; got " + step);
    }
    if (step.getSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--step " + step + " is too long");
    }
  }

  /**
   * Parses the text of {@code --step}: a number of seconds ({@code 300}), a number with a unit
   * ({@code 300s}, {@code 5m}, {@code 5min}, {@code 3h}, {@code 1d}) or an ISO-8601 duration
   * ({@code PT5M}).
   *
   * @throws IllegalArgumentException if the text is none of these or not whole seconds ≥ 1
   */
  public static Duration parseStep(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Duration d;
    if (t.startsWith("p")) {
      try {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw badStep(text);
      }
    } else {
      int i = 0;
      while (i < t.length() && Character.isDigit(t.charAt(i))) {
        i++;
      }
      if (i == 0 || i > 12) {
        throw badStep(text);
      }
      long n = Long.parseLong(t.substring(0, i));
      String unit = t.substring(i).trim();
      long seconds =
          switch (unit) {
            case "", "s", "sec", "second", "seconds" -> 1;
            case "m", "min", "minute", "minutes" -> 60;
            case "h", "hour", "hours" -> 3600;
            case "d", "day", "days" -> 86_400;
            default -> throw badStep(text);
          };
      d = Duration.ofSeconds(n * seconds);
    }
    checkStep(d);
    return d;
  }

  private static IllegalArgumentException badStep(String text) {
    return new IllegalArgumentException(
        "bad --step '" + text + "': expected seconds (300) or a duration such as 5m, 3h, 1d, PT5M");
  }

  /** The step in seconds, or 0 when it is to be inferred. */
  public int stepSeconds() {
    return step == null ? 0 : (int) step.getSeconds();
  }

  /**
   * A builder with defaults: format from the file name, auto time format, UTC, mean, step inferred.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects options, then validates them together in {@link #build()}. */
  public static final class Builder {
    private String signal;
    private String timeColumn;
    private TimeFormat timeFormat = TimeFormat.auto();
    private ZoneId timezone;
    private String timezoneColumn;
    private String valueColumn;
    private Entity entity;
    private EntityType entityType;
    private String entityColumn;
    private String country;
    private String countryColumn;
    private String nameColumn;
    private Aggregate aggregate = Aggregate.MEAN;
    private Duration step;
    private Format format;

    private Builder() {}

    /** {@code --signal NAME}: a dotted lower-case signal name such as {@code traffic.requests}. */
    public Builder signal(String signal) {
      this.signal = signal;
      return this;
    }

    /** {@code --time-column COL}. */
    public Builder timeColumn(String column) {
      this.timeColumn = column;
      return this;
    }

    /** {@code --time-format}; see {@link TimeFormat#parse(String)} for the text form. */
    public Builder timeFormat(TimeFormat format) {
      this.timeFormat = Objects.requireNonNull(format, "timeFormat");
      return this;
    }

    /** {@code --timezone TZ}: the zone local times are read in. */
    public Builder timezone(ZoneId zone) {
      this.timezone = zone;
      return this;
    }

    /** {@code --timezone-column COL}: each row names its zone, for example {@code Europe/Kiev}. */
    public Builder timezoneColumn(String column) {
      this.timezoneColumn = column;
      return this;
    }

    /** {@code --value-column COL}. */
    public Builder valueColumn(String column) {
      this.valueColumn = column;
      return this;
    }

    /** {@code --entity TYPE/CODE}: every row belongs to this entity. */
    public Builder entity(Entity entity) {
      this.entity = entity;
      return this;
    }

    /** {@code --entity-type TYPE --entity-column COL}: each row names its entity. */
    public Builder entityColumn(EntityType type, String column) {
      this.entityType = type;
      this.entityColumn = column;
      return this;
    }

    /** {@code --country CC}: every region read lies in this country (any ISO 3166-1 form). */
    public Builder country(String country) {
      this.country = country;
      return this;
    }

    /** {@code --country-column COL}: each row names its region's country (any ISO form). */
    public Builder countryColumn(String column) {
      this.countryColumn = column;
      return this;
    }

    /** {@code --name-column COL}: the region's or AS's name as the source gives it. */
    public Builder nameColumn(String column) {
      this.nameColumn = column;
      return this;
    }

    /** {@code --aggregate mean|sum}. */
    public Builder aggregate(Aggregate aggregate) {
      this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
      return this;
    }

    /** {@code --step DURATION}, or {@code null} to infer it; see {@link #parseStep(String)}. */
    public Builder step(Duration step) {
      this.step = step;
      return this;
    }

    /** {@code --format csv|tsv|jsonl}, or {@code null} to take it from the file name. */
    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    /**
     * The spec.
     *
     * @throws IllegalArgumentException naming the options that do not fit together
     */
    public SeriesImportSpec build() {
      return new SeriesImportSpec(
          signal,
          timeColumn,
          timeFormat,
          timezone,
          timezoneColumn,
          valueColumn,
          entity,
          entityType,
          entityColumn,
          country,
          countryColumn,
          nameColumn,
          aggregate,
          step,
          format);
    }
  }
}
