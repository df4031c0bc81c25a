#!/usr/bin/env python3
"""Compares `exportctl batch` with `exportctl check`, shipment by shipment.

    compare_with_check.py EXPORTCTL RULES INPUT.jsonl BATCH_OUTPUT STRIDE

Every STRIDE-th non-blank line of INPUT is written to a file of its own and screened by
`check --format json`; batch must have given the same bytes for that line, or, when check
fails with "exportctl: FILE: MESSAGE", the error record {"error":"INPUT:N: MESSAGE","line":N}.
Checks run two at a time. Exits 1 and prints the first differences if any.
"""
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor


def main():
    exportctl, rules, source, output, stride = sys.argv[1:6]
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
    with open(output, encoding="utf-8") as f:
        answers = f.read().split("\n")[:-1]
    if len(answers) != len(numbers):
        print("  %s: %d answers for %d shipments" % (source, len(answers), len(numbers)))
        return 1
    tmp = tempfile.mkdtemp()

    def compare(k):
        number = numbers[k]
        path = os.path.join(tmp, "line-%d.json" % number)
        with open(path, "w", encoding="utf-8") as f:
            f.write(lines[number - 1] + "\n")
        run = subprocess.run([exportctl, "check", path, "--rules", rules, "--format", "json"],
                             capture_output=True, text=True)
        os.unlink(path)
        got = answers[k]
        if run.stdout:
            return None if run.stdout == got + "\n" else "line %d: check and batch answers differ" % number
        prefix = "exportctl: %s: " % path
        message = run.stderr.strip()
        if not message.startswith(prefix):
            return "line %d: check failed without naming its file: %s" % (number, message)
        expected = {"error": "%s:%d: %s" % (source, number, message[len(prefix):]), "line": number}
        if got.startswith('{"error"') and json.loads(got) == expected:
            return None
        return "line %d: check says %r, batch %r" % (number, expected, got[:300])

    with ThreadPoolExecutor(max_workers=2) as pool:
        problems = [p for p in pool.map(compare, range(0, len(numbers), int(stride))) if p]
    os.rmdir(tmp)
    for problem in problems[:5]:
        print("  " + problem)
    return 1 if problems or not numbers else 0


if __name__ == "__main__":
    sys.exit(main())
