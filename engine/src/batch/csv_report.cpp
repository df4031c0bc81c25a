#include "batch/csv_report.hpp"

#include <charconv>

#include "report/explain.hpp"

namespace exportctl::batch {
namespace {

constexpr std::string_view kHeader =
    "line,shipment_id,verdict,earliest_ship_date,jurisdiction,authority,kind,status,rule,version,items,models,eccn,"
    "leg,deadline,review_policy,exception,authorization,explanation,warnings,error\n";

void cell(std::string_view text, std::string& out) {
  bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
  for (char c : text) quote |= c == ',' || c == '"' || c == '\n' || c == '\r';
  if (!quote) {
    out += text;
  } else {
    out += '"';
    for (char c : text) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += ',';
}

void number_cell(uint64_t value, std::string& out) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  out += ',';
}

void date_cell(const std::optional<Date>& date, std::string& out) {
  if (date) {
    char buffer[10];
    format_date(*date, buffer);
    out.append(buffer, 10);
  }
  out += ',';
}

void end_row(std::string& out) { out.back() = '\n'; }

}  // namespace

void write_csv_report_header(std::string& out) { out += kHeader; }

void write_csv_report(const RuleSet& rules, const Shipment& shipment, const Determination& answer, uint64_t line,
                      std::string& scratch, std::string& out) {
  // Warnings concern the whole shipment: the same text on each of its rows.
  std::string warnings;
  for (const Warning& warning : answer.warnings) {
    if (!warnings.empty()) warnings += "; ";
    append_warning_message(rules, shipment, answer, warning, warnings);
  }
  auto shipment_cells = [&] {
    number_cell(line, out);
    cell(shipment.id, out);
    cell(name(answer.verdict), out);
    date_cell(answer.earliest_ship_date, out);
  };
  if (answer.requirements.empty()) {
    shipment_cells();
    for (int i = 0; i < 15; ++i) out += ',';
    cell(warnings, out);
    out += ',';  // error
    end_row(out);
    return;
  }
  for (const Requirement& requirement : answer.requirements) {
    const RuleVersion& rule = *requirement.rule;
    shipment_cells();
    cell(name(rule.rule->jurisdiction), out);
    cell(name(rule.rule->authority), out);
    cell(name(requirement.kind), out);
    cell(name(requirement.status), out);
    cell(rule.rule->id, out);
    number_cell(static_cast<uint64_t>(rule.number), out);
    std::string items, models, eccns;
    uint32_t seen = 0;  // each class once
    for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k) {
      Index index = answer.item_indexes[k];
      const Item& item = shipment.items[index];
      if (!items.empty()) items += ';', models += ';';
      items += std::to_string(index);
      models += item.model != kNoModel ? std::string_view(rules.model_names[item.model])
                                       : std::string_view(item.model_name.empty() ? item.description : item.model_name);
      Eccn eccn = answer.items[index].eccn;
      if (eccn != Eccn::none && !(seen >> static_cast<int>(eccn) & 1)) {
        seen |= 1u << static_cast<int>(eccn);
        if (!eccns.empty()) eccns += ';';
        eccns += name(eccn);
      }
    }
    cell(items, out);
    cell(models, out);
    cell(eccns, out);
    scratch.clear();
    append_leg(rules, shipment, answer.movements[requirement.movement], scratch);
    cell(scratch, out);
    date_cell(requirement.deadline, out);
    cell(name(requirement.review_policy), out);
    if (requirement.exception_rule && requirement.status == RequirementStatus::exception)
      cell(rules.loaded(*requirement.exception_rule).content.exception_name, out);
    else
      out += ',';
    if (requirement.authorization >= 0)
      cell(shipment.authorizations[static_cast<size_t>(requirement.authorization)].number, out);
    else
      out += ',';
    scratch.clear();
    append_explanation(rules, shipment, answer, requirement, scratch);
    cell(scratch, out);
    cell(warnings, out);
    out += ',';
    end_row(out);
  }
}

void write_csv_error(uint64_t line, std::string_view message, std::string& out) {
  number_cell(line, out);
  for (int i = 0; i < 19; ++i) out += ',';
  cell(message, out);
  end_row(out);
}

}  // namespace exportctl::batch
