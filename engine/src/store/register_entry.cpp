// Reading one register entry (schema/json/register-entry.schema.json) strictly: every field
// checked, countries and models resolved against the engine's rules, every error bad_input with
// the source and the JSON pointer of the field at fault.
#include <cmath>

#include "common/strict_json.hpp"
#include "engine_state.hpp"
#include "exportctl/limits.hpp"
#include "exportctl/register.hpp"

namespace exportctl {
namespace {

size_t code_points(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string limited_string(const JsonAt& at) {
  std::string text = at.as_string();
  if (code_points(text) > kMaxStringChars)
    at.fail("over the limit of " + std::to_string(kMaxStringChars) + " characters (docs/limits.md)");
  return text;
}

std::string required_text(const JsonAt& object, std::string_view key) {
  JsonAt at = object.at(key);
  std::string text = limited_string(at);
  if (text.find_first_not_of(" \t") == std::string::npos) at.fail("must not be empty");
  return text;
}

// A list of strings, at most kMaxListedCodes, none empty.
std::vector<std::string> string_list(const JsonAt& object, std::string_view key) {
  std::vector<std::string> out;
  std::optional<JsonAt> list = object.find(key);
  if (!list) return out;
  list->expect_array();
  if (list->size() > kMaxListedCodes)
    list->fail("over the limit of " + std::to_string(kMaxListedCodes) + " entries (docs/limits.md)");
  for (size_t i = 0; i < list->size(); ++i) {
    JsonAt element = list->at(i);
    out.push_back(limited_string(element));
    if (out.back().empty()) element.fail("must not be empty");
  }
  return out;
}

std::vector<CountryId> countries(const RuleSet& rules, const JsonAt& object, const std::vector<std::string>& codes) {
  std::vector<CountryId> out;
  for (size_t i = 0; i < codes.size(); ++i) {
    CountryId id = rules.find_country(codes[i]);
    if (id == kNoCountry) object.at("destinations").at(i).fail("unknown country code \"" + codes[i] + "\"");
    out.push_back(id);
  }
  return out;
}

std::optional<double> amount(const JsonAt& object, std::string_view key) {
  std::optional<JsonAt> at = object.find(key);
  if (!at) return std::nullopt;
  double value = at->as_number();
  if (!(value > 0)) at->fail("must be a positive number, not " + at->json().dump());
  if (value > kMaxRegisterAmount) at->fail("over the limit of 1e15 (docs/limits.md)");
  return value;
}

Authority authority_of(const JsonAt& object) {
  JsonAt at = object.at("authority");
  std::optional<Authority> authority = parse_enum<Authority>(at.as_string());
  if (!authority) at.fail("\"" + at.as_string() + "\" is not " + one_of<Authority>());
  return *authority;
}

void read_authorization(const RuleSet& rules, const JsonAt& object, RegisterEntry& out) {
  object.allow_only({"authority", "kind", "number", "valid_from", "valid_to", "destinations", "models", "quantity",
                     "value_usd", "consignees", "conditions", "entered_by"});
  Authorization& a = out.authorization;
  a.authority = authority_of(object);
  JsonAt kind = object.at("kind");
  std::optional<AuthorizationKind> parsed_kind = parse_enum<AuthorizationKind>(kind.as_string());
  if (!parsed_kind) kind.fail("\"" + kind.as_string() + "\" is not " + one_of<AuthorizationKind>());
  a.kind = *parsed_kind;
  a.number = required_text(object, "number");
  if (std::optional<Date> from = object.optional_date("valid_from")) a.valid_from = *from;
  if (std::optional<Date> to = object.optional_date("valid_to")) a.valid_to = *to;
  if (a.valid_to < a.valid_from)
    object.at("valid_to").fail("the validity ends (" + to_string(a.valid_to) + ") before it begins (" +
                               to_string(a.valid_from) + ")");
  out.destinations = string_list(object, "destinations");
  a.destinations = countries(rules, object, out.destinations);
  std::vector<std::string> models = string_list(object, "models");
  for (size_t i = 0; i < models.size(); ++i) {
    ModelId id = rules.find_model(models[i]);
    if (id == kNoModel) object.at("models").at(i).fail("\"" + models[i] + "\" is not a model in the catalog");
    a.models.push_back(normalize_model_name(models[i]));
    a.model_ids.push_back(id);
  }
  if (std::optional<double> quantity = amount(object, "quantity")) a.quantity_limit = *quantity;
  if (std::optional<double> value = amount(object, "value_usd")) a.value_limit = *value;
  out.consignees = string_list(object, "consignees");
  for (const std::string& consignee : out.consignees) a.consignees.push_back(normalize_party_name(consignee));
}

void read_notice(const RuleSet& rules, const JsonAt& object, RegisterEntry& out) {
  object.allow_only({"authority", "filed_on", "reference", "destinations", "consignees", "conditions", "entered_by"});
  Notice& notice = out.notice;
  notice.authority = authority_of(object);
  notice.filed_on = object.date("filed_on");
  notice.reference = required_text(object, "reference");
  out.destinations = string_list(object, "destinations");
  notice.destinations = countries(rules, object, out.destinations);
  out.consignees = string_list(object, "consignees");
  for (const std::string& consignee : out.consignees) notice.consignees.push_back(normalize_party_name(consignee));
}

}  // namespace

Status parse_register_entry(const Engine& engine, std::string_view json, std::string_view source, RegisterEntry& out) {
  out = RegisterEntry{};
  std::string name(source);
  try {
    nlohmann::json document = parse_strict_json(json, name);
    JsonAt object(document, name);
    object.expect_object();
    const RuleSet& rules = rules_of(engine);
    // The shape decides the type: an authorization has a kind, a notice a filing date.
    if (object.has("kind")) {
      out.type = RegisterEntryType::authorization;
      read_authorization(rules, object, out);
    } else if (object.has("filed_on")) {
      out.type = RegisterEntryType::notice;
      read_notice(rules, object, out);
    } else {
      JsonAt(document, name, "/").fail("an entry is an authorization (with \"kind\") or a notice (with \"filed_on\")");
    }
    out.entered_by = required_text(object, "entered_by");
    if (std::optional<JsonAt> conditions = object.find("conditions")) out.conditions = limited_string(*conditions);
    out.canonical_json = document.dump();  // nlohmann objects keep their keys sorted
  } catch (const LoadError& failure) {
    Error error = failure.error;
    error.code = ErrorCode::bad_input;
    if (error.pointer.empty()) error.pointer = "/";
    return error;
  } catch (const nlohmann::json::exception& failure) {
    return Error{ErrorCode::bad_input, name, "/", failure.what(), {}};
  }
  return Ok{};
}

}  // namespace exportctl
