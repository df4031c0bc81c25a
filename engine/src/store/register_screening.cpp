// Screening against the register, and recording with depletion: the one sequence every surface
// (check, store record, the scenario runner, HTTP) uses, so they cannot drift apart.
#include "exportctl/audit.hpp"
#include "exportctl/register.hpp"

namespace exportctl {

Status screen_with_register(const Engine& engine, const Register& register_, Shipment& shipment,
                            ScreenOptions options, Determination& answer) {
  auto candidates = register_.candidates(candidate_query(engine, shipment));
  if (!candidates) return candidates.error();
  add_register_candidates(engine, candidates.value(), shipment);
  options.explain_candidates = !candidates.value().empty();
  engine.screen(shipment, options, answer);
  return Ok{};
}

Result<int64_t> screen_and_record(const Engine& engine, Register& register_, Shipment& shipment,
                                  const ScreenOptions& options, const std::string& request_json, Date today,
                                  Determination& answer, std::string& determination_json) {
  const Shipment original = shipment;
  return register_.record(
      candidate_query(engine, original),
      [&](const std::vector<RegisterRecord>& candidates) -> Result<RecordedScreening> {
        // Screened inside the write transaction: against the units left now, not when the
        // caller first looked.
        shipment = original;
        add_register_candidates(engine, candidates, shipment);
        ScreenOptions screening = options;
        screening.explain_candidates = !candidates.empty();
        engine.screen(shipment, screening, answer);
        determination_json.clear();
        engine.write_json(shipment, answer, {options.trace}, determination_json);
        return RecordedScreening{
            decision_entry(engine, shipment, answer, options, request_json, determination_json, today),
            register_draws(shipment, answer)};
      });
}

}  // namespace exportctl
