// What the C handles hold, and the helpers the entry points share.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "boundary.hpp"
#include "exportctl.h"
#include "exportctl/engine.hpp"

struct exportctl_engine {
  exportctl::Engine engine;
};

namespace exportctl::c_api {

// Copies `text` into a malloc'd, NUL-terminated buffer for the caller (freed by exportctl_free).
// Throws std::bad_alloc when out of memory (the guard turns it into EXPORTCTL_NO_MEMORY).
char* copy_out(std::string_view text);

// Reads the optional "known_on" argument (nullopt for NULL): EXPORTCTL_BAD_INPUT when it is
// not a date.
exportctl_status read_known_on(const char* known_on, std::optional<Date>& out, exportctl_error** error);

// Reads `flags`: EXPORTCTL_INVALID_ARGUMENT for a bit outside `accepted`.
exportctl_status read_flags(unsigned flags, unsigned accepted, ScreenOptions& out, exportctl_error** error);

}  // namespace exportctl::c_api
