#!/usr/bin/env python3
"""Hostile inputs for tests/hardening/run.sh, generated rather than committed.

  make_input.py KIND [N]            writes one input to standard output
  make_input.py --feed KIND N -- CMD ARGS...
                                    streams the input into CMD's standard input (CMD may stop
                                    reading early), then prints "EXIT SECONDS PEAK_RSS_MB";
                                    CMD's output goes to the files named by $FEED_OUT and $FEED_ERR

Kinds (N is a count or a size):
  stops N          an H100 from the US to Viet Nam via N transit stops in Singapore, then a
                   transshipment in Malaysia (needs the Malaysian notice and permit)
  licenses N       N expired US licenses before the one that is valid
  reference N      an RTX 4090 to China with a NAC notice whose reference is "A" and N digits
  late-notice-9999 ship date 9999-12-31 via Malaysia, the notice filed the day before
  brackets N       N bytes of "["
  long-line N      one JSON Lines shipment whose id is N bytes long, then one good shipment
  long-csv N       a CSV header, a row whose description is N bytes long, then one good row
  versions N       a notification rule file with N versions of one rule (Malaysia, one day each
                   from 1950-01-01; every fifth a correction of the one before, known a day later)
"""
import json
import resource
import subprocess
import sys
import threading
import time

H100_VIA_MY = {
    "id": "H-VIA-MY",
    "ship_date": "2025-08-01",
    "exporter": {"name": "NVIDIA Corporation", "country": "US", "headquarters": "US"},
    "origin": "US",
    "via": [{"country": "MY", "activity": "transshipment"}],
    "destination": "VN",
    "parties": [{"role": "end_user", "name": "Example Cloud JSC", "country": "VN", "headquarters": "VN"}],
    "items": [{"model": "NVIDIA H100 SXM", "quantity": 8}],
    "notices": [{"authority": "MY-MITI", "filed_on": "2025-07-22", "reference": "STS/2025/123"}],
}
GOOD_LINE = json.dumps(dict(H100_VIA_MY, id="GOOD", via=[], notices=[]))
CHUNK = 1 << 20


def stops(n):
    shipment = dict(H100_VIA_MY, id="STOPS-%d" % n)
    shipment["via"] = [{"country": "SG", "activity": "transit"}] * n + [{"country": "MY", "activity": "transshipment"}]
    yield json.dumps(shipment).encode()


def licenses(n):
    shipment = dict(H100_VIA_MY, id="LICENSES-%d" % n, via=[], notices=[])
    expired = {"authority": "US-BIS", "kind": "license", "number": "EXPIRED",
               "valid_from": "2020-01-01", "valid_to": "2020-12-31"}
    valid = {"authority": "US-BIS", "kind": "license", "number": "VALID",
             "valid_from": "2025-01-01", "valid_to": "2026-12-31"}
    shipment["authorizations"] = [expired] * n + [valid]
    yield json.dumps(shipment).encode()


def reference(n):
    shipment = {"id": "NAC", "ship_date": "2023-12-15", "origin": "US", "destination": "CN",
                "exporter": {"name": "Example Distributor Inc.", "country": "US", "headquarters": "US"},
                "parties": [{"role": "end_user", "name": "Example", "country": "CN", "headquarters": "CN"}],
                "items": [{"model": "NVIDIA RTX 4090", "quantity": 1}],
                "notices": [{"authority": "US-BIS", "filed_on": "2023-11-01", "reference": "A" + "1" * n}]}
    yield json.dumps(shipment).encode()


def late_notice_9999(_):
    shipment = dict(H100_VIA_MY, id="LATE-9999", ship_date="9999-12-31")
    shipment["notices"] = [{"authority": "MY-MITI", "filed_on": "9999-12-30", "reference": "STS/9999/1"}]
    yield json.dumps(shipment).encode()


def repeat(byte, n):
    block = byte * CHUNK
    while n > 0:
        yield block[:min(n, CHUNK)]
        n -= CHUNK


def brackets(n):
    yield from repeat(b"[", n)


def long_line(n):
    yield b'{"id":"'
    yield from repeat(b"x", n)
    yield b'","ship_date":"2025-08-01"}\n' + GOOD_LINE.encode() + b"\n"


def long_csv(n):
    yield b"id,ship_date,origin,destination,model,quantity,description\n"
    yield b'LONG,2025-08-01,US,VN,NVIDIA H100 SXM,1,"'
    yield from repeat(b"x", n)
    yield b'"\nGOOD,2025-08-01,US,DE,NVIDIA H100 SXM,1,ok\n'


def versions(n):
    import datetime
    day = datetime.date(1950, 1, 1)
    listed = []
    for number in range(1, n + 1):
        version = {"version": number, "status": "in_force", "confidence": "secondary",
                   "citation": "synthetic", "source_url": "https://example.org/", "summary": "synthetic {leg}",
                   "movements": ["export", "transit", "transshipment"], "at": ["MY"], "notice_days": 30}
        if number % 5 == 0:
            version.update(supersedes=number - 1, valid_from=day.isoformat(), valid_to=day.isoformat(),
                           known_from=(day + datetime.timedelta(days=1)).isoformat())
        else:
            day += datetime.timedelta(days=1)
            version.update(valid_from=day.isoformat(), valid_to=day.isoformat(), known_from=day.isoformat())
        listed.append(version)
    yield json.dumps({"kind": "notification", "id": "synthetic.versions", "jurisdiction": "MY",
                      "authority": "MY-MITI", "title": "synthetic", "versions": listed}, indent=1).encode()


KINDS = {"stops": stops, "licenses": licenses, "reference": reference, "late-notice-9999": late_notice_9999,
         "brackets": brackets, "long-line": long_line, "long-csv": long_csv,
         "versions": versions}


def feed(kind, n, command):
    import os
    with open(os.environ.get("FEED_OUT", os.devnull), "wb") as out, \
            open(os.environ.get("FEED_ERR", os.devnull), "wb") as err:
        start = time.monotonic()
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=err)

        def write():
            try:
                for block in KINDS[kind](n):
                    child.stdin.write(block)
                child.stdin.close()
            except BrokenPipeError:  # the command stopped reading: that is its right
                pass

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        code = child.wait()
        seconds = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(code, "%.2f" % seconds, peak_mb)


def main():
    if sys.argv[1] == "--feed":
        kind, n = sys.argv[2], int(sys.argv[3])
        assert sys.argv[4] == "--"
        feed(kind, n, sys.argv[5:])
        return
    kind = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    for block in KINDS[kind](n):
        sys.stdout.buffer.write(block)
    if kind not in ("brackets", "long-line", "long-csv"):
        sys.stdout.buffer.write(b"\n")


if __name__ == "__main__":
    main()
