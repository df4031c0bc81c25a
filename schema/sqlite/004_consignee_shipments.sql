-- 004: what License Exception LPP's annual count per ultimate consignee reads (15 CFR 740.29,
-- docs/register.md "LPP annual count"), and what each recorded screening read from the store, so
-- that a replay screens against the register as it was then, not as it is now.
--
-- Decisions recorded before this migration have no rows here: they are not counted (the
-- request JSON of every decision of the year would have to be re-parsed at each record).
-- Nothing is ever updated or deleted (the triggers say so); a shipment that will not leave is
-- taken out of the count by a row of register_usage_voids (`register void-usage`), as its units.

-- One row per recorded decision that names an ultimate consignee, written in the transaction that
-- appends the decision.
CREATE TABLE consignee_shipments (
  decision_id INTEGER PRIMARY KEY REFERENCES decisions(id),
  consignee   TEXT NOT NULL,              -- the ultimate consignee, normalize_party_name
  country     TEXT NOT NULL,              -- its country (else the destination), "VN"
  year        INTEGER NOT NULL,           -- the calendar year of the ship date
  tpp         REAL,                       -- the shipment's total TPP; NULL: an item's TPP was unknown
  counted     INTEGER NOT NULL            -- 1: the screening counted the earlier rows (decision_counted)
);
CREATE INDEX consignee_shipments_by_year ON consignee_shipments(consignee, country, year);

-- The earlier shipments a recorded screening counted (the rows above it read, not voided).
CREATE TABLE decision_counted (
  decision_id         INTEGER NOT NULL REFERENCES decisions(id),
  counted_decision_id INTEGER NOT NULL REFERENCES decisions(id),
  PRIMARY KEY (decision_id, counted_decision_id)
);

-- The register entries a recorded screening considered, in the order it considered them, with
-- what recorded shipments had used of each before it.
CREATE TABLE decision_register_candidates (
  decision_id   INTEGER NOT NULL REFERENCES decisions(id),
  position      INTEGER NOT NULL,
  entry_id      INTEGER NOT NULL REFERENCES register_entries(id),
  quantity_used REAL NOT NULL,
  value_used    REAL NOT NULL,
  PRIMARY KEY (decision_id, position)
);

CREATE TRIGGER consignee_shipments_no_update BEFORE UPDATE ON consignee_shipments
  BEGIN SELECT RAISE(ABORT, 'the consignee count is append-only: void the usage instead'); END;
CREATE TRIGGER consignee_shipments_no_delete BEFORE DELETE ON consignee_shipments
  BEGIN SELECT RAISE(ABORT, 'the consignee count is append-only: void the usage instead'); END;
CREATE TRIGGER decision_counted_no_update BEFORE UPDATE ON decision_counted
  BEGIN SELECT RAISE(ABORT, 'what a decision read is append-only'); END;
CREATE TRIGGER decision_counted_no_delete BEFORE DELETE ON decision_counted
  BEGIN SELECT RAISE(ABORT, 'what a decision read is append-only'); END;
CREATE TRIGGER decision_register_candidates_no_update BEFORE UPDATE ON decision_register_candidates
  BEGIN SELECT RAISE(ABORT, 'what a decision read is append-only'); END;
CREATE TRIGGER decision_register_candidates_no_delete BEFORE DELETE ON decision_register_candidates
  BEGIN SELECT RAISE(ABORT, 'what a decision read is append-only'); END;
