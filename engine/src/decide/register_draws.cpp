// What a screened shipment draws from the register entries that satisfy it: pure, so that the
// recording transaction appends exactly what the core decided.
#include <cmath>

#include "decide/screen.hpp"
#include "exportctl/register.hpp"

namespace exportctl {

std::vector<RegisterDraw> register_draws(const Shipment& shipment, const Determination& answer) {
  std::vector<RegisterDraw> draws;
  std::vector<bool> counted(shipment.authorizations.size(), false);
  for (const Requirement& requirement : answer.requirements) {
    if (requirement.status != RequirementStatus::satisfied || requirement.authorization < 0) continue;
    size_t index = static_cast<size_t>(requirement.authorization);
    const Authorization& authorization = shipment.authorizations[index];
    if (authorization.register_id == 0 || counted[index]) continue;
    counted[index] = true;
    Draw draw = draw_of(authorization, shipment);
    RegisterDraw out{authorization.register_id, draw.quantity, std::nullopt};
    if (!std::isnan(draw.value)) out.value_usd = draw.value;
    draws.push_back(out);
  }
  return draws;
}

}  // namespace exportctl
