#!/usr/bin/env python3
"""Writes N shipments of H100s to Viet Nam as JSON Lines, for the register's reliability tests.

usage: make_shipments.py PREFIX N SEED > shipments.jsonl
Each shipment is 1 to 3 units of H100 SXM (drawing on a quantity-limited license) or H100 PCIe
(drawing on a value-limited one), ship date 2024-06-03, ids PREFIX-0000, PREFIX-0001, ...
"""
import json
import random
import sys

prefix, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
for i in range(count):
    model = "NVIDIA H100 SXM" if rng.random() < 0.5 else "NVIDIA H100 PCIe"
    shipment = {
        "id": f"{prefix}-{i:04d}",
        "ship_date": "2024-06-03",
        "exporter": {"name": "Example Exporter Inc", "country": "US", "headquarters": "US"},
        "origin": "US",
        "destination": "VN",
        "parties": [{"role": "ultimate_consignee", "name": "Example Cloud JSC", "country": "VN", "headquarters": "VN"},
                    {"role": "end_user", "name": "Example Cloud JSC", "country": "VN", "headquarters": "VN"}],
        "items": [{"model": model, "quantity": rng.randint(1, 3), "unit_value_usd": 25000}],
    }
    print(json.dumps(shipment, sort_keys=True))
