#include "todo/worklist.hpp"

#include <algorithm>
#include <tuple>

#include "rules/timeline.hpp"
#include "todo/deadline.hpp"

namespace exportctl::todo {
namespace {

// A requirement is open while nothing on the shipment meets it: missing, or a notice filed late.
bool is_open(const RecordedNeed& need) { return need.status == "missing" || need.status == "late"; }

// The version of a filing rule in force on `day`, as everything recorded knows it.
const LoadedVersion* filing_on(const LoadedRule& rule, Date day) {
  if (rule.info.kind != RuleKind::filing) return nullptr;
  return binding_version(rule, day, kMaxDate, false);
}

bool leaves_from(const FilingFact& filing, const RuleSet& rules, const std::string& origin) {
  if (filing.from.empty()) return true;
  CountryId country = rules.find_country(origin);
  return std::find(filing.from.begin(), filing.from.end(), country) != filing.from.end();
}

// The filing facts that answer a requirement: same authority, same kind of requirement, the same
// exception (or none), due as asked, and leaving from the shipment's origin. Sorted by rule id.
std::vector<const LoadedVersion*> filings_for(const RuleSet& rules, const RecordedNeed& need,
                                              const std::string& exception, FilingDue due, const OpenShipment& shipment) {
  std::vector<const LoadedVersion*> found;
  for (const auto& rule : rules.rules) {
    const LoadedVersion* version = filing_on(*rule, shipment.ship_date);
    if (!version) continue;
    const FilingFact& filing = version->content.filing;
    if (name(rule->info.authority) != need.authority || name(filing.requirement) != need.kind) continue;
    if (filing.exception != exception || filing.due != due || !leaves_from(filing, rules, shipment.origin)) continue;
    found.push_back(version);
  }
  std::sort(found.begin(), found.end(),
            [](const LoadedVersion* a, const LoadedVersion* b) { return a->meta.rule->id < b->meta.rule->id; });
  return found;
}

FilingStep step_of(const LoadedVersion& version) {
  const FilingFact& filing = version.content.filing;
  FilingStep step;
  step.rule = version.meta.rule->id;
  step.version = version.meta.number;
  step.action = filing.action;
  step.file_with = filing.file_with;
  step.channel = filing.channel;
  step.form = filing.form;
  step.lead_days = filing.lead_days;
  step.lead = filing.lead == LeadKind::legal ? "legal" : "advisory";
  step.lead_note = filing.lead_note;
  step.citation = version.meta.citation;
  step.source_url = version.meta.source_url;
  step.confidence = std::string(name(version.meta.confidence));
  return step;
}

TodoAction action_for(const OpenShipment& shipment, const RecordedNeed& need, const std::string& exception,
                      const LoadedVersion* filing, std::optional<Date> requirement_deadline, Date today) {
  TodoAction action;
  action.shipment_id = shipment.shipment_id;
  action.decision = shipment.decision;
  action.origin = shipment.origin;
  action.destination = shipment.destination;
  action.ship_date = shipment.ship_date;
  action.jurisdiction = need.jurisdiction;
  action.authority = need.authority;
  action.kind = need.kind;
  action.status = need.status;
  action.rule = need.rule;
  action.rule_version = need.version;
  action.leg = need.leg;
  action.rule_citation = need.citation;
  action.rule_source_url = need.source_url;
  action.exception = exception;
  if (filing) action.filing = step_of(*filing);
  int lead_days = filing ? filing->content.filing.lead_days : 0;
  action.deadline_basis = requirement_deadline ? DeadlineBasis::answer : DeadlineBasis::lead_time;
  // A lead time reaching before the calendar starts leaves the earliest day there is: the
  // action is then long overdue, never silently dropped.
  action.deadline = action_deadline(requirement_deadline, shipment.ship_date, lead_days).value_or(kFirstWritableDate);
  action.ready_on = need.ready_on;
  action.overdue = is_overdue(action.deadline, today);
  action.days_left = days_left(action.deadline, today);
  return action;
}

// What one open requirement calls for: one action per filing fact that answers it, or one
// action without a filing when none does.
void plan_open_need(const RuleSet& rules, const OpenShipment& shipment, const RecordedNeed& need, Date today,
                    std::vector<TodoAction>& out) {
  // A license requirement with a notice deadline awaits a license exception's notice (NAC): the
  // filing is that notice, due on the answer's deadline.
  std::string exception;
  if (need.kind == "license" && need.deadline)
    exception = awaited_exception(rules, need.rule, need.notice_days, shipment.ship_date);
  auto filings = filings_for(rules, need, exception, FilingDue::unmet, shipment);
  if (filings.empty()) {
    out.push_back(action_for(shipment, need, exception, nullptr, need.deadline, today));
    return;
  }
  for (const LoadedVersion* filing : filings) {
    TodoAction action = action_for(shipment, need, exception, filing, need.deadline, today);
    // One application answers every requirement of the shipment it meets by the same day.
    auto same = std::find_if(out.begin(), out.end(), [&](const TodoAction& planned) {
      return planned.decision == action.decision && planned.filing && planned.filing->rule == action.filing->rule &&
             planned.deadline == action.deadline;
    });
    if (same == out.end()) {
      out.push_back(std::move(action));
      continue;
    }
    std::string also = need.rule + " v" + std::to_string(need.version);
    if (also != same->rule + " v" + std::to_string(same->rule_version) &&
        std::find(same->also_required_by.begin(), same->also_required_by.end(), also) == same->also_required_by.end())
      same->also_required_by.push_back(also);
  }
}

// Filings due for every export made under a license (EEI): once per shipment and filing fact,
// for the first license requirement (in answer order) that a license meets or will meet. A
// license exception taken or awaited means no license is used.
void plan_each_export(const RuleSet& rules, const OpenShipment& shipment, Date today, std::vector<TodoAction>& out) {
  // A prohibited shipment is not to be exported at all: there is no export to report.
  for (const RecordedNeed& need : shipment.needs)
    if (need.kind == "prohibition" && need.status != "advisory") return;
  std::vector<std::string> planned;
  for (const RecordedNeed& need : shipment.needs) {
    if (need.kind != "license") continue;
    bool licensed = need.status == "satisfied" || (need.status == "missing" && !need.deadline);
    if (!licensed) continue;
    for (const LoadedVersion* filing : filings_for(rules, need, "", FilingDue::each_export, shipment)) {
      const std::string& id = filing->meta.rule->id;
      if (std::find(planned.begin(), planned.end(), id) != planned.end()) continue;
      planned.push_back(id);
      out.push_back(action_for(shipment, need, "", filing, std::nullopt, today));
    }
  }
}

auto order_key(const TodoAction& a) {
  return std::tie(a.deadline, a.shipment_id, a.decision, a.jurisdiction, a.rule, a.leg);
}

}  // namespace

std::string awaited_exception(const RuleSet& rules, const std::string& license_rule, int notice_days, Date day) {
  std::string found;
  for (const auto& rule : rules.rules) {
    if (rule->info.kind != RuleKind::exception) continue;
    const LoadedVersion* version = binding_version(*rule, day, kMaxDate, false);
    if (!version) continue;
    const VersionContent& content = version->content;
    if (content.notice_days == 0 || (notice_days != 0 && content.notice_days != notice_days)) continue;
    if (std::find(content.covers.begin(), content.covers.end(), license_rule) == content.covers.end()) continue;
    // The first by name, so the answer does not depend on the order files were read in.
    if (found.empty() || content.exception_name < found) found = content.exception_name;
  }
  return found;
}

std::vector<TodoAction> plan_actions(const RuleSet& rules, const std::vector<OpenShipment>& shipments, Date today) {
  std::vector<TodoAction> actions;
  for (const OpenShipment& shipment : shipments) {
    for (const RecordedNeed& need : shipment.needs)
      if (is_open(need)) plan_open_need(rules, shipment, need, today, actions);
    plan_each_export(rules, shipment, today, actions);
  }
  std::stable_sort(actions.begin(), actions.end(), [](const TodoAction& a, const TodoAction& b) {
    if (a.overdue != b.overdue) return a.overdue;
    auto rule_a = a.filing ? a.filing->rule : std::string();
    auto rule_b = b.filing ? b.filing->rule : std::string();
    return std::tuple_cat(order_key(a), std::tie(rule_a)) < std::tuple_cat(order_key(b), std::tie(rule_b));
  });
  return actions;
}

}  // namespace exportctl::todo
