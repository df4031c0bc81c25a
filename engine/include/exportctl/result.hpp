// Errors are values: every fallible call returns Result<T> instead of throwing.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace exportctl {

enum class ErrorCode {
  bad_input,   // a shipment or command-line value is malformed or unknown
  bad_rules,   // rule data fails to parse or validate
  io,          // a file or database could not be read or written
};

// message names the file, the JSON location and what is wrong, joined with colons:
// "rules/us/3a090.json: /versions/2/valid_from: dates must increase".
struct Error {
  ErrorCode code;
  std::string message;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Ok {};
using Status = Result<Ok>;

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace exportctl
