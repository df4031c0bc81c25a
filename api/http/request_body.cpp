#include "request_body.hpp"

#include <algorithm>
#include <cctype>

namespace exportctl::http {

BodyOutcome read_body(const httplib::Request& request, const httplib::ContentReader& content, size_t limit,
                      size_t drain_limit, std::string& out) {
  if (!request.has_header("Content-Length") && !request.has_header("Transfer-Encoding")) return BodyOutcome::complete;
  // Past the drain limit cpp-httplib discards a declared body itself and reports a failed read.
  bool declared_too_large = request.get_header_value<uint64_t>("Content-Length") > limit;
  size_t received = 0;
  bool complete = content([&](const char* data, size_t length) {
    received += length;
    if (received > drain_limit) return false;
    if (received <= limit) out.append(data, length);
    return true;
  });
  if (received > limit || declared_too_large) {
    out.clear();
    return BodyOutcome::too_large;
  }
  return complete ? BodyOutcome::complete : BodyOutcome::cut_short;
}

bool has_media_type(const httplib::Request& request, std::initializer_list<std::string_view> accepted) {
  std::string type = request.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(accepted.begin(), accepted.end(), type) != accepted.end();
}

}  // namespace exportctl::http
