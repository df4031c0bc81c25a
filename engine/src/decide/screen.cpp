#include "decide/screen.hpp"

#include <algorithm>
#include <cmath>

#include "classify/classify.hpp"
#include "common/to_index.hpp"
#include "rules/timeline.hpp"

namespace exportctl {
namespace {

// Per-thread scratch space, so that screening reuses its buffers instead of allocating.
struct Scratch {
  std::vector<ModelId> models;
  std::vector<ItemFacts> facts;             // facts of every item for one snapshot
  const Snapshot* facts_for = nullptr;      // which snapshot `facts` were classified under
  std::vector<CountryId> party_headquarters;
  struct Pending {                          // one item's outcome under one rule, before grouping
    Index item;
    Requirement requirement;
  };
  std::vector<Pending> pending;
};

RequirementKind requirement_kind(RuleKind kind) {
  switch (kind) {
    case RuleKind::license: return RequirementKind::license;
    case RuleKind::permit: return RequirementKind::permit;
    case RuleKind::notification: return RequirementKind::notification;
    case RuleKind::prohibition: return RequirementKind::prohibition;
    default: return RequirementKind::advisory;
  }
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

void build_movements(const Shipment& shipment, Determination& out) {
  if (shipment.origin != shipment.destination)
    out.movements.push_back({MovementKind::export_, shipment.origin, shipment.ship_date, -1});
  for (size_t i = 0; i < shipment.via.size(); ++i) {
    const Stop& stop = shipment.via[i];
    MovementKind kind = stop.activity == StopActivity::transit ? MovementKind::transit : MovementKind::transshipment;
    out.movements.push_back({kind, stop.country, stop.date, to_index(i)});
  }
}

// Classifies every item under `snapshot` (once per distinct snapshot) and returns their facts;
// `classified` receives each item's classification when given.
const std::vector<ItemFacts>& item_facts(const RuleSet& rules, const Shipment& shipment, const Snapshot& snapshot,
                                         Scratch& scratch, std::vector<ItemClassification>* classified = nullptr) {
  if (scratch.facts_for == &snapshot) return scratch.facts;
  scratch.facts.clear();
  scratch.models.clear();
  for (const Item& item : shipment.items) {
    scratch.facts.push_back(gather_item_facts(rules, item, shipment.origin, scratch.models));
    ItemClassification result = classify(rules, snapshot, Jurisdiction::US, item, scratch.facts.back());
    result.subject_to_ear = scratch.facts.back().subject_to_ear;
    if (classified) classified->push_back(result);
  }
  // `models` may have moved while growing: point each item's span at its final place.
  size_t offset = 0;
  for (ItemFacts& facts : scratch.facts) {
    facts.models = std::span<const ModelId>(scratch.models.data() + offset, facts.models.size());
    offset += facts.models.size();
  }
  scratch.facts_for = &snapshot;
  return scratch.facts;
}

// Kleene conjunction: false wins, then unknown.
Tri both(Tri a, Tri b) {
  if (a == Tri::no || b == Tri::no) return Tri::no;
  return a == Tri::unknown || b == Tri::unknown ? Tri::unknown : Tri::yes;
}

bool movement_applies(const CompiledRule& rule, const Movement& movement) {
  if (!(rule.movement_mask & (1u << static_cast<int>(movement.kind)))) return false;
  return rule.at_anywhere || rule.at.contains(movement.at);
}

// True when the consignee list is empty or names an ultimate consignee of the shipment.
bool names_consignee(const std::vector<std::string>& consignees, const Shipment& shipment) {
  if (consignees.empty()) return true;
  for (const Party& party : shipment.parties)
    if (party.role == PartyRole::ultimate_consignee &&
        std::find(consignees.begin(), consignees.end(), normalize_party_name(party.name)) != consignees.end())
      return true;
  return false;
}

// Why an authorization of the right authority and kind does not cover the item on `date`, or
// nullopt when it does. The tests run in the order of CandidateProblem, the first failing one
// is the reason; `needed` receives the draw for the quantity and value reasons.
std::optional<CandidateProblem> coverage_problem(const Authorization& authorization, const Shipment& shipment,
                                                 const Item& item, Date date, double* needed = nullptr) {
  if (date < authorization.valid_from) return CandidateProblem::not_yet_valid;
  if (date > authorization.valid_to) return CandidateProblem::expired;
  if (!authorization.destinations.empty() &&
      std::find(authorization.destinations.begin(), authorization.destinations.end(), shipment.destination) ==
          authorization.destinations.end())
    return CandidateProblem::destination;
  if (!names_model(authorization, item)) return CandidateProblem::model;
  if (!names_consignee(authorization.consignees, shipment)) return CandidateProblem::consignee;
  bool quantity_limited = !std::isnan(authorization.quantity_limit);
  bool value_limited = !std::isnan(authorization.value_limit);
  if (!quantity_limited && !value_limited) return std::nullopt;
  // A limit counts the whole shipment: two items of one license draw on the same units.
  Draw draw = draw_of(authorization, shipment);
  if (quantity_limited && authorization.quantity_used + draw.quantity > authorization.quantity_limit) {
    if (needed) *needed = draw.quantity;
    return CandidateProblem::quantity;
  }
  if (value_limited && std::isnan(draw.value)) return CandidateProblem::value_unknown;
  if (value_limited && authorization.value_used + draw.value > authorization.value_limit) {
    if (needed) *needed = draw.value;
    return CandidateProblem::value;
  }
  return std::nullopt;
}

bool authorization_covers(const Authorization& authorization, const Shipment& shipment, const Item& item,
                          Authority authority, AuthorizationKind kind, Date date) {
  if (authorization.authority != authority || authorization.kind != kind) return false;
  return !coverage_problem(authorization, shipment, item, date);
}

// Why a notice to the right authority cannot count for this shipment, whenever it was filed, or
// nullopt when it can. With a pattern, only a reference matching it counts (NAC: the number BIS
// issues). A notice from the register counts only for the destinations and consignees it names.
std::optional<CandidateProblem> notice_problem(const Notice& notice, const Shipment& shipment,
                                               const ReferencePattern* reference) {
  if (reference && !reference->matches(notice.reference)) return CandidateProblem::reference;
  if (!notice.destinations.empty() &&
      std::find(notice.destinations.begin(), notice.destinations.end(), shipment.destination) == notice.destinations.end())
    return CandidateProblem::destination;
  if (!names_consignee(notice.consignees, shipment)) return CandidateProblem::consignee;
  return std::nullopt;
}

// The notice of `authority` filed earliest (it gives the longest lead), or -1.
Index best_notice(const Shipment& shipment, Authority authority, const ReferencePattern* reference) {
  Index best = -1;
  for (size_t i = 0; i < shipment.notices.size(); ++i) {
    const Notice& notice = shipment.notices[i];
    if (notice.authority != authority || notice_problem(notice, shipment, reference)) continue;
    if (best < 0 || notice.filed_on < shipment.notices[best].filed_on) best = to_index(i);
  }
  return best;
}

// Lists, on a notice requirement left missing or late, each notice to its authority with the
// reason it does not meet it. The authority, period and reference pattern are those of the
// notification rule, or of the exception whose notice the license requirement awaits.
void explain_notice_candidates(const RuleSet& rules, const Shipment& shipment, const Requirement& requirement,
                               Determination& out) {
  if (requirement.status != RequirementStatus::missing && requirement.status != RequirementStatus::late) return;
  const RuleVersion* notice_rule = nullptr;
  if (requirement.kind == RequirementKind::notification) notice_rule = requirement.rule;
  else if (requirement.kind == RequirementKind::license && requirement.exception_rule && requirement.notice_days > 0)
    notice_rule = requirement.exception_rule;
  if (!notice_rule) return;
  const std::optional<ReferencePattern>& pattern = rules.loaded(*notice_rule).content.reference_matcher;
  for (size_t i = 0; i < shipment.notices.size(); ++i) {
    const Notice& notice = shipment.notices[i];
    if (notice.authority != notice_rule->rule->authority) continue;
    std::optional<CandidateProblem> problem = notice_problem(notice, shipment, pattern ? &*pattern : nullptr);
    // No day left to file on (the period reaches before the calendar) makes every notice late.
    if (!problem && (!requirement.deadline || notice.filed_on > *requirement.deadline)) problem = CandidateProblem::late;
    if (problem) out.candidates.push_back({-1, *problem, -1, 0, to_index(i)});
  }
}

// Lists, on a license or permit requirement left missing, each authorization of its authority
// and kind with the reason it does not cover the requirement's items.
void explain_authorization_candidates(const Shipment& shipment, const Requirement& requirement, Determination& out) {
  if (requirement.status != RequirementStatus::missing) return;
  if (requirement.kind != RequirementKind::license && requirement.kind != RequirementKind::permit) return;
  AuthorizationKind kind =
      requirement.kind == RequirementKind::license ? AuthorizationKind::license : AuthorizationKind::permit;
  Authority authority = requirement.rule->rule->authority;
  Date date = out.movements[static_cast<size_t>(requirement.movement)].date;
  for (size_t a = 0; a < shipment.authorizations.size(); ++a) {
    const Authorization& authorization = shipment.authorizations[a];
    if (authorization.authority != authority || authorization.kind != kind) continue;
    for (uint32_t k = requirement.items_begin; k < requirement.items_end; ++k) {
      Index item = out.item_indexes[k];
      double needed = 0;
      std::optional<CandidateProblem> problem =
          coverage_problem(authorization, shipment, shipment.items[static_cast<size_t>(item)], date, &needed);
      if (!problem) continue;
      out.candidates.push_back({to_index(a), *problem, *problem == CandidateProblem::model ? item : -1, needed});
      break;
    }
  }
}

// Gives every requirement its range of candidates: the licenses or permits that do not cover it,
// then the notices that do not meet it.
void explain_candidates(const RuleSet& rules, const Shipment& shipment, Determination& out) {
  for (Requirement& requirement : out.requirements) {
    requirement.candidates_begin = static_cast<uint32_t>(out.candidates.size());
    explain_authorization_candidates(shipment, requirement, out);
    explain_notice_candidates(rules, shipment, requirement, out);
    requirement.candidates_end = static_cast<uint32_t>(out.candidates.size());
  }
}

// Judges a notice period: satisfied (or exception) when filed early enough, late when filed
// too late, missing when none was filed.
void judge_notice(const Shipment& shipment, Authority authority, int days, const ReferencePattern* reference,
                  Date movement_date, RequirementStatus met, Requirement& requirement) {
  requirement.notice_days = static_cast<int16_t>(days);  // the loader allows 1 to 3650
  // Both are kept in the calendar (add_days): a notice period that would end after 9999-12-31
  // leaves no day on which the movement could take place.
  requirement.deadline = add_days(movement_date, -days);
  Index notice = best_notice(shipment, authority, reference);
  if (notice < 0) {
    requirement.status = RequirementStatus::missing;
    // A notice to that authority without a valid reference is named, so the explanation can say so.
    if (reference) requirement.notice = best_notice(shipment, authority, nullptr);
    return;
  }
  requirement.notice = notice;
  Date filed_on = shipment.notices[notice].filed_on;
  if (movement_date - filed_on >= days) {
    requirement.status = met;
  } else {
    requirement.status = RequirementStatus::late;
    requirement.ready_on = add_days(filed_on, days);
  }
}

// License exceptions: the first one whose conditions hold and whose notice (if any) is met;
// failing that, the one that comes closest (late notice, then missing notice).
// Whether the exception reads the consignee's annual count and nobody counted it (no store, or
// a TPP unknown). Only that unknown makes the answer indeterminate: the count is what --db
// supplies. An exception undecided for a fact the shipment lacks is not relied on, and the
// license it might have waived stays missing (the stricter answer, which a license satisfies).
bool awaits_count(const CompiledRule& exception, const MovementFacts& movement_facts) {
  return (exception.when.reads() >> static_cast<int>(Fact::consignee_year_total_tpp) & 1) &&
         std::isnan(movement_facts.consignee_year_total_tpp);
}

// Returns the first exception undecided for want of the consignee's annual count, or null.
const RuleVersion* apply_exceptions(const CompiledRule& rule, const Shipment& shipment, const Movement& movement,
                                    const MovementFacts& movement_facts, const ItemFacts& item,
                                    Requirement& requirement) {
  Requirement best = requirement;
  const RuleVersion* undecided = nullptr;
  auto rank = [](const Requirement& r) {
    return r.status == RequirementStatus::exception ? 3 : r.status == RequirementStatus::late ? 2 : r.exception_rule ? 1 : 0;
  };
  bool counted = false;
  for (const CompiledRule* exception : rule.exceptions) {
    if (!movement_applies(*exception, movement)) continue;
    counted |= shipment.counted_shipments &&
               (exception->when.reads() >> static_cast<int>(Fact::consignee_year_total_tpp) & 1);
    Tri holds = both(exception->when.evaluate(nullptr, movement_facts), exception->items.evaluate(&item, movement_facts));
    if (holds == Tri::unknown && !undecided && awaits_count(*exception, movement_facts)) undecided = exception->meta();
    if (holds != Tri::yes) continue;
    Requirement candidate = requirement;
    candidate.exception_rule = exception->meta();
    const VersionContent& content = exception->content();
    if (content.notice_days > 0)
      judge_notice(shipment, exception->meta()->rule->authority, content.notice_days,
                   content.reference_matcher ? &*content.reference_matcher : nullptr,
                   movement.date, RequirementStatus::exception, candidate);
    else
      candidate.status = RequirementStatus::exception;
    if (rank(candidate) > rank(best)) best = candidate;
  }
  requirement = best;
  requirement.counted = counted;
  return undecided;
}

int strictness(ReviewPolicy policy) {
  switch (policy) {
    case ReviewPolicy::policy_of_denial: return 4;
    case ReviewPolicy::presumption_of_denial: return 3;
    case ReviewPolicy::case_by_case: return 2;
    case ReviewPolicy::presumption_of_approval: return 1;
    case ReviewPolicy::none: return 0;
  }
  return 0;
}

ReviewPolicy stricter(ReviewPolicy a, ReviewPolicy b) { return strictness(a) >= strictness(b) ? a : b; }

ReviewPolicy review_policy(const CompiledRule& rule, const ItemFacts& item, const MovementFacts& movement_facts) {
  if (!rule.review) return ReviewPolicy::none;
  // The first clause that holds decides. A clause that cannot be decided might hold, so the
  // answer is then the stricter of its policy and whatever the later clauses give.
  ReviewPolicy floor = ReviewPolicy::none;
  for (const PolicyClause& clause : rule.review->policies) {
    Tri holds = clause.when.evaluate(&item, movement_facts);
    if (holds == Tri::yes) return stricter(floor, clause.policy);
    if (holds == Tri::unknown) floor = stricter(floor, clause.policy);
  }
  return floor;
}

// What one item needs under one rule on one movement.
// `undecided` receives an exception that might have covered a missing license but could not be
// decided (a fact it reads is unknown), else null.
Requirement judge_item(const CompiledRule& rule, const Shipment& shipment, const Movement& movement,
                       const MovementFacts& movement_facts, const Item& item, const ItemFacts& facts, bool bound,
                       const RuleVersion*& undecided) {
  undecided = nullptr;
  Requirement requirement;
  requirement.rule = rule.meta();
  const RuleInfo& info = *rule.meta()->rule;
  requirement.kind = bound ? requirement_kind(info.kind) : RequirementKind::advisory;
  requirement.exporter_bound = bound;
  if (!bound || info.kind == RuleKind::advisory) {
    requirement.status = RequirementStatus::advisory;
    return requirement;
  }
  switch (info.kind) {
    case RuleKind::notification:
      judge_notice(shipment, info.authority, rule.content().notice_days, nullptr, movement.date, RequirementStatus::satisfied,
                   requirement);
      break;
    case RuleKind::license:
    case RuleKind::permit: {
      AuthorizationKind kind = info.kind == RuleKind::license ? AuthorizationKind::license : AuthorizationKind::permit;
      for (size_t i = 0; i < shipment.authorizations.size(); ++i)
        if (authorization_covers(shipment.authorizations[i], shipment, item, info.authority, kind, movement.date)) {
          requirement.status = RequirementStatus::satisfied;
          requirement.authorization = to_index(i);
          break;
        }
      if (requirement.status != RequirementStatus::satisfied && info.kind == RuleKind::license)
        undecided = apply_exceptions(rule, shipment, movement, movement_facts, facts, requirement);
      if (info.kind == RuleKind::license) requirement.review_policy = review_policy(rule, facts, movement_facts);
      break;
    }
    default:
      requirement.status = RequirementStatus::missing;
      break;
  }
  return requirement;
}

bool same_group(const Requirement& a, const Requirement& b) {
  return a.rule == b.rule && a.movement == b.movement && a.kind == b.kind && a.status == b.status &&
         a.review_policy == b.review_policy && a.exception_rule == b.exception_rule &&
         a.authorization == b.authorization && a.notice == b.notice && a.deadline == b.deadline &&
         a.counted == b.counted;
}

// Groups the pending item outcomes into requirements: items with identical outcomes share one.
void flush_pending(Scratch& scratch, Determination& out) {
  auto& pending = scratch.pending;
  for (size_t i = 0; i < pending.size(); ++i) {
    if (pending[i].item == UINT16_MAX) continue;
    Requirement requirement = pending[i].requirement;
    requirement.items_begin = static_cast<uint32_t>(out.item_indexes.size());
    for (size_t j = i; j < pending.size(); ++j)
      if (pending[j].item != UINT16_MAX && same_group(pending[j].requirement, requirement)) {
        out.item_indexes.push_back(pending[j].item);
        pending[j].item = UINT16_MAX;
      }
    requirement.items_end = static_cast<uint32_t>(out.item_indexes.size());
    out.requirements.push_back(requirement);
  }
  pending.clear();
}

void record_trace(const ScreenOptions& options, Determination& out, const RuleVersion* rule, Index movement, Index item,
                  Tri outcome) {
  if (options.trace) out.trace.push_back({rule, movement, item, outcome});
}

// Evaluates `rules` on one movement; proposed rules become warnings, the others requirements.
void evaluate_rules(const std::vector<CompiledRule>& rules, bool proposed, const Shipment& shipment,
                    Index movement_index, const MovementFacts& movement_facts, const std::vector<ItemFacts>& items,
                    const ScreenOptions& options, Scratch& scratch, Determination& out) {
  const Movement& movement = out.movements[movement_index];
  for (const CompiledRule& rule : rules) {
    if (!movement_applies(rule, movement)) continue;
    Tri applies = rule.when.evaluate(nullptr, movement_facts);
    record_trace(options, out, rule.meta(), movement_index, -1, applies);
    if (applies == Tri::no) continue;
    const VersionContent& content = rule.content();
    // An is-informed letter binds the company informed; others get an advisory. An unnamed
    // exporter is treated as the informed one (the conservative reading).
    bool bound = content.binds_exporters.empty() || shipment.exporter.name.empty() ||
                 exporter_matches(shipment.exporter.name, content.binds_exporters);
    // Advice informs and never blocks, so advice that cannot be decided is left to the trace.
    bool advisory = !bound || rule.kind() == RuleKind::advisory;
    for (size_t i = 0; i < items.size(); ++i) {
      // The item test runs even when the shipment test is undecided: an item it excludes is not
      // concerned, whatever the shipment facts (an L20 needs no headquarters to be cleared).
      Tri concerns = both(applies, rule.items.evaluate(&items[i], movement_facts));
      if (!rule.items.is_always()) record_trace(options, out, rule.meta(), movement_index, to_index(i), concerns);
      if (concerns == Tri::no || (concerns == Tri::unknown && advisory && !proposed)) continue;
      // A proposed rule is only ever a warning, and one it cannot decide is not even that: it
      // must never move the verdict.
      if (proposed) {
        if (concerns == Tri::yes)
          out.warnings.push_back({WarningCode::proposed_rule, to_index(i), rule.meta(), movement_index,
                                  requirement_kind(rule.kind())});
        continue;
      }
      if (concerns == Tri::unknown) {
        out.warnings.push_back({WarningCode::indeterminate, to_index(i), rule.meta(), movement_index,
                                RequirementKind::advisory});
        continue;
      }
      const RuleVersion* undecided = nullptr;
      Requirement requirement =
          judge_item(rule, shipment, movement, movement_facts, shipment.items[i], items[i], bound, undecided);
      requirement.movement = movement_index;
      // A license an exception might waive, had the exception been decidable: whether a license is
      // needed at all is undecided, so the answer names the exception and its missing fact.
      if (undecided && requirement.status == RequirementStatus::missing) {
        record_trace(options, out, undecided, movement_index, to_index(i), Tri::unknown);
        out.warnings.push_back({WarningCode::indeterminate, to_index(i), undecided, movement_index,
                                RequirementKind::advisory});
        continue;
      }
      // The exception and review policy that decided are consulted rules too.
      if (requirement.exception_rule)
        record_trace(options, out, requirement.exception_rule, movement_index, to_index(i), Tri::yes);
      if (rule.review && requirement.review_policy != ReviewPolicy::none)
        record_trace(options, out, rule.review->meta(), movement_index, to_index(i), Tri::yes);
      scratch.pending.push_back({to_index(i), requirement});
    }
    flush_pending(scratch, out);
  }
}

// A performance figure given on the shipment below the catalog's for the same model: either the
// shipment or the catalog is wrong, and a lower figure is the one that clears, so it must not be
// trusted silently (the answer is at least indeterminate, verdict_of).
bool below_catalog(const Metrics& given, const Metrics& catalog) {
  auto below = [](double shipment, double known) { return !std::isnan(shipment) && !std::isnan(known) && shipment < known; };
  return below(given.tpp, catalog.tpp) || below(given.performance_density, catalog.performance_density) ||
         below(given.dense_tops, catalog.dense_tops) || below(given.bit_length, catalog.bit_length) ||
         below(given.interconnect_gbps, catalog.interconnect_gbps) ||
         below(given.memory_bandwidth_gbps, catalog.memory_bandwidth_gbps) ||
         below(given.memory_bandwidth_density, catalog.memory_bandwidth_density);
}

Verdict verdict_of(const Determination& out) {
  bool action = false, prohibited = false, indeterminate = false;
  for (const Requirement& requirement : out.requirements) {
    bool open = requirement.status == RequirementStatus::missing || requirement.status == RequirementStatus::late;
    prohibited |= open && requirement.kind == RequirementKind::prohibition;
    action |= open;
  }
  for (const Warning& warning : out.warnings)
    indeterminate |= warning.code == WarningCode::indeterminate || warning.code == WarningCode::metric_below_catalog;
  // An unclassifiable item is never cleared silently, even where no rule of the day would reach
  // it, unless US rules cannot reach it at all (then the US classes are moot).
  for (const ItemClassification& item : out.items) indeterminate |= item.indeterminate && item.subject_to_ear != Tri::no;
  if (prohibited) return Verdict::prohibited;
  if (action) return Verdict::action_required;
  if (indeterminate) return Verdict::indeterminate;
  return Verdict::cleared;
}

// If every open requirement is a notice filed too late, the shipment may leave once the last
// notice period has run: the ship date moves by as much as the latest movement must.
std::optional<Date> earliest_ship_date(const Shipment& shipment, const Determination& out) {
  if (out.verdict != Verdict::action_required) return std::nullopt;
  std::optional<Date> earliest;
  for (const Requirement& requirement : out.requirements) {
    if (requirement.status == RequirementStatus::missing) return std::nullopt;
    if (requirement.status != RequirementStatus::late) continue;
    if (!requirement.ready_on) return std::nullopt;
    const Movement& movement = out.movements[requirement.movement];
    std::optional<Date> candidate = add_days(shipment.ship_date, *requirement.ready_on - movement.date);
    if (!candidate) return std::nullopt;
    if (!earliest || *candidate > *earliest) earliest = candidate;
  }
  return earliest;
}

}  // namespace

bool names_model(const Authorization& authorization, const Item& item) {
  if (authorization.models.empty()) return true;
  // A catalog model matches whichever of its names either side uses; an uncatalogued one by
  // its normalized name.
  for (size_t i = 0; i < authorization.models.size(); ++i) {
    if (item.model != kNoModel ? authorization.model_ids[i] == item.model
                               : authorization.models[i] == normalize_model_name(item.model_name))
      return true;
  }
  return false;
}

Draw draw_of(const Authorization& authorization, const Shipment& shipment) {
  Draw draw;
  for (const Item& item : shipment.items) {
    if (!names_model(authorization, item)) continue;
    draw.quantity += item.quantity;
    draw.value += item.quantity * item.unit_value_usd;  // NaN if the unit value is unknown
  }
  return draw;
}

void stated_headquarters(const Shipment& shipment, std::vector<CountryId>& out) {
  out.clear();
  for (const Party& party : shipment.parties)
    if (party.headquarters != kNoCountry) out.push_back(party.headquarters);
}

double total_tpp(std::span<const ItemFacts> items) {
  double total = 0;
  for (const ItemFacts& item : items) total += item.tpp * item.quantity;  // NaN if any TPP is unknown
  return total;
}

double consignee_year_total_tpp(const Shipment& shipment, double shipment_total_tpp) {
  // Without a store nobody counted the earlier shipments: the annual total is not known, and
  // an exception limited by it cannot be relied on (never a silent cleared).
  if (!shipment.counted_shipments) return kUnknown;
  double total = shipment_total_tpp;  // NaN stays NaN: one unknown TPP leaves the year unknown
  for (const CountedShipment& earlier : *shipment.counted_shipments) total += earlier.tpp;
  return total;
}

MovementFacts movement_facts(const Shipment& shipment, const Movement* movement, std::span<const CountryId> headquarters,
                             double shipment_total_tpp) {
  MovementFacts facts;
  facts.origin = shipment.origin;
  facts.destination = shipment.destination;
  if (movement) {
    facts.at = movement->at;
    facts.movement = movement->kind;
  }
  facts.party_headquarters = headquarters;
  // With no party listed nobody's headquarters is known: the headquarters test is undecided,
  // never silently false. A listed party without headquarters leaves it undecided too.
  facts.party_headquarters_unknown = shipment.parties.empty();
  for (const Party& party : shipment.parties) facts.party_headquarters_unknown |= party.headquarters == kNoCountry;
  facts.exporter_headquarters = shipment.exporter.headquarters;
  facts.shipment_total_tpp = shipment_total_tpp;
  facts.consignee_year_total_tpp = consignee_year_total_tpp(shipment, shipment_total_tpp);
  return facts;
}

bool exporter_matches(std::string_view exporter_name, const std::vector<std::string>& companies) {
  for (const std::string& company : companies) {
    if (company.empty() || company.size() > exporter_name.size()) continue;
    for (size_t start = 0; start + company.size() <= exporter_name.size(); ++start) {
      bool equal = true;
      for (size_t k = 0; k < company.size() && equal; ++k) equal = lower(exporter_name[start + k]) == lower(company[k]);
      if (!equal) continue;
      bool left = start == 0 || !is_word_char(exporter_name[start - 1]);
      size_t end = start + company.size();
      bool right = end == exporter_name.size() || !is_word_char(exporter_name[end]);
      if (left && right) return true;
    }
  }
  return false;
}

void screen_shipment(const RuleSet& rules, const Shipment& shipment, const ScreenOptions& options, Determination& out) {
  thread_local Scratch scratch;
  out.clear();
  out.ship_date = shipment.ship_date;
  out.known_on = options.known_on ? options.known_on : shipment.known_on;
  const Timeline& timeline = rules.timeline(out.known_on);
  out.rule_versions = timeline.visible_versions;

  scratch.facts_for = nullptr;
  stated_headquarters(shipment, scratch.party_headquarters);

  // The classification reported is the one of the ship date.
  out.total_tpp = total_tpp(item_facts(rules, shipment, *timeline.at(shipment.ship_date), scratch, &out.items));
  if (options.trace)
    for (size_t i = 0; i < out.items.size(); ++i) {
      const ItemClassification& item = out.items[i];
      Tri outcome = item.indeterminate ? Tri::unknown : item.eccn != Eccn::none ? Tri::yes : Tri::no;
      if (item.rule) record_trace(options, out, item.rule, -1, to_index(i), outcome);
    }

  build_movements(shipment, out);
  for (size_t m = 0; m < out.movements.size(); ++m) {
    const Snapshot& snapshot = *timeline.at(out.movements[m].date);
    const std::vector<ItemFacts>& items = item_facts(rules, shipment, snapshot, scratch);
    MovementFacts facts = movement_facts(shipment, &out.movements[m], scratch.party_headquarters, total_tpp(items));
    evaluate_rules(snapshot.requirements, false, shipment, to_index(m), facts, items, options, scratch, out);
    if (options.include_proposed)
      evaluate_rules(snapshot.proposed, true, shipment, to_index(m), facts, items, options, scratch, out);
  }
  for (size_t i = 0; i < shipment.items.size(); ++i) {
    if (shipment.items[i].model == kNoModel && !shipment.items[i].model_name.empty())
      out.warnings.push_back({WarningCode::unknown_model, to_index(i), nullptr, 0, RequirementKind::advisory});
    if (out.items[i].declaration_differs)
      out.warnings.push_back({WarningCode::declared_eccn_differs, to_index(i), nullptr, 0, RequirementKind::advisory});
    if (out.items[i].subject_to_ear == Tri::no)
      out.warnings.push_back({WarningCode::foreign_made_item, to_index(i), nullptr, 0, RequirementKind::advisory});
    if (shipment.items[i].model != kNoModel &&
        below_catalog(shipment.items[i].metrics, rules.catalog[shipment.items[i].model].metrics))
      out.warnings.push_back({WarningCode::metric_below_catalog, to_index(i), nullptr, 0, RequirementKind::advisory});
  }

  if (options.explain_candidates) explain_candidates(rules, shipment, out);
  out.verdict = verdict_of(out);
  out.earliest_ship_date = earliest_ship_date(shipment, out);
}

}  // namespace exportctl
