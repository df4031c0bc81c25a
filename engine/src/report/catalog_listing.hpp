// The reference data a form offers to pick from (countries, catalog models) and how current the
// loaded law is, as JSON with sorted keys: GET /v1/catalog and GET /v1/about of the service
// (declared for the library's users in exportctl/rule_listing.hpp).
#pragma once

#include <string>

#include "rules/rule_set.hpp"

namespace exportctl {

void write_catalog_listing(const RuleSet& rules, std::string& out);
void write_rules_summary(const RuleSet& rules, std::string& out);

}  // namespace exportctl
