// Rendering a determination for machines (JSON) and for people (text; HTML in html_report.hpp).
#pragma once

#include <string>

#include "exportctl/determination.hpp"
#include "exportctl/engine.hpp"
#include "report/rendered_rules.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// `rendered` was built from `rules`.
void write_determination_json(const RuleSet& rules, const RenderedRules& rendered, const Shipment& shipment,
                              const Determination& answer, const RenderOptions& options, std::string& out);

// {"requirements":[{"deadline"?,"kind","rule","status","version"}...],"shipment_id","verdict"}:
// the members of the full determination a program acting on the answer reads, nothing else.
void write_compact_json(const Shipment& shipment, const Determination& answer, std::string& out);

// {"date":...,"item":ITEM,"known_on":...} for the one item of a classification-only shipment.
void write_classification_json(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                               Date date, std::string& out);

void write_determination_text(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                              const ReportOptions& options, std::string& out);

}  // namespace exportctl
