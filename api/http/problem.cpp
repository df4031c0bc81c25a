#include "problem.hpp"

#include <nlohmann/json.hpp>

namespace exportctl::http {
namespace {

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_input: return "bad_input";
    case ErrorCode::bad_rules: return "bad_rules";
    case ErrorCode::io: return "io";
  }
  return "io";
}

// RFC 9110's reason phrases for the statuses the service sends.
std::string_view reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
  }
  return status < 500 ? "Bad Request" : "Internal Server Error";
}

// The CLI prints errors on one line whatever the input held; the same text goes on the wire.
std::string one_line(std::string_view message) {
  std::string out;
  for (char c : message) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20) out += '?';
    else out += c;
  }
  return out;
}

nlohmann::json problem_document(int status, std::string_view code, std::string_view detail) {
  return {{"type", "about:blank"}, {"title", reason_phrase(status)}, {"status", status}, {"code", code},
          {"detail", one_line(detail)}};
}

void send_document(httplib::Response& response, int status, const nlohmann::json& problem) {
  response.status = status;
  // A detail may quote bytes from the request that are not UTF-8; they become U+FFFD.
  response.set_content(problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/problem+json");
}

}  // namespace

void send_problem(httplib::Response& response, int status, std::string_view code, std::string_view detail) {
  send_document(response, status, problem_document(status, code, detail));
}

void send_error(httplib::Response& response, const Error& error) {
  int status = error.code == ErrorCode::bad_input ? 400 : 500;
  nlohmann::json problem = problem_document(status, code_name(error.code), error.message());
  // Where in the request body the problem is, and the problem alone: what a form needs to put
  // the message by the field at fault without taking the detail apart.
  if (!error.pointer.empty()) {
    problem["pointer"] = error.pointer;
    problem["problem"] = one_line(error.problem);
  }
  send_document(response, status, problem);
}

}  // namespace exportctl::http
