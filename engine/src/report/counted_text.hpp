// The consignee's earlier shipments the store counted for LPP's annual limit, in words for the
// text and HTML answers (the JSON has them as "counted", schema/json/determination.schema.json).
#pragma once

#include <string>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"

namespace exportctl {

// "counted 2 earlier shipments to Example Cloud JSC in 2025: SO-1 (decision 1, 2025-03-02,
// TPP 1583200), SO-2 (decision 2, 2025-04-01, TPP unknown)". False (nothing appended) unless the
// requirement weighed the count (Requirement::counted) and a store counted the shipments.
bool append_counted_text(const Shipment& shipment, const Requirement& requirement, std::string& out);

}  // namespace exportctl
