#include "rules/reference_loader.hpp"

#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rules/value_readers.hpp"

namespace exportctl {
namespace {

bool is_country_code(const std::string& code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1]));
}

void add_country(RuleSet& rules, const std::string& code, std::string name) {
  CountryId id = static_cast<CountryId>(rules.countries.size());
  rules.country_by_code[code] = id;
  rules.country_by_letters[static_cast<size_t>((code[0] - 'A') * 26 + (code[1] - 'A'))] = id;
  rules.countries.push_back({code, std::move(name)});
  rules.country_codes.push_back(code);
}

void load_country(const JsonAt& entry, RuleSet& rules) {
  entry.allow_only({"code", "name"});
  std::string code = entry.string("code");
  if (!is_country_code(code)) entry.at("code").fail("a country code is two upper-case letters (ISO 3166-1 alpha-2)");
  if (rules.country_by_code.count(code)) entry.at("code").fail("country " + code + " listed twice");
  if (rules.countries.size() == kMaxSymbols)
    entry.fail("more countries than the engine supports (" + std::to_string(kMaxSymbols) + ")");
  add_country(rules, code, entry.string("name"));
}

// After a problem in an entry, what it names is still known (when it can be read), so that the
// files naming it are not reported again for naming something unknown. The load fails anyway.
void keep_country_code(const JsonAt& entry, RuleSet& rules) {
  std::optional<std::string> code = entry.peek_string("code");
  if (code && is_country_code(*code) && !rules.country_by_code.count(*code) && rules.countries.size() < kMaxSymbols)
    add_country(rules, *code, *code);
}

GroupVersion read_group_version(const JsonAt& v, const RuleSet& rules, const CountryGroup& group, int expected_number) {
  v.allow_only(
      {"version", "valid_from", "valid_to", "known_from", "confidence", "citation", "source_url", "notes", "members"});
  GroupVersion version;
  version.number = v.at("version").as_int();
  if (version.number != expected_number) v.at("version").fail("versions are numbered 1, 2, ... in order");
  version.valid_from = v.date("valid_from");
  version.valid_to = v.optional_date("valid_to").value_or(kMaxDate);
  if (version.valid_to < version.valid_from) v.at("valid_to").fail("valid_to is before valid_from");
  version.known_from = v.date("known_from");
  version.confidence = read_enum<Confidence>(v.at("confidence"), "confidence");
  version.citation = v.string("citation");
  version.source_url = v.string("source_url");
  version.notes = v.string_or("notes", "");
  version.members = read_countries(rules, v.at("members"));
  // Two versions starting the same day and known the same day leave no way to choose.
  for (const GroupVersion& earlier : group.versions)
    if (earlier.valid_from == version.valid_from && earlier.known_from == version.known_from)
      v.at("valid_from").fail("overlaps version " + std::to_string(earlier.number) + " known on the same day");
  return version;
}

Metrics read_metrics(const JsonAt& at) {
  at.allow_only({"tpp", "performance_density", "die_area_mm2", "dense_tops", "bit_length", "interconnect_gbps",
                 "memory_bandwidth_gbps", "memory_bandwidth_density", "datacenter"});
  Metrics m;
  auto number = [&](const char* key, double& field) {
    if (auto value = at.find(key)) {
      field = value->as_number();
      if (field < 0) value->fail("must not be negative");
    }
  };
  number("tpp", m.tpp);
  number("performance_density", m.performance_density);
  number("die_area_mm2", m.die_area_mm2);
  number("dense_tops", m.dense_tops);
  number("bit_length", m.bit_length);
  number("interconnect_gbps", m.interconnect_gbps);
  number("memory_bandwidth_gbps", m.memory_bandwidth_gbps);
  number("memory_bandwidth_density", m.memory_bandwidth_density);
  if (auto value = at.find("datacenter")) m.datacenter = value->as_bool() ? Tri::yes : Tri::no;
  return m;
}

// A name the model may be looked up by: not empty once normalised, and naming no other model.
void check_model_name(const RuleSet& rules, const std::string& name, const JsonAt& at) {
  std::string key = normalize_model_name(name);
  if (key.empty()) at.fail("a model name needs letters or digits");
  auto found = rules.model_by_normalized_name.find(key);
  if (found != rules.model_by_normalized_name.end())
    at.fail("\"" + name + "\" is ambiguous: it also names " + rules.catalog[found->second].name);
}

// Adds a model under every name it may be looked up by (checked by the caller).
void add_model(RuleSet& rules, CatalogModel model, const std::vector<std::string>& names) {
  ModelId id = static_cast<ModelId>(rules.catalog.size());
  for (const std::string& name : names) rules.model_by_normalized_name.emplace(normalize_model_name(name), id);
  rules.model_names.push_back(model.name);
  rules.catalog.push_back(std::move(model));
}

void load_model(const JsonAt& m, const std::string& vendor, const std::string& file, RuleSet& rules) {
  m.allow_only({"name", "aliases", "kind", "us_origin", "metrics", "contains", "known_from", "confidence", "inferred",
                "source_url", "notes"});
  CatalogModel model;
  model.vendor = vendor;
  model.name = vendor + " " + m.string("name");
  model.file = file;
  if (auto kind = m.find("kind")) model.kind = read_enum<ItemKind>(*kind, "kind");
  model.us_origin = m.at("us_origin").as_bool() ? Tri::yes : Tri::no;
  model.metrics = read_metrics(m.at("metrics"));
  model.known_from = m.date("known_from");
  model.confidence = read_enum<Confidence>(m.at("confidence"), "confidence");
  model.source_url = m.string("source_url");
  model.notes = m.string_or("notes", "");
  if (auto inferred = m.find("inferred"))
    for (size_t k = 0; k < inferred->size(); ++k) {
      std::string field = inferred->at(k).as_string();
      if (!m.at("metrics").has(field)) inferred->at(k).fail("\"" + field + "\" is not among this model's metrics");
      model.inferred.push_back(field);
    }
  if (auto contains = m.find("contains")) {
    if (model.kind != ItemKind::system) contains->fail("only a system (kind \"system\") contains other models");
    for (size_t k = 0; k < contains->size(); ++k) {
      JsonAt part = contains->at(k);
      part.allow_only({"model", "count"});
      ContainedItem item;
      item.model_name = part.string("model");
      item.model = rules.find_model(item.model_name);
      if (item.model == kNoModel)
        part.at("model").fail("unknown catalog model \"" + item.model_name + "\" (list parts before systems)");
      item.count = part.at("count").as_number();
      model.contains.push_back(std::move(item));
    }
  }
  if (rules.catalog.size() == kMaxSymbols)
    m.fail("more catalog models than the engine supports (" + std::to_string(kMaxSymbols) + ")");
  // Every name is checked before any is indexed, so a model that fails leaves no name behind.
  std::vector<std::pair<std::string, JsonAt>> names{{model.name, m.at("name")}, {m.string("name"), m.at("name")}};
  if (auto aliases = m.find("aliases"))
    for (size_t k = 0; k < aliases->size(); ++k) {
      std::string alias = aliases->at(k).as_string();
      model.aliases.push_back(alias);
      names.emplace_back(alias, aliases->at(k));
      names.emplace_back(vendor + " " + alias, aliases->at(k));
    }
  std::vector<std::string> checked;
  for (const auto& [name, at] : names) {
    check_model_name(rules, name, at);
    checked.push_back(name);
  }
  add_model(rules, std::move(model), checked);
}

// A model that failed keeps its names when they are sound (see keep_country_code).
void keep_model_names(const JsonAt& m, const std::string& vendor, const std::string& file, RuleSet& rules) {
  std::optional<std::string> name = m.peek_string("name");
  if (!name || rules.catalog.size() >= kMaxSymbols) return;
  std::vector<std::string> names{vendor + " " + *name, *name};
  if (auto aliases = m.json().find("aliases"); aliases != m.json().end() && aliases->is_array())
    for (const auto& alias : *aliases) {
      if (!alias.is_string()) return;
      names.push_back(alias.get<std::string>());
      names.push_back(vendor + " " + alias.get<std::string>());
    }
  for (const std::string& each : names) {
    std::string key = normalize_model_name(each);
    if (key.empty() || rules.model_by_normalized_name.count(key)) return;
  }
  CatalogModel model;
  model.name = vendor + " " + *name;
  model.vendor = vendor;
  model.file = file;
  add_model(rules, std::move(model), names);
}

}  // namespace

void load_countries(const JsonAt& root, RuleSet& rules, LoadProblems& problems) {
  std::optional<JsonAt> list;
  if (!problems.attempt([&] {
        root.allow_only({"kind", "source_url", "notes", "countries"});
        list = root.at("countries");
        list->expect_array();
      }))
    return;
  for (size_t i = 0; i < list->size(); ++i)
    if (!problems.attempt([&] { load_country(list->at(i), rules); })) keep_country_code(list->at(i), rules);
  rules.united_states = rules.find_country("US");
  if (rules.united_states == kNoCountry)
    problems.attempt([&] { list->fail("the country list must include US (the EAR's home)"); });
}

void load_country_group(const JsonAt& root, RuleSet& rules, LoadProblems& problems) {
  CountryGroup group;
  std::optional<JsonAt> versions;
  if (!problems.attempt([&] {
        root.allow_only({"kind", "id", "name", "notes", "versions"});
        group.id = root.string("id");
        group.name = root.string("name");
        group.file = root.source();
        if (rules.group_by_id.count(group.id)) root.at("id").fail("country group " + group.id + " defined twice");
        versions = root.at("versions");
        if (versions->size() == 0) versions->fail("a group needs at least one version");
      })) {
    // Kept by its id without versions (see keep_country_code).
    std::optional<std::string> id = root.peek_string("id");
    if (!id || rules.group_by_id.count(*id)) return;
    group.id = *id;
    group.file = root.source();
    rules.group_by_id[group.id] = rules.groups.size();
    rules.groups.push_back(std::move(group));
    return;
  }
  for (size_t i = 0; i < versions->size(); ++i)
    problems.attempt([&] {
      JsonAt v = versions->at(i).with_context("group " + group.id);
      group.versions.push_back(read_group_version(v, rules, group, static_cast<int>(i) + 1));
    });
  rules.group_by_id[group.id] = rules.groups.size();
  rules.groups.push_back(std::move(group));
}

void load_catalog(const JsonAt& root, RuleSet& rules, LoadProblems& problems) {
  std::string vendor;
  std::optional<JsonAt> models;
  if (!problems.attempt([&] {
        root.allow_only({"kind", "vendor", "notes", "models"});
        vendor = root.string("vendor");
        models = root.at("models");
        models->expect_array();
      }))
    return;
  for (size_t i = 0; i < models->size(); ++i)
    if (!problems.attempt([&] { load_model(models->at(i), vendor, root.source(), rules); }))
      keep_model_names(models->at(i), vendor, root.source(), rules);
}

}  // namespace exportctl
