-- SPDX-License-Identifier: Apache-2.0
-- Version 4: the names of autonomous systems, loaded by the user ('vigil names load': RIPE NCC's
-- asn.txt or CAIDA's as-org2info.txt). A network whose entity has no name of its own (its name is
-- 'AS' and its number) is named from this table wherever the store returns entities.

CREATE TABLE as_name (
  asn      VARCHAR PRIMARY KEY,  -- the decimal AS number, as entity.code has it
  name     VARCHAR NOT NULL,     -- the holder's name, else the AS handle
  country  VARCHAR,              -- registration country (ISO 3166-1 alpha-2), NULL when not given
  input_id BIGINT NOT NULL       -- the catalogued file it was read from
);

-- A load's names before they replace those of the same ASes (filled by DuckDB's appender).
CREATE TABLE as_name_staging (
  asn      VARCHAR NOT NULL,
  name     VARCHAR NOT NULL,
  country  VARCHAR,
  input_id BIGINT NOT NULL
);
