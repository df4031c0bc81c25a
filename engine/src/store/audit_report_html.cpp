// The audit report as one self-contained, printable HTML page (exportctl/audit_report.hpp).
// Every text from the store goes through `escaped`; the page has no script and loads nothing.
#include <array>
#include <map>

#include "exportctl/audit_report.hpp"
#include "exportctl/version.hpp"
#include "report/vocabulary_words.hpp"

namespace exportctl {
namespace {

constexpr const char* kStyle = R"(body{font:11pt/1.4 system-ui,sans-serif;margin:2em;color:#111}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}
h3{font-size:1em;margin:.2em 0}
table{border-collapse:collapse;margin:.4em 0}th,td{border:1px solid #bbb;padding:.15em .4em;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.number{text-align:right}.explanation{color:#333;font-size:.92em}
.decision{break-inside:avoid;page-break-inside:avoid;margin:1.2em 0}
.intact{color:#060;font-weight:bold}.inconsistent{color:#b00;font-weight:bold}
code{font-size:.9em;word-break:break-all}footer{margin-top:2em;font-size:.9em;color:#444}
@page{size:A4;margin:15mm}
@media print{body{margin:0;font-size:9pt}h2{break-after:avoid;page-break-after:avoid}}
)";

constexpr std::array<std::string_view, 4> kVerdicts = {"cleared", "action_required", "prohibited", "indeterminate"};

// Text for HTML content and attribute values alike.
std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string period_text(const DecisionFilter& period) {
  if (period.recorded_from && period.recorded_to)
    return "recorded from " + to_string(*period.recorded_from) + " to " + to_string(*period.recorded_to);
  if (period.recorded_from) return "recorded from " + to_string(*period.recorded_from);
  if (period.recorded_to) return "recorded up to " + to_string(*period.recorded_to);
  return "all recorded";
}

void row(std::string& out, std::initializer_list<std::string_view> cells, const char* tag = "td") {
  out += "<tr>";
  for (std::string_view cell : cells) {
    out += '<';
    out += tag;
    out += '>';
    out += cell;  // the caller escapes
    out += "</";
    out += tag;
    out += '>';
  }
  out += "</tr>\n";
}

void about(const AuditReport& report, std::string& out) {
  out += "<table class=\"about\">\n";
  row(out, {"Store", "<code>" + escaped(report.file) + "</code>"});
  row(out, {"Period", escaped(period_text(report.period)) + " (UTC days)"});
  row(out, {"Decisions", std::to_string(report.decisions.size())});
  row(out, {"Written", escaped(report.written_at) + " by exportctl " + escaped(kEngineVersion)});
  out += "</table>\n";
}

void verification(const StoreCheck& check, std::string& out) {
  out += "<h2>Verification of the whole store at the time of writing</h2>\n";
  if (check.intact()) {
    out += "<p class=\"intact\">Intact: every check below passed.</p>\n";
  } else {
    out += "<p class=\"inconsistent\">INCONSISTENT: " + std::to_string(check.inconsistency_count) + " problem" +
           (check.inconsistency_count == 1 ? "" : "s") + " found.</p>\n<ul class=\"inconsistencies\">\n";
    for (const Inconsistency& found : check.inconsistencies)
      out += "<li>" + escaped(found.check) + ": <strong>" + escaped(found.subject) + "</strong>: " +
             escaped(found.problem) + "</li>\n";
    if (static_cast<int64_t>(check.inconsistencies.size()) < check.inconsistency_count)
      out += "<li>and " + std::to_string(check.inconsistency_count - static_cast<int64_t>(check.inconsistencies.size())) +
             " more</li>\n";
    out += "</ul>\n";
  }
  out += "<table class=\"checks\">\n";
  row(out, {"Check", "Result", "What it covered"}, "th");
  for (const CheckedPart& part : check.parts)
    row(out, {escaped(part.name),
              part.problems == 0 ? std::string("ok") : std::to_string(part.problems) + " problem" + (part.problems == 1 ? "" : "s"),
              "<span class=\"summary\">" + escaped(part.summary) + "</span>"});
  out += "</table>\n";
  out += "<p>Head of the decision log: <code>" + std::to_string(check.last_id) + ":" + escaped(check.head_hash) +
         "</code>. Rules digests: ";
  if (check.imports.empty()) out += "none";
  for (size_t i = 0; i < check.imports.size(); ++i)
    out += std::string(i ? ", " : "") + "import " + std::to_string(check.imports[i].id) + " <code>" +
           escaped(check.imports[i].rules_digest) + "</code>";
  out += ".</p>\n<p>What a store cannot show by itself (an anchor written earlier with <code>exportctl audit head</code> "
         "shows it up to its head):</p>\n<ul>\n";
  for (std::string_view sentence : kCannotDetect) out += "<li>" + escaped(sentence) + "</li>\n";
  out += "</ul>\n";
}

void summary(const AuditReport& report, std::string& out) {
  out += "<h2>Decisions by verdict and destination</h2>\n";
  std::map<std::string, std::array<int64_t, kVerdicts.size()>> by_destination;
  std::array<int64_t, kVerdicts.size()> totals{};
  int64_t other = 0;  // a verdict outside the vocabulary: only in a damaged record
  for (size_t i = 0; i < report.decisions.size(); ++i) {
    std::string destination = report.recorded[i].destination.empty() ? "(none)" : report.recorded[i].destination;
    auto& counts = by_destination[destination];
    bool known = false;
    for (size_t v = 0; v < kVerdicts.size(); ++v)
      if (report.decisions[i].verdict == kVerdicts[v]) {
        ++counts[v];
        ++totals[v];
        known = true;
      }
    if (!known) ++other;
  }
  out += "<table class=\"counts\">\n<tr><th>Destination</th>";
  for (std::string_view verdict : kVerdicts) out += "<th>" + spaced(verdict) + "</th>";
  out += "<th>total</th></tr>\n";
  auto counts_row = [&](const std::string& label, const std::array<int64_t, kVerdicts.size()>& counts) {
    int64_t total = 0;
    out += "<tr><td>" + label + "</td>";
    for (int64_t count : counts) {
      out += "<td class=\"number\">" + std::to_string(count) + "</td>";
      total += count;
    }
    out += "<td class=\"number\">" + std::to_string(total) + "</td></tr>\n";
  };
  for (const auto& [destination, counts] : by_destination) counts_row(escaped(destination), counts);
  counts_row("<strong>all</strong>", totals);
  out += "</table>\n";
  if (other > 0) out += "<p class=\"inconsistent\">" + std::to_string(other) + " with a verdict outside the vocabulary.</p>\n";
}

void rule_versions(const AuditReport& report, std::string& out) {
  out += "<h2>Rule versions used</h2>\n";
  if (report.rule_versions.empty()) {
    out += "<p>None.</p>\n";
    return;
  }
  out += "<table class=\"rules\">\n";
  row(out, {"Rule", "Version", "Citation", "Decisions"}, "th");
  for (const UsedRuleVersion& used : report.rule_versions)
    row(out, {"<code>" + escaped(used.rule) + "</code>", std::to_string(used.version), escaped(used.citation),
              std::to_string(used.decisions)});
  out += "</table>\n";
}

void decision(const DecisionRecord& record, const RecordedDecision& recorded, std::string& out) {
  out += "<section class=\"decision\" id=\"decision-" + std::to_string(record.id) + "\">\n<h3>Decision " +
         std::to_string(record.id) + ": " + escaped(record.shipment_id.empty() ? "(no id)" : record.shipment_id) + ", " +
         escaped(spaced(record.verdict)) + "</h3>\n<table class=\"record\">\n";
  row(out, {"Recorded", escaped(record.recorded_at)});
  row(out, {"Ship date", escaped(record.ship_date)});
  row(out, {"Known on", escaped(record.known_on) + (record.include_proposed ? " (with proposed rules)" : "")});
  row(out, {"Exporter", escaped(recorded.exporter.empty() ? "(not given)" : recorded.exporter)});
  row(out, {"Route", escaped(recorded.origin) + " &rarr; " + escaped(recorded.destination)});
  if (!recorded.earliest_ship_date.empty()) row(out, {"Earliest ship date", escaped(recorded.earliest_ship_date)});
  row(out, {"Rules", "<code>" + escaped(record.rules_digest) + "</code>, exportctl " + escaped(record.engine_version)});
  row(out, {"Hash", "<code>" + escaped(record.hash) + "</code>"});
  out += "</table>\n";
  if (!recorded.readable) {
    out += "<p class=\"inconsistent\">The stored request or determination is not JSON.</p>\n</section>\n";
    return;
  }
  if (recorded.requirements.empty()) {
    out += "<p>No requirements.</p>\n";
  } else {
    out += "<table class=\"requirements\">\n";
    row(out, {"#", "Authority", "Kind", "Status", "Leg", "Deadline", "Review policy", "Rule", "Citation"}, "th");
    for (size_t r = 0; r < recorded.requirements.size(); ++r) {
      const RecordedRequirement& requirement = recorded.requirements[r];
      std::string status = escaped(spaced(requirement.status));
      if (!requirement.exception.empty()) status += " (" + escaped(requirement.exception) + ")";
      row(out, {std::to_string(r + 1), escaped(requirement.authority), escaped(requirement.kind), status,
                escaped(requirement.leg), escaped(requirement.deadline), escaped(spaced(requirement.review_policy)),
                "<code>" + escaped(requirement.rule) + "</code> v" + std::to_string(requirement.version),
                escaped(requirement.citation)});
      out += "<tr><td></td><td colspan=\"8\" class=\"explanation\">" + escaped(requirement.explanation) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  if (!recorded.warnings.empty()) {
    out += "<ul class=\"warnings\">\n";
    for (const std::string& warning : recorded.warnings) out += "<li>" + escaped(warning) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</section>\n";
}

}  // namespace

void write_audit_report_html(const AuditReport& report, std::string& out) {
  std::string title = "Export screening audit report: decisions " + period_text(report.period);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escaped(title) +
         "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n<h1>" + escaped(title) + "</h1>\n";
  about(report, out);
  verification(report.verification, out);
  summary(report, out);
  rule_versions(report, out);
  out += "<h2>Decisions</h2>\n";
  if (report.decisions.empty()) out += "<p>None in this period.</p>\n";
  for (size_t i = 0; i < report.decisions.size(); ++i) decision(report.decisions[i], report.recorded[i], out);
  out += "<footer>Screening aid, not legal advice: each decision is shown as it was recorded; confirm with counsel "
         "and the cited regulations. Written by <code>exportctl audit report</code>.</footer>\n</body>\n</html>\n";
}

}  // namespace exportctl
