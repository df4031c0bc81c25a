#include "report/counted_text.hpp"

#include <charconv>
#include <cmath>

namespace exportctl {

bool append_counted_text(const Shipment& shipment, const Requirement& requirement, std::string& out) {
  if (!requirement.counted || !shipment.counted_shipments) return false;
  const std::vector<CountedShipment>& counted = *shipment.counted_shipments;
  std::string consignee = "the ultimate consignee";
  for (const Party& party : shipment.parties)
    if (party.role == PartyRole::ultimate_consignee) {
      consignee = party.name;
      break;
    }
  out += "counted " + std::to_string(counted.size()) + (counted.size() == 1 ? " earlier shipment" : " earlier shipments") +
         " to " + consignee + " in " + to_string(shipment.ship_date).substr(0, 4);
  for (size_t i = 0; i < counted.size(); ++i) {
    const CountedShipment& earlier = counted[i];
    out += i ? ", " : ": ";
    out += (earlier.shipment_id.empty() ? std::string("(no id)") : earlier.shipment_id) + " (decision " +
           std::to_string(earlier.decision) + ", " + to_string(earlier.ship_date) + ", TPP ";
    if (std::isnan(earlier.tpp)) {
      out += "unknown";
    } else {
      char buffer[32];
      auto result = std::to_chars(buffer, buffer + sizeof buffer, earlier.tpp);
      out.append(buffer, result.ptr);
    }
    out += ')';
  }
  return true;
}

}  // namespace exportctl
