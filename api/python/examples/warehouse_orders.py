#!/usr/bin/env python3
"""Screens a warehouse's pick list before release, the way a warehouse system would: orders from
its own CSV export (one row per order line), one shipment per order, screened in process, and a
release decision per order written as CSV.

    warehouse_orders.py orders.csv [--rules DIR | --store FILE] [--exporter NAME] [-o decisions.csv]

Columns: order_id, ship_date, customer, customer_country, customer_headquarters (empty when not
known), ship_to, via ("MY:transshipment",
several joined with "|"), sku (a catalog model), quantity, unit_price_usd, license (a BIS
license number held for the order, or empty), notice_filed_on and notice_reference (a Malaysian
MITI notice filed for the transshipment, or empty). Rows with one order_id are one order.

The decision column reads: release (cleared), hold (something must be obtained or filed first,
or a fact is missing to decide), block (prohibited), or error (the order could not be read; the
message says why). Exit code 0 when every order may be released, 1 otherwise.
"""
import argparse
import csv
import sys

import exportctl

DECISIONS = {"cleared": "release", "action_required": "hold", "indeterminate": "hold", "prohibited": "block"}


def read_orders(path, exporter):
    """Shipments of contract.md, one per order, in the order they first appear."""
    orders = {}
    with open(path, newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            order = orders.get(row["order_id"])
            if order is None:
                order = orders[row["order_id"]] = shipment_of(row, exporter)
            item = {"model": row["sku"], "quantity": float(row["quantity"])}
            if row["unit_price_usd"]:
                item["unit_value_usd"] = float(row["unit_price_usd"])
            order["items"].append(item)
    return list(orders.values())


def shipment_of(row, exporter):
    shipment = {
        "id": row["order_id"],
        "ship_date": row["ship_date"],
        "exporter": {"name": exporter, "country": "US", "headquarters": "US"},
        "origin": "US",
        "destination": row["ship_to"],
        "parties": [{"role": "end_user", "name": row["customer"], "country": row["customer_country"]}],
        "items": [],
    }
    if row["customer_headquarters"]:
        shipment["parties"][0]["headquarters"] = row["customer_headquarters"]
    if row["via"]:
        stops = [stop.split(":") for stop in row["via"].split("|")]
        shipment["via"] = [{"country": country, "activity": activity} for country, activity in stops]
    if row["license"]:
        shipment["authorizations"] = [{"authority": "US-BIS", "kind": "license", "number": row["license"],
                                       "destinations": [row["ship_to"]]}]
    if row["notice_filed_on"]:
        shipment["notices"] = [{"authority": "MY-MITI", "filed_on": row["notice_filed_on"],
                                "reference": row["notice_reference"]}]
    return shipment


def to_do(answer):
    """What stands between the order and its release, one clause per open requirement."""
    open_items = [f"{r['authority']} {r['kind']} {r['status']} ({r['rule']})"
                  for r in answer["requirements"] if r["status"] in ("missing", "late")]
    if answer["verdict"] == "indeterminate":
        missing = [w for w in answer["warnings"] if w["code"] in ("indeterminate", "unknown_model")]
        open_items += sorted({w["message"] for w in missing if w["code"] == "unknown_model"})
        undecided = sorted({w["rule"] for w in missing if w["code"] == "indeterminate"})
        if undecided:
            open_items.append("facts missing to decide " + ", ".join(undecided))
    return "; ".join(open_items)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("orders")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--rules", help="rule directory (default: $EXPORTCTL_RULES or the installed rules)")
    source.add_argument("--store", help="SQLite store: its latest imported rules")
    parser.add_argument("--exporter", default="NVIDIA Corporation", help="our company's name, as on BIS letters")
    parser.add_argument("-o", "--output", help="decisions CSV (default: standard output)")
    arguments = parser.parse_args()

    try:
        engine = exportctl.Engine(arguments.rules, store=arguments.store)
        shipments = read_orders(arguments.orders, arguments.exporter)
    except (exportctl.ExportctlError, OSError, KeyError, ValueError) as error:
        print(f"warehouse_orders: {error}", file=sys.stderr)
        return 2
    output = open(arguments.output, "w", newline="", encoding="utf-8") if arguments.output else sys.stdout
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["order_id", "verdict", "decision", "earliest_ship_date", "to_do"])
    held = 0
    for shipment, answer in zip(shipments, engine.batch(shipments)):
        if "error" in answer:
            writer.writerow([shipment["id"], "", "error", "", answer["error"]])
            held += 1
            continue
        decision = DECISIONS[answer["verdict"]]
        held += decision != "release"
        writer.writerow([shipment["id"], answer["verdict"], decision, answer["earliest_ship_date"] or "", to_do(answer)])
    if output is not sys.stdout:
        output.close()
    return 1 if held else 0


if __name__ == "__main__":
    sys.exit(main())
