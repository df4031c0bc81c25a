#!/usr/bin/env python3
"""`exportctl batch -` as a co-process: a program writes one shipment into the pipe and reads its
answer before it sends the next, for JSON Lines fed through a pipe (line-buffered by default) and
with --line-buffered over a socket. Each answer must be check's answer, and must come while the
writer still holds the pipe open (no answer may wait for more input or for the end). An input whose
start comes in pieces (a byte order mark a byte at a time, blank lines first) is answered as if whole.

    coprocess.py EXPORTCTL RULES        (from the project root; tests/batch/run.sh runs it)

Prints one line per failure and "N passed, M failed" last; exits 1 on any failure.
"""
import json
import os
import select
import socket
import subprocess
import sys
import time

EXPORTCTL, RULES = sys.argv[1], sys.argv[2]
WAIT_SECONDS = 20  # far above an answer's milliseconds; only a blocked answer reaches it
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}" + (f": {detail}" if detail else ""))


def read_line(fd, pending):
    """One line from fd, waiting at most WAIT_SECONDS; None if none came."""
    deadline = time.monotonic() + WAIT_SECONDS
    while b"\n" not in pending[0]:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return None
        pending[0] += chunk
    line, pending[0] = pending[0].split(b"\n", 1)
    return line.decode()


def check_answer(shipment):
    result = subprocess.run([EXPORTCTL, "check", "-", "--rules", RULES, "--format", "json"], input=shipment,
                            capture_output=True, text=True, check=False)
    return result.stdout.rstrip("\n")


def converse(name, send, fd, shipments):
    """Sends each shipment and waits for its answer before the next."""
    pending = [b""]
    for number, shipment in enumerate(shipments, 1):
        send((shipment + "\n").encode())
        answer = read_line(fd, pending)
        if answer is None:
            check(f"{name}: answer {number} while the input stays open", False, f"none within {WAIT_SECONDS} s")
            return False
        if shipment.startswith("{\"id\""):
            check(f"{name}: answer {number} is check's answer", answer == check_answer(shipment), answer[:200])
        else:
            check(f"{name}: answer {number} is the error record", json.loads(answer)["line"] == number, answer[:200])
    return True


with open("samples/shipments.jsonl", encoding="utf-8") as file:
    shipments = [line.rstrip("\n") for line in file][:3]
shipments.insert(2, '{"ship_date": "2025-13-01"}')

# A pipe: line-buffered without being asked.
process = subprocess.Popen([EXPORTCTL, "batch", "-", "--rules", RULES], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def send_pipe(data):
    process.stdin.write(data)
    process.stdin.flush()


if converse("pipe", send_pipe, process.stdout.fileno(), shipments):
    process.stdin.close()
    rest = process.stdout.read()
    code = process.wait(timeout=WAIT_SECONDS)
    summary = process.stderr.read().decode()
    check("pipe: nothing more after the input ends", rest == b"", rest[:200])
    check("pipe: exit code 1 (one line was an error record)", code == 1, str(code))
    check("pipe: the summary counts every line", summary.startswith("exportctl batch: 4 shipments:"), summary)
else:
    process.kill()
    process.wait()

# A socket, with --line-buffered.
ours, theirs = socket.socketpair()
process = subprocess.Popen([EXPORTCTL, "batch", "-", "--rules", RULES, "--line-buffered"], stdin=theirs,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
theirs.close()
if converse("socket, --line-buffered", ours.sendall, process.stdout.fileno(), shipments):
    ours.shutdown(socket.SHUT_WR)
    check("socket: exit code 1", process.wait(timeout=WAIT_SECONDS) == 1)
else:
    process.kill()
    process.wait()
ours.close()

# The start arrives in pieces: a byte order mark one byte per read, or blank lines alone, must not
# settle the input's format or header on a part (found by tests/fuzz/batch_csv_fuzz.cpp).
SHEET = "id,ship_date,origin,destination,model,quantity\nS1,2025-01-02,US,DE,NVIDIA H100 SXM,1\n"
whole = subprocess.run([EXPORTCTL, "batch", "-", "--rules", RULES], input=SHEET, capture_output=True, text=True,
                       check=False).stdout
for name, pieces in [("a byte order mark one byte per read", [b"\xef", b"\xbb", b"\xbf", SHEET.encode()]),
                     ("blank lines read before a CSV header", [b"\n", b"\r\n", SHEET.encode()])]:
    ours, theirs = socket.socketpair()
    process = subprocess.Popen([EXPORTCTL, "batch", "-", "--rules", RULES, "--line-buffered"], stdin=theirs,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    theirs.close()
    for piece in pieces:
        ours.sendall(piece)
        time.sleep(0.1)  # each piece its own read
    ours.shutdown(socket.SHUT_WR)
    out, err = process.communicate(timeout=WAIT_SECONDS)
    ours.close()
    check(f"{name}: the answer of the whole input", out.decode() == whole and whole.count("\n") == 1,
          (out or err).decode()[:300])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
