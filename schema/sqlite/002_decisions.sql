-- 002: the decision log.
--
-- Every recorded screening: what was asked (request_json, as received), what was answered
-- (determination_json, as printed), and what produced it (engine_version, rules_digest, the
-- known_on used). Records are hash-chained: hash = SHA-256 over previous_hash and the record's
-- canonical content (engine/src/store/record_hash.cpp defines it; it includes the id), and
-- previous_hash is the hash of record id - 1 (64 zeros for record 1). Editing, deleting or
-- reordering records therefore breaks the chain at the first record touched, which
-- `exportctl audit verify` names. The triggers stop accidental changes; they cannot stop a
-- deliberate one (anyone with the file can drop them), which is what the chain is for.

CREATE TABLE decisions (
  id                 INTEGER PRIMARY KEY,  -- 1, 2, 3...: the position in the chain
  recorded_at        TEXT NOT NULL,        -- UTC, "2025-05-14T09:30:00.123456Z"
  shipment_id        TEXT NOT NULL,        -- "" when the request has none
  ship_date          TEXT NOT NULL,
  known_on           TEXT NOT NULL,        -- the knowledge date used: the one given, else the recording day
  include_proposed   INTEGER NOT NULL,     -- 0 or 1
  verdict            TEXT NOT NULL,
  engine_version     TEXT NOT NULL,
  rules_digest       TEXT NOT NULL,
  request_json       TEXT NOT NULL,
  determination_json TEXT NOT NULL,
  previous_hash      TEXT NOT NULL,
  hash               TEXT NOT NULL
);
CREATE INDEX decisions_by_ship_date ON decisions(ship_date);

CREATE TRIGGER decisions_append_only_update BEFORE UPDATE ON decisions
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
CREATE TRIGGER decisions_append_only_delete BEFORE DELETE ON decisions
  BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
