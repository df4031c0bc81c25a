// The audit trail's shared surface (exportctl/audit.hpp): log entries, decision and difference
// JSON, replay.
#include "exportctl/audit.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "exportctl/register.hpp"

namespace exportctl {
namespace {

using nlohmann::json;

// Stored texts came through the engine or the store; `replace` only keeps a stray byte from
// throwing through a header that promises no exceptions.
void append(const json& document, std::string& out) {
  out += document.dump(-1, ' ', false, json::error_handler_t::replace);
}

json requirements_json(const std::vector<RequirementSummary>& requirements) {
  json list = json::array();
  // Each summary holds the requirement as compare_determinations parsed and dumped it.
  for (const RequirementSummary& requirement : requirements) list.push_back(json::parse(requirement.json, nullptr, false));
  return list;
}

json value_or_null(const std::string& text) { return text.empty() ? json() : json::parse(text, nullptr, false); }

json difference_json(const AnswerDifference& difference) {
  json out;
  out["verdict"] = {{"before", difference.verdict_before}, {"after", difference.verdict_after}};
  auto date = [](const std::string& text) { return text.empty() ? json() : json(text); };
  out["earliest_ship_date"] = {{"before", date(difference.earliest_ship_date_before)},
                               {"after", date(difference.earliest_ship_date_after)}};
  out["requirements_removed"] = requirements_json(difference.only_before);
  out["requirements_added"] = requirements_json(difference.only_after);
  out["requirements_changed"] = json::array();
  for (const RequirementChange& change : difference.changed) {
    const RequirementSummary& before = difference.only_before[change.before];
    const RequirementSummary& after = difference.only_after[change.after];
    json fields = json::array();
    for (const FieldChange& field : change.fields)
      fields.push_back({{"field", field.field}, {"before", value_or_null(field.before)}, {"after", value_or_null(field.after)}});
    out["requirements_changed"].push_back({{"jurisdiction", before.jurisdiction},
                                           {"kind", before.kind},
                                           {"rule", before.rule},
                                           {"leg", before.leg},
                                           {"version", {{"before", before.version}, {"after", after.version}}},
                                           {"fields", std::move(fields)}});
  }
  out["rule_versions"] = json::array();
  for (const RuleVersionRef& ref : difference.responsible)
    out["rule_versions"].push_back({{"rule", ref.rule}, {"version", ref.version}});
  return out;
}

// An error met inside `outer` (a store, a decision in it): its source is then "OUTER: SOURCE".
Error within(const std::string& outer, Error inner) {
  inner.source = inner.source.empty() ? outer : outer + ": " + inner.source;
  return inner;
}

Result<Engine> recorded_engine(const Store& store, const DecisionRecord& record) {
  auto documents = store.documents_with_digest(record.rules_digest);
  if (!documents) return documents.error();
  if (documents.value().empty())
    return make_error(ErrorCode::io, store.file().string(),
                      "decision " + std::to_string(record.id) + " was made with rules " + record.rules_digest +
                          ", which were never imported into this store");
  auto loaded = Engine::load_documents(std::move(documents).value());
  if (!loaded) return within(store.file().string(), loaded.error());
  return loaded;
}

}  // namespace

NewDecision decision_entry(const Engine& engine, const Shipment& shipment, const Determination& answer,
                           const ScreenOptions& options, std::string request_json, std::string determination_json,
                           Date today) {
  NewDecision decision;
  decision.request_json = std::move(request_json);
  decision.determination_json = std::move(determination_json);
  decision.shipment_id = shipment.id;
  decision.ship_date = shipment.ship_date;
  decision.known_on = options.known_on.value_or(shipment.known_on.value_or(today));
  decision.include_proposed = options.include_proposed;
  decision.verdict = std::string(name(answer.verdict));
  decision.rules_digest = engine.rules_digest();
  // Every recorded shipment joins its consignee's annual count, however it was screened.
  decision.consignee = consignee_year(engine, shipment);
  if (!std::isnan(answer.total_tpp)) decision.total_tpp = answer.total_tpp;
  return decision;
}

void write_decision_json(const DecisionRecord& record, std::string& out) {
  json document = {{"id", record.id},
                   {"recorded_at", record.recorded_at},
                   {"shipment_id", record.shipment_id},
                   {"ship_date", record.ship_date},
                   {"known_on", record.known_on},
                   {"verdict", record.verdict},
                   {"include_proposed", record.include_proposed},
                   {"engine_version", record.engine_version},
                   {"rules_digest", record.rules_digest},
                   {"previous_hash", record.previous_hash},
                   {"hash", record.hash},
                   {"request_json", record.request_json},
                   {"determination_json", record.determination_json}};
  append(document, out);
}

void write_difference_json(const AnswerDifference& difference, std::string& out) {
  append(difference_json(difference), out);
}

Result<ReplayResult> replay_decision(const Store& store, const DecisionRecord& record, const Engine* engine,
                                     const ReplayOptions& options) {
  const std::string source = store.file().string() + ": decision " + std::to_string(record.id);
  std::optional<Engine> recorded;
  if (options.as_recorded) {
    auto loaded = recorded_engine(store, record);
    if (!loaded) return loaded.error();
    recorded.emplace(std::move(loaded).value());
    engine = &*recorded;
  }
  ScreenOptions screen_options;
  screen_options.known_on = options.known_on ? options.known_on : parse_date(record.known_on);
  if (!screen_options.known_on)
    return make_error(ErrorCode::bad_input, source, "known_on \"" + record.known_on + "\" is not a date");
  screen_options.include_proposed = record.include_proposed || options.include_proposed;

  Shipment shipment;
  if (Status parsed = engine->parse_shipment(record.request_json, source, shipment); !parsed) return parsed.error();
  Determination answer;
  // Against the register and the consignee's count as the decision read them when recorded.
  // register_ only reads; the Register interface holds a Store& because other calls write.
  std::unique_ptr<Register> register_ = open_register(const_cast<Store&>(store));
  if (Status screened = screen_as_recorded(*engine, *register_, record.id, shipment, screen_options, answer); !screened)
    return within(source, screened.error());
  ReplayResult result;
  engine->write_json(shipment, answer, {}, result.replayed_json);
  auto difference = compare_determinations(record.determination_json, result.replayed_json);
  if (!difference) return within(source, difference.error());
  result.record = record;
  result.known_on = *screen_options.known_on;
  result.rules_digest = engine->rules_digest();
  result.difference = std::move(difference).value();
  return result;
}

void write_replay_json(const ReplayResult& result, std::string& out) {
  json document = difference_json(result.difference);
  document["decision"] = result.record.id;
  document["shipment_id"] = result.record.shipment_id;
  document["ship_date"] = result.record.ship_date;
  document["known_on"] = {{"recorded", result.record.known_on}, {"replayed", to_string(result.known_on)}};
  document["rules_digest"] = {{"recorded", result.record.rules_digest}, {"replayed", result.rules_digest}};
  document["result"] = result.difference.differs ? "changed" : "identical";
  // Both parsed before (compare_determinations read them), so neither is discarded here.
  document["recorded"] = json::parse(result.record.determination_json, nullptr, false);
  document["replayed"] = json::parse(result.replayed_json, nullptr, false);
  append(document, out);
}

}  // namespace exportctl
