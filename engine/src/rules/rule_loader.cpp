#include "rules/rule_loader.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/compact_dump.hpp"
#include "rules/condition_parser.hpp"
#include "rules/value_readers.hpp"

namespace exportctl {
namespace {

// A summary may name {destination}, {leg} and {classes}; anything else in braces is a typo.
void check_placeholders(const JsonAt& at, const std::string& summary) {
  for (size_t open = summary.find('{'); open != std::string::npos; open = summary.find('{', open + 1)) {
    size_t close = summary.find('}', open);
    if (close == std::string::npos) at.fail("unclosed \"{\" (placeholders are {destination}, {leg}, {classes})");
    std::string name = summary.substr(open + 1, close - open - 1);
    if (name != "destination" && name != "leg" && name != "classes")
      at.fail("unknown placeholder {" + name + "} (use {destination}, {leg} or {classes})");
  }
}

void check_keys(const JsonAt& v, RuleKind kind) {
  static const std::initializer_list<std::string_view> common = {
      "version", "supersedes", "valid_from", "valid_to", "compliance_from", "known_from", "status",
      "confidence", "citation", "source_url", "summary", "notes", "enforcement"};
  std::vector<std::string_view> allowed(common);
  auto allow = [&](std::initializer_list<std::string_view> keys) { allowed.insert(allowed.end(), keys); };
  switch (kind) {
    case RuleKind::classification: allow({"classes", "systems"}); break;
    case RuleKind::exception:
      allow({"name", "covers", "movements", "at", "when", "items", "notice_days", "reference_pattern"});
      break;
    case RuleKind::review_policy: allow({"applies_to", "policies"}); break;
    case RuleKind::filing:
      allow({"requirement", "exception", "due", "from", "action", "file_with", "channel", "form", "lead_days", "lead",
             "lead_note"});
      break;
    default: allow({"movements", "at", "when", "items", "binds_exporters", "notice_days"}); break;
  }
  v.expect_object();
  for (const auto& [key, value] : v.json().items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      v.at(key).fail("unknown key \"" + key + "\" for a rule of kind " + std::string(name(kind)));
}

void read_metadata(const JsonAt& v, RuleVersion& meta, int expected_number) {
  meta.json = compact_dump(v.json());
  meta.number = v.at("version").as_int();
  if (meta.number != expected_number) v.at("version").fail("versions are numbered 1, 2, ... in order");
  if (auto supersedes = v.find("supersedes")) {
    meta.supersedes = supersedes->as_int();
    if (meta.supersedes < 1 || meta.supersedes >= meta.number)
      supersedes->fail("a correction supersedes an earlier version");
  }
  meta.valid_from = v.date("valid_from");
  meta.valid_to = v.optional_date("valid_to").value_or(kMaxDate);
  if (meta.valid_to < meta.valid_from) v.at("valid_to").fail("valid_to is before valid_from");
  meta.compliance_from = v.optional_date("compliance_from").value_or(kMinDate);
  if (meta.compliance_from != kMinDate && meta.compliance_from < meta.valid_from)
    v.at("compliance_from").fail("compliance_from is before valid_from");
  meta.known_from = v.date("known_from");
  meta.status = read_enum<RuleStatus>(v.at("status"), "status");
  meta.confidence = read_enum<Confidence>(v.at("confidence"), "confidence");
  meta.citation = v.string("citation");
  meta.source_url = v.string("source_url");
  meta.summary = v.string("summary");
  check_placeholders(v.at("summary"), meta.summary);
  meta.notes = v.string_or("notes", "");
  if (meta.citation.empty()) v.at("citation").fail("a rule version needs its citation");
  if (auto enforcement = v.find("enforcement"))
    for (size_t i = 0; i < enforcement->size(); ++i) {
      JsonAt e = enforcement->at(i);
      e.allow_only({"from", "to", "status", "known_from", "citation"});
      EnforcementChange change;
      change.from = e.date("from");
      change.to = e.optional_date("to").value_or(kMaxDate);
      if (change.to < change.from) e.at("to").fail("to is before from");
      change.status = read_enum<Enforcement>(e.at("status"), "status");
      change.known_from = e.date("known_from");
      change.citation = e.string("citation");
      meta.enforcement.push_back(std::move(change));
    }
}

void read_classification(const JsonAt& v, const RuleSet& rules, VersionContent& content) {
  JsonAt classes = v.at("classes");
  for (size_t i = 0; i < classes.size(); ++i) {
    JsonAt c = classes.at(i);
    c.allow_only({"eccn", "when"});
    Eccn eccn = Eccn::none;
    if (!c.at("eccn").json().is_null()) eccn = static_cast<Eccn>(parse_symbol(rules, FactType::eccn, c.at("eccn")));
    Condition when = parse_condition(rules, c.at("when"), true);
    if (when.reads() >> kFirstShipmentFact)
      c.at("when").fail("a class is decided by item facts only (not origin, destination or parties)");
    content.classes.push_back({eccn, std::move(when)});
  }
  if (auto systems = v.find("systems")) {
    systems->expect_object();
    for (const auto& [ic_class, system_class] : systems->json().items()) {
      JsonAt at = systems->at(ic_class);
      auto from = parse_enum<Eccn>(ic_class);
      if (!from) at.fail("unknown ECCN \"" + ic_class + "\"");
      content.system_classes[static_cast<size_t>(*from)] = static_cast<Eccn>(parse_symbol(rules, FactType::eccn, at));
    }
  }
}

void read_review_policy(const JsonAt& v, const RuleSet& rules, VersionContent& content) {
  content.applies_to = v.string("applies_to");
  JsonAt policies = v.at("policies");
  for (size_t i = 0; i < policies.size(); ++i) {
    JsonAt p = policies.at(i);
    p.allow_only({"policy", "when"});
    ReviewPolicy policy = read_enum<ReviewPolicy>(p.at("policy"), "policy");
    content.policies.push_back({policy, parse_optional_condition(rules, p, "when", true).value_or(Condition())});
  }
}

void read_requirement(const JsonAt& v, RuleKind kind, const RuleSet& rules, VersionContent& content) {
  if (auto movements = v.find("movements")) {
    content.movements.clear();
    for (size_t i = 0; i < movements->size(); ++i)
      content.movements.push_back(static_cast<MovementKind>(parse_symbol(rules, FactType::movement, movements->at(i))));
  }
  if (auto at = v.find("at")) content.at = read_countries(rules, *at);
  content.when = parse_optional_condition(rules, v, "when", false).value_or(Condition());
  content.items = parse_optional_condition(rules, v, "items", true).value_or(Condition());
  if (auto exporters = v.find("binds_exporters"))
    for (size_t i = 0; i < exporters->size(); ++i) content.binds_exporters.push_back(exporters->at(i).as_string());
  if (auto days = v.find("notice_days")) {
    content.notice_days = days->as_int();
    if (content.notice_days < 1 || content.notice_days > 3650) days->fail("notice_days is a number of days, 1 to 3650");
  }
  if (kind == RuleKind::notification && content.notice_days == 0) v.fail("a notification rule needs notice_days");
  if (kind == RuleKind::exception) {
    content.exception_name = v.string("name");
    JsonAt covers = v.at("covers");
    for (size_t i = 0; i < covers.size(); ++i) content.covers.push_back(covers.at(i).as_string());
    if (auto pattern = v.find("reference_pattern")) {
      content.reference_pattern = pattern->as_string();
      std::string problem;
      content.reference_matcher = ReferencePattern::compile(content.reference_pattern, problem);
      if (!content.reference_matcher) pattern->fail("not a reference pattern (rules/README.md): " + problem);
    }
  }
}

// A filing fact: what to file, with whom, through which channel, and how early (rules/README.md).
void read_filing(const JsonAt& v, const RuleSet& rules, FilingFact& filing) {
  JsonAt requirement = v.at("requirement");
  filing.requirement = read_enum<RequirementKind>(requirement, "requirement");
  if (filing.requirement != RequirementKind::license && filing.requirement != RequirementKind::permit &&
      filing.requirement != RequirementKind::notification)
    requirement.fail("requirement is one of license, permit, notification (a filing meets one of them)");
  filing.exception = v.string_or("exception", "");
  if (auto exception = v.find("exception"); exception && filing.requirement != RequirementKind::license)
    exception->fail("an exception's notice answers a license requirement");
  std::string due = v.string("due");
  if (due == "unmet") filing.due = FilingDue::unmet;
  else if (due == "each_export") filing.due = FilingDue::each_export;
  else v.at("due").fail("due is one of unmet, each_export");
  if (auto from = v.find("from")) filing.from = read_countries(rules, *from);
  filing.action = v.string("action");
  filing.file_with = v.string("file_with");
  filing.channel = v.string("channel");
  filing.form = v.string("form");
  for (const char* key : {"action", "file_with", "channel", "form"})
    if (v.string(key).empty()) v.at(key).fail(std::string(key) + " may not be empty");
  JsonAt lead_days = v.at("lead_days");
  filing.lead_days = lead_days.as_int();
  if (filing.lead_days < 0 || filing.lead_days > 3650) lead_days.fail("lead_days is a number of days, 0 to 3650");
  std::string lead = v.string("lead");
  if (lead == "legal") filing.lead = LeadKind::legal;
  else if (lead == "advisory") filing.lead = LeadKind::advisory;
  else v.at("lead").fail("lead is one of legal, advisory");
  filing.lead_note = v.string("lead_note");
  if (filing.lead_note.empty()) v.at("lead_note").fail("lead_note says how the lead time is meant");
}

std::unique_ptr<LoadedVersion> read_version(const JsonAt& v, const RuleInfo& info, const RuleSet& rules,
                                            int expected_number) {
  auto version = std::make_unique<LoadedVersion>();
  version->meta.rule = &info;
  check_keys(v, info.kind);
  read_metadata(v, version->meta, expected_number);
  switch (info.kind) {
    case RuleKind::classification: read_classification(v, rules, version->content); break;
    case RuleKind::review_policy: read_review_policy(v, rules, version->content); break;
    case RuleKind::filing: read_filing(v, rules, version->content.filing); break;
    default: read_requirement(v, info.kind, rules, version->content); break;
  }
  return version;
}

// The place of each loaded version (in the order of `versions`): its own number, or for a
// correction the place of the version it supersedes. One pass, since a version supersedes only
// an earlier one.
std::vector<int> places_of(const std::vector<std::unique_ptr<LoadedVersion>>& versions) {
  std::unordered_map<int, int> place_by_number;
  std::vector<int> places;
  for (const auto& version : versions) {
    const RuleVersion& meta = version->meta;
    int place = meta.number;
    if (meta.supersedes) {
      auto found = place_by_number.find(meta.supersedes);
      place = found == place_by_number.end() ? meta.supersedes : found->second;
    }
    place_by_number[meta.number] = place;
    places.push_back(place);
  }
  return places;
}

// Whether version b, at a later place than a and of the same status, collides with a.
bool collides(const RuleVersion& a, const RuleVersion& b) {
  return b.valid_from <= a.valid_from || (a.valid_to != kMaxDate && a.valid_to >= b.valid_from);
}

// Whether any two versions of one status at different places collide: each version is compared
// with the greatest start and the greatest end of the versions at earlier places.
bool any_collision(const std::vector<std::unique_ptr<LoadedVersion>>& versions, const std::vector<int>& places) {
  std::vector<size_t> order(versions.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const RuleVersion& x = versions[a]->meta;
    const RuleVersion& y = versions[b]->meta;
    return std::pair(x.status, places[a]) < std::pair(y.status, places[b]);
  });
  for (size_t group = 0; group < order.size();) {
    // Versions of one status, place by place.
    RuleStatus status = versions[order[group]]->meta.status;
    std::optional<Date> latest_start, latest_end;
    while (group < order.size() && versions[order[group]]->meta.status == status) {
      size_t end = group;
      while (end < order.size() && versions[order[end]]->meta.status == status && places[order[end]] == places[order[group]])
        ++end;
      for (size_t k = group; k < end; ++k) {
        Date start = versions[order[k]]->meta.valid_from;
        if ((latest_start && *latest_start >= start) || (latest_end && *latest_end >= start)) return true;
      }
      for (size_t k = group; k < end; ++k) {
        const RuleVersion& meta = versions[order[k]]->meta;
        latest_start = std::max(latest_start.value_or(meta.valid_from), meta.valid_from);
        if (meta.valid_to != kMaxDate) latest_end = std::max(latest_end.value_or(meta.valid_to), meta.valid_to);
      }
      group = end;
    }
  }
  return false;
}

// Versions follow one another in valid time: a later one starts after an earlier one, which may
// end explicitly (valid_to) before it or run until it. Versions of different status may overlap.
// A correction takes the place in the sequence of the version it supersedes (through any chain of
// corrections), so an early version can be corrected after later ones exist. `at[k]` is where
// versions[k] is. A collision of two places is reported once (not again for a correction of
// either), and each version at most once. Data without a collision is recognised in n log n; the
// pairwise pass that words the reports runs only when there is something to report.
void check_overlaps(const LoadedRule& rule, const std::vector<JsonAt>& at, LoadProblems& problems) {
  const auto& list = rule.versions;
  std::vector<int> place = places_of(list);
  if (!any_collision(list, place)) return;
  std::vector<bool> reported(list.size(), false);
  std::set<std::pair<int, int>> colliding;  // places already reported, earlier first
  for (size_t i = 0; i < list.size(); ++i)
    for (size_t j = i + 1; j < list.size(); ++j) {
      if (reported[j] || list[i]->meta.status != list[j]->meta.status || place[i] == place[j]) continue;
      const RuleVersion* a = &list[i]->meta;
      const RuleVersion* b = &list[j]->meta;
      int place_a = place[i], place_b = place[j];
      if (place_b < place_a) std::swap(a, b), std::swap(place_a, place_b);
      if (!collides(*a, *b) || colliding.count({place_a, place_b})) continue;
      reported[j] = !problems.attempt([&] {
        JsonAt where = at[j].at("valid_from");
        if (b->valid_from <= a->valid_from)
          where.fail("version " + std::to_string(b->number) + " does not start after version " +
                     std::to_string(a->number) + " (overlapping versions; a correction names the version it supersedes)");
        where.fail("overlaps version " + std::to_string(a->number) + ", valid to " + to_string(a->valid_to));
      });
      if (reported[j]) colliding.insert({place_a, place_b});
    }
}

}  // namespace

void load_rule(const JsonAt& file_root, RuleKind kind, RuleSet& rules, LoadProblems& problems) {
  std::optional<std::string> id = file_root.peek_string("id");
  JsonAt root = file_root.with_context(id ? "rule " + *id : "");
  auto rule = std::make_unique<LoadedRule>();
  RuleInfo& info = rule->info;
  std::optional<JsonAt> versions;
  bool header = problems.attempt([&] {
    root.allow_only({"kind", "id", "jurisdiction", "authority", "title", "notes", "versions"});
    info.id = root.string("id");
    info.kind = kind;
    info.jurisdiction = read_enum<Jurisdiction>(root.at("jurisdiction"), "jurisdiction");
    info.authority = read_enum<Authority>(root.at("authority"), "authority");
    info.title = root.string("title");
    info.file = root.source();
    if (rules.rule_by_id.count(info.id)) root.at("id").fail("rule " + info.id + " is defined twice");
    versions = root.at("versions");
    if (versions->size() == 0) versions->fail("a rule needs at least one version");
  });
  if (!header) {
    // Kept by its id without versions, so that rules naming it are not reported again.
    if (!id || rules.rule_by_id.count(*id)) return;
    info.id = *id;
    info.kind = kind;
    info.file = root.source();
  } else {
    std::vector<JsonAt> loaded_at;  // where each loaded version is in the file
    for (size_t i = 0; i < versions->size(); ++i)
      problems.attempt([&] {
        JsonAt v = versions->at(i);
        auto version = read_version(v, info, rules, static_cast<int>(i) + 1);
        rules.loaded_by_meta[&version->meta] = version.get();
        rule->versions.push_back(std::move(version));
        loaded_at.push_back(v);
      });
    check_overlaps(*rule, loaded_at, problems);
  }
  rules.rule_by_id[info.id] = rule.get();
  rules.rules.push_back(std::move(rule));
}

}  // namespace exportctl
