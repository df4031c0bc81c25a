#include "exportctl/engine.hpp"

#include <cmath>

#include "decide/screen.hpp"
#include "engine_state.hpp"
#include "io/shipment_parser.hpp"
#include "io/shipment_problems.hpp"
#include "exportctl/rule_listing.hpp"
#include "report/catalog_listing.hpp"
#include "report/html_report.hpp"
#include "report/reports.hpp"
#include "rules/loader.hpp"
#include "rules/timeline.hpp"

namespace exportctl {

Engine::Engine(std::shared_ptr<const State> state) : state_(std::move(state)) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

Result<Engine> Engine::load_directory(const std::filesystem::path& dir, std::vector<Error>* problems) {
  auto documents = read_rule_directory(dir);
  if (!documents) {
    if (problems) *problems = {documents.error()};
    return documents.error();
  }
  auto rules = load_rule_set(std::move(documents).value(), dir.generic_string(), problems);
  if (!rules) return rules.error();
  return Engine(std::make_shared<const State>(std::move(rules).value()));
}

Result<Engine> Engine::load_documents(std::vector<SourceDocument> documents, std::vector<Error>* problems) {
  auto rules = load_rule_set(std::move(documents), "", problems);
  if (!rules) return rules.error();
  return Engine(std::make_shared<const State>(std::move(rules).value()));
}

namespace {

// One parser per thread and rule set: its buffers are reused from call to call.
ShipmentParser& thread_parser(const RuleSet& rules) {
  thread_local const RuleSet* parser_rules = nullptr;
  thread_local std::unique_ptr<ShipmentParser> parser;
  if (!parser || parser_rules != &rules) {
    parser = std::make_unique<ShipmentParser>(rules);
    parser_rules = &rules;
  }
  return *parser;
}

}  // namespace

Status Engine::parse_shipment(std::string_view json, std::string_view source, Shipment& out) const {
  return thread_parser(*state_->rules).parse(json, source, out);
}

std::vector<Error> Engine::list_shipment_problems(std::string_view json, std::string_view source, size_t limit) const {
  return exportctl::list_shipment_problems(thread_parser(*state_->rules), json, source, limit);
}

void Engine::screen(const Shipment& shipment, const ScreenOptions& options, Determination& out) const {
  screen_shipment(*state_->rules, shipment, options, out);
}

void Engine::write_json(const Shipment& shipment, const Determination& answer, const RenderOptions& options,
                        std::string& out) const {
  write_determination_json(*state_->rules, state_->rendered, shipment, answer, options, out);
}

void Engine::write_text(const Shipment& shipment, const Determination& answer, std::string& out,
                        const ReportOptions& options) const {
  write_determination_text(*state_->rules, shipment, answer, options, out);
}

void Engine::write_html(const Shipment& shipment, const Determination& answer, std::string& out,
                        const ReportOptions& options) const {
  write_html_document(*state_->rules, shipment, answer, options, out);
}

Status Engine::classify_json(const ClassifyRequest& request, std::string& out, bool* indeterminate) const {
  // A one-item shipment that never leaves the US: classification shares every code path with
  // screening (catalog, derived figures, declared classes, basis) and cannot drift from it.
  Shipment shipment;
  shipment.id = "classify";
  shipment.ship_date = request.date;
  shipment.known_on = request.known_on;
  const RuleSet& rules = *state_->rules;
  shipment.origin = shipment.destination = rules.united_states;
  Item& item = shipment.items.emplace_back();
  item.metrics = request.metrics;
  if (!request.model.empty()) {
    item.model_name = request.model;
    item.model = rules.find_model(request.model);
    if (item.model == kNoModel)
      return make_error(ErrorCode::bad_input, "model",
                        "\"" + request.model + "\" is not in the catalog; classify by TPP and die area instead");
  } else {
    bool figures = !std::isnan(request.metrics.tpp) ||
                   (!std::isnan(request.metrics.dense_tops) && !std::isnan(request.metrics.bit_length));
    if (!figures) return make_error(ErrorCode::bad_input, "", "give a catalog model, or a TPP (with a die area)");
    item.us_origin = Tri::yes;
  }
  Determination answer;
  screen_shipment(rules, shipment, {}, answer);
  write_classification_json(rules, shipment, answer, request.date, out);
  if (indeterminate) *indeterminate = answer.items[0].indeterminate;
  return Ok{};
}

const std::string& Engine::rules_digest() const { return state_->rules->digest; }

std::vector<const RuleVersion*> Engine::rule_versions() const {
  std::vector<const RuleVersion*> out;
  for (const auto& rule : state_->rules->rules)
    for (const auto& version : rule->versions) out.push_back(&version->meta);
  return out;
}

std::vector<const RuleVersion*> Engine::in_force(Date date, std::optional<Date> known_on, bool proposed) const {
  Date known_up_to = known_on.value_or(kMaxDate);
  std::vector<const RuleVersion*> out;
  for (const auto& rule : state_->rules->rules)
    if (const LoadedVersion* version = binding_version(*rule, date, known_up_to, proposed)) out.push_back(&version->meta);
  return out;
}

void write_catalog_json(const Engine& engine, std::string& out) { write_catalog_listing(*engine.state().rules, out); }

void write_rules_summary_json(const Engine& engine, std::string& out) { write_rules_summary(*engine.state().rules, out); }

std::string_view record_style_sheet() { return record_style(); }

int exit_code(Verdict verdict) {
  switch (verdict) {
    case Verdict::cleared: return 0;
    case Verdict::action_required: return 3;
    case Verdict::prohibited: return 4;
    case Verdict::indeterminate: return 5;
  }
  return 1;
}

void Shipment::clear() {
  id.clear();
  ship_date = Date{};
  known_on.reset();
  exporter = Exporter{};
  origin = destination = kNoCountry;
  via.clear();
  parties.clear();
  items.clear();
  notices.clear();
  authorizations.clear();
  counted_shipments.reset();
}

void Determination::clear() {
  verdict = Verdict::cleared;
  known_on.reset();
  earliest_ship_date.reset();
  items.clear();
  movements.clear();
  requirements.clear();
  item_indexes.clear();
  warnings.clear();
  trace.clear();
  candidates.clear();
  rule_versions = 0;
  total_tpp = kUnknown;
}

}  // namespace exportctl
