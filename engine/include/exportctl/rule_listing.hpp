// The rule data as JSON for whoever inspects it: `exportctl rules list|show` and the service's
// GET /v1/rules and GET /v1/rules/{id} print exactly these documents.
//
//   std::string out;
//   exportctl::write_rules_in_force_json(engine, *exportctl::parse_date("2025-08-01"), std::nullopt, false, out);
//   if (auto shown = exportctl::write_rule_json(engine, "us.ear.742.6.license", out); !shown) ...
//
// A VERSION below is one object with sorted keys: "authority", "citation", "compliance_from"
// (null: from valid_from), "confidence", "file", "jurisdiction", "kind", "known_from", "rule",
// "source_url", "status", "title", "valid_from", "valid_to" (null: until superseded or open),
// "version", and "notes" and "supersedes" when the version has them.
//
// `indent` < 0 writes one line; otherwise the document is pretty-printed with that many spaces
// per level. Nothing here throws; the engine may be used from any number of threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "exportctl/date.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"

namespace exportctl {

// Appends {"date": DATE, "known_on": DATE or null, "rules": [VERSION, ...]}: the versions binding
// on `date` as known on `known_on` (nullopt: everything recorded), in Engine::in_force order,
// followed, with `include_proposed`, by the proposed versions that would apply on that day.
void write_rules_in_force_json(const Engine& engine, Date date, std::optional<Date> known_on, bool include_proposed,
                               std::string& out, int indent = -1);

// Appends [VERSION + {"content": the version object as its file states it}, ...]: every version
// of the rule `rule_id`, in file order. bad_input, naming the id, when no rule has it; `out` is
// then unchanged.
Status write_rule_json(const Engine& engine, std::string_view rule_id, std::string& out, int indent = -1);

// Appends, on one line with sorted keys, what a form offers to pick from:
// {"countries": [{"code", "name"}, ...], "models": [{"aliases": [...], "kind", "metrics": {the
// figures the catalog gives}, "name", "us_origin": true|false|null, "vendor"}, ...]}, in the
// order of the rule data.
void write_catalog_json(const Engine& engine, std::string& out);

// Appends {"digest", "latest_known_from", "versions"}: how current the loaded law is.
// latest_known_from is the latest day on which any rule version, enforcement change, country
// group version or catalog entry became known (null for empty rules).
void write_rules_summary_json(const Engine& engine, std::string& out);

}  // namespace exportctl
