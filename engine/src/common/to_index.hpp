// Narrows a position to Index (determination.hpp) only through a check. The parser's limits
// (limits.hpp) keep every list far shorter than Index can count, so the check never fires on any
// input; if a future change broke that, the engine stops rather than point at another entry.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <limits>

#include "exportctl/determination.hpp"

namespace exportctl {

inline Index to_index(size_t position) {
  if (position > static_cast<size_t>(std::numeric_limits<Index>::max())) {
    std::fputs("exportctl: internal error: a list position does not fit its index type\n", stderr);
    std::abort();
  }
  return static_cast<Index>(position);
}

}  // namespace exportctl
