// Where C++ meets C: the error objects handed to C callers, and the guard every entry point runs
// its body in, so that no C++ exception ever crosses into C.
#pragma once

#include <new>
#include <stdexcept>
#include <string>

#include "exportctl.h"
#include "exportctl/result.hpp"

struct exportctl_error {
  exportctl_status code;
  std::string message;                        // rendered once, from the fields below
  std::string source, pointer, problem, context;  // exportctl::Error's fields; problem alone for the ABI's own errors
};

namespace exportctl::c_api {

// Hands an error to the caller when it asked for one (error != NULL) and returns its code. If
// the error object itself cannot be allocated, the caller gets a static out-of-memory error.
exportctl_status fail(exportctl_error** error, exportctl_status code, std::string message) noexcept;
exportctl_status fail(exportctl_error** error, const Error& cause) noexcept;
exportctl_status out_of_memory(exportctl_error** error) noexcept;

// Runs body() and returns its status; an exception becomes EXPORTCTL_NO_MEMORY or
// EXPORTCTL_INTERNAL with its message.
template <typename Body>
exportctl_status guarded(exportctl_error** error, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return out_of_memory(error);
  } catch (const std::exception& exception) {
    return fail(error, EXPORTCTL_INTERNAL, std::string("internal error: ") + exception.what());
  } catch (...) {
    return fail(error, EXPORTCTL_INTERNAL, "internal error: an exception of unknown type");
  }
}

}  // namespace exportctl::c_api
