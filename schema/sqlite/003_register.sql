-- 003: the register of licenses, permits and notices, and what recorded shipments drew from it.
--
-- An entry is what a person entered (`register add`): one object in the shape of a shipment's
-- authorizations[] or notices[] entry plus its limits (schema/json/register-entry.schema.json),
-- kept as entered in entry_json; the other columns repeat the fields that selection reads.
-- Nothing is ever updated or deleted (the triggers say so): voiding an entry, and giving back
-- the units a recorded shipment drew, are rows of their own tables, with who and when.
-- docs/register.md tells how the tables are used and what a server database would change.

CREATE TABLE register_entries (
  id           INTEGER PRIMARY KEY,
  entry_type   TEXT NOT NULL CHECK (entry_type IN ('authorization', 'notice')),
  authority    TEXT NOT NULL,            -- US-BIS, MY-MITI, TH-DFT, US-OFAC
  kind         TEXT,                     -- license, permit; NULL for a notice
  number       TEXT NOT NULL,            -- the license or permit number; the notice reference
  valid_from   TEXT,                     -- NULL: from the beginning; a notice: its filed_on
  valid_to     TEXT,                     -- NULL: open-ended
  destinations TEXT NOT NULL,            -- ",VN,MY," or "" for any destination
  quantity     REAL,                     -- units it covers in all; NULL: no quantity limit
  value_usd    REAL,                     -- US dollars it covers in all; NULL: no value limit
  entry_json   TEXT NOT NULL,            -- the object as entered, one line, sorted keys
  entered_by   TEXT NOT NULL,
  entered_at   TEXT NOT NULL             -- UTC timestamp
);
CREATE INDEX register_entries_by_number ON register_entries(authority, number);

CREATE TABLE register_entry_voids (
  entry_id  INTEGER PRIMARY KEY REFERENCES register_entries(id),
  voided_by TEXT NOT NULL,
  voided_at TEXT NOT NULL,
  reason    TEXT NOT NULL
);

-- What one recorded decision drew from one entry (written in the transaction that appends the
-- decision, after the remaining units were read in that same transaction).
CREATE TABLE register_usage (
  id          INTEGER PRIMARY KEY,
  entry_id    INTEGER NOT NULL REFERENCES register_entries(id),
  decision_id INTEGER NOT NULL REFERENCES decisions(id),
  quantity    REAL NOT NULL,
  value_usd   REAL,                      -- NULL: the shipment states no value
  recorded_at TEXT NOT NULL
);
CREATE INDEX register_usage_by_entry ON register_usage(entry_id);
CREATE INDEX register_usage_by_decision ON register_usage(decision_id);

-- A recorded shipment that will not leave: its usage no longer counts (the units go back).
CREATE TABLE register_usage_voids (
  decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
  voided_by   TEXT NOT NULL,
  voided_at   TEXT NOT NULL,
  reason      TEXT NOT NULL
);

CREATE TRIGGER register_entries_no_update BEFORE UPDATE ON register_entries
  BEGIN SELECT RAISE(ABORT, 'the register is append-only: void an entry instead'); END;
CREATE TRIGGER register_entries_no_delete BEFORE DELETE ON register_entries
  BEGIN SELECT RAISE(ABORT, 'the register is append-only: void an entry instead'); END;
CREATE TRIGGER register_entry_voids_no_update BEFORE UPDATE ON register_entry_voids
  BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
CREATE TRIGGER register_entry_voids_no_delete BEFORE DELETE ON register_entry_voids
  BEGIN SELECT RAISE(ABORT, 'the register is append-only'); END;
CREATE TRIGGER register_usage_no_update BEFORE UPDATE ON register_usage
  BEGIN SELECT RAISE(ABORT, 'the register usage log is append-only'); END;
CREATE TRIGGER register_usage_no_delete BEFORE DELETE ON register_usage
  BEGIN SELECT RAISE(ABORT, 'the register usage log is append-only'); END;
CREATE TRIGGER register_usage_voids_no_update BEFORE UPDATE ON register_usage_voids
  BEGIN SELECT RAISE(ABORT, 'the register usage log is append-only'); END;
CREATE TRIGGER register_usage_voids_no_delete BEFORE DELETE ON register_usage_voids
  BEGIN SELECT RAISE(ABORT, 'the register usage log is append-only'); END;
