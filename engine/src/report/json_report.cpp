// The determination as contract.md JSON: keys sorted at every level, requirements in the order
// the engine produced them (stable: movement, then rule file order, then items).
#include "report/reports.hpp"

#include "exportctl/version.hpp"
#include "report/basis.hpp"
#include "report/candidate_text.hpp"
#include "report/explain.hpp"
#include "report/json_writer.hpp"
#include "report/trace_facts.hpp"

namespace exportctl {
namespace {

thread_local std::string scratch_text;

void write_rule_ref(JsonWriter& json, const RuleVersion* rule) {
  if (rule) json.key("rule").string(rule->rule->id);
  else json.key("rule").null();
  if (rule) json.key("version").integer(rule->number);
  else json.key("version").null();
}

void write_classification(const RuleSet& rules, const Shipment& shipment, const Determination& answer, size_t i,
                          JsonWriter& json) {
  const ItemClassification& result = answer.items[i];
  json.begin_object().key("classification").begin_object().key("US").begin_object();
  scratch_text.clear();
  append_basis(rules, shipment, i, result, BasisCache::this_thread(), scratch_text);
  json.key("basis").string(scratch_text);
  if (result.indeterminate || result.eccn == Eccn::none) json.key("eccn").null();
  else json.key("eccn").string(name(result.eccn));
  json.key("indeterminate").boolean(result.indeterminate);
  write_rule_ref(json, result.rule);
  json.end_object().end_object();
  json.key("index").integer(static_cast<long long>(i));
  const Item& item = shipment.items[i];
  if (item.model != kNoModel) json.key("model").string(rules.model_names[item.model]);
  else if (!item.model_name.empty()) json.key("model").string(item.model_name);
  else json.key("model").null();
  json.end_object();
}

void write_requirement(const RuleSet& rules, const RenderedRules& rendered_rules, const Shipment& shipment,
                       const Determination& answer, const Requirement& requirement, JsonWriter& json) {
  const RuleVersion& rule = *requirement.rule;
  const RenderedMembers& rendered = rendered_rules.of(rule);  // escaped at load time
  json.begin_object();
  json.key("authority").string(name(rule.rule->authority));
  if (requirement.authorization >= 0)
    json.key("authorization").string(shipment.authorizations[static_cast<size_t>(requirement.authorization)].number);
  // Only when a register was consulted (ScreenOptions::explain_candidates) and something missed.
  if (requirement.candidates_end > requirement.candidates_begin) {
    json.key("candidates").begin_array();
    for (uint32_t k = requirement.candidates_begin; k < requirement.candidates_end; ++k) {
      const AuthorizationCandidate& candidate = answer.candidates[k];
      json.begin_object().key("code").string(candidate_problem_code(candidate.problem));
      // A notice keeps the license's keys (its reference is the number) and adds `filed_on`.
      const Notice* notice = candidate.notice >= 0 ? &shipment.notices[static_cast<size_t>(candidate.notice)] : nullptr;
      if (notice) json.key("filed_on").date(notice->filed_on);
      const Authorization* authorization =
          notice ? nullptr : &shipment.authorizations[static_cast<size_t>(candidate.authorization)];
      json.key("number").string(notice ? notice->reference : authorization->number);
      scratch_text.clear();
      append_candidate_reason(rules, shipment, answer, requirement, candidate, scratch_text);
      json.key("reason").string(scratch_text);
      int64_t register_id = notice ? notice->register_id : authorization->register_id;
      if (register_id > 0) json.key("register_entry").integer(register_id);
      json.end_object();
    }
    json.end_array();
  }
  json.members(rendered.citation_confidence);
  // Only when a store counted the consignee's year for an exception limited by it (LPP).
  if (requirement.counted && shipment.counted_shipments) {
    json.key("counted").begin_array();
    for (const CountedShipment& earlier : *shipment.counted_shipments) {
      json.begin_object().key("decision").integer(earlier.decision).key("ship_date").date(earlier.ship_date);
      json.key("shipment_id").string(earlier.shipment_id).key("tpp");
      if (std::isnan(earlier.tpp)) json.null();
      else json.number(earlier.tpp);
      json.end_object();
    }
    json.end_array();
  }
  if (requirement.deadline) json.key("deadline").date(*requirement.deadline);
  if (requirement.exception_rule && requirement.status == RequirementStatus::exception)
    json.key("exception").string(rules.loaded(*requirement.exception_rule).content.exception_name);
  scratch_text.clear();
  append_explanation(rules, shipment, answer, requirement, scratch_text);
  json.key("explanation").string(scratch_text);
  json.key("items").begin_array();
  for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k) json.integer(answer.item_indexes[k]);
  json.end_array();
  json.key("jurisdiction").string(name(rule.rule->jurisdiction));
  json.key("kind").string(name(requirement.kind));
  scratch_text.clear();
  append_leg(rules, shipment, answer.movements[requirement.movement], scratch_text);
  json.key("leg").string(scratch_text);
  json.members(rendered.notes);
  if (requirement.notice_days > 0) json.key("notice_days").integer(requirement.notice_days);
  if (requirement.ready_on) json.key("ready_on").date(*requirement.ready_on);
  if (requirement.authorization >= 0) {
    const Authorization& used = shipment.authorizations[static_cast<size_t>(requirement.authorization)];
    if (used.register_id > 0) {
      // What the entry had left before this shipment; limits absent when it has none.
      json.key("register_entry").begin_object().key("id").integer(used.register_id);
      if (!std::isnan(used.quantity_limit)) json.key("quantity").number(used.quantity_limit);
      if (!std::isnan(used.quantity_limit)) json.key("quantity_used").number(used.quantity_used);
      if (!std::isnan(used.value_limit)) json.key("value_usd").number(used.value_limit);
      if (!std::isnan(used.value_limit)) json.key("value_used").number(used.value_used);
      json.end_object();
    }
  }
  if (requirement.review_policy != ReviewPolicy::none) json.key("review_policy").string(name(requirement.review_policy));
  json.members(rendered.rule_source_url);
  json.key("status").string(name(requirement.status));
  json.key("version").integer(rule.number);
  json.end_object();
}

void write_trace_entry(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                       const TraceShipment& traced, const TraceEntry& entry, JsonWriter& json) {
  const RuleVersion& rule = *entry.rule;
  json.begin_object();
  if (rule.compliance_from != kMinDate) json.key("compliance_from").date(rule.compliance_from);
  // The facts the rule read, with their values on this shipment.
  thread_local std::vector<std::pair<std::string_view, std::string>> facts;
  trace_entry_facts(rules, shipment, answer, traced, entry, facts);
  json.key("facts").begin_object();
  for (const auto& [fact, value] : facts) json.key(fact).string(value);
  json.end_object();
  if (entry.item >= 0) json.key("item").integer(entry.item);
  json.key("known_from").date(rule.known_from);
  if (entry.movement >= 0) {
    scratch_text.clear();
    append_leg(rules, shipment, answer.movements[static_cast<size_t>(entry.movement)], scratch_text);
    json.key("leg").string(scratch_text);
  }
  json.key("outcome").string(trace_outcome_name(entry.outcome));
  json.key("rule").string(rule.rule->id);
  json.key("valid_from").date(rule.valid_from);
  if (rule.valid_to != kMaxDate) json.key("valid_to").date(rule.valid_to);
  json.key("version").integer(rule.number);
  json.end_object();
}

void write_trace(const RuleSet& rules, const Shipment& shipment, const Determination& answer, JsonWriter& json) {
  thread_local TraceShipment traced;
  gather_trace_shipment(rules, shipment, traced);
  for (const TraceEntry& entry : answer.trace) write_trace_entry(rules, shipment, answer, traced, entry, json);
}

void write_warning(const RuleSet& rules, const Shipment& shipment, const Determination& answer, const Warning& warning,
                   JsonWriter& json) {
  json.begin_object();
  json.key("code").string(warning.code == WarningCode::indeterminate ? "indeterminate"
                          : warning.code == WarningCode::unknown_model ? "unknown_model"
                          : warning.code == WarningCode::proposed_rule ? "proposed_rule"
                          : warning.code == WarningCode::foreign_made_item ? "foreign_made_item"
                          : warning.code == WarningCode::metric_below_catalog ? "metric_below_catalog"
                                                                       : "declared_eccn_differs");
  if (warning.item >= 0) json.key("item").integer(warning.item);
  if (warning.code == WarningCode::proposed_rule) json.key("kind").string(name(warning.kind));
  if (warning.rule) {
    scratch_text.clear();
    append_leg(rules, shipment, answer.movements[warning.movement], scratch_text);
    json.key("leg").string(scratch_text);
  }
  scratch_text.clear();
  append_warning_message(rules, shipment, answer, warning, scratch_text);
  json.key("message").string(scratch_text);
  if (warning.rule) json.key("rule").string(warning.rule->rule->id);
  json.end_object();
}

}  // namespace

void write_classification_json(const RuleSet& rules, const Shipment& shipment, const Determination& answer,
                               Date date, std::string& out) {
  JsonWriter json(out);
  json.begin_object().key("date").date(date).key("item");
  write_classification(rules, shipment, answer, 0, json);
  if (answer.known_on) json.key("known_on").date(*answer.known_on);
  else json.key("known_on").null();
  json.end_object();
}

void write_determination_json(const RuleSet& rules, const RenderedRules& rendered, const Shipment& shipment,
                              const Determination& answer, const RenderOptions& options, std::string& out) {
  JsonWriter json(out);
  // The disclaimer opens every answer: escaped once, copied after.
  static const std::string disclaimer = [] {
    std::string member;
    JsonWriter(member).key("disclaimer").string(kDisclaimer);
    return member;
  }();
  // Which engine answered, under which contract: constant, so rendered once too.
  static const std::string engine = [] {
    std::string member;
    JsonWriter json(member);
    json.key("engine").begin_object().key("contract_version").string(kContractVersion);
    json.key("version").string(kEngineVersion).end_object();
    return member;
  }();
  json.begin_object();
  json.members(disclaimer);
  if (answer.earliest_ship_date) json.key("earliest_ship_date").date(*answer.earliest_ship_date);
  else json.key("earliest_ship_date").null();
  json.members(engine);
  json.key("items").begin_array();
  for (size_t i = 0; i < answer.items.size(); ++i) write_classification(rules, shipment, answer, i, json);
  json.end_array();
  if (answer.known_on) json.key("known_on").date(*answer.known_on);
  else json.key("known_on").null();
  json.key("requirements").begin_array();
  for (const Requirement& requirement : answer.requirements)
    write_requirement(rules, rendered, shipment, answer, requirement, json);
  json.end_array();
  json.key("rules").begin_object().key("digest").string(rules.digest).key("versions").integer(answer.rule_versions).end_object();
  json.key("ship_date").date(answer.ship_date);
  json.key("shipment_id").string(shipment.id);
  json.key("trace").begin_array();
  if (options.trace)
    write_trace(rules, shipment, answer, json);
  json.end_array();
  json.key("verdict").string(name(answer.verdict));
  json.key("warnings").begin_array();
  for (const Warning& warning : answer.warnings) write_warning(rules, shipment, answer, warning, json);
  json.end_array();
  json.end_object();
}

}  // namespace exportctl
