-- 001: the rule store.
--
-- Rule data files are kept whole, content-addressed: the engine loads exactly these texts, so
-- an answer computed from the store is byte-identical to one computed from the same files.
-- Every rule version also gets a row of its own, with its dates on both time axes (valid time:
-- valid_from/valid_to/compliance_from; knowledge time: known_from) and the time it was recorded
-- here (recorded_at, UTC). History is append-only: a re-import that changes something adds an
-- import, new document and version rows, and a supersession row for each version it replaces;
-- it never changes or deletes a row (the triggers at the end refuse it). A re-import of
-- identical data adds nothing at all.

-- One row per import that changed something: the rule set as it stood after it.
CREATE TABLE rule_imports (
  id           INTEGER PRIMARY KEY,
  recorded_at  TEXT NOT NULL,      -- UTC, "2025-05-14T09:30:00.123456Z"
  source       TEXT NOT NULL,      -- the rules directory as named on the command line
  rules_digest TEXT NOT NULL,      -- "sha256:...", as the engine computes it over the documents
  documents    INTEGER NOT NULL,
  versions     INTEGER NOT NULL
);

-- Every distinct content of every rule data file ever imported.
CREATE TABLE rule_documents (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,       -- relative path: "us/742.6-license.json"
  sha256      TEXT NOT NULL,       -- of text
  text        TEXT NOT NULL,
  recorded_at TEXT NOT NULL,       -- when this content was first imported
  UNIQUE (name, sha256)
);

-- Which document contents made up the rule set of each import.
CREATE TABLE rule_import_documents (
  import_id   INTEGER NOT NULL REFERENCES rule_imports(id),
  document_id INTEGER NOT NULL REFERENCES rule_documents(id),
  PRIMARY KEY (import_id, document_id)
) WITHOUT ROWID;

-- Every content of every rule version ever imported.
CREATE TABLE rule_versions (
  id              INTEGER PRIMARY KEY,
  rule_id         TEXT NOT NULL,     -- "us.ear.742.6.license"
  version         INTEGER NOT NULL,  -- "version" in the rule file
  kind            TEXT NOT NULL,
  jurisdiction    TEXT NOT NULL,
  authority       TEXT NOT NULL,
  title           TEXT NOT NULL,
  file            TEXT NOT NULL,     -- the document it came from
  status          TEXT NOT NULL,     -- in_force or proposed
  valid_from      TEXT NOT NULL,
  valid_to        TEXT,              -- last day in effect, inclusive; NULL: open-ended
  compliance_from TEXT,              -- NULL: binding from valid_from
  known_from      TEXT NOT NULL,     -- the day it could be known (knowledge time)
  supersedes      INTEGER,           -- the version a correction in the data replaces; NULL: none
  citation        TEXT NOT NULL,
  sha256          TEXT NOT NULL,     -- of json
  json            TEXT NOT NULL,     -- the version object, compact with sorted keys
  import_id       INTEGER NOT NULL REFERENCES rule_imports(id),
  recorded_at     TEXT NOT NULL      -- when this content was imported (transaction time)
);
CREATE INDEX rule_versions_by_rule ON rule_versions(rule_id, version);

-- A later import brought different content for a version, or no longer had it: the old row
-- stays, this row says when and by what it was replaced, with the digest of each content.
CREATE TABLE rule_version_supersessions (
  old_version_id INTEGER PRIMARY KEY REFERENCES rule_versions(id),
  new_version_id INTEGER REFERENCES rule_versions(id),  -- NULL: withdrawn from the data
  old_sha256     TEXT NOT NULL,
  new_sha256     TEXT,
  import_id      INTEGER NOT NULL REFERENCES rule_imports(id),
  recorded_at    TEXT NOT NULL
);

-- The versions in the latest import, as they read now.
CREATE VIEW current_rule_versions AS
  SELECT v.* FROM rule_versions v
  WHERE NOT EXISTS (SELECT 1 FROM rule_version_supersessions s WHERE s.old_version_id = v.id);

CREATE TRIGGER rule_imports_append_only_update BEFORE UPDATE ON rule_imports
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_imports_append_only_delete BEFORE DELETE ON rule_imports
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_documents_append_only_update BEFORE UPDATE ON rule_documents
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_documents_append_only_delete BEFORE DELETE ON rule_documents
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_import_documents_append_only_update BEFORE UPDATE ON rule_import_documents
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_import_documents_append_only_delete BEFORE DELETE ON rule_import_documents
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_versions_append_only_update BEFORE UPDATE ON rule_versions
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_versions_append_only_delete BEFORE DELETE ON rule_versions
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_version_supersessions_append_only_update BEFORE UPDATE ON rule_version_supersessions
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
CREATE TRIGGER rule_version_supersessions_append_only_delete BEFORE DELETE ON rule_version_supersessions
  BEGIN SELECT RAISE(ABORT, 'rule history is append-only'); END;
