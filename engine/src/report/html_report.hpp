// The screening record as HTML: one self-contained document (inline CSS and SVG, no script)
// that `exportctl check --format html` writes for the audit file, that a batch writes with a
// section per shipment (BatchOutput::html), and that the officer's page shows and prints
// (GET / of `exportctl serve` asks POST /v1/record for it). One renderer, so the three agree.
//
// Layout: a header naming the engine, the rules' digest and the day deadlines are counted from;
// per shipment a <section class="shipment"> with the verdict first (in words, with a symbol,
// and in colour), the route and parties, a timeline picture with its list of dates, the items,
// each requirement (authority, status, what to do, deadline, review policy, rule version,
// citation linked to its source), warnings and, when asked, the trace; the disclaimer last.
// The print style puts each shipment on its own pages on A4 or Letter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "exportctl/determination.hpp"
#include "exportctl/engine.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// The whole document for one shipment.
void write_html_document(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                         const ReportOptions& options, std::string& out);

// The pieces of a document, for a batch: the head, then a section per shipment (or per input
// that could not be screened), then the foot. `section_id` is the element id of the section
// ("line-12"); `line` names where an unreadable input was.
void write_html_head(const RuleSet& rules, std::string_view title, const ReportOptions& options, std::string& out);
void write_html_shipment(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                         const ReportOptions& options, std::string_view section_id, std::string& out);
void write_html_error(uint64_t line, std::string_view message, std::string& out);
void write_html_foot(std::string& out);

// The record's style sheet; its rules are scoped to `.record`, so a page can adopt it as is.
std::string_view record_style();

}  // namespace exportctl
