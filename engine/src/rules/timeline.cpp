#include "rules/timeline.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace exportctl {
namespace {

// Which versions of `rule` a correction known by `known_up_to` replaces, by position: one pass,
// so that a rule with many versions is not rescanned for each of them.
std::vector<bool> superseded_versions(const LoadedRule& rule, Date known_up_to) {
  std::vector<bool> superseded(rule.versions.size(), false);
  for (const auto& other : rule.versions) {
    const RuleVersion& meta = other->meta;
    if (meta.supersedes == 0 || meta.known_from > known_up_to) continue;
    // Versions are numbered 1, 2, ... in file order, but one that failed to load leaves a gap.
    for (size_t k = std::min(static_cast<size_t>(meta.supersedes), rule.versions.size()); k-- > 0;) {
      int number = rule.versions[k]->meta.number;
      if (number == meta.supersedes) superseded[k] = true;
      if (number <= meta.supersedes) break;
    }
  }
  return superseded;
}

// A version that could bind, with its position in the rule's file (the last tie-breaker).
struct Candidate {
  const LoadedVersion* version;
  size_t position;
};

// The versions of one status that could bind under `known_up_to`, in file order.
std::vector<Candidate> candidates(const LoadedRule& rule, Date known_up_to, RuleStatus wanted,
                                  const std::vector<bool>& superseded) {
  std::vector<Candidate> found;
  for (size_t k = 0; k < rule.versions.size(); ++k) {
    const RuleVersion& meta = rule.versions[k]->meta;
    if (meta.status == wanted && meta.known_from <= known_up_to && !superseded[k])
      found.push_back({rule.versions[k].get(), k});
  }
  return found;
}

// The latest version already binding is the greatest by valid_from, then known_from, then
// position. A successor inside its effective-to-compliance window leaves its
// predecessor binding ("before it, the old rule still binds").
bool binds_over(const Candidate& candidate, const Candidate* best) {
  const RuleVersion& meta = candidate.version->meta;
  if (!best) return true;
  const RuleVersion& other = best->version->meta;
  if (meta.valid_from != other.valid_from) return meta.valid_from > other.valid_from;
  if (meta.known_from != other.known_from) return meta.known_from > other.known_from;
  return candidate.position > best->position;
}

bool enforced_on(const RuleVersion& version, Date date, Date known_up_to) {
  Enforcement status = Enforcement::in_force;
  for (const EnforcementChange& change : version.enforcement)
    if (change.known_from <= known_up_to && change.from <= date && date <= change.to) status = change.status;
  return status == Enforcement::in_force;
}

// The best version binds unless `date` is past its end or its enforcement is suspended.
const LoadedVersion* binding_on(const Candidate* best, Date date, Date known_up_to) {
  if (!best || date > best->version->meta.valid_to || !enforced_on(best->version->meta, date, known_up_to))
    return nullptr;
  return best->version;
}

// The binding version of one rule and status as the days of a timeline go forward: the
// candidates in the order they start binding, each joining the running best once, so that a
// timeline costs the sum of the versions rather than their product with the segments.
class BindingSweep {
 public:
  explicit BindingSweep(std::vector<Candidate> candidates) : candidates_(std::move(candidates)) {
    std::stable_sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
      return a.version->meta.binding_from() < b.version->meta.binding_from();
    });
  }

  // `date` never decreases from one call to the next.
  const LoadedVersion* binding_on_day(Date date, Date known_up_to) {
    for (; next_ < candidates_.size() && candidates_[next_].version->meta.binding_from() <= date; ++next_)
      if (binds_over(candidates_[next_], best_ ? &*best_ : nullptr)) best_ = candidates_[next_];
    return binding_on(best_ ? &*best_ : nullptr, date, known_up_to);
  }

 private:
  std::vector<Candidate> candidates_;
  size_t next_ = 0;
  std::optional<Candidate> best_;
};

struct RuleSweeps {
  BindingSweep in_force;
  BindingSweep proposed;
};

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

Snapshot compile_snapshot(const RuleSet& rules, std::vector<RuleSweeps>& sweeps, Date from, Date to, Date known_up_to) {
  Snapshot snapshot{from, to, {}, {}, {}, {}, {}};
  for (size_t r = 0; r < rules.rules.size(); ++r) {
    const auto& rule = rules.rules[r];
    // A filing fact says how to meet a requirement; it requires nothing itself.
    if (rule->info.kind == RuleKind::filing) continue;
    if (const LoadedVersion* version = sweeps[r].in_force.binding_on_day(from, known_up_to)) {
      CompiledRule compiled = compile(*version, rules, from, known_up_to);
      switch (rule->info.kind) {
        case RuleKind::classification: snapshot.classification.push_back(std::move(compiled)); break;
        case RuleKind::exception: snapshot.exceptions.push_back(std::move(compiled)); break;
        case RuleKind::review_policy: snapshot.reviews.push_back(std::move(compiled)); break;
        default: snapshot.requirements.push_back(std::move(compiled)); break;
      }
    }
    if (const LoadedVersion* version = sweeps[r].proposed.binding_on_day(from, known_up_to))
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
  std::optional<Candidate> best;
  for (const Candidate& candidate : candidates(rule, known_up_to, wanted, superseded_versions(rule, known_up_to)))
    if (candidate.version->meta.binding_from() <= date && binds_over(candidate, best ? &*best : nullptr)) best = candidate;
  return binding_on(best ? &*best : nullptr, date, known_up_to);
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
  std::vector<RuleSweeps> sweeps;
  for (const auto& rule : rules.rules) {
    std::vector<bool> superseded = superseded_versions(*rule, known_up_to);
    sweeps.push_back({BindingSweep(candidates(*rule, known_up_to, RuleStatus::in_force, superseded)),
                      BindingSweep(candidates(*rule, known_up_to, RuleStatus::proposed, superseded))});
    for (size_t k = 0; k < rule->versions.size(); ++k) {
      const RuleVersion& meta = rule->versions[k]->meta;
      if (meta.known_from > known_up_to || superseded[k]) continue;
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
    timeline->snapshots.push_back(compile_snapshot(rules, sweeps, cuts[i], to, known_up_to));
  }
  return timeline;
}

const Snapshot* Timeline::at(Date date) const {
  auto next = std::upper_bound(starts.begin(), starts.end(), date);
  return &snapshots[static_cast<size_t>(next - starts.begin()) - 1];
}

}  // namespace exportctl
