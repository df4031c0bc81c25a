"""Writes a copy of the rules in which the AI Diffusion rule is enforced, with LPP version 2.

    python3 tests/register/lpp/enforced_rules.py rules OUT_DIR

The real rules cannot show LPP's annual count at work: BIS announced on 2025-05-13 that it would
not enforce the AI Diffusion rule, so License Exception LPP covers nothing on any day as known
from then on, and version 2 (known from 2026-12-02, tests/register/lpp/lpp-v2.json) can decide
no screening. This copy drops the two enforcement entries (742.6 diffusion, 740.29 LPP) and adds
version 2, so the count per ultimate consignee can be tested end to end
(tests/register/lpp/run.sh). Everything else is the rules as they are.
"""
import json
import pathlib
import shutil
import sys

source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
shutil.copytree(source, target)
here = pathlib.Path(__file__).parent
for name in ("us/742.6-diffusion.json", "us/740.29-lpp.json"):
    path = target / name
    rule = json.loads(path.read_text())
    for version in rule["versions"]:
        version.pop("enforcement", None)
    if rule["id"] == "us.ear.740.29.lpp" and all(v["version"] != 2 for v in rule["versions"]):
        version2 = json.loads((here / "lpp-v2.json").read_text())
        version2.pop("enforcement", None)
        rule["versions"].append(version2)
    path.write_text(json.dumps(rule, indent=2) + "\n")
