#!/usr/bin/env python3
"""Re-verifies `exportctl audit export` output without exportctl (docs/audit.md).
Usage: verify-export.py EXPORT.jsonl [ID:HASH]   (ID:HASH: the record before the first exported,
e.g. from an earlier export or anchor). Prints "intact N HEAD" and exits 0, or "broken ID: why", 1."""
import hashlib, json, sys

FIELDS = ["id", "recorded_at", "shipment_id", "ship_date", "known_on", "include_proposed", "verdict",
          "engine_version", "rules_digest", "request_json", "determination_json"]

def text(value):
    return ("1" if value else "0") if isinstance(value, bool) else str(value)

def main(path, anchor=None):
    last_id, last_hash = (int(anchor.split(":")[0]), anchor.split(":")[1]) if anchor else (None, None)
    count = 0
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        content = "".join(f"{n}={len(text(r[n]).encode())}:{text(r[n])}\n" for n in FIELDS)
        if last_id is not None and (r["id"] != last_id + 1 or r["previous_hash"] != last_hash):
            return print(f"broken {r['id']}: does not follow record {last_id}") or 1
        if last_id is None and r["id"] == 1 and r["previous_hash"] != "0" * 64:
            return print("broken 1: the first record must follow 64 zeros") or 1
        if hashlib.sha256((r["previous_hash"] + "\n" + content).encode()).hexdigest() != r["hash"]:
            return print(f"broken {r['id']}: does not match its hash") or 1
        last_id, last_hash, count = r["id"], r["hash"], count + 1
    return print(f"intact {count} {last_id}:{last_hash}") or 0

sys.exit(main(*sys.argv[1:3]))
