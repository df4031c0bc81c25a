// Reading a request body within a limit. cpp-httplib 0.11 cannot close a connection from a
// handler (a "Connection: close" response header is sent but not acted on), so a body over the
// limit is read to its end and discarded rather than left on the connection, where its bytes
// would be parsed as the next request. The same holds for a body an endpoint does not want.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace exportctl::http {

enum class BodyOutcome {
  complete,   // `out` holds the whole body
  too_large,  // more than `limit` bytes; what came was discarded
  cut_short,  // the connection ended or timed out before the body did
};

// Reads the body into `out`, keeping at most `limit` bytes, discarding the rest up to
// `drain_limit` bytes in all (beyond that the connection is given up). A request with neither
// Content-Length nor Transfer-Encoding has an empty body (RFC 9112 6.3); cpp-httplib would
// otherwise wait for the connection to close.
BodyOutcome read_body(const httplib::Request& request, const httplib::ContentReader& content, size_t limit,
                      size_t drain_limit, std::string& out);

// Whether the Content-Type's media type (without parameters such as charset, case-insensitive)
// is one of `accepted`.
bool has_media_type(const httplib::Request& request, std::initializer_list<std::string_view> accepted);

}  // namespace exportctl::http
