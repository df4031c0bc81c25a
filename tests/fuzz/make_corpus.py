#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora and dictionary from the project's own data.

    tests/fuzz/make_corpus.py [--exportctl build/exportctl] OUT     (from the project root)

OUT/TARGET/ gets one seed per file for each target of tests/fuzz/CMakeLists.txt, and
OUT/contract.dict every key and enumerated value of schema/json/*.json (libFuzzer's -dict).
Seeds come from samples/, tests/scenarios/ (each scenario's shipment), rules/ and
bench/gen_shipments.py (a small CSV batch); the store seeds are made with the given exportctl.
Nothing is committed: the corpora are rebuilt at test time and by scripts/fuzz.sh.
"""
import argparse
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def write(directory, content):
    """One seed, named after its content (libFuzzer's own naming), so that duplicates merge."""
    data = content.encode() if isinstance(content, str) else content
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def shipments():
    """Every shipment the project has: the samples, then each scenario's."""
    found = []
    for path in sorted((ROOT / "samples").glob("*.json")):
        found.append(json.loads(path.read_text()))
    for path in sorted((ROOT / "tests/scenarios").rglob("*.json")):
        scenario = json.loads(path.read_text())
        if isinstance(scenario, dict) and isinstance(scenario.get("shipment"), dict):
            found.append(scenario["shipment"])
    return found


def rule_documents():
    return [(str(path.relative_to(ROOT / "rules")), path.read_text()) for path in sorted((ROOT / "rules").rglob("*.json"))]


def is_reference(text):
    """Countries, country groups and catalogs: what the rules name."""
    return json.loads(text).get("kind") in ("countries", "country_group", "catalog")


def directory_text(documents):
    return "".join(f"=== {name}\n{text}" for name, text in documents)


def csv_batch():
    generator = ROOT / "bench/gen_shipments.py"
    return subprocess.run([sys.executable, str(generator), "12", "--seed", "14", "--csv"], check=True,
                          capture_output=True, text=True).stdout


def http_requests(samples, csv_text):
    check = json.dumps(samples[0])
    jsonl = "".join(json.dumps(s) + "\n" for s in samples[:4])
    requests = [
        f"POST /v1/check\nContent-Type: application/json\n\n{check}",
        f"POST /v1/check?trace=true&known_on=2025-05-01&include_proposed=true\nContent-Type: application/json\n\n{check}",
        f"POST /v1/check?record=true\nContent-Type: application/json\n\n{check}",
        f"POST /v1/validate\nContent-Type: application/json\n\n{check}",
        f"POST /v1/batch\nContent-Type: application/x-ndjson\n\n{jsonl}",
        f"POST /v1/batch?trace=true\nContent-Type: text/csv\n\n{csv_text}",
        "GET /v1/classify?model=H100%20SXM&date=2024-06-01\n\n",
        "GET /v1/classify?tpp=4800&die_area_mm2=800&datacenter=true&date=2024-06-01\n\n",
        "GET /v1/rules?date=2025-08-01&known_on=2025-05-01\n\n",
        "GET /v1/rules/us.ear.742.6.license\n\n",
        "GET /v1/decisions?verdict=cleared\n\n",
        "GET /v1/decisions/1\n\n",
        "POST /v1/decisions/1/replay\n\n",
        "GET /healthz\n\n",
        "GET /metrics\n\n",
        "GET /v1/openapi.json\n\n",
        "GET /v1/schemas/shipment.schema.json\n\n",
        "GET /v1/catalog\n\n",
        "GET /v1/about\n\n",
        "GET /\n\n",
        "GET /assets/officer.css\n\n",
        "DELETE /v1/check\n\n",
    ]
    return requests


def stores(exportctl, out):
    """A store with a decision and no rules, one with reference data imported, and an empty file."""
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        decision = work / "decision.db"
        subprocess.run([exportctl, "check", str(ROOT / "samples/h20-china-before-letter.json"), "--rules",
                        str(ROOT / "rules"), "--db", str(decision), "--record"], check=True, capture_output=True)
        reference = work / "reference"
        (reference / "groups").mkdir(parents=True)
        shutil.copy(ROOT / "rules/groups/countries.json", reference / "groups/countries.json")
        imported = work / "imported.db"
        subprocess.run([exportctl, "store", "import", str(reference), "--db", str(imported)], check=True,
                       capture_output=True)
        for made in (decision, imported):
            # The WAL is folded into the file, so that the seed is the whole database.
            subprocess.run(["sqlite3", str(made), "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;"],
                           check=True, capture_output=True)
            write(out, made.read_bytes())
    write(out, b"")
    write(out, b"SQLite format 3\x00")


def dictionary():
    """Every property name and enumerated string of the contract's JSON Schemas."""
    words = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    words.update(value.keys())
                if key in ("enum", "const"):
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str):
                            words.add(item)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in sorted((ROOT / "schema/json").glob("*.json")):
        walk(json.loads(path.read_text()))
    entries = [json.dumps(f'"{word}"') for word in sorted(words) if word.isprintable() and "\\" not in word]
    entries += [json.dumps(token) for token in ['{"', '":', '": "', '", "', '[{', '}]', 'null', 'true', 'false',
                                                 '9999-12-31', '1900-01-01', '2025-08-01', '\\u0000']]
    return "".join(f"{entry}\n" for entry in entries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--exportctl", help="the binary that makes the store seeds (none: no store seeds but the empty file)")
    args = parser.parse_args()
    out = args.out
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    found = shipments()
    for shipment in found:
        write(out / "shipment", json.dumps(shipment, indent=1))
    for start in range(0, len(found), 40):
        write(out / "batch_jsonl", "".join(json.dumps(s) + "\n" for s in found[start:start + 40]))
    write(out / "batch_jsonl", (ROOT / "samples/shipments.jsonl").read_text())
    write(out / "batch_jsonl", "".join(json.dumps(s, indent=2) + "\n" for s in found[:3]))  # pretty-printed
    write(out / "batch_jsonl", "\ufeff" + json.dumps(found[0]) + "\r\n\r\n{\"id\": 1}\n")
    csv_text = csv_batch()
    write(out / "batch_csv", csv_text)
    lines = csv_text.splitlines(keepends=True)
    write(out / "batch_csv", "".join(lines[:4]))
    write(out / "batch_csv", lines[0] + '"S-1",2025-08-01,,US,VN,"MY,SG",,,,,,,"NVIDIA ""H100"" SXM",,8\r\n')

    documents = rule_documents()
    reference = [(n, t) for n, t in documents if is_reference(t)]
    for name, text in documents:
        write(out / "rules_document", text)
        write(out / "strict_json", text)
        if not is_reference(text):
            write(out / "rules_directory", directory_text(reference + [(name, text)]))
    write(out / "rules_directory", directory_text(documents))
    # What the fast path of the strict reader hands to nlohmann: a -0, a byte order mark, numbers
    # past 64 bits, a duplicate after the rule id, text that is not JSON.
    for text in ['{"id": "x", "a": [-0, -0.0, 0, 1.0], "b": 1, "b": 2}', '[1e400]', "\ufeff{}", '[18446744073709551616]',
                 '[-9223372036854775809]', '{"id": "r", "b": {"c": 1, "c": 2}}', '{"a": 1,}', '"\\ud800"',
                 # every escape dump() writes, UTF-8 it keeps, floats it formats its own way
                 r'{"s": "a\"b\\c\/\b\f\n\r\t\u0001\u001f\u007f \u00e9 é ☃ 😀", "f": [1.5, 1e20, -0.0, 0.1, 5e-324]}']:
        write(out / "strict_json", text)

    for request in http_requests(found, "".join(lines[:6])):
        write(out / "http_request", request)

    if args.exportctl:
        stores(args.exportctl, out / "store_file")
    else:
        write(out / "store_file", b"")

    (out / "contract.dict").write_text(dictionary())
    counts = {d.name: len(list(d.iterdir())) for d in sorted(out.iterdir()) if d.is_dir()}
    print(" ".join(f"{name}={count}" for name, count in counts.items()))


if __name__ == "__main__":
    main()
