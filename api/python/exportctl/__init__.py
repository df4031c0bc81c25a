"""exportctl: screen AI-chip shipments against US, Malaysian and Thai export rules, in process.

    import exportctl

    engine = exportctl.Engine(rules="/usr/local/share/exportctl/rules")
    answer = engine.check({"id": "SO-1", "ship_date": "2025-08-01", "origin": "US",
                           "destination": "VN", "items": [{"model": "H100 SXM", "quantity": 8}]})
    answer["verdict"]                   # "action_required"
    for answer in engine.batch(orders):  # dicts or JSON lines; every core
        ...

A thin layer over the C library libexportctl.so.1 (ctypes, nothing to compile): the answers are
those of `exportctl check --format json`, as dicts (schema/json/determination.schema.json).
Errors are BadInput, BadRules and IoError, all ExportctlError, with the one-line message the
command line prints. Screening aid, not legal advice.
"""
from .engine import VERDICTS, Engine, contract_version, engine_version
from .errors import BadInput, BadRules, ExportctlError, IoError

__all__ = ["Engine", "ExportctlError", "BadInput", "BadRules", "IoError", "VERDICTS", "engine_version",
           "contract_version"]
