// What a determination cites: one version of one rule, with its dates on both time axes.
#pragma once

#include <string>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/vocabulary.hpp"

namespace exportctl {

// A filing fact (rules/filing/) says how to meet a requirement: what to file, with whom, through
// which channel and how early. It never decides a screening; `exportctl todo` reads it.
enum class RuleKind : uint8_t {
  classification, license, permit, notification, prohibition, advisory, exception, review_policy, filing
};
std::string_view name(RuleKind);

struct EnforcementChange {
  Date from;
  Date to = kMaxDate;  // inclusive
  Enforcement status = Enforcement::in_force;
  Date known_from;
  std::string citation;
};

struct RuleInfo {
  std::string id;        // "us.ear.742.6.license"
  Jurisdiction jurisdiction = Jurisdiction::US;
  Authority authority = Authority::US_BIS;
  RuleKind kind = RuleKind::license;
  std::string title;
  std::string file;      // where it was loaded from, relative to the rules directory
};

struct RuleVersion {
  const RuleInfo* rule = nullptr;
  int number = 0;                   // "version" in the file, 1-based, increasing
  int supersedes = 0;               // a correction names the version it replaces; 0: none
  Date valid_from;                  // effective date (valid time)
  Date valid_to = kMaxDate;         // last day in effect, inclusive; kMaxDate: open
  Date compliance_from = kMinDate;  // enforced from this day; kMinDate: from valid_from
  Date known_from;                  // knowledge time: the day it could be known
  RuleStatus status = RuleStatus::in_force;
  Confidence confidence = Confidence::primary;
  std::string citation;
  std::string source_url;
  std::string summary;  // one sentence on what it requires, used in explanations
  std::string notes;    // open questions and alternative readings
  std::vector<EnforcementChange> enforcement;
  std::string json;     // the version object as loaded, compact with sorted keys (for show and digests)

  // The first day on which this version binds (compliance date if later than effective).
  Date binding_from() const { return compliance_from > valid_from ? compliance_from : valid_from; }
};

}  // namespace exportctl
