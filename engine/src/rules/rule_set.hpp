// Everything loaded from rules/: countries, dated country groups, the chip catalog and the
// rules with all their versions on both time axes. Immutable once loaded, except for the
// lazily compiled timelines (see timeline.hpp), which are built under a lock.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "exportctl/rule_version.hpp"
#include "exportctl/shipment.hpp"
#include "rules/condition.hpp"
#include "rules/reference_pattern.hpp"

namespace exportctl {

struct Timeline;

struct Country {
  std::string code;
  std::string name;
};

struct GroupVersion {
  int number = 0;
  Date valid_from;
  Date valid_to = kMaxDate;
  Date known_from;
  std::vector<CountryId> members;
  Confidence confidence = Confidence::primary;
  std::string citation, source_url, notes;
};

struct CountryGroup {
  std::string id;  // "D:5"
  std::string name;
  std::string file;
  std::vector<GroupVersion> versions;
};

struct CatalogModel {
  std::string name;    // canonical, with vendor: "NVIDIA H100 SXM"
  std::string vendor;
  std::vector<std::string> aliases;
  ItemKind kind = ItemKind::ic;
  Tri us_origin = Tri::unknown;
  Metrics metrics;
  std::vector<ContainedItem> contains;
  Date known_from;
  Confidence confidence = Confidence::secondary;
  std::vector<std::string> inferred;  // metric names whose values are inferred
  std::string source_url, notes, file;
};

struct ClassRule {
  Eccn eccn = Eccn::none;
  Condition when;
};

struct PolicyClause {
  ReviewPolicy policy = ReviewPolicy::none;
  Condition when;
};

// When a filing is due: while its requirement is unmet (missing, or a notice filed late), or for
// every export made under the requirement (EEI for a licensed export).
enum class FilingDue : uint8_t { unmet, each_export };
// Whether the lead time is the law's (a notice period, EEI before departure) or advice (how long
// an authority usually takes).
enum class LeadKind : uint8_t { legal, advisory };

// How one requirement is met (kind "filing"): its jurisdiction and authority are the rule's.
struct FilingFact {
  RequirementKind requirement = RequirementKind::license;  // the requirement it answers
  std::string exception;              // "NAC": the notice of that license exception; "": none
  FilingDue due = FilingDue::unmet;
  std::vector<CountryId> from;        // only shipments leaving these countries; empty: any origin
  std::string action, file_with, channel, form;
  int lead_days = 0;                  // before the ship date, when the answer gives no deadline
  LeadKind lead = LeadKind::legal;
  std::string lead_note;              // how the lead time is meant, for a person
};

// The content of one rule version; which fields matter depends on the rule's kind.
struct VersionContent {
  // classification
  std::vector<ClassRule> classes;                 // first match wins
  std::array<Eccn, kEccnCount> system_classes{};  // IC class -> class of a system containing it
  // license, permit, notification, prohibition, advisory, exception
  std::vector<MovementKind> movements{MovementKind::export_};
  std::vector<CountryId> at;  // countries where the movement happens; empty: anywhere
  Condition when;             // over shipment and movement facts
  Condition items;            // over item facts (which items it concerns)
  std::vector<std::string> binds_exporters;  // is-informed letters: the companies informed
  int notice_days = 0;                       // notification / exception: calendar days ahead
  // exception
  std::string exception_name;                // "NAC", "ACA", "LPP"
  std::vector<std::string> covers;           // rule ids whose license requirement it can cover
  std::string reference_pattern;             // the notice's reference must match (BIS's number)
  std::optional<ReferencePattern> reference_matcher;  // reference_pattern, compiled at load
  // review_policy
  std::string applies_to;                    // rule id
  std::vector<PolicyClause> policies;        // first match wins
  // filing
  FilingFact filing;
};

struct LoadedVersion {
  RuleVersion meta;
  VersionContent content;
};

struct LoadedRule {
  RuleInfo info;
  std::vector<std::unique_ptr<LoadedVersion>> versions;  // stable addresses: RuleVersion* escape
};

class RuleSet {
 public:
  std::vector<Country> countries;
  std::vector<std::string> country_codes;  // parallel to countries, for explanations
  std::unordered_map<std::string, CountryId> country_by_code;
  std::array<CountryId, 26 * 26> country_by_letters;  // "CN" -> id without hashing
  CountryId united_states = kNoCountry;  // "US": every item leaving it is subject to the EAR
  std::vector<CountryGroup> groups;
  std::unordered_map<std::string, size_t> group_by_id;
  std::vector<CatalogModel> catalog;
  std::vector<std::string> model_names;  // parallel to catalog
  std::unordered_map<std::string, ModelId> model_by_normalized_name;
  std::vector<std::unique_ptr<LoadedRule>> rules;
  std::unordered_map<std::string, const LoadedRule*> rule_by_id;
  // RuleVersion handed out -> its loaded version, filled at load: loaded() runs for every
  // item and requirement written, and a pointer lookup avoids hashing the rule id each time.
  std::unordered_map<const RuleVersion*, const LoadedVersion*> loaded_by_meta;
  std::string digest;
  int version_count = 0;
  // Some version reads the consignee's annual count (consignee_year_total_tpp): only then does a
  // screening with the store read the counted shipments (register_candidates.cpp).
  bool reads_consignee_year = false;

  // Dates on which some knowledge was added, sorted; a known-on date maps to an epoch index.
  std::vector<Date> knowledge_dates;

  CountryId find_country(std::string_view code) const;
  // The loaded version behind a RuleVersion handed out in a determination.
  const LoadedVersion& loaded(const RuleVersion& version) const;
  ModelId find_model(std::string_view name) const;  // case-insensitive, vendor prefix optional
  // The timeline of everything known on `known_on` (nullopt: everything recorded).
  const Timeline& timeline(std::optional<Date> known_on) const;

  // Called by the loader once everything is in: counts the versions, indexes the knowledge
  // dates and makes room for one timeline per knowledge epoch.
  void seal();

  RuleSet();
  ~RuleSet();

 private:
  // One slot per knowledge epoch (index 0: nothing known yet), filled on first use.
  mutable std::mutex timelines_mutex_;
  mutable std::vector<std::unique_ptr<Timeline>> timelines_owned_;
  mutable std::unique_ptr<std::atomic<const Timeline*>[]> timelines_;
};

}  // namespace exportctl
