// Screening against the register, and recording with depletion: the one sequence every surface
// (check, store record, the scenario runner, HTTP) uses, so they cannot drift apart.
#include "exportctl/audit.hpp"
#include "exportctl/register.hpp"

namespace exportctl {
namespace {

// Joins what the store holds to the shipment: the candidate entries, and the consignee's counted
// shipments (the only place Shipment::counted_shipments is filled from).
void add_view(const Engine& engine, const RegisterView& view, Shipment& shipment, ScreenOptions& options) {
  add_register_candidates(engine, view.candidates, shipment);
  shipment.counted_shipments = view.counted;
  options.explain_candidates = !view.candidates.empty();
}

}  // namespace

Status screen_with_register(const Engine& engine, const Register& register_, Shipment& shipment,
                            ScreenOptions options, Determination& answer) {
  auto view = register_.view(candidate_query(engine, shipment));
  if (!view) return view.error();
  add_view(engine, view.value(), shipment, options);
  engine.screen(shipment, options, answer);
  return Ok{};
}

Status screen_as_recorded(const Engine& engine, const Register& register_, int64_t decision_id, Shipment& shipment,
                          ScreenOptions options, Determination& answer) {
  auto view = register_.recorded_view(decision_id);
  if (!view) return view.error();
  if (view.value()) add_view(engine, *view.value(), shipment, options);
  engine.screen(shipment, options, answer);
  return Ok{};
}

Result<int64_t> screen_and_record(const Engine& engine, Register& register_, Shipment& shipment,
                                  const ScreenOptions& options, const std::string& request_json, Date today,
                                  Determination& answer, std::string& determination_json) {
  const Shipment original = shipment;
  return register_.record(
      candidate_query(engine, original), [&](const RegisterView& view) -> Result<RecordedScreening> {
        // Screened inside the write transaction: against the units left and the shipments
        // counted now, not when the caller first looked.
        shipment = original;
        ScreenOptions screening = options;
        add_view(engine, view, shipment, screening);
        engine.screen(shipment, screening, answer);
        determination_json.clear();
        engine.write_json(shipment, answer, {options.trace}, determination_json);
        NewDecision decision =
            decision_entry(engine, shipment, answer, options, request_json, determination_json, today);
        // What this screening read, so that a replay reads the same (audit.hpp, replay_decision).
        if (view.counted) {
          decision.counted.emplace();
          for (const CountedShipment& counted : *view.counted) decision.counted->push_back(counted.decision);
        }
        for (const RegisterRecord& candidate : view.candidates)
          decision.register_candidates.push_back({candidate.id, candidate.quantity_used, candidate.value_used});
        return RecordedScreening{std::move(decision), register_draws(shipment, answer)};
      });
}

}  // namespace exportctl
