// The hash chain's definition: what a record's hash covers. Changing this file invalidates
// every existing log, so it only ever changes together with a migration that says how.
#include "common/sha256.hpp"
#include "exportctl/store.hpp"

namespace exportctl {
namespace {

void field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += '=';
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

}  // namespace

std::string canonical_record_content(const DecisionRecord& record) {
  std::string out;
  out.reserve(record.request_json.size() + record.determination_json.size() + 512);
  field(out, "id", std::to_string(record.id));
  field(out, "recorded_at", record.recorded_at);
  field(out, "shipment_id", record.shipment_id);
  field(out, "ship_date", record.ship_date);
  field(out, "known_on", record.known_on);
  field(out, "include_proposed", record.include_proposed ? "1" : "0");
  field(out, "verdict", record.verdict);
  field(out, "engine_version", record.engine_version);
  field(out, "rules_digest", record.rules_digest);
  field(out, "request_json", record.request_json);
  field(out, "determination_json", record.determination_json);
  return out;
}

std::string record_hash(const DecisionRecord& record) {
  Sha256 hash;
  hash.update(record.previous_hash);
  hash.update("\n");
  hash.update(canonical_record_content(record));
  return hash.hex_digest();
}

}  // namespace exportctl
