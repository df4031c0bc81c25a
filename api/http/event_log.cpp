#include "event_log.hpp"

#include <chrono>
#include <ctime>

namespace exportctl::http {

bool LineLog::open(const std::string& where) {
  if (where == "off") return true;
  if (where == "-") {
    file_ = stderr;
    return true;
  }
  file_ = std::fopen(where.c_str(), "a");
  owned_ = file_ != nullptr;
  return file_ != nullptr;
}

LineLog::~LineLog() {
  if (owned_) std::fclose(file_);
}

void LineLog::write(std::string_view json_object) {
  if (!file_) return;
  std::lock_guard lock(mutex_);
  std::fwrite(json_object.data(), 1, json_object.size(), file_);
  std::fputc('\n', file_);
  std::fflush(file_);
}

std::string log_timestamp() {
  auto now = std::chrono::system_clock::now();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis % 1000));
  return text;
}

}  // namespace exportctl::http
