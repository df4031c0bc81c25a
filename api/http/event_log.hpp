// The service's logs, one JSON object per line: the access log (one line per response) and the
// event log on standard error (start, reload, stop). Lines are written whole, one at a time.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace exportctl::http {

class LineLog {
 public:
  // "-": standard error; "off": nothing; else the file, appended to. False when it cannot be opened.
  bool open(const std::string& where);
  ~LineLog();
  bool enabled() const { return file_ != nullptr; }
  // Writes `json_object` and a newline.
  void write(std::string_view json_object);

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

// "2025-05-14T09:30:00.123Z", UTC.
std::string log_timestamp();

}  // namespace exportctl::http
