// The compact answer of `exportctl batch --format compact`: what a program acting on many
// answers needs (the verdict; per requirement its kind, status, deadline and rule version),
// without the explanations, citations and classification basis that make up most of a full
// answer. Every member is the same value the full determination gives, under the same key,
// so a compact line is the full answer with members left out (tests/batch checks exactly that).
#include "report/reports.hpp"

#include "report/json_writer.hpp"

namespace exportctl {

void write_compact_json(const Shipment& shipment, const Determination& answer, std::string& out) {
  JsonWriter json(out);
  json.begin_object();
  json.key("requirements").begin_array();
  for (const Requirement& requirement : answer.requirements) {
    json.begin_object();
    if (requirement.deadline) json.key("deadline").date(*requirement.deadline);
    json.key("kind").string(name(requirement.kind));
    json.key("rule").string(requirement.rule->rule->id);
    json.key("status").string(name(requirement.status));
    json.key("version").integer(requirement.rule->number);
    json.end_object();
  }
  json.end_array();
  json.key("shipment_id").string(shipment.id);
  json.key("verdict").string(name(answer.verdict));
  json.end_object();
}

}  // namespace exportctl
