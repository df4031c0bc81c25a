// Turns rule documents into a validated RuleSet: parses each file strictly, loads the reference
// data (reference_loader), then the rules (rule_loader), then checks references across files
// (cross_checks). Every problem names the file, the JSON pointer and the rule or group; the load
// goes on after each one, so that all of them can be listed at once.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "exportctl/engine.hpp"
#include "exportctl/result.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// Document names are relative paths (they enter the digest); messages show them after
// `display_prefix` (the rules directory as the user named it). On failure the error is the first
// problem found; `problems`, when given, receives every problem (see Engine::load_documents).
Result<std::shared_ptr<RuleSet>> load_rule_set(std::vector<SourceDocument> documents,
                                               const std::string& display_prefix = "",
                                               std::vector<Error>* problems = nullptr);

// "sha256:" + the SHA-256 over every document's name and text, in name order: the digest that
// names a rule set in answers, imports and the decision log.
std::string rules_digest_of(std::vector<const SourceDocument*> documents);

// Reads every *.json file under dir; names are relative to dir.
Result<std::vector<SourceDocument>> read_rule_directory(const std::filesystem::path& dir);

}  // namespace exportctl
