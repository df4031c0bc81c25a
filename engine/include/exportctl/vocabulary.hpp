// The closed vocabularies of the contract (contract.md), as enums with their stable strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace exportctl {

using CountryId = uint16_t;  // index in the loaded country list
using ModelId = uint16_t;    // index in the loaded chip catalog
inline constexpr CountryId kNoCountry = 0xFFFF;
inline constexpr ModelId kNoModel = 0xFFFF;

enum class Jurisdiction : uint8_t { US, MY, TH };
// US_OFAC administers the sanctions programmes (Iran, Cuba, North Korea, Syria) beside the EAR.
enum class Authority : uint8_t { US_BIS, MY_MITI, TH_DFT, US_OFAC };
enum class ItemKind : uint8_t { ic, system, hbm };
enum class PartyRole : uint8_t { purchaser, intermediate_consignee, ultimate_consignee, end_user };
enum class StopActivity : uint8_t { transit, transshipment };
enum class AuthorizationKind : uint8_t { license, permit };
// How goods move in one leg: leaving the origin country, or passing a via stop.
enum class MovementKind : uint8_t { export_, transit, transshipment };

// ECCN classes of contract.md; none = below every modelled threshold.
enum class Eccn : uint8_t { none, c3A090, c3A090_a, c3A090_b, c3A090_c, c4A090, c4A090_a, c4A090_b };
inline constexpr int kEccnCount = 8;

enum class Verdict : uint8_t { cleared, action_required, prohibited, indeterminate };
enum class RequirementKind : uint8_t { license, permit, notification, prohibition, advisory };
enum class RequirementStatus : uint8_t { satisfied, exception, missing, late, advisory };
// policy_of_denial (embargoes, 15 CFR part 746) is stricter than a presumption of denial.
enum class ReviewPolicy : uint8_t { none, presumption_of_denial, presumption_of_approval, case_by_case, policy_of_denial };
enum class RuleStatus : uint8_t { in_force, proposed };
enum class Confidence : uint8_t { primary, secondary, inferred };
enum class Enforcement : uint8_t { in_force, not_enforced, suspended };

std::string_view name(Jurisdiction);
std::string_view name(Authority);
std::string_view name(ItemKind);
std::string_view name(PartyRole);
std::string_view name(StopActivity);
std::string_view name(AuthorizationKind);
std::string_view name(MovementKind);
std::string_view name(Eccn);  // "" for none
std::string_view name(Verdict);
std::string_view name(RequirementKind);
std::string_view name(RequirementStatus);
std::string_view name(ReviewPolicy);  // "" for none
std::string_view name(RuleStatus);
std::string_view name(Confidence);
std::string_view name(Enforcement);

// Inverse lookups; nullopt for a string outside the vocabulary.
template <typename Enum>
std::optional<Enum> parse_enum(std::string_view text);

// "one of a, b, c": the vocabulary's strings in order ("" for none left out), for a message
// about a value outside it.
template <typename Enum>
std::string one_of();

}  // namespace exportctl
