-- SPDX-License-Identifier: Apache-2.0
-- Version 2: the measurements behind OONI signals, and behind the events built from them.

-- Per OONI series and hour, the measurements counted as anomalous (anomaly or confirmed, not
-- failed), with the ids that lead to them in OONI Explorer. signal is the anomaly ratio's name
-- (ooni.<platform>.anomaly_ratio); t is the hour (the bin's start); measured_at is the
-- measurement's measurement_start_time. A measurement without measurement_uid (older data) is
-- identified by report_id and input.
CREATE TABLE measurement_evidence (
  entity_key      VARCHAR NOT NULL,
  signal          VARCHAR NOT NULL,
  t               BIGINT NOT NULL,
  measured_at     BIGINT NOT NULL,
  measurement_uid VARCHAR,
  report_id       VARCHAR,
  input           VARCHAR,
  confirmed       BOOLEAN NOT NULL,
  input_id        BIGINT NOT NULL
);

-- An event's measurements: how many there are, and those listed (the first ones in time, and the
-- last), rebuilt with the events.
CREATE TABLE event_measurement_count (
  event_id VARCHAR PRIMARY KEY,
  count    BIGINT NOT NULL
);

CREATE TABLE event_measurement (
  event_id        VARCHAR NOT NULL,
  measured_at     BIGINT NOT NULL,
  measurement_uid VARCHAR,
  report_id       VARCHAR,
  input           VARCHAR,
  confirmed       BOOLEAN NOT NULL
);
