// Every problem the shipment parser finds in a document, not only the first: what a form needs
// to put the parser's own message next to each field at fault.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "exportctl/result.hpp"
#include "io/shipment_parser.hpp"

namespace exportctl {

// Parses `json` with `parser`; on a problem, records it, sets the member or array element at
// fault aside and parses the rest again, until the rest parses or `limit` problems are recorded.
// A problem on an ancestor of something set aside (a required key now missing, an array now
// empty) may be the setting aside's doing: it is not recorded, and the ancestor is set aside in
// turn. The listing ends at a problem on the document as a whole. Problems come in the order
// the parser meets them (the document's order), with pointers into `json` as given, even after
// an array element before them was set aside. Empty when the shipment parses.
std::vector<Error> list_shipment_problems(ShipmentParser& parser, std::string_view json, std::string_view source,
                                          size_t limit);

}  // namespace exportctl
