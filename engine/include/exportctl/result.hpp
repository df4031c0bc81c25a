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

// What went wrong and where, as fields: a surface that needs the location (HTTP problem+json,
// the C ABI, the CSV reader pointing a problem back at its row and column) reads the fields;
// a person reads message(). Nobody parses a message back into fields.
struct Error {
  ErrorCode code;
  // The file or stream: "rules/us/3a090.json", "<stdin>", "in.jsonl:12", a database file; may be empty.
  std::string source;
  // RFC 6901 JSON pointer of the offending value, "/items/0/model"; empty when none. The whole
  // document is "/", as messages have always shown it (RFC 6901 would write ""), so that empty
  // can mean "no JSON location".
  std::string pointer;
  // What is wrong, one sentence, without the location.
  std::string problem;
  // Optional: the rule or group the problem is in ("rule us.ear.742.6.license").
  std::string context;

  // The parts that are given, joined with colons, the context in parentheses:
  // "rules/us/3a090.json: /versions/2/valid_from: dates must increase (rule us.ear.3a090)".
  std::string message() const;
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

// An error with no JSON location and no context: "SOURCE: PROBLEM".
inline Error make_error(ErrorCode code, std::string source, std::string problem) {
  return Error{code, std::move(source), {}, std::move(problem), {}};
}

}  // namespace exportctl
