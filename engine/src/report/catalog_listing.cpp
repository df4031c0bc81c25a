#include "report/catalog_listing.hpp"

#include <cmath>

#include "report/json_writer.hpp"

namespace exportctl {
namespace {

void tri(JsonWriter& json, Tri value) {
  if (value == Tri::unknown) json.null();
  else json.boolean(value == Tri::yes);
}

// The figures the catalog gives, by their contract names in sorted order; unknown ones left out.
void write_metrics(const Metrics& metrics, JsonWriter& json) {
  json.begin_object();
  auto figure = [&](std::string_view key, double value) {
    if (!std::isnan(value)) json.key(key).number(value);
  };
  figure("bit_length", metrics.bit_length);
  if (metrics.datacenter != Tri::unknown) json.key("datacenter").boolean(metrics.datacenter == Tri::yes);
  figure("dense_tops", metrics.dense_tops);
  figure("die_area_mm2", metrics.die_area_mm2);
  figure("interconnect_gbps", metrics.interconnect_gbps);
  figure("memory_bandwidth_density", metrics.memory_bandwidth_density);
  figure("memory_bandwidth_gbps", metrics.memory_bandwidth_gbps);
  figure("performance_density", metrics.performance_density);
  figure("tpp", metrics.tpp);
  json.end_object();
}

}  // namespace

void write_catalog_listing(const RuleSet& rules, std::string& out) {
  JsonWriter json(out);
  json.begin_object().key("countries").begin_array();
  for (const Country& country : rules.countries)
    json.begin_object().key("code").string(country.code).key("name").string(country.name).end_object();
  json.end_array().key("models").begin_array();
  for (const CatalogModel& model : rules.catalog) {
    json.begin_object().key("aliases").begin_array();
    for (const std::string& alias : model.aliases) json.string(alias);
    json.end_array();
    json.key("kind").string(name(model.kind));
    json.key("metrics");
    write_metrics(model.metrics, json);
    json.key("name").string(model.name);
    json.key("us_origin");
    tri(json, model.us_origin);
    json.key("vendor").string(model.vendor);
    json.end_object();
  }
  json.end_array().end_object();
}

void write_rules_summary(const RuleSet& rules, std::string& out) {
  Date latest = kMinDate;
  auto seen = [&](Date known_from) {
    if (known_from > latest) latest = known_from;
  };
  for (const auto& rule : rules.rules)
    for (const auto& version : rule->versions) {
      seen(version->meta.known_from);
      for (const EnforcementChange& change : version->meta.enforcement) seen(change.known_from);
    }
  for (const CountryGroup& group : rules.groups)
    for (const GroupVersion& version : group.versions) seen(version.known_from);
  for (const CatalogModel& model : rules.catalog) seen(model.known_from);
  JsonWriter json(out);
  json.begin_object().key("digest").string(rules.digest);
  if (latest == kMinDate) json.key("latest_known_from").null();
  else json.key("latest_known_from").date(latest);
  json.key("versions").integer(rules.version_count).end_object();
}

}  // namespace exportctl
