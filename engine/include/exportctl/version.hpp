// Versions on the wire: the engine's release and the version of the JSON contract it speaks.
#pragma once

#include <string_view>

namespace exportctl {

// The CMake project version of the library that was built.
inline constexpr std::string_view kEngineVersion = EXPORTCTL_VERSION;
// The contract of schema/json/: the major number changes only if a field integrators read
// changes meaning or goes away; a minor number adds fields or values.
inline constexpr std::string_view kContractVersion = "1.1";

}  // namespace exportctl
