-- SPDX-License-Identifier: Apache-2.0
-- Version 3: the standing of countries in Freedom House's surveys, loaded by the user
-- ('vigil context load'), cited at the end of a narrative. Numbered 3 because version 2 was
-- written on another branch at the same time; the migration runner applies whichever is missing.

CREATE TABLE country_rating (
  country  VARCHAR NOT NULL,  -- ISO 3166-1 alpha-2
  survey   VARCHAR NOT NULL,  -- 'Freedom in the World', 'Freedom on the Net', 'Nations in Transit'
  edition  INTEGER NOT NULL,  -- the edition's year
  status   VARCHAR NOT NULL,  -- as published: 'NF', 'PF', 'F', or words
  score    DOUBLE,            -- total out of 100, NULL when not given
  input_id BIGINT NOT NULL,   -- the catalogued file it was read from: the evidence
  PRIMARY KEY (country, survey, edition)
);
