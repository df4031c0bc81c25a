// Errors on the wire: application/problem+json documents (RFC 9457). "detail" is the one-line
// message the command line prints for the same failure; "code" names the kind of failure
// (bad_input, bad_rules, io, or an HTTP-level one such as not_found, body_too_large), so a
// program can branch without reading the prose.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "exportctl/result.hpp"

namespace exportctl::http {

// Replaces the response with a problem document: "type" is "about:blank" and "title" the
// status's reason phrase (RFC 9457 4.2.1), "status", "detail" and "code" as above.
void send_problem(httplib::Response& response, int status, std::string_view code, std::string_view detail);
// The problem for an engine error: bad_input is the caller's fault (400); bad_rules and io are the
// service's (500). An error with a JSON pointer adds "pointer" (RFC 6901, "/" for the whole
// document) and "problem" (the message without source and pointer).
void send_error(httplib::Response& response, const Error& error);

}  // namespace exportctl::http
