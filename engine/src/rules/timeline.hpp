// Rules compiled for fast screening: for one knowledge epoch, the valid-time axis is cut into
// segments in which nothing changes, and each segment holds a Snapshot with the rule versions
// that bind on its days, their country groups already resolved to sets.
#pragma once

#include <array>
#include <vector>

#include "exportctl/date.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

struct CompiledRule {
  const LoadedVersion* version = nullptr;
  const RuleVersion* meta() const { return &version->meta; }
  const VersionContent& content() const { return version->content; }
  RuleKind kind() const { return version->meta.rule->kind; }
  Jurisdiction jurisdiction() const { return version->meta.rule->jurisdiction; }

  std::vector<ClassRule> classes;  // classification, groups resolved
  Condition when;
  Condition items;
  SymbolSet at;  // countries where the movement happens; empty set + at_anywhere for none
  bool at_anywhere = true;
  uint32_t movement_mask = 0;  // bit per MovementKind
  std::vector<PolicyClause> policies;                   // review_policy rules
  std::vector<const CompiledRule*> exceptions;          // license rules: exceptions that cover them
  const CompiledRule* review = nullptr;                 // license rules: their review policy
};

struct Snapshot {
  Date from;
  Date to;
  std::vector<CompiledRule> classification;  // by jurisdiction order US, MY, TH
  std::vector<CompiledRule> requirements;    // license, permit, notification, prohibition, advisory
  std::vector<CompiledRule> exceptions;
  std::vector<CompiledRule> reviews;
  std::vector<CompiledRule> proposed;        // requirements with status proposed
};

struct Timeline {
  std::vector<Date> starts;        // starts[i] = snapshots[i].from, increasing
  std::vector<Snapshot> snapshots;
  int visible_versions = 0;

  // The snapshot in force on `date`; never null: the first snapshot starts at kMinDate (it is
  // empty when nothing binds yet).
  const Snapshot* at(Date date) const;
};

// Builds the timeline of everything known up to and including `known_up_to`.
std::unique_ptr<Timeline> build_timeline(const RuleSet& rules, Date known_up_to);

// The version of `rule` that binds on `date` under the given knowledge, honouring compliance
// dates (the previous version binds until its successor's compliance date) and enforcement
// changes. nullptr when none binds. Proposed versions are considered only when asked.
const LoadedVersion* binding_version(const LoadedRule& rule, Date date, Date known_up_to, bool proposed);

// The members of a country group on `date` under the given knowledge.
const GroupVersion* group_version(const CountryGroup& group, Date date, Date known_up_to);

}  // namespace exportctl
