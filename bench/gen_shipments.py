#!/usr/bin/env python3
"""Deterministic workload for `exportctl batch`: N shipments of the screening contract, one per line.

    python3 bench/gen_shipments.py N [--seed S] [--out FILE] [--csv]

The same N and seed always give the same bytes (Python's Mersenne Twister is stable across
versions for random(), randrange() and choices()). The mix is meant to look like a chip
distributor's year, not to hit every rule evenly:

- items: 1 item in 70% of shipments, 2 in 20%, 3 in 10%; catalog chips weighted towards the
  common datacenter parts, 6% custom accelerators given by metrics only, 1% unknown model names
  (which make the answer indeterminate or warn), systems (HGX) now and then;
- origins: US about half, then Malaysia, Taiwan, Singapore, Korea, Thailand...;
- destinations weighted towards the ones that matter (China, Hong Kong, UAE, Singapore,
  Malaysia, Vietnam, India...), with a tail of allies and a few embargoed countries;
- routes: 0 to 2 stops drawn mostly from Malaysia, Thailand and Singapore, as transit or
  transshipment, some dated a few days after the ship date;
- ship dates uniform over 2022-01-01..2026-12-31, plus 6% within 3 days of a rule change;
- parties: an end user in 60% (headquarters stated in most), notices (MY-MITI, US-BIS with a
  reference, TH-DFT) filed 0-90 days before, US licenses and Malaysian permits on some.

With --csv the same shipments are written as the CSV of docs/batch.md (one row per item).
"""
import argparse
import datetime
import json
import random
import sys

CATALOG = [  # (name as a compliance officer writes it, vendor, weight)
    ("NVIDIA H100 SXM", "NVIDIA", 8), ("H100", "NVIDIA", 3), ("NVIDIA H100 PCIe", "NVIDIA", 4),
    ("NVIDIA H20", "NVIDIA", 8), ("NVIDIA H200 SXM", "NVIDIA", 5), ("NVIDIA B200", "NVIDIA", 4),
    ("NVIDIA A100 SXM", "NVIDIA", 4), ("NVIDIA A800 SXM", "NVIDIA", 2), ("NVIDIA H800 SXM", "NVIDIA", 2),
    ("NVIDIA L20", "NVIDIA", 3), ("NVIDIA L40S", "NVIDIA", 4), ("NVIDIA RTX 4090", "NVIDIA", 4),
    ("NVIDIA RTX 4090D", "NVIDIA", 3), ("NVIDIA HGX H100 8-GPU", "NVIDIA", 2), ("HGX H20", "NVIDIA", 2),
    ("AMD MI300X", "AMD", 4), ("AMD MI308X", "AMD", 3), ("AMD MI250X", "AMD", 2),
    ("Intel Gaudi 2", "Intel", 2), ("Huawei Ascend 910B", "Huawei", 2),
]
ORIGINS = [("US", 50), ("MY", 10), ("TW", 10), ("SG", 6), ("KR", 5), ("TH", 4), ("CN", 4), ("JP", 4),
           ("DE", 3), ("IL", 2), ("MX", 2)]
DESTINATIONS = [("CN", 14), ("HK", 8), ("AE", 7), ("SG", 7), ("MY", 6), ("VN", 5), ("IN", 5), ("SA", 4),
                ("TH", 4), ("ID", 3), ("DE", 4), ("JP", 4), ("KR", 4), ("GB", 3), ("FR", 3), ("NL", 2),
                ("US", 3), ("TW", 3), ("IL", 2), ("TR", 2), ("BR", 2), ("MO", 1), ("RU", 1), ("IR", 1),
                ("KP", 0.2), ("BY", 0.5), ("KZ", 1), ("PK", 1), ("EG", 1), ("QA", 1), ("AU", 2), ("CA", 2),
                ("MX", 1), ("PH", 1), ("KH", 0.5), ("MN", 0.5)]
HUBS = [("MY", 40), ("SG", 25), ("TH", 20), ("AE", 8), ("HK", 7)]
DISTRIBUTORS = [("Example Trading Sdn Bhd", "MY", "MY"), ("Example Logistics Pte Ltd", "SG", "SG"),
                ("Example Components Co Ltd", "TW", "TW"), ("Example Systems Inc", "US", "US"),
                ("Example Cloud Supply Ltd", "HK", "CN")]
CHANGE_DATES = ["2022-10-07", "2023-01-17", "2023-10-23", "2023-11-17", "2024-04-04", "2024-12-02",
                "2025-01-13", "2025-04-09", "2025-04-15", "2025-07-14", "2025-09-29", "2026-01-15",
                "2026-02-03"]
FIRST_DAY = datetime.date(2022, 1, 1)
SPAN_DAYS = (datetime.date(2026, 12, 31) - FIRST_DAY).days + 1


def pick(rng, weighted):
    values = [w[0] for w in weighted]
    weights = [w[-1] for w in weighted]
    return rng.choices(values, weights)[0]


def day(date):
    return date.isoformat()


def make_item(rng):
    roll = rng.random()
    item = {}
    if roll < 0.06:  # a custom accelerator known only by its figures
        tpp = rng.choice([800, 1599, 1600, 2400, 3000, 4799, 4800, 6000, 12000])
        area = rng.choice([150, 300, 500, 600, 814])
        item = {"description": "custom accelerator", "quantity": rng.randint(1, 16),
                "us_origin": rng.random() < 0.7,
                "metrics": {"tpp": tpp, "die_area_mm2": area, "interconnect_gbps": rng.choice([64, 200, 600, 900]),
                            "datacenter": rng.random() < 0.8}}
        return item, None
    if roll < 0.07:
        return {"model": rng.choice(["Acme X1", "Contoso NPU 9", "Example TPU v2"]),
                "quantity": rng.randint(1, 8)}, None
    model, vendor, _ = CATALOG[rng.choices(range(len(CATALOG)), [c[2] for c in CATALOG])[0]]
    item = {"model": model, "quantity": rng.choice([1, 1, 2, 4, 8, 8, 16, 32, 64])}
    if rng.random() < 0.3:
        item["unit_value_usd"] = rng.choice([1600, 12000, 25000, 30000, 35000])
    return item, vendor


def make_shipment(rng, seed, n):
    if rng.random() < 0.06:
        base = datetime.date.fromisoformat(rng.choice(CHANGE_DATES))
        ship = base + datetime.timedelta(days=rng.randint(-3, 3))
    else:
        ship = FIRST_DAY + datetime.timedelta(days=rng.randrange(SPAN_DAYS))
    count = 1 if rng.random() < 0.7 else 2 if rng.random() < 0.67 else 3
    items, vendors = [], []
    for _ in range(count):
        item, vendor = make_item(rng)
        items.append(item)
        vendors.append(vendor)
    origin = pick(rng, ORIGINS)
    destination = pick(rng, DESTINATIONS)
    while destination == origin:
        destination = pick(rng, DESTINATIONS)
    s = {"id": "S%d-%07d" % (seed, n), "ship_date": day(ship)}
    if rng.random() < 0.03:
        s["known_on"] = day(ship - datetime.timedelta(days=rng.randint(0, 400)))
    vendor = next((v for v in vendors if v), None)
    if vendor and origin == "US" and rng.random() < 0.7:
        s["exporter"] = {"name": vendor + (" Corporation" if vendor != "AMD" else ""), "country": "US",
                         "headquarters": "US"}
    elif rng.random() < 0.8:
        name, country, hq = rng.choice(DISTRIBUTORS)
        s["exporter"] = {"name": name, "country": country, "headquarters": hq}
    s["origin"] = origin
    stops = 0 if rng.random() < 0.55 else 1 if rng.random() < 0.78 else 2
    via = []
    for _ in range(stops):
        hub = pick(rng, HUBS)
        if hub in (origin, destination) or any(v["country"] == hub for v in via):
            continue
        stop = {"country": hub, "activity": "transshipment" if rng.random() < 0.5 else "transit"}
        if rng.random() < 0.4:
            stop["date"] = day(ship + datetime.timedelta(days=rng.randint(1, 10)))
        via.append(stop)
    if via:
        s["via"] = via
    s["destination"] = destination
    if rng.random() < 0.6:
        hq = destination if rng.random() < 0.8 else rng.choice(["CN", "MO", "US", "SG"])
        party = {"role": "end_user", "name": "End User %d" % rng.randint(1, 500), "country": destination}
        if rng.random() < 0.9:
            party["headquarters"] = hq
        s["parties"] = [party]
    s["items"] = items
    notices = []
    if rng.random() < 0.45:
        filed = ship - datetime.timedelta(days=rng.choice([rng.randint(0, 90), 29, 30, 31]))
        notices.append({"authority": "MY-MITI", "filed_on": day(filed), "reference": "STS/%d/%d" % (ship.year, n)})
    if rng.random() < 0.1:
        filed = ship - datetime.timedelta(days=rng.randint(0, 40))
        notices.append({"authority": "US-BIS", "filed_on": day(filed), "reference": "G%07d" % n})
    if rng.random() < 0.05:
        notices.append({"authority": "TH-DFT", "filed_on": day(ship - datetime.timedelta(days=rng.randint(0, 30)))})
    if notices:
        s["notices"] = notices
    authorizations = []
    if rng.random() < 0.15:
        start = ship - datetime.timedelta(days=rng.randint(0, 700))
        a = {"authority": "US-BIS", "kind": "license", "number": "D%07d" % n, "valid_from": day(start),
             "valid_to": day(start + datetime.timedelta(days=rng.choice([365, 730, 1460])))}
        if rng.random() < 0.7:
            a["destinations"] = [destination]
        if rng.random() < 0.5 and "model" in items[0]:
            a["models"] = [items[0]["model"]]
        authorizations.append(a)
    if rng.random() < 0.05:
        authorizations.append({"authority": "MY-MITI", "kind": "permit", "number": "STP-%d" % n})
    if authorizations:
        s["authorizations"] = authorizations
    return s


CSV_COLUMNS = ["id", "ship_date", "known_on", "origin", "destination", "via", "exporter", "exporter_country",
               "exporter_hq", "end_user", "end_user_country", "end_user_hq", "model", "description", "quantity",
               "unit_value_usd", "us_origin", "tpp", "die_area_mm2", "interconnect_gbps", "datacenter",
               "notice_authority", "notice_filed_on", "notice_reference", "authorization_authority",
               "authorization_kind", "authorization_number", "authorization_valid_from", "authorization_valid_to",
               "authorization_destinations", "authorization_models"]


def csv_field(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_rows(s):
    """One row per item; notices and authorizations ride on the first rows, one each."""
    rows = []
    lines = max(len(s["items"]), len(s.get("notices", [])), len(s.get("authorizations", [])))
    for k in range(lines):
        row = dict.fromkeys(CSV_COLUMNS)
        row["id"] = s["id"]
        if k == 0:  # shipment columns on the first row only (repeating them is allowed too)
            row["ship_date"] = s["ship_date"]
            row["known_on"] = s.get("known_on")
            row["origin"] = s["origin"]
            row["destination"] = s["destination"]
            row["via"] = ";".join(v["country"] + ":" + v["activity"] + (":" + v["date"] if "date" in v else "")
                                  for v in s.get("via", []))
            if "exporter" in s:
                row["exporter"] = s["exporter"]["name"]
                row["exporter_country"] = s["exporter"]["country"]
                row["exporter_hq"] = s["exporter"]["headquarters"]
            if "parties" in s:
                p = s["parties"][0]
                row["end_user"], row["end_user_country"] = p["name"], p["country"]
                row["end_user_hq"] = p.get("headquarters")
        if k < len(s["items"]):
            item = s["items"][k]
            for key in ("model", "description", "quantity", "unit_value_usd", "us_origin"):
                row[key] = item.get(key)
            for key, value in item.get("metrics", {}).items():
                row[key] = value
        if k < len(s.get("notices", [])):
            n = s["notices"][k]
            row["notice_authority"], row["notice_filed_on"] = n["authority"], n["filed_on"]
            row["notice_reference"] = n.get("reference")
        if k < len(s.get("authorizations", [])):
            a = s["authorizations"][k]
            for key in ("authority", "kind", "number", "valid_from", "valid_to"):
                row["authorization_" + key] = a.get(key)
            row["authorization_destinations"] = ";".join(a.get("destinations", [])) or None
            row["authorization_models"] = ";".join(a.get("models", [])) or None
        rows.append(",".join(csv_field(row[c]) for c in CSV_COLUMNS))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=20251114)
    parser.add_argument("--out", default="-")
    parser.add_argument("--csv", action="store_true", help="write the CSV of docs/batch.md instead of JSONL")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    buffer = []
    if args.csv:
        buffer.append(",".join(CSV_COLUMNS) + "\n")
    dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
    for n in range(1, args.n + 1):
        s = make_shipment(rng, args.seed, n)
        if args.csv:
            buffer.extend(row + "\n" for row in csv_rows(s))
        else:
            buffer.append(dumps(s) + "\n")
        if len(buffer) >= 8192:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))
    out.flush()


if __name__ == "__main__":
    main()
