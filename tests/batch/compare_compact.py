#!/usr/bin/env python3
"""Checks `exportctl batch --format compact` against the full answers of the same batch.

    compare_compact.py FULL_OUTPUT COMPACT_OUTPUT [--few]

Line by line: an error record is the same bytes in both; an answer's compact line is exactly
(bytes) the full answer with every member but the verdict, the shipment id and, per
requirement, deadline, kind, rule, status and version left out, keys sorted, no spaces.
Unless --few is given, the full answers must hold some requirements (else the comparison
proves too little). Exits 1 and prints the first differences if any.
"""
import json
import sys

REQUIREMENT_KEYS = ("deadline", "kind", "rule", "status", "version")


def compact(full):
    return {
        "requirements": [{k: r[k] for k in REQUIREMENT_KEYS if k in r} for r in full["requirements"]],
        "shipment_id": full["shipment_id"],
        "verdict": full["verdict"],
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        full_lines = f.read().split("\n")
    with open(sys.argv[2], encoding="utf-8") as f:
        compact_lines = f.read().split("\n")
    if len(full_lines) != len(compact_lines):
        print("  %d full answers, %d compact lines" % (len(full_lines), len(compact_lines)))
        return 1
    differences = 0
    requirements = 0
    for number, (full, short) in enumerate(zip(full_lines, compact_lines), 1):
        if not full:
            ok = not short
        elif full.startswith('{"error":'):
            ok = full == short
        else:
            answer = json.loads(full)
            requirements += len(answer["requirements"])
            expected = json.dumps(compact(answer), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            ok = expected == short
        if not ok:
            differences += 1
            if differences <= 3:
                print("  line %d:\n    expected %s\n    got      %s" % (number, expected if full else "", short))
    if requirements == 0 and "--few" not in sys.argv[3:]:
        print("  no requirement in the full answers: the comparison proves too little")
        return 1
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
