// Versions on the wire: the engine's release and the version of the JSON contract it speaks.
#pragma once

#include <string_view>

namespace exportctl {

// The release of the library. The top-level CMakeLists.txt reads the project version from this
// line, so a release is bumped here and nowhere else.
inline constexpr std::string_view kEngineVersion = "0.2.0";
// The contract of schema/json/: the major number changes only if a field integrators read
// changes meaning or goes away; a minor number adds fields or values.
inline constexpr std::string_view kContractVersion = "1.1";

}  // namespace exportctl
