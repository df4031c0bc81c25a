#!/usr/bin/env python3
"""Time per item as a shipment grows from 1 to 10,000 items (one JSON Lines line of several MB).

    bench/item_growth.py [EXPORTCTL] [--rounds R] [--items-per-run N]

For each size (1, 10, 100, 1,000, 10,000 items) it writes one shipment of that many items (catalog
chips and custom accelerators given by metrics, in turn) and measures, R rounds (default 3),
sizes alternated so that they see the same machine:

- batch: JSON Lines files of that shipment repeated to about N and 2N items in all (default
  N = 200,000), `batch --threads 1 -o /dev/null`; time per item is the difference of their CPU
  times (user + sys) divided by N, so that what a batch pays once (process start, rule loading,
  the first touch of its buffers) drops out and what remains is the cost of one more line;
- check: one `check` of the shipment, whole process; the CPU time of the 1-item check is
  subtracted and the rest divided by the items beyond the first (from 1,000 items: below, the
  difference drowns in the noise of starting a process).

Flat growth means the same time per item at every size. Prints the medians with the load average
and nproc. Run from the project root.
"""
import json
import os
import subprocess
import sys
import tempfile

SIZES = [1, 10, 100, 1000, 10000]
MODELS = ["NVIDIA H100 SXM", "NVIDIA H20", "AMD MI300X", "NVIDIA L40S", "NVIDIA A100 SXM", "Huawei Ascend 910B"]


def shipment(items):
    listed = []
    for i in range(items):
        if i % 7 == 6:
            listed.append({"description": "custom accelerator %d" % i, "quantity": 1 + i % 5, "us_origin": True,
                           "metrics": {"tpp": 3000 + i % 2000, "die_area_mm2": 600, "datacenter": True}})
        else:
            listed.append({"model": MODELS[i % len(MODELS)], "quantity": 1 + i % 9, "unit_value_usd": 1000 + i})
    return {"id": "GROWTH-%d" % items, "ship_date": "2025-08-01", "known_on": "2025-08-01",
            "exporter": {"name": "Example Systems Inc", "country": "US", "headquarters": "US"},
            "origin": "US", "via": [{"country": "MY", "activity": "transshipment", "date": "2025-08-05"}],
            "destination": "VN",
            "parties": [{"role": "end_user", "name": "Example Cloud JSC", "country": "VN", "headquarters": "VN"}],
            "items": listed,
            "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-22", "reference": "STS/2025/123"}]}


def cpu_of(command):
    devnull = os.open(os.devnull, os.O_WRONLY)
    process = subprocess.Popen(command, stdout=devnull, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    err = process.stderr.read()
    os.close(devnull)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3, 4, 5):
        sys.exit("%s: exit %d: %s" % (" ".join(command), code, err.decode()[:300]))
    return usage.ru_utime + usage.ru_stime


def median(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main():
    args = sys.argv[1:]
    rounds, total = 3, 200000
    for name in ("--rounds", "--items-per-run"):
        if name in args:
            at = args.index(name)
            value = int(args[at + 1])
            del args[at:at + 2]
            if name == "--rounds":
                rounds = value
            else:
                total = value
    binary = args[0] if args else "build/exportctl"
    work = tempfile.mkdtemp()
    files = {}
    for size in SIZES:
        line = json.dumps(shipment(size), separators=(",", ":"))
        single = os.path.join(work, "one-%d.json" % size)
        with open(single, "w") as out:
            out.write(line + "\n")
        lines = max(1, total // size)
        batches = []
        for times in (1, 2):
            batch = os.path.join(work, "batch-%d-%d.jsonl" % (size, times))
            with open(batch, "w") as out:
                for _ in range(times * lines):
                    out.write(line + "\n")
            batches.append(batch)
        files[size] = (single, batches, lines, len(line))

    load_before = open("/proc/loadavg").read().split()[0]
    batch_cpu = {size: ([], []) for size in SIZES}
    check_cpu = {size: [] for size in SIZES}
    for _ in range(rounds):
        for size in SIZES:
            single, batches, _, _ = files[size]
            for times, batch in enumerate(batches):
                batch_cpu[size][times].append(
                    cpu_of([binary, "batch", batch, "--rules", "rules", "--threads", "1", "-o", os.devnull]))
            check_cpu[size].append(cpu_of([binary, "check", single, "--rules", "rules"]))
    load_after = open("/proc/loadavg").read().split()[0]
    print("machine: nproc %d, load %s -> %s; %d rounds, about %d items per batch run; %s" % (
        os.cpu_count(), load_before, load_after, rounds, total, binary))
    print("%8s %10s %8s %16s %18s %18s" % ("items", "line bytes", "lines", "batch us/item", "check ms (whole)",
                                           "check us/item"))
    fixed_check = median(check_cpu[1])
    for size in SIZES:
        _, _, lines, line_bytes = files[size]
        per_item_batch = (median(batch_cpu[size][1]) - median(batch_cpu[size][0])) / (lines * size) * 1e6
        whole_check = median(check_cpu[size])
        # Below 1,000 items the difference is smaller than the noise of starting a process.
        per_item_check = "" if size < 1000 else "%.2f" % ((whole_check - fixed_check) / (size - 1) * 1e6)
        print("%8d %10d %8d %16.2f %18.1f %18s" % (size, line_bytes, lines, per_item_batch, whole_check * 1000,
                                                   per_item_check))

if __name__ == "__main__":
    main()
