-- SPDX-License-Identifier: Apache-2.0
-- Version 1: entities, series, the input catalog, detector state, alerts and events.
-- Times are epoch seconds (BIGINT), UTC: one representation from reader to API.

-- A file is catalogued once per recipe (the import options): the same bytes read with other
-- options (another value column, another entity) are another input.
CREATE TABLE input_file (
  id          BIGINT PRIMARY KEY,
  sha256      VARCHAR NOT NULL,
  size_bytes  BIGINT NOT NULL,
  format      VARCHAR NOT NULL,
  recipe      VARCHAR NOT NULL,
  path        VARCHAR NOT NULL,
  ingested_at BIGINT NOT NULL,
  records     BIGINT NOT NULL,
  detail      VARCHAR,
  UNIQUE (sha256, recipe)
);

CREATE TABLE entity (
  entity_key VARCHAR PRIMARY KEY,
  type       VARCHAR NOT NULL,
  code       VARCHAR NOT NULL,
  name       VARCHAR NOT NULL,
  country    VARCHAR
);

CREATE TABLE series (
  id         INTEGER PRIMARY KEY,
  entity_key VARCHAR NOT NULL,
  signal     VARCHAR NOT NULL,
  step       INTEGER NOT NULL,
  -- 'measured', or how the series is derived: 'sum of regions', 'mean of regions'
  origin     VARCHAR NOT NULL,
  -- earliest time changed since the last detection run; NULL when detection is up to date
  dirty_from BIGINT,
  -- latest point time: a file with only later times appends without a merge
  last_t     BIGINT,
  UNIQUE (entity_key, signal)
);

-- No index: DuckDB scans this columnar table fast, and an index would slow bulk appends.
CREATE TABLE series_point (
  series_id INTEGER NOT NULL,
  t         BIGINT NOT NULL,
  value     DOUBLE NOT NULL,
  input_id  BIGINT NOT NULL
);

-- Bulk loads land here first (through the appender), then replace same-time points in one statement.
CREATE TABLE staging_point (
  series_id INTEGER NOT NULL,
  t         BIGINT NOT NULL,
  value     DOUBLE NOT NULL
);

-- Which input files fed which series over which times: the evidence behind every event.
CREATE TABLE series_input (
  series_id INTEGER NOT NULL,
  input_id  BIGINT NOT NULL,
  first_t   BIGINT NOT NULL,
  last_t    BIGINT NOT NULL
);

CREATE TABLE detector_state (
  series_id INTEGER PRIMARY KEY,
  config    VARCHAR NOT NULL,
  state     BLOB NOT NULL
);

CREATE TABLE alert (
  series_id INTEGER NOT NULL,
  t         BIGINT NOT NULL,
  level     VARCHAR NOT NULL,
  value     DOUBLE,
  expected  DOUBLE,
  ratio     DOUBLE
);

CREATE TABLE signal_event (
  series_id    INTEGER NOT NULL,
  start_t      BIGINT NOT NULL,
  end_t        BIGINT,
  peak_level   VARCHAR NOT NULL,
  baseline     DOUBLE,
  lowest_ratio DOUBLE,
  score        DOUBLE NOT NULL,
  kind         VARCHAR NOT NULL,
  PRIMARY KEY (series_id, start_t)
);

CREATE TABLE event (
  id         VARCHAR PRIMARY KEY,
  entity_key VARCHAR NOT NULL,
  start_t    BIGINT NOT NULL,
  end_t      BIGINT,
  kind       VARCHAR NOT NULL,
  scope      VARCHAR NOT NULL,
  pattern    VARCHAR,
  mechanism  VARCHAR,
  restoration VARCHAR,
  platforms  VARCHAR NOT NULL,
  score      DOUBLE NOT NULL
);

CREATE TABLE event_signal (
  event_id     VARCHAR NOT NULL,
  signal       VARCHAR NOT NULL,
  start_t      BIGINT NOT NULL,
  end_t        BIGINT,
  baseline     DOUBLE,
  lowest_ratio DOUBLE,
  score        DOUBLE NOT NULL
);

CREATE TABLE event_evidence (
  event_id VARCHAR NOT NULL,
  input_id BIGINT NOT NULL
);
