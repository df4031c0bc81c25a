// Turns rule documents into a validated RuleSet. Every problem is reported with the file, the
// JSON pointer and the rule id; the first problem stops the load.
#pragma once

#include <memory>
#include <vector>

#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// Document names are relative paths (they enter the digest); messages show them after
// `display_prefix` (the rules directory as the user named it).
Result<std::shared_ptr<RuleSet>> load_rule_set(std::vector<SourceDocument> documents,
                                               const std::string& display_prefix = "");

// Reads every *.json file under dir; names are relative to dir.
Result<std::vector<SourceDocument>> read_rule_directory(const std::filesystem::path& dir);

}  // namespace exportctl
