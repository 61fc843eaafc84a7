-- SPDX-License-Identifier: Apache-2.0
-- Test only: a version 2 that arrives after version 3 was applied (two branches merged).
CREATE TABLE gap_filler (id INTEGER);
