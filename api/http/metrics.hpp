// The service's counters, written as Prometheus text (GET /metrics): requests by route and
// status, a latency histogram by route, determinations by verdict, rule reloads, and the rules
// digest and versions being served. Counting is lock-free; any thread may count at any time.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/vocabulary.hpp"

namespace exportctl::http {

class ServiceMetrics {
 public:
  // `routes` are the label values of the routes ("/v1/check", "/v1/rules/{id}", ...); a request
  // that matches none is counted under route="unmatched".
  explicit ServiceMetrics(std::vector<std::string> routes);

  static constexpr size_t kUnmatched = static_cast<size_t>(-1);
  void count_request(size_t route, int status, std::chrono::nanoseconds duration);
  void count_verdict(Verdict verdict, uint64_t count = 1);
  void count_reload(bool ok);

  // The exposition text; `rules_digest` labels exportctl_rules_info.
  std::string render(std::string_view rules_digest) const;

 private:
  static constexpr std::array<int, 14> kStatuses = {200, 201, 400, 401, 404, 405, 408, 413, 414, 415, 417, 500, 503, 0};
  // Upper bounds in seconds; the last bucket is +Inf.
  static constexpr std::array<double, 14> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                       0.025,  0.05,    0.1,    0.25,  0.5,   1,     5};
  struct RouteCounters {
    std::array<std::atomic<uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};  // not cumulative
    std::atomic<uint64_t> nanoseconds{0};
  };
  std::vector<std::string> routes_;
  std::vector<RouteCounters> counters_;  // routes_, then unmatched
  std::array<std::atomic<uint64_t>, 4> verdicts_{};
  std::atomic<uint64_t> reloads_ok_{0}, reloads_failed_{0};
};

}  // namespace exportctl::http
