// Checks that every position a Determination keeps names an entry of its Shipment (the class of
// fault issue 14 found: an index that wrapped and named another stop or license). Shared by the
// fuzz targets that screen.
#pragma once

#include <string>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "fuzz_support.hpp"

namespace fuzz {

inline void check_within(long long index, size_t size, bool none_allowed, const char* what) {
  if (index == -1 && none_allowed) return;
  if (index < 0 || static_cast<size_t>(index) >= size)
    fail(std::string(what) + " " + std::to_string(index) + " outside 0.." + std::to_string(size));
}

inline void check_answer(const exportctl::Shipment& shipment, const exportctl::Determination& answer) {
  const size_t movements = answer.movements.size();
  if (answer.items.size() != shipment.items.size()) fail("one classification per item");
  for (const exportctl::Movement& movement : answer.movements) {
    check_within(movement.stop, shipment.via.size(), true, "movement stop");
    if (movement.stop >= 0 && movement.at != shipment.via[static_cast<size_t>(movement.stop)].country)
      fail("a movement's stop index names a stop in another country");
  }
  for (const exportctl::Requirement& requirement : answer.requirements) {
    check_within(requirement.movement, movements, false, "requirement movement");
    check_within(requirement.authorization, shipment.authorizations.size(), true, "requirement authorization");
    check_within(requirement.notice, shipment.notices.size(), true, "requirement notice");
    if (requirement.items_begin > requirement.items_end || requirement.items_end > answer.item_indexes.size())
      fail("requirement item range outside item_indexes");
    if (!requirement.rule) fail("a requirement without its rule");
  }
  for (exportctl::Index item : answer.item_indexes) check_within(item, shipment.items.size(), false, "item index");
  for (const exportctl::Warning& warning : answer.warnings) {
    check_within(warning.item, shipment.items.size(), true, "warning item");
    check_within(warning.movement, movements == 0 ? 1 : movements, false, "warning movement");
  }
  for (const exportctl::TraceEntry& entry : answer.trace) {
    check_within(entry.movement, movements, true, "trace movement");
    check_within(entry.item, shipment.items.size(), true, "trace item");
  }
}

}  // namespace fuzz
