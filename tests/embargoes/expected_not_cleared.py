#!/usr/bin/env python3
"""No destination may be `cleared` for a 3A090.a chip on a day when a part 746 embargo or D:5
membership applies to it. The expected set is derived here, independently of the license
rules: from rules/groups/d5.json and the table of embargoes below, which this test holds itself.

    expected_not_cleared.py shipments OUT.jsonl KEYS.tsv   # writes the shipments to screen
    expected_not_cleared.py verify KEYS.tsv ANSWERS.jsonl   # checks the answers, names each failure
"""
import datetime
import json
import os
import sys

ROOT = os.getcwd()

# Embargoed destinations: (country, first day, last day or None, citation). The part 746 rules
# reach every item subject to the EAR (Russia and Belarus: every CCL item, which a 3A090.a chip is).
EMBARGOES = [
    ("CU", "1996-03-25", None, "15 CFR 746.2 (Cuba)"),
    ("KP", "1996-03-25", None, "15 CFR 746.4 (North Korea); 31 CFR 510.206"),
    ("IR", "1995-05-07", None, "15 CFR 746.7 (Iran); 31 CFR 560.204"),
    ("SY", "2004-05-14", None, "15 CFR 746.9 (Syria; license still required after 90 FR 42315 of 2025-09-02)"),
    ("RU", "2022-02-24", None, "15 CFR 746.8 (Russia); 87 FR 12226"),
    ("BY", "2022-03-02", None, "15 CFR 746.8 (Belarus); 87 FR 13048"),
]
# The occupied regions of Ukraine (746.6) are below the country granularity of a destination:
# a shipment to UA gets an advisory, so UA is not in this table.

# D:5 membership makes a 3A090.a chip need a license from the October 2023 rule (742.6(a)(6)(iii),
# 88 FR 73458): destinations in D:5 not also in A:5/A:6, and any destination whose end user is
# headquartered in D:5 (the shipments below name an end user headquartered in the destination).
D5_LICENSED_FROM = "2023-11-17"
# Dates screened: the day before and the day of every change, from the start of this audit.
AUDIT_FROM = "2022-01-01"
TODAY = "2026-12-02"


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def day_before(date):
    return (datetime.date.fromisoformat(date) - datetime.timedelta(days=1)).isoformat()


def d5_members(versions, day):
    """D:5 on `day` as known today: the latest valid_from on or before it, the later-known on a tie."""
    best = None
    for v in versions:
        if v["known_from"] > TODAY or v["valid_from"] > day or day > v.get("valid_to", "9999-12-31"):
            continue
        if best is None or (v["valid_from"], v["known_from"]) >= (best["valid_from"], best["known_from"]):
            best = v
    return set(best["members"]) if best else set()


def expected(day, d5_versions):
    """Countries that must not be cleared on `day`, each with the reason."""
    out = {}
    for country, start, end, citation in EMBARGOES:
        if start <= day and (end is None or day <= end):
            out[country] = citation
    if day >= D5_LICENSED_FROM:
        for country in d5_members(d5_versions, day):
            out.setdefault(country, "D:5 (15 CFR 740 Supp. 1 and 22 CFR 126.1) from " + D5_LICENSED_FROM + ", 88 FR 73458")
    return out


def dates(d5_versions):
    changes = {D5_LICENSED_FROM}
    changes |= {start for _, start, _, _ in EMBARGOES}
    changes |= {v["valid_from"] for v in d5_versions}
    changes |= {"2025-09-02"}  # Syria's relaxing rule: the license requirement must survive it
    days = set()
    for change in changes:
        for day in (day_before(change), change):
            if AUDIT_FROM <= day <= TODAY:
                days.add(day)
    return sorted(days)


def shipments(out_path, keys_path):
    d5_versions = load("rules/groups/d5.json")["versions"]
    countries = [c["code"] for c in load("rules/groups/countries.json")["countries"]]
    with open(out_path, "w") as out, open(keys_path, "w") as keys:
        for day in dates(d5_versions):
            must = expected(day, d5_versions)
            for country in countries:
                if country == "US":
                    continue
                shipment = {
                    "id": "%s-%s" % (country, day), "ship_date": day,
                    "exporter": {"name": "Example Distributor Inc.", "country": "US", "headquarters": "US"},
                    "origin": "US", "destination": country,
                    "parties": [{"role": "end_user", "name": "Example end user", "country": country, "headquarters": country}],
                    "items": [{"model": "NVIDIA H100 SXM", "quantity": 8}],
                }
                out.write(json.dumps(shipment) + "\n")
                keys.write("%s\t%s\t%s\n" % (country, day, must.get(country, "")))


def verify(keys_path, answers_path):
    with open(keys_path) as f:
        keys = [line.rstrip("\n").split("\t") for line in f]
    with open(answers_path) as f:
        answers = [json.loads(line) for line in f if line.strip()]
    if len(keys) != len(answers):
        print("FAIL: %d shipments but %d answers" % (len(keys), len(answers)))
        return 1
    failures, checked = 0, 0
    for (country, day, reason), answer in zip(keys, answers):
        if answer.get("shipment_id") != "%s-%s" % (country, day):
            print("FAIL: answer %s out of order (expected %s-%s)" % (answer.get("shipment_id"), country, day))
            failures += 1
            continue
        if not reason:
            continue
        checked += 1
        if answer.get("verdict") == "cleared":
            print("FAIL: %s on %s is cleared for a 3A090.a chip, but %s applies" % (country, day, reason))
            failures += 1
    print("embargoes: %d screened, %d expected not cleared, %d cleared wrongly" % (len(keys), checked, failures))
    if checked == 0:
        print("FAIL: nothing was expected not cleared; the table or the group file did not load")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "shipments":
        shipments(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "verify":
        sys.exit(verify(sys.argv[2], sys.argv[3]))
    sys.stderr.write(__doc__)
    sys.exit(2)
