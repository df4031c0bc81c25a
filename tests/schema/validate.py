#!/usr/bin/env python3
"""Checks the JSON Schemas in schema/json/ against the data and against the code.

- the schemas are valid draft 2020-12 schemas;
- every rules/**/*.json is valid against rule-file.schema.json;
- every sample shipment (samples/*.json and each line of samples/shipments.jsonl) is valid
  against shipment.schema.json;
- the `exportctl check --format json` output of every sample, with and without --trace, is valid
  against determination.schema.json, and every `exportctl batch --format compact` line of the
  samples against compact.schema.json;
- the schemas agree with the code: their closed vocabularies equal the strings in
  engine/src/common/vocabulary.cpp and the fact names in engine/src/rules/condition.cpp, the
  shipment schema's objects have exactly the keys engine/src/io/shipment_parser.cpp reads, and
  the country enum is the list in rules/groups/countries.json;
- the schemas and the code accept and reject the same documents: shipments mutated one defect
  at a time go through both `exportctl check` and the shipment schema, rule files through both
  `exportctl rules validate` and the rule-file schema (the few checks a schema cannot express
  are listed as such, and asserted to stay that way).

Run from the project root with EXPORTCTL set (tests/schema/run.sh does). Prints failures and
"N passed, M failed" last; exits 1 on any failure.
"""
import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import jsonschema

EXPORTCTL = os.path.abspath(os.environ.get("EXPORTCTL", "build/exportctl"))
RULES = "rules"
SCHEMAS = "schema/json"
Validator = jsonschema.Draft202012Validator

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name}" + (f": {detail}" if detail else ""))


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator(name):
    schema = load(os.path.join(SCHEMAS, name))
    Validator.check_schema(schema)
    return Validator(schema, format_checker=Validator.FORMAT_CHECKER)


def errors(v, document):
    return ["/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:160] for e in v.iter_errors(document)]


def exportctl(*args, stdin=None):
    result = subprocess.run([EXPORTCTL, *args], input=stdin, capture_output=True, text=True)
    return result.returncode, result.stdout, result.stderr


# ---- the schemas themselves --------------------------------------------------------------------
validators = {}
for name in ["shipment.schema.json", "determination.schema.json", "rule-file.schema.json", "compact.schema.json"]:
    try:
        validators[name] = validator(name)
        check(f"{name} is a valid draft 2020-12 schema", True)
    except Exception as error:  # noqa: BLE001 - any failure here is a test failure
        check(f"{name} is a valid draft 2020-12 schema", False, str(error)[:300])
if len(validators) != 4:
    print(f"{passed} passed, {failed} failed")
    sys.exit(1)
shipment_v = validators["shipment.schema.json"]
determination_v = validators["determination.schema.json"]
rule_v = validators["rule-file.schema.json"]
compact_v = validators["compact.schema.json"]

# ---- data against the schemas --------------------------------------------------------------------
rule_files = sorted(glob.glob(os.path.join(RULES, "**", "*.json"), recursive=True))
check("rules/ has rule files", len(rule_files) >= 20, str(len(rule_files)))
for path in rule_files:
    problems = errors(rule_v, load(path))
    check(f"{path} against rule-file.schema.json", not problems, "; ".join(problems[:3]))

samples = sorted(glob.glob("samples/*.json"))
check("samples/ has single shipments", len(samples) >= 8, str(len(samples)))
for path in samples:
    problems = errors(shipment_v, load(path))
    check(f"{path} against shipment.schema.json", not problems, "; ".join(problems[:3]))
jsonl = []
with open("samples/shipments.jsonl", encoding="utf-8") as f:
    for number, line in enumerate(f, 1):
        shipment = json.loads(line)
        jsonl.append(shipment)
        problems = errors(shipment_v, shipment)
        check(f"samples/shipments.jsonl:{number} against shipment.schema.json", not problems, "; ".join(problems[:3]))
check("samples/shipments.jsonl has about 40 shipments", len(jsonl) >= 40, str(len(jsonl)))


def determination_valid(name, args, stdin=None):
    code, out, err = exportctl("check", *args, "--rules", RULES, "--format", "json", stdin=stdin)
    if code not in (0, 3, 4, 5):
        check(name, False, f"exit {code}: {err.strip()}")
        return
    try:
        document = json.loads(out)
    except ValueError as error:
        check(name, False, f"not JSON: {error}")
        return
    problems = errors(determination_v, document)
    check(name, not problems, "; ".join(problems[:3]))


for path in samples:
    determination_valid(f"check {path}", [path])
    determination_valid(f"check {path} --trace", [path, "--trace"])
    determination_valid(f"check {path} --trace --include-proposed", [path, "--trace", "--include-proposed"])
for number, shipment in enumerate(jsonl, 1):
    determination_valid(f"check shipments.jsonl:{number} --trace --include-proposed", ["-", "--trace", "--include-proposed"],
                        stdin=json.dumps(shipment))

# The determination schema is strict: it rejects what the writer never produces.
code, out, _ = exportctl("check", "samples/contract-example.json", "--rules", RULES, "--format", "json", "--trace")
good = json.loads(out)
bad_determinations = {
    "unknown top-level key": lambda d: d.update(verdit="cleared"),
    "verdict outside the vocabulary": lambda d: d.update(verdict="ok"),
    "status exception without the exception's name": lambda d: d["requirements"][1].pop("exception"),
    "exception named on a missing requirement": lambda d: d["requirements"][3].update(exception="ACA"),
    "eccn outside the vocabulary": lambda d: d["items"][0]["classification"]["US"].update(eccn="3A090.z"),
    "review policy outside the vocabulary": lambda d: d["requirements"][0].update(review_policy="denied"),
    "requirement without a citation": lambda d: d["requirements"][0].pop("citation"),
    "trace fact that does not exist": lambda d: d["trace"][0]["facts"].update(flops="1"),
    "bad digest": lambda d: d["rules"].update(digest="sha1:abc"),
    "no engine": lambda d: d.pop("engine"),
    "engine without its version": lambda d: d["engine"].pop("version"),
    "a contract of another major version": lambda d: d["engine"].update(contract_version="2.0"),
    "date that does not exist": lambda d: d.update(ship_date="2025-02-30"),
}
for name, edit in bad_determinations.items():
    document = copy.deepcopy(good)
    edit(document)
    check(f"determination schema rejects: {name}", bool(errors(determination_v, document)))

# Compact answers (batch --format compact) of every sample, with proposed rules, fit their schema.
with tempfile.TemporaryDirectory() as tmp:
    lines_in = os.path.join(tmp, "in.jsonl")
    with open(lines_in, "w", encoding="utf-8") as f:
        for path in samples:
            f.write(json.dumps(load(path)) + "\n")
        for shipment in jsonl:
            f.write(json.dumps(shipment) + "\n")
    code, out, err = exportctl("batch", lines_in, "--rules", RULES, "--format", "compact", "--include-proposed")
    compact_lines = out.split("\n")[:-1]
    check("batch --format compact answers every sample", code in (0, 3, 4, 5) and len(compact_lines) == len(samples) + len(jsonl),
          f"exit {code}, {len(compact_lines)} lines: {err.strip()[:200]}")
    compact_statuses = set()
    for number, line in enumerate(compact_lines, 1):
        document = json.loads(line)
        compact_statuses.update(r["status"] for r in document.get("requirements", []))
        problems = errors(compact_v, document)
        check(f"compact answer {number} against compact.schema.json", not problems, "; ".join(problems[:3]))
    check("the samples' compact answers show several statuses", len(compact_statuses) >= 3, sorted(compact_statuses))
good_compact = json.loads(compact_lines[0]) if compact_lines else {}
good_compact.setdefault("requirements", [])
if not good_compact["requirements"]:
    good_compact["requirements"].append({"kind": "license", "rule": "us.ear.744.23", "status": "missing", "version": 1})
bad_compacts = {
    "unknown top-level key": lambda d: d.update(explanation="text"),
    "no verdict": lambda d: d.pop("verdict"),
    "verdict outside the vocabulary": lambda d: d.update(verdict="ok"),
    "requirement with a member the compact line leaves out": lambda d: d["requirements"][0].update(citation="15 CFR"),
    "requirement without its version": lambda d: d["requirements"][0].pop("version"),
    "status outside the vocabulary": lambda d: d["requirements"][0].update(status="done"),
    "deadline that does not exist": lambda d: d["requirements"][0].update(deadline="2025-02-30"),
}
check("a good compact answer passes its schema", not errors(compact_v, good_compact), str(good_compact)[:200])
for name, edit in bad_compacts.items():
    document = copy.deepcopy(good_compact)
    edit(document)
    check(f"compact schema rejects: {name}", bool(errors(compact_v, document)))
# Its vocabularies and members are the determination's.
compact_requirement = compact_v.schema["properties"]["requirements"]["items"]["properties"]
full_requirement = determination_v.schema["$defs"]["requirement"]["properties"]
check("compact kinds are the determination's",
      compact_requirement["kind"]["enum"] == determination_v.schema["$defs"]["requirement_kind"]["enum"])
check("compact statuses are the determination's", compact_requirement["status"]["enum"] == full_requirement["status"]["enum"])
check("compact verdicts are the determination's",
      compact_v.schema["properties"]["verdict"]["enum"] == determination_v.schema["properties"]["verdict"]["enum"])
check("compact requirement members are members of the full requirement",
      set(compact_requirement) <= set(full_requirement), sorted(set(compact_requirement) - set(full_requirement)))

# The engine member states the versions of engine/include/exportctl/version.hpp.
version_header = open("engine/include/exportctl/version.hpp", encoding="utf-8").read()
header_versions = dict(re.findall(r'k(Engine|Contract)Version = "([^"]+)";', version_header))
check("determinations carry version.hpp's versions",
      good["engine"] == {"contract_version": header_versions.get("Contract"), "version": header_versions.get("Engine")},
      f"{good['engine']} vs {header_versions}")
check("the schema's title names the contract version",
      determination_v.schema["title"].endswith(f"contract version {header_versions.get('Contract')})"),
      determination_v.schema["title"])

# ---- vocabularies: schemas versus the code --------------------------------------------------------
vocabulary_source = open("engine/src/common/vocabulary.cpp", encoding="utf-8").read()
names = {}
for enum, values in re.findall(r"EXPORTCTL_NAMES\((\w+),((?:\s*\"[^\"]*\",?)+)\s*\)", vocabulary_source):
    names[enum] = [v for v in re.findall(r"\"([^\"]*)\"", values) if v]
check("vocabulary.cpp parsed", len(names) >= 15, sorted(names))

shipment_schema = shipment_v.schema
determination_schema = determination_v.schema
rule_schema = rule_v.schema
sd, dd, rd = shipment_schema["$defs"], determination_schema["$defs"], rule_schema["$defs"]
# The filing worklist (todo.schema.json) repeats the requirement's vocabularies.
todo_defs = json.load(open("schema/json/todo.schema.json", encoding="utf-8"))["$defs"]
requirement = dd["requirement"]["properties"]
expected_enums = [
    ("Verdict", determination_schema["properties"]["verdict"]["enum"]),
    ("RequirementKind", dd["requirement_kind"]["enum"]),
    ("RequirementStatus", requirement["status"]["enum"]),
    ("ReviewPolicy", requirement["review_policy"]["enum"]),
    ("ReviewPolicy", rd["review_policy_version"]["properties"]["policies"]["items"]["properties"]["policy"]["enum"]),
    ("Authority", sd["authority"]["enum"]),
    ("Authority", requirement["authority"]["enum"]),
    ("Authority", rd["rule_file"]["properties"]["authority"]["enum"]),
    ("Jurisdiction", requirement["jurisdiction"]["enum"]),
    ("Jurisdiction", rd["rule_file"]["properties"]["jurisdiction"]["enum"]),
    ("ItemKind", sd["item"]["properties"]["kind"]["enum"]),
    ("ItemKind", rd["item_kind"]["enum"]),
    ("PartyRole", shipment_schema["properties"]["parties"]["items"]["properties"]["role"]["enum"]),
    ("StopActivity", shipment_schema["properties"]["via"]["items"]["properties"]["activity"]["enum"]),
    ("AuthorizationKind", shipment_schema["properties"]["authorizations"]["items"]["properties"]["kind"]["enum"]),
    ("MovementKind", rd["movement"]["enum"]),
    ("Eccn", dd["eccn"]["enum"]),
    ("Eccn", rd["eccn"]["enum"]),
    ("Confidence", requirement["confidence"]["enum"]),
    ("Confidence", rd["confidence"]["enum"]),
    ("RuleStatus", rd["version_common"]["properties"]["status"]["enum"]),
    ("Enforcement", rd["enforcement_change"]["properties"]["status"]["enum"]),
    ("RuleKind", rd["rule_file"]["properties"]["kind"]["enum"]),
    ("Authority", todo_defs["requirement"]["properties"]["authority"]["enum"]),
    ("Jurisdiction", todo_defs["requirement"]["properties"]["jurisdiction"]["enum"]),
    ("RequirementKind", todo_defs["requirement"]["properties"]["kind"]["enum"]),
    ("RequirementStatus", todo_defs["requirement"]["properties"]["status"]["enum"]),
    ("Confidence", todo_defs["filing"]["properties"]["confidence"]["enum"]),
]
for enum, schema_values in expected_enums:
    check(f"schema enum equals vocabulary {enum}", sorted(schema_values) == sorted(names.get(enum, [])),
          f"schema {schema_values} vs code {names.get(enum)}")
check("rule-file eccn_or_none is the ECCNs plus none", sorted(rd["eccn_or_none"]["enum"]) == sorted(names["Eccn"] + ["none"]))

condition_source = open("engine/src/rules/condition.cpp", encoding="utf-8").read()
facts = re.findall(r"\{\"(\w+)\", FactType::(\w+),", condition_source)
check("condition.cpp facts parsed", len(facts) >= 15, str(facts))
fact_names = sorted(f for f, _ in facts)
check("determination trace facts are the engine's facts",
      sorted(dd["trace_entry"]["properties"]["facts"]["propertyNames"]["enum"]) == fact_names)


def comparison_facts(definition):
    out = {}
    for branch in rd[definition]["oneOf"]:
        properties = branch.get("properties", {})
        if "fact" in properties:
            operators = tuple(sorted(k for k in properties if k != "fact"))
            for fact in properties["fact"]["enum"]:
                out.setdefault(fact, set()).update(operators)
    return out


item_facts = {"model", "models", "kind", "us_origin", "subject_to_ear", "catalogued", "datacenter", "tpp", "performance_density", "die_area_mm2",
              "interconnect_gbps", "memory_bandwidth_gbps", "memory_bandwidth_density", "quantity", "eccn"}
operators_by_type = {"number": {">=", ">", "<=", "<"}, "boolean": {"is"}, "country": {"in", "in_groups"},
                     "model": {"in"}, "kind": {"in"}, "eccn": {"in"}, "movement": {"in"}}
expected_any = {f: operators_by_type[t] for f, t in facts}
expected_shipment = {f: ops for f, ops in expected_any.items() if f not in item_facts}
check("condition: every fact with the operators of its type", comparison_facts("condition") == expected_any,
      f"{comparison_facts('condition')} vs {expected_any}")
check("shipment_condition: shipment facts only", comparison_facts("shipment_condition") == expected_shipment,
      f"{comparison_facts('shipment_condition')} vs {expected_shipment}")

parser_source = open("engine/src/io/shipment_parser.cpp", encoding="utf-8").read()
parser_key_sets = [frozenset(re.findall(r"\"(\w+)\"", body))
                   for body in re.findall(r"KeyName<\w+> k\w+Keys\[\] = \{(.*?)\};", parser_source, re.S)]
check("shipment_parser.cpp key lists parsed", len(parser_key_sets) >= 9, str(len(parser_key_sets)))


def schema_objects(node, out):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node and node.get("additionalProperties") is False:
            out.append(frozenset(node["properties"]))
        for value in node.values():
            schema_objects(value, out)
    elif isinstance(node, list):
        for value in node:
            schema_objects(value, out)
    return out


schema_key_sets = schema_objects(shipment_schema, [])
for keys in parser_key_sets:
    check(f"shipment schema has an object with exactly the parser's keys {sorted(keys)}", keys in schema_key_sets)
for keys in schema_key_sets:
    check(f"parser reads exactly the schema object's keys {sorted(keys)}", keys in parser_key_sets)

codes = [c["code"] for c in load(os.path.join(RULES, "groups", "countries.json"))["countries"]]
check("shipment schema countries are rules/groups/countries.json", sd["country"]["enum"] == codes)

# ---- shipments: the parser and the schema accept and reject the same documents ------------------
base = load("samples/contract-example.json")
REJECT, ACCEPT, PARSER_ONLY = "reject", "accept", "parser only"
shipment_cases = [
    ("misspelt destination", REJECT, lambda d: d.update(destinaton=d.pop("destination"))),
    ("unknown exporter key", REJECT, lambda d: d["exporter"].update(city="Santa Clara")),
    ("unknown via key", REJECT, lambda d: d["via"][0].update(port="Port Klang")),
    ("via activity outside the vocabulary", REJECT, lambda d: d["via"][0].update(activity="flight")),
    ("via stop without activity", REJECT, lambda d: d["via"][0].pop("activity")),
    ("party without role", REJECT, lambda d: d["parties"][0].pop("role")),
    ("party role outside the vocabulary", REJECT, lambda d: d["parties"][0].update(role="buyer")),
    ("unknown item key", REJECT, lambda d: d["items"][0].update(colour="green")),
    ("item with nothing to classify", REJECT, lambda d: d.update(items=[{"quantity": 1}])),
    ("item with an empty contains list only", REJECT, lambda d: d.update(items=[{"contains": [], "quantity": 1}])),
    ("quantity zero", REJECT, lambda d: d["items"][0].update(quantity=0)),
    ("quantity negative", REJECT, lambda d: d["items"][0].update(quantity=-8)),
    ("quantity as a string", REJECT, lambda d: d["items"][0].update(quantity="8")),
    ("unknown metric", REJECT, lambda d: d["items"][1]["metrics"].update(flops=1)),
    ("negative metric", REJECT, lambda d: d["items"][1]["metrics"].update(tpp=-1)),
    ("datacenter as a string", REJECT, lambda d: d["items"][1]["metrics"].update(datacenter="yes")),
    ("item kind outside the vocabulary", REJECT, lambda d: d["items"][0].update(kind="gpu")),
    ("model name without letters or digits", REJECT, lambda d: d["items"][0].update(model="--")),
    ("contained part without model", REJECT,
     lambda d: d["items"][0].update(kind="system", contains=[{"count": 8}])),
    ("contained part with count zero", REJECT,
     lambda d: d["items"][0].update(kind="system", contains=[{"model": "H100", "count": 0}])),
    ("notice without filed_on", REJECT, lambda d: d["notices"][0].pop("filed_on")),
    ("notice authority outside the vocabulary", REJECT, lambda d: d["notices"][0].update(authority="BIS")),
    ("authorization without number", REJECT, lambda d: d["authorizations"][0].pop("number")),
    ("authorization kind outside the vocabulary", REJECT, lambda d: d["authorizations"][0].update(kind="visa")),
    ("authorization for an unknown country", REJECT, lambda d: d["authorizations"][0].update(destinations=["XX"])),
    ("ship_date that does not exist", REJECT, lambda d: d.update(ship_date="2025-02-30")),
    ("ship_date without leading zeros", REJECT, lambda d: d.update(ship_date="2025-8-1")),
    ("ship_date before 1900", REJECT, lambda d: d.update(ship_date="1899-12-31", known_on="1899-12-31")),
    ("lower-case country code", REJECT, lambda d: d.update(origin="us")),
    ("three-letter country code", REJECT, lambda d: d.update(destination="VNM")),
    ("unknown country code", REJECT, lambda d: d.update(destination="XX")),
    ("empty items", REJECT, lambda d: d.update(items=[])),
    ("no items", REJECT, lambda d: d.pop("items")),
    ("no origin", REJECT, lambda d: d.pop("origin")),
    ("id as a number", REJECT, lambda d: d.update(id=42)),
    ("id null", REJECT, lambda d: d.update(id=None)),
    ("minimal shipment", ACCEPT,
     lambda d: (d.clear(), d.update(ship_date="2025-03-01", origin="US", destination="CN", items=[{"model": "H20"}]))),
    ("item by metrics only", ACCEPT, lambda d: d["items"][1].pop("description")),
    ("system with contained parts", ACCEPT,
     lambda d: d["items"].append({"kind": "system", "contains": [{"model": "H100", "count": 8}], "quantity": 1})),
    ("declared eccn", ACCEPT, lambda d: d["items"][0].update(eccn="3A090.a")),
    ("declared eccn above the computed class", ACCEPT, lambda d: d["items"][1].update(eccn="3A090.a")),
    ("declared .z eccn", ACCEPT, lambda d: d["items"][1].update(eccn="5A992.z")),
    ("every metric", ACCEPT, lambda d: d["items"][1]["metrics"].update(
        performance_density=5, dense_tops=375, bit_length=8, memory_bandwidth_gbps=2000, memory_bandwidth_density=1.5)),
    ("unknown model name", ACCEPT, lambda d: d["items"][0].update(model="Example XPU 9000")),
    ("fractional quantity", ACCEPT, lambda d: d["items"][0].update(quantity=0.5)),
    ("via without date", ACCEPT, lambda d: d["via"][0].pop("date")),
    ("notice without reference", ACCEPT, lambda d: d["notices"][0].pop("reference")),
    ("authorization with no dates, destinations or models", ACCEPT,
     lambda d: d.update(authorizations=[{"authority": "MY-MITI", "kind": "permit", "number": "P1"}])),
    ("empty exporter and parties", ACCEPT, lambda d: d.update(exporter={}, parties=[])),
    ("leap day", ACCEPT, lambda d: d.update(ship_date="2028-02-29", known_on="2028-02-29",
                                            via=[{"country": "MY", "activity": "transit"}])),
    # What a schema cannot express: the parser rejects, the schema (documented) accepts.
    ("via stop before the ship date", PARSER_ONLY, lambda d: d["via"][0].update(date="2025-07-01")),
    ("authorization valid_to before valid_from", PARSER_ONLY,
     lambda d: d["authorizations"][0].update(valid_from="2026-01-01", valid_to="2025-01-01")),
]
with tempfile.TemporaryDirectory() as tmp:
    for name, expected, edit in shipment_cases:
        document = copy.deepcopy(base)
        edit(document)
        path = os.path.join(tmp, "shipment.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(document, f)
        code, out, err = exportctl("check", path, "--rules", RULES, "--format", "json")
        parser_accepts = code in (0, 3, 4, 5)
        schema_accepts = not errors(shipment_v, document)
        want_parser = expected == ACCEPT
        want_schema = expected in (ACCEPT, PARSER_ONLY)
        check(f"shipment '{name}': exportctl {'accepts' if want_parser else 'rejects'}",
              parser_accepts == want_parser and (parser_accepts or (code == 1 and out == "")),
              f"exit {code}: {err.strip()[:200]}")
        check(f"shipment '{name}': schema {'accepts' if want_schema else 'rejects'}", schema_accepts == want_schema,
              "; ".join(errors(shipment_v, document)[:2]) or "accepted")
        if parser_accepts:  # and what it answers fits the determination schema
            problems = errors(determination_v, json.loads(out))
            check(f"shipment '{name}': determination against determination.schema.json", not problems,
                  "; ".join(problems[:3]))

# ---- rule files: the loader and the schema accept and reject the same documents -----------------
LOADER_ONLY, SCHEMA_ONLY = "loader only", "schema only"
rule_cases = [
    ("unknown key in a version", REJECT, "us/742.6-license.json", 'd["versions"][0]["valid_form"] = "2022-10-07"'),
    ("unknown key at the top", REJECT, "us/742.6-license.json", 'd["owner"] = "BIS"'),
    ("unknown kind", REJECT, "us/742.6-license.json", 'd["kind"] = "embargo"'),
    ("date that does not exist", REJECT, "my/notice.json", 'd["versions"][0]["valid_from"] = "2025-06-31"'),
    ("notification without notice_days", REJECT, "my/notice.json", 'del d["versions"][0]["notice_days"]'),
    ("notice_days zero", REJECT, "my/notice.json", 'd["versions"][0]["notice_days"] = 0'),
    ("when reads an item fact", REJECT, "my/notice.json", 'd["versions"][0]["when"] = {"fact": "tpp", ">=": 1}'),
    ("comparison with two operators", REJECT, "us/742.6-license.json",
     'd["versions"][0]["when"] = {"fact": "destination", "in": ["CN"], "in_groups": ["D:1"]}'),
    ("unknown operator", REJECT, "us/742.6-license.json", 'd["versions"][0]["when"] = {"fact": "destination", "==": "CN"}'),
    ("unknown fact", REJECT, "us/742.6-license.json", 'd["versions"][0]["items"] = {"fact": "flops", ">=": 1}'),
    ("'is' on a number fact", REJECT, "us/742.6-license.json", 'd["versions"][0]["items"] = {"fact": "tpp", "is": True}'),
    ("empty all", REJECT, "us/742.6-license.json", 'd["versions"][0]["items"] = {"all": []}'),
    ("empty in", REJECT, "us/742.6-license.json", 'd["versions"][0]["when"] = {"fact": "destination", "in": []}'),
    ("confidence outside the vocabulary", REJECT, "us/742.6-license.json", 'd["versions"][0]["confidence"] = "high"'),
    ("status outside the vocabulary", REJECT, "us/742.6-license.json", 'd["versions"][0]["status"] = "draft"'),
    ("empty citation", REJECT, "us/742.6-license.json", 'd["versions"][0]["citation"] = ""'),
    ("missing summary", REJECT, "us/742.6-license.json", 'del d["versions"][0]["summary"]'),
    ("classification to an unknown ECCN", REJECT, "us/3a090-classify.json",
     'd["versions"][0]["classes"][0]["eccn"] = "3A090.z"'),
    ("classes on a license rule", REJECT, "us/742.6-license.json", 'd["versions"][0]["classes"] = []'),
    ("review policy outside the vocabulary", REJECT, "us/742.6-review.json",
     'd["versions"][0]["policies"][0]["policy"] = "denial"'),
    ("exception without covers", REJECT, "us/740.8-aca.json", 'del d["versions"][0]["covers"]'),
    ("unknown catalog metric", REJECT, "catalog/nvidia.json", 'd["models"][0]["metrics"]["flops"] = 1'),
    ("catalog model without us_origin", REJECT, "catalog/nvidia.json", 'del d["models"][0]["us_origin"]'),
    ("lower-case country in a group", REJECT, "groups/d1.json", 'd["versions"][0]["members"].append("cn")'),
    ("enforcement status outside the vocabulary", REJECT, "us/742.6-diffusion.json",
     'd["versions"][0]["enforcement"][0]["status"] = "paused"'),
    ("notes removed", ACCEPT, "us/742.6-license.json", 'd["versions"][0].pop("notes", None)'),
    ("shipment_total_tpp in when", ACCEPT, "us/742.6-license.json",
     'd["versions"][0]["when"] = {"all": [d["versions"][0]["when"], {"fact": "shipment_total_tpp", ">=": 0}]}'),
    ("eccn none in a condition", ACCEPT, "us/742.6-license.json",
     'd["versions"][0]["items"] = {"not": {"fact": "eccn", "in": ["none"]}}'),
    # What a schema cannot express: the loader rejects, the schema (documented) accepts.
    ("unknown country", LOADER_ONLY, "us/742.6-license.json", 'd["versions"][0]["when"]["in"].append("XX")'),
    ("unknown country group", LOADER_ONLY, "us/742.6-license.json",
     'd["versions"][0]["when"] = {"fact": "destination", "in_groups": ["D:44"]}'),
    ("unknown catalog model", LOADER_ONLY, "us/letter-nvidia-h20.json",
     'd["versions"][0]["items"]["any"][0]["in"][0] = "NVIDIA H21"'),
    ("overlapping versions", LOADER_ONLY, "us/742.6-license.json", 'd["versions"][0]["valid_to"] = "2023-02-01"'),
    ("versions out of order", LOADER_ONLY, "us/742.6-license.json", 'd["versions"][0]["version"] = 2'),
    # The loader treats null as an absent optional key; the schema asks to leave the key out.
    ("null for an optional key", SCHEMA_ONLY, "us/742.6-license.json", 'd["versions"][0]["notes"] = None'),
]
with tempfile.TemporaryDirectory() as tmp:
    for name, expected, file, edit in rule_cases:
        directory = os.path.join(tmp, "rules")
        shutil.rmtree(directory, ignore_errors=True)
        shutil.copytree(RULES, directory)
        path = os.path.join(directory, file)
        d = load(path)
        exec(edit)  # noqa: S102 - test fixtures written above
        with open(path, "w", encoding="utf-8") as f:
            json.dump(d, f, indent=2, ensure_ascii=False)
        code, out, err = exportctl("rules", "validate", directory)
        loader_accepts = code == 0
        schema_accepts = not errors(rule_v, d)
        want_loader = expected in (ACCEPT, SCHEMA_ONLY)
        want_schema = expected in (ACCEPT, LOADER_ONLY)
        check(f"rule file '{name}': exportctl rules validate {'accepts' if want_loader else 'rejects'}",
              loader_accepts == want_loader and (loader_accepts or (code == 1 and out == "" and file in err)),
              f"exit {code}: {(err or out).strip()[:200]}")
        check(f"rule file '{name}': schema {'accepts' if want_schema else 'rejects'}", schema_accepts == want_schema,
              "; ".join(errors(rule_v, d)[:2]) or "accepted")

# ---- the register (docs/register.md) ------------------------------------------------------------
register_v = validator("register-entry.schema.json")
register_entries = []
for path in sorted(glob.glob("tests/scenarios/register/*.json")):
    for number, entry in enumerate(load(path).get("register", {}).get("entries", [])):
        register_entries.append(entry)
        problems = errors(register_v, entry)
        check(f"{path} register entry {number} against register-entry.schema.json", not problems, "; ".join(problems[:3]))
check("the register scenarios have entries", len(register_entries) >= 10, str(len(register_entries)))
# The code and the schema accept and reject the same entries.
with tempfile.TemporaryDirectory() as directory:
    store = os.path.join(directory, "register.db")
    exportctl("store", "import", RULES, "--db", store)
    base = {"authority": "US-BIS", "kind": "license", "number": "D-1", "valid_from": "2024-01-01",
            "valid_to": "2024-12-31", "destinations": ["VN"], "models": ["NVIDIA H100 SXM"], "quantity": 10,
            "value_usd": 100000, "consignees": ["Example Cloud JSC"], "entered_by": "schema test"}
    mutations = [
        ("as is", base, True),
        ("a notice", {"authority": "MY-MITI", "filed_on": "2024-05-01", "reference": "N-1", "entered_by": "x"}, True),
        ("unknown key", dict(base, colour="red"), False),
        ("negative quantity", dict(base, quantity=-1), False),
        ("zero value", dict(base, value_usd=0), False),
        ("no entered_by", {k: v for k, v in base.items() if k != "entered_by"}, False),
        ("kind and filed_on", dict(base, filed_on="2024-01-01"), False),
        ("unknown authority", dict(base, authority="US-DOD"), False),
        ("long number", dict(base, number="x" * 1001), False),
        ("number not a string", dict(base, number=5), False),
    ]
    for number, (name, entry, accepted) in enumerate(mutations):
        entry = dict(entry)
        if "number" in entry and isinstance(entry["number"], str) and len(entry["number"]) < 100:
            entry["number"] = f"{entry['number']}-{number}"  # distinct numbers: no clash between cases
        path = os.path.join(directory, f"entry{number}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(entry, f)
        code, out, err = exportctl("register", "add", path, "--db", store, "--format", "json")
        check(f"register entry '{name}': exportctl {'accepts' if accepted else 'rejects'}", (code == 0) == accepted,
              f"exit {code}: {(err or out).strip()[:200]}")
        check(f"register entry '{name}': schema {'accepts' if accepted else 'rejects'}",
              (not errors(register_v, entry)) == accepted, "; ".join(errors(register_v, entry)[:2]) or "accepted")
    # Determinations with the register's keys: one satisfied by an entry, one with candidates.
    order = load("samples/h100-vietnam-licensed.json")
    del order["authorizations"]
    for quantity in (4, 64):
        order["items"][0]["quantity"] = quantity
        code, out, err = exportctl("check", "-", "--db", store, "--format", "json", stdin=json.dumps(order))
        document = json.loads(out) if code in (0, 3) else {}
        keys = {key for requirement in document.get("requirements", []) for key in requirement}
        wanted = "register_entry" if quantity == 4 else "candidates"
        check(f"check --db ({quantity} units) has {wanted}", wanted in keys, f"exit {code}: {err.strip()[:200]}")
        problems = errors(determination_v, document)
        check(f"check --db ({quantity} units) against determination.schema.json", not problems, "; ".join(problems[:3]))

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
