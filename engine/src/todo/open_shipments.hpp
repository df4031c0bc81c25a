// The shipments of the decision log that have not left on a day, each as its latest record's
// answer says (never re-evaluated).
#pragma once

#include <cstdint>
#include <vector>

#include "exportctl/store.hpp"
#include "todo/worklist.hpp"

namespace exportctl::todo {

struct OpenShipments {
  int64_t decisions_read = 0;
  std::vector<OpenShipment> shipments;  // in decision id order
};

// The latest record per shipment id (a record without one stands for itself) whose ship date is
// `today` or later. io when the store cannot be read; bad_input naming the store and decision
// when a record's request or answer is not the JSON it should be.
Result<OpenShipments> read_open_shipments(const Store& store, Date today);

}  // namespace exportctl::todo
