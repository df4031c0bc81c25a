// JSON members that every requirement citing a rule version repeats, rendered (escaped) once
// when the rules are loaded: writing a requirement then copies them instead of scanning a few
// hundred bytes of citation, notes and URL for characters to escape on every shipment.
#pragma once

#include <string>
#include <unordered_map>

#include "exportctl/rule_version.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

struct RenderedMembers {
  std::string citation_confidence;  // "citation":"...","confidence":"..."
  std::string notes;                // "notes":"...", or empty when the version has no notes
  std::string rule_source_url;      // "rule":"...","source_url":"..."
};

// The rendered members of every version of one rule set; immutable once built.
class RenderedRules {
 public:
  explicit RenderedRules(const RuleSet& rules);
  // `version` must belong to the rule set this was built from.
  const RenderedMembers& of(const RuleVersion& version) const { return members_.at(&version); }

 private:
  std::unordered_map<const RuleVersion*, RenderedMembers> members_;
};

}  // namespace exportctl
