// The service's logs, one JSON object per line: the access log (one line per response) and the
// event log on standard error (start, reload, stop). Each line is one write(2) to a descriptor
// opened for appending, so lines from many threads never interleave and no lock is shared
// between requests (a lock here halved the throughput under load, docs/http.md).
#pragma once

#include <string>
#include <string_view>

namespace exportctl::http {

class LineLog {
 public:
  LineLog() = default;
  LineLog(const LineLog&) = delete;
  LineLog& operator=(const LineLog&) = delete;
  ~LineLog();

  // "-": standard error; "off": nothing; else the file, created or appended to. False when it
  // cannot be opened.
  bool open(const std::string& where);
  bool enabled() const { return fd_ >= 0; }
  // Writes `json_object` and a newline.
  void write(std::string_view json_object) const;

 private:
  int fd_ = -1;
  bool owned_ = false;
};

// "2025-05-14T09:30:00.123Z", UTC.
std::string log_timestamp();

// Appends `text` as a JSON string: quoted, escaped, bytes that are not UTF-8 as U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace exportctl::http
