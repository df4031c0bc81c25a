#!/usr/bin/env python3
"""Per-order cost of screening from Python: in process through the exportctl package (ctypes
over libexportctl.so.1) against a subprocess `exportctl check` per order, on the same samples in
the same run.

    bench/python_vs_subprocess.py [--exportctl build/exportctl] [--library build/api/c/libexportctl.so.1]
                                  [--rules rules] [--calls 2000] [--processes 20]

For each samples/*.json: the mean wall time of Engine.check (dict in, dict out: JSON encoding
and decoding included), Engine.check_json (text in, text out) and one `exportctl check FILE
--format json` process (start, rule loading, screening, exit); then Engine.batch over
samples/shipments.jsonl. docs/performance.md records the figures.
"""
import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def per_call(function, calls):
    function()  # warm: thread-local buffers, page faults
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--exportctl", default=os.path.join(ROOT, "build/exportctl"))
    parser.add_argument("--library", default=os.path.join(ROOT, "build/api/c/libexportctl.so.1"))
    parser.add_argument("--rules", default=os.path.join(ROOT, "rules"))
    parser.add_argument("--calls", type=int, default=2000, help="in-process calls per sample")
    parser.add_argument("--processes", type=int, default=20, help="subprocesses per sample")
    arguments = parser.parse_args()

    os.environ["EXPORTCTL_LIBRARY"] = arguments.library
    sys.path.insert(0, os.path.join(ROOT, "api/python"))
    import exportctl  # pylint: disable=import-outside-toplevel

    start = time.perf_counter()
    engine = exportctl.Engine(rules=arguments.rules)
    load_seconds = time.perf_counter() - start

    rows = []
    for path in sorted(glob.glob(os.path.join(ROOT, "samples/*.json"))):
        with open(path, encoding="utf-8") as file:
            text = file.read()
        shipment = json.loads(text)
        as_dict = per_call(lambda: engine.check(shipment), arguments.calls)
        as_text = per_call(lambda: engine.check_json(text), arguments.calls)
        command = [arguments.exportctl, "check", path, "--rules", arguments.rules, "--format", "json"]
        process = per_call(lambda: subprocess.run(command, capture_output=True, check=False), arguments.processes)
        rows.append((os.path.basename(path), as_dict, as_text, process))

    with open(os.path.join(ROOT, "samples/shipments.jsonl"), encoding="utf-8") as file:
        lines = file.readlines()
    orders = [json.loads(line) for line in lines] * 50
    start = time.perf_counter()
    answered = sum(1 for _ in engine.batch(orders))
    batch_each = (time.perf_counter() - start) / answered

    print(f"engine {engine.version}, rules loaded in {load_seconds * 1e3:.1f} ms; "
          f"{arguments.calls} calls and {arguments.processes} processes per sample")
    print(f"{'sample':45} {'check() dict':>13} {'check_json()':>13} {'subprocess':>11} {'ratio':>7}")
    for name, as_dict, as_text, process in rows:
        print(f"{name:45} {as_dict * 1e6:10.1f} us {as_text * 1e6:10.1f} us {process * 1e3:8.1f} ms "
              f"{process / as_dict:6.0f}x")
    mean_dict = statistics.mean(row[1] for row in rows)
    mean_text = statistics.mean(row[2] for row in rows)
    mean_process = statistics.mean(row[3] for row in rows)
    print(f"{'mean':45} {mean_dict * 1e6:10.1f} us {mean_text * 1e6:10.1f} us {mean_process * 1e3:8.1f} ms "
          f"{mean_process / mean_dict:6.0f}x")
    print(f"Engine.batch over samples/shipments.jsonl x 50 ({answered} orders, dicts in and out): "
          f"{batch_each * 1e6:.1f} us per order")


if __name__ == "__main__":
    main()
