#include "rules/cross_checks.hpp"

#include <set>
#include <string>

namespace exportctl {

void check_references(const RuleSet& rules, LoadProblems& problems) {
  std::set<std::string> exception_names;
  for (const auto& rule : rules.rules)
    for (const auto& version : rule->versions)
      if (rule->info.kind == RuleKind::exception) exception_names.insert(version->content.exception_name);
  for (const auto& rule : rules.rules)
    for (const auto& version : rule->versions) {
      const VersionContent& content = version->content;
      auto require = [&](const std::string& id, const char* field) {
        if (rules.rule_by_id.count(id)) return;
        problems.add(Error{ErrorCode::bad_rules, rule->info.file,
                           "/versions/" + std::to_string(version->meta.number - 1) + "/" + field,
                           "unknown rule \"" + id + "\"", "rule " + rule->info.id});
      };
      for (const std::string& id : content.covers) require(id, "covers");
      if (rule->info.kind == RuleKind::review_policy) require(content.applies_to, "applies_to");
      // A filing for an exception's notice names an exception some rule defines.
      if (rule->info.kind == RuleKind::filing && !content.filing.exception.empty() &&
          !exception_names.count(content.filing.exception))
        problems.add(Error{ErrorCode::bad_rules, rule->info.file,
                           "/versions/" + std::to_string(version->meta.number - 1) + "/exception",
                           "no exception rule is named \"" + content.filing.exception + "\"", "rule " + rule->info.id});
    }
}

}  // namespace exportctl
