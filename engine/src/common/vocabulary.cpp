#include "exportctl/vocabulary.hpp"

#include <array>
#include <string>

#include "exportctl/rule_version.hpp"
#include "exportctl/shipment.hpp"

namespace exportctl {

template <typename Enum>
struct Names;

#define EXPORTCTL_NAMES(Enum, ...)                                   \
  template <>                                                        \
  struct Names<Enum> {                                               \
    static constexpr std::string_view values[] = {__VA_ARGS__};      \
  };                                                                 \
  std::string_view name(Enum value) { return Names<Enum>::values[static_cast<size_t>(value)]; }

EXPORTCTL_NAMES(Jurisdiction, "US", "MY", "TH")
EXPORTCTL_NAMES(Authority, "US-BIS", "MY-MITI", "TH-DFT", "US-OFAC")
EXPORTCTL_NAMES(ItemKind, "ic", "system", "hbm")
EXPORTCTL_NAMES(PartyRole, "purchaser", "intermediate_consignee", "ultimate_consignee", "end_user")
EXPORTCTL_NAMES(StopActivity, "transit", "transshipment")
EXPORTCTL_NAMES(AuthorizationKind, "license", "permit")
EXPORTCTL_NAMES(MovementKind, "export", "transit", "transshipment")
EXPORTCTL_NAMES(Eccn, "", "3A090", "3A090.a", "3A090.b", "3A090.c", "4A090", "4A090.a", "4A090.b")
EXPORTCTL_NAMES(Verdict, "cleared", "action_required", "prohibited", "indeterminate")
EXPORTCTL_NAMES(RequirementKind, "license", "permit", "notification", "prohibition", "advisory")
EXPORTCTL_NAMES(RequirementStatus, "satisfied", "exception", "missing", "late", "advisory")
EXPORTCTL_NAMES(ReviewPolicy, "", "presumption_of_denial", "presumption_of_approval", "case_by_case", "policy_of_denial")
EXPORTCTL_NAMES(RuleStatus, "in_force", "proposed")
EXPORTCTL_NAMES(Confidence, "primary", "secondary", "inferred")
EXPORTCTL_NAMES(Enforcement, "in_force", "not_enforced", "suspended")
EXPORTCTL_NAMES(RuleKind, "classification", "license", "permit", "notification", "prohibition", "advisory",
                "exception", "review_policy", "filing")

template <typename Enum>
std::optional<Enum> parse_enum(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const auto& values = Names<Enum>::values;
  for (size_t i = 0; i < std::size(values); ++i)
    if (values[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

template <typename Enum>
std::string one_of() {
  std::string out = "one of ";
  bool first = true;
  for (std::string_view value : Names<Enum>::values) {
    if (value.empty()) continue;
    if (!first) out += ", ";
    first = false;
    out += value;
  }
  return out;
}

#define EXPORTCTL_VOCABULARY(Enum)                         \
  template std::optional<Enum> parse_enum(std::string_view); \
  template std::string one_of<Enum>();

EXPORTCTL_VOCABULARY(Jurisdiction)
EXPORTCTL_VOCABULARY(Authority)
EXPORTCTL_VOCABULARY(ItemKind)
EXPORTCTL_VOCABULARY(PartyRole)
EXPORTCTL_VOCABULARY(StopActivity)
EXPORTCTL_VOCABULARY(AuthorizationKind)
EXPORTCTL_VOCABULARY(MovementKind)
EXPORTCTL_VOCABULARY(Eccn)
EXPORTCTL_VOCABULARY(Verdict)
EXPORTCTL_VOCABULARY(RequirementKind)
EXPORTCTL_VOCABULARY(RequirementStatus)
EXPORTCTL_VOCABULARY(ReviewPolicy)
EXPORTCTL_VOCABULARY(RuleStatus)
EXPORTCTL_VOCABULARY(Confidence)
EXPORTCTL_VOCABULARY(Enforcement)
EXPORTCTL_VOCABULARY(RuleKind)

std::string normalize_model_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

std::string normalize_party_name(std::string_view name) { return normalize_model_name(name); }

}  // namespace exportctl
