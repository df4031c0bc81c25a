// The register's records and alerts as JSON (docs/register.md), for the command line and HTTP.
#include <nlohmann/json.hpp>

#include "exportctl/register.hpp"

namespace exportctl {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }
json optional_day(const std::optional<Date>& value) { return value ? json(to_string(*value)) : json(nullptr); }

json voided(bool is_void, const std::string& by, const std::string& at, const std::string& reason) {
  if (!is_void) return nullptr;
  return {{"at", at}, {"by", by}, {"reason", reason}};
}

}  // namespace

void write_register_record_json(const RegisterRecord& record, const std::vector<RegisterUsage>* usage, std::string& out) {
  json entry = json::parse(record.entry_json, nullptr, false);
  json document = {
      {"authority", record.authority},
      {"entered_at", record.entered_at},
      {"entered_by", record.entered_by},
      {"entry", entry.is_discarded() ? json(record.entry_json) : entry},
      {"id", record.id},
      {"kind", record.kind.empty() ? json(nullptr) : json(record.kind)},
      {"number", record.number},
      {"quantity", optional_number(record.quantity)},
      {"quantity_remaining",
       record.quantity ? json(*record.quantity - record.quantity_used) : json(nullptr)},
      {"quantity_used", record.quantity_used},
      {"type", record.type == RegisterEntryType::notice ? "notice" : "authorization"},
      {"valid_from", optional_day(record.valid_from)},
      {"valid_to", optional_day(record.valid_to)},
      {"value_remaining", record.value_usd ? json(*record.value_usd - record.value_used) : json(nullptr)},
      {"value_usd", optional_number(record.value_usd)},
      {"value_used", record.value_used},
      {"voided", voided(record.voided, record.voided_by, record.voided_at, record.void_reason)},
  };
  if (usage) {
    json uses = json::array();
    for (const RegisterUsage& use : *usage)
      uses.push_back({{"decision", use.decision_id},
                      {"quantity", use.quantity},
                      {"recorded_at", use.recorded_at},
                      {"ship_date", use.ship_date},
                      {"shipment_id", use.shipment_id},
                      {"value_usd", optional_number(use.value_usd)},
                      {"voided", voided(use.voided, use.voided_by, use.voided_at, use.void_reason)}});
    document["usage"] = std::move(uses);
  }
  out += document.dump();
}

void write_register_alert_json(const RegisterAlert& alert, std::string& out) {
  json document = {{"authority", alert.authority},
                   {"days_left", alert.days_left},
                   {"decisions", alert.decisions},
                   {"due", to_string(alert.due)},
                   {"entry", alert.entry_id},
                   {"entry_kind", alert.entry_kind},
                   {"kind", std::string(name(alert.kind))},
                   {"number", alert.number},
                   {"quantity_remaining", optional_number(alert.quantity_remaining)},
                   {"shipment_ids", alert.shipment_ids},
                   {"value_remaining", optional_number(alert.value_remaining)}};
  out += document.dump();
}

}  // namespace exportctl
