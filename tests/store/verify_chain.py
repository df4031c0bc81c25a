#!/usr/bin/env python3
"""An independent re-implementation of the decision log's hash chain (docs/audit.md), so an
auditor need not trust exportctl to check exportctl's log.

  verify_chain.py DB            prints "intact N" or "broken ID", exit 0 / 1
  verify_chain.py DB --forge ID VERDICT
                                rewrites record ID's verdict AND recomputes its hash, as a
                                tamperer who knows the algorithm would (the chain then breaks at ID+1)
"""
import hashlib
import sqlite3
import sys

FIELDS = ["id", "recorded_at", "shipment_id", "ship_date", "known_on", "include_proposed", "verdict",
          "engine_version", "rules_digest", "request_json", "determination_json"]


def canonical(row):
    out = b""
    for name in FIELDS:
        value = str(row[name]).encode("utf-8")
        out += name.encode() + b"=" + str(len(value)).encode() + b":" + value + b"\n"
    return out


def record_hash(row):
    return hashlib.sha256(row["previous_hash"].encode() + b"\n" + canonical(row)).hexdigest()


def main():
    db = sqlite3.connect(sys.argv[1])
    db.row_factory = sqlite3.Row
    if len(sys.argv) == 5 and sys.argv[2] == "--forge":
        row = dict(db.execute("SELECT * FROM decisions WHERE id = ?", (int(sys.argv[3]),)).fetchone())
        row["verdict"] = sys.argv[4]
        db.execute("DROP TRIGGER IF EXISTS decisions_append_only_update")
        db.execute("UPDATE decisions SET verdict = ?, hash = ? WHERE id = ?", (row["verdict"], record_hash(row), row["id"]))
        db.commit()
        return 0
    previous, expected = "0" * 64, 1
    count = 0
    for row in db.execute("SELECT * FROM decisions ORDER BY id"):
        if row["id"] != expected or row["previous_hash"] != previous or record_hash(row) != row["hash"]:
            print("broken", row["id"])
            return 1
        previous, expected, count = row["hash"], expected + 1, count + 1
    print("intact", count)
    return 0


sys.exit(main())
