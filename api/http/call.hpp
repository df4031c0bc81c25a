// One request being answered, as a handler sees it, and the few things every handler does with
// it. A handler reads the request, calls the engine library, and writes either a JSON answer or
// a problem document; it never throws.
#pragma once

#include <httplib.h>

#include <chrono>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/engine.hpp"
#include "service_state.hpp"

namespace exportctl::http {

struct Call {
  const httplib::Request& request;
  httplib::Response& response;
  const httplib::ContentReader* content;         // the body, on POST routes
  const std::vector<std::string>& path_values;   // the {name} segments of the route, in order
  ServiceState& service;
  std::shared_ptr<const Engine> engine;          // the rules of this call, fixed for its duration
  std::chrono::steady_clock::time_point started;  // when its head had been read
  // Whether the body has been read (or drained). One left on the connection would be parsed
  // as the head of the next request, so the dispatcher drains it after a handler that answered
  // without reading it (an early refusal).
  bool body_read = false;
};

// Reads the whole body into `out` if its Content-Type is one of `media_types` and it is at most
// `limit` bytes; otherwise answers 415, 413, 408 or 400 and returns false.
bool receive_body(Call& call, std::initializer_list<std::string_view> media_types, size_t limit, std::string& out);
// Answers 400 and returns false if the request has a body (the endpoint takes none).
bool refuse_body(Call& call);
// Reads and drops whatever body the request has, before an answer that does not depend on it.
void discard_body(Call& call);
// Sets a 200 (or `status`) answer of `content_type`.
void send_json(Call& call, std::string body, int status = 200, const char* content_type = "application/json");
// Today in UTC: the default date of classify and rules, and the knowledge date a record keeps.
Date today_utc();

}  // namespace exportctl::http
