#include "todo/open_shipments.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "todo/deadline.hpp"

namespace exportctl::todo {
namespace {

using nlohmann::json;

std::string text_at(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<Date> date_at(const json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return std::nullopt;
  return parse_date(found->get<std::string>());
}

// The record's answer as an open shipment, or the problem that keeps it from being one.
std::optional<std::string> read_record(const DecisionRecord& record, OpenShipment& shipment) {
  json request = json::parse(record.request_json, nullptr, false);
  json answer = json::parse(record.determination_json, nullptr, false);
  if (!request.is_object()) return "the stored request is not a JSON object";
  if (!answer.is_object()) return "the stored determination is not a JSON object";
  auto requirements = answer.find("requirements");
  if (requirements == answer.end() || !requirements->is_array()) return "the stored determination has no requirements";
  shipment.shipment_id = record.shipment_id;
  shipment.decision = record.id;
  shipment.origin = text_at(request, "origin");
  shipment.destination = text_at(request, "destination");
  for (const json& entry : *requirements) {
    if (!entry.is_object()) return "a requirement of the stored determination is not an object";
    RecordedNeed need;
    need.jurisdiction = text_at(entry, "jurisdiction");
    need.authority = text_at(entry, "authority");
    need.kind = text_at(entry, "kind");
    need.status = text_at(entry, "status");
    need.rule = text_at(entry, "rule");
    need.leg = text_at(entry, "leg");
    need.citation = text_at(entry, "citation");
    need.source_url = text_at(entry, "source_url");
    if (auto version = entry.find("version"); version != entry.end() && version->is_number_integer())
      need.version = version->get<int>();
    if (auto days = entry.find("notice_days"); days != entry.end() && days->is_number_integer())
      need.notice_days = days->get<int>();
    need.deadline = date_at(entry, "deadline");
    need.ready_on = date_at(entry, "ready_on");
    if (entry.contains("deadline") && !need.deadline) return "a requirement's deadline is not a date";
    shipment.needs.push_back(std::move(need));
  }
  return std::nullopt;
}

}  // namespace

Result<OpenShipments> read_open_shipments(const Store& store, Date today) {
  // Every record is read, not only those shipping from today: a later record of the same
  // shipment with an earlier ship date means it has left (or was re-dated), and wins.
  struct Latest {
    int64_t id = 0;
    std::string ship_date;
  };
  std::map<std::string, Latest> latest;  // shipment key -> its latest record
  auto key_of = [](const DecisionRecord& record) {
    // Appends, not `"#" + string`: that trips gcc 12's false -Wrestrict (its bug 105329).
    std::string key(1, record.shipment_id.empty() ? '#' : '=');
    key += record.shipment_id.empty() ? std::to_string(record.id) : record.shipment_id;
    return key;
  };
  OpenShipments out;
  auto seen = store.each_decision({}, [&](const DecisionRecord& record) {
    latest[key_of(record)] = {record.id, record.ship_date};
    return true;
  });
  if (!seen) return seen.error();
  out.decisions_read = seen.value();
  std::vector<int64_t> open_ids;
  for (const auto& [key, record] : latest) {
    auto ship_date = parse_date(record.ship_date);
    if (!ship_date)
      return make_error(ErrorCode::bad_input, store.file().string(),
                        "decision " + std::to_string(record.id) + ": the ship date \"" + record.ship_date + "\" is not a date");
    if (not_left(*ship_date, today)) open_ids.push_back(record.id);
  }
  std::sort(open_ids.begin(), open_ids.end());
  for (int64_t id : open_ids) {
    auto record = store.decision(id);
    if (!record) return record.error();
    OpenShipment shipment;
    shipment.ship_date = *parse_date(record.value().ship_date);
    if (auto problem = read_record(record.value(), shipment))
      return make_error(ErrorCode::bad_input, store.file().string(), "decision " + std::to_string(id) + ": " + *problem);
    out.shipments.push_back(std::move(shipment));
  }
  return out;
}

}  // namespace exportctl::todo
