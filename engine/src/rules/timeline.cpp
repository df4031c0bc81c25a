#include "rules/timeline.hpp"

#include <algorithm>

namespace exportctl {
namespace {

bool superseded(const LoadedRule& rule, const LoadedVersion& version, Date known_up_to) {
  for (const auto& other : rule.versions)
    if (other->meta.supersedes == version.meta.number && other->meta.known_from <= known_up_to) return true;
  return false;
}

bool visible(const LoadedRule& rule, const LoadedVersion& version, Date known_up_to) {
  return version.meta.known_from <= known_up_to && !superseded(rule, version, known_up_to);
}

bool enforced_on(const RuleVersion& version, Date date, Date known_up_to) {
  Enforcement status = Enforcement::in_force;
  for (const EnforcementChange& change : version.enforcement)
    if (change.known_from <= known_up_to && change.from <= date && date <= change.to) status = change.status;
  return status == Enforcement::in_force;
}

Condition resolve_groups(const Condition& condition, const RuleSet& rules, Date date, Date known_up_to) {
  bool has_groups = false;
  for (const ConditionNode& node : condition.nodes()) has_groups |= node.op == Op::in_groups;
  if (!has_groups) return condition;
  Condition resolved = condition;
  for (ConditionNode& node : resolved.mutable_nodes()) {
    if (node.op != Op::in_groups) continue;
    node.symbols = SymbolSet{};
    for (const std::string& group_id : node.groups) {
      const CountryGroup& group = rules.groups[rules.group_by_id.at(group_id)];
      if (const GroupVersion* members = group_version(group, date, known_up_to))
        for (CountryId country : members->members) node.symbols.insert(country);
    }
  }
  return resolved;
}

CompiledRule compile(const LoadedVersion& version, const RuleSet& rules, Date date, Date known_up_to) {
  const VersionContent& content = version.content;
  CompiledRule compiled;
  compiled.version = &version;
  for (const ClassRule& rule : content.classes)
    compiled.classes.push_back({rule.eccn, resolve_groups(rule.when, rules, date, known_up_to)});
  compiled.when = resolve_groups(content.when, rules, date, known_up_to);
  compiled.items = resolve_groups(content.items, rules, date, known_up_to);
  compiled.at_anywhere = content.at.empty();
  for (CountryId country : content.at) compiled.at.insert(country);
  for (MovementKind movement : content.movements) compiled.movement_mask |= 1u << static_cast<int>(movement);
  for (const PolicyClause& clause : content.policies)
    compiled.policies.push_back({clause.policy, resolve_groups(clause.when, rules, date, known_up_to)});
  return compiled;
}

void link(Snapshot& snapshot) {
  for (CompiledRule& requirement : snapshot.requirements) {
    const std::string& id = requirement.version->meta.rule->id;
    for (const CompiledRule& exception : snapshot.exceptions) {
      const auto& covers = exception.content().covers;
      if (std::find(covers.begin(), covers.end(), id) != covers.end()) requirement.exceptions.push_back(&exception);
    }
    for (const CompiledRule& review : snapshot.reviews)
      if (review.content().applies_to == id) requirement.review = &review;
  }
}

Snapshot compile_snapshot(const RuleSet& rules, Date from, Date to, Date known_up_to) {
  Snapshot snapshot{from, to, {}, {}, {}, {}, {}};
  for (const auto& rule : rules.rules) {
    if (const LoadedVersion* version = binding_version(*rule, from, known_up_to, false)) {
      CompiledRule compiled = compile(*version, rules, from, known_up_to);
      switch (rule->info.kind) {
        case RuleKind::classification: snapshot.classification.push_back(std::move(compiled)); break;
        case RuleKind::exception: snapshot.exceptions.push_back(std::move(compiled)); break;
        case RuleKind::review_policy: snapshot.reviews.push_back(std::move(compiled)); break;
        default: snapshot.requirements.push_back(std::move(compiled)); break;
      }
    }
    if (const LoadedVersion* version = binding_version(*rule, from, known_up_to, true))
      snapshot.proposed.push_back(compile(*version, rules, from, known_up_to));
  }
  // Classification runs per jurisdiction in a fixed order, so answers do not depend on the
  // order in which files were read.
  std::stable_sort(snapshot.classification.begin(), snapshot.classification.end(),
                   [](const CompiledRule& a, const CompiledRule& b) { return a.jurisdiction() < b.jurisdiction(); });
  link(snapshot);
  return snapshot;
}

}  // namespace

const LoadedVersion* binding_version(const LoadedRule& rule, Date date, Date known_up_to, bool proposed) {
  const RuleStatus wanted = proposed ? RuleStatus::proposed : RuleStatus::in_force;
  const LoadedVersion* best = nullptr;
  for (const auto& version : rule.versions) {
    const RuleVersion& meta = version->meta;
    if (meta.status != wanted || !visible(rule, *version, known_up_to)) continue;
    // The latest version already binding on `date`; a successor inside its effective-to-
    // compliance window leaves its predecessor binding ("before it, the old rule still binds").
    if (meta.binding_from() > date) continue;
    if (!best || meta.valid_from > best->meta.valid_from ||
        (meta.valid_from == best->meta.valid_from && meta.known_from >= best->meta.known_from))
      best = version.get();
  }
  if (!best || date > best->meta.valid_to || !enforced_on(best->meta, date, known_up_to)) return nullptr;
  return best;
}

const GroupVersion* group_version(const CountryGroup& group, Date date, Date known_up_to) {
  const GroupVersion* best = nullptr;
  for (const GroupVersion& version : group.versions) {
    if (version.known_from > known_up_to || version.valid_from > date || date > version.valid_to) continue;
    if (!best || version.valid_from > best->valid_from ||
        (version.valid_from == best->valid_from && version.known_from >= best->known_from))
      best = &version;
  }
  return best;
}

std::unique_ptr<Timeline> build_timeline(const RuleSet& rules, Date known_up_to) {
  std::vector<Date> cuts{kMinDate};
  auto cut_after = [&](Date last_day) {
    if (last_day < kMaxDate) cuts.push_back(last_day + 1);
  };
  int visible_versions = 0;
  for (const auto& rule : rules.rules) {
    for (const auto& version : rule->versions) {
      const RuleVersion& meta = version->meta;
      if (!visible(*rule, *version, known_up_to)) continue;
      ++visible_versions;
      cuts.push_back(meta.valid_from);
      cuts.push_back(meta.binding_from());
      cut_after(meta.valid_to);
      for (const EnforcementChange& change : meta.enforcement) {
        if (change.known_from > known_up_to) continue;
        cuts.push_back(change.from);
        cut_after(change.to);
      }
    }
  }
  for (const CountryGroup& group : rules.groups)
    for (const GroupVersion& version : group.versions) {
      if (version.known_from > known_up_to) continue;
      cuts.push_back(version.valid_from);
      cut_after(version.valid_to);
    }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  auto timeline = std::make_unique<Timeline>();
  timeline->visible_versions = visible_versions;
  for (size_t i = 0; i < cuts.size(); ++i) {
    Date to = i + 1 < cuts.size() ? cuts[i + 1] - 1 : kMaxDate;
    timeline->starts.push_back(cuts[i]);
    timeline->snapshots.push_back(compile_snapshot(rules, cuts[i], to, known_up_to));
  }
  return timeline;
}

const Snapshot* Timeline::at(Date date) const {
  auto next = std::upper_bound(starts.begin(), starts.end(), date);
  return &snapshots[static_cast<size_t>(next - starts.begin()) - 1];
}

}  // namespace exportctl
