// Every problem the shipment parser finds in a document, not only the first: what a form needs
// to put the parser's own message next to each field at fault.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "exportctl/result.hpp"
#include "io/shipment_parser.hpp"

namespace exportctl {

// Parses `json` with `parser`; on a problem, records it, sets the member at fault aside and
// parses the rest again, until the rest parses or `limit` problems are recorded. The listing
// stops, without reporting it, at a problem on the document as a whole or on an ancestor of a
// member set aside (setting it aside may be what caused it), and after a problem inside an
// array element's own position (setting an element aside would renumber the ones after it).
// Empty when the shipment parses.
std::vector<Error> list_shipment_problems(ShipmentParser& parser, std::string_view json, std::string_view source,
                                          size_t limit);

}  // namespace exportctl
