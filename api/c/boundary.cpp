#include "boundary.hpp"

namespace exportctl::c_api {
namespace {

// Allocated before anything can run out of memory; never freed.
exportctl_error kOutOfMemory{EXPORTCTL_NO_MEMORY, "out of memory", "", "", "out of memory", ""};

exportctl_status status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_input: return EXPORTCTL_BAD_INPUT;
    case ErrorCode::bad_rules: return EXPORTCTL_BAD_RULES;
    case ErrorCode::io: return EXPORTCTL_IO;
  }
  return EXPORTCTL_INTERNAL;
}

}  // namespace

exportctl_status out_of_memory(exportctl_error** error) noexcept {
  if (error) *error = &kOutOfMemory;
  return EXPORTCTL_NO_MEMORY;
}

exportctl_status fail(exportctl_error** error, exportctl_status code, std::string message) noexcept {
  if (!error) return code;
  try {
    std::string problem = message;
    *error = new exportctl_error{code, std::move(message), "", "", std::move(problem), ""};
    return code;
  } catch (...) {
    return out_of_memory(error);
  }
}

exportctl_status fail(exportctl_error** error, const Error& cause) noexcept {
  exportctl_status code = status_of(cause.code);
  if (!error) return code;
  try {
    *error = new exportctl_error{code, cause.message(), cause.source, cause.pointer, cause.problem, cause.context};
    return code;
  } catch (...) {
    return out_of_memory(error);
  }
}

}  // namespace exportctl::c_api

using exportctl::c_api::kOutOfMemory;

extern "C" {

exportctl_status exportctl_error_code(const exportctl_error* error) {
  return error ? error->code : EXPORTCTL_INVALID_ARGUMENT;
}

const char* exportctl_error_message(const exportctl_error* error) {
  return error ? error->message.c_str() : "";
}

const char* exportctl_error_source(const exportctl_error* error) { return error ? error->source.c_str() : ""; }
const char* exportctl_error_pointer(const exportctl_error* error) { return error ? error->pointer.c_str() : ""; }
const char* exportctl_error_problem(const exportctl_error* error) { return error ? error->problem.c_str() : ""; }
const char* exportctl_error_context(const exportctl_error* error) { return error ? error->context.c_str() : ""; }

void exportctl_error_free(exportctl_error* error) {
  if (error != &kOutOfMemory) delete error;
}

}  // extern "C"
