// Parses the shipment JSON of contract.md straight into a Shipment, with no JSON tree: the same
// strict parser serves `check`, `batch` and every other surface, so answers cannot drift.
#pragma once

#include <memory>
#include <string_view>

#include "exportctl/result.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

class ShipmentParser {
 public:
  explicit ShipmentParser(const RuleSet& rules);
  ~ShipmentParser();
  // Errors are bad_input with the source, the JSON pointer ("/" for the document as a whole)
  // and the problem: their message reads "SOURCE: /json/pointer: what is wrong".
  Status parse(std::string_view json, std::string_view source, Shipment& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace exportctl
