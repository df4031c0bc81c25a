// A StoreCheck as JSON (exportctl/verify.hpp): what `audit verify --format json` prints.
#include <nlohmann/json.hpp>

#include "exportctl/verify.hpp"

namespace exportctl {

void write_store_check_json(const StoreCheck& check, std::string& out) {
  using nlohmann::json;
  json checks = json::array(), inconsistencies = json::array(), imports = json::array(), cannot_detect = json::array();
  for (const CheckedPart& part : check.parts)
    checks.push_back({{"name", part.name}, {"checked", part.checked}, {"summary", part.summary}, {"problems", part.problems}});
  for (const Inconsistency& found : check.inconsistencies)
    inconsistencies.push_back({{"check", found.check}, {"subject", found.subject}, {"problem", found.problem}});
  for (const StoredImport& stored : check.imports)
    imports.push_back({{"id", stored.id},
                       {"recorded_at", stored.recorded_at},
                       {"source", stored.source},
                       {"rules_digest", stored.rules_digest},
                       {"documents", stored.documents}});
  for (std::string_view sentence : kCannotDetect) cannot_detect.push_back(sentence);
  json document = {{"file", check.file},
                   {"intact", check.intact()},
                   {"schema_version", check.schema_version},
                   {"latest_schema_version", check.latest_schema_version},
                   {"checks", std::move(checks)},
                   {"inconsistencies", std::move(inconsistencies)},
                   {"inconsistency_count", check.inconsistency_count},
                   {"records", check.records},
                   {"first_id", check.first_id},
                   {"last_id", check.last_id},
                   {"head", std::to_string(check.last_id) + ":" + check.head_hash},
                   {"imports", std::move(imports)},
                   {"anchored", check.anchored},
                   {"cannot_detect", std::move(cannot_detect)}};
  // Stored texts may hold any bytes; `replace` keeps a stray one from throwing.
  out += document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace exportctl
