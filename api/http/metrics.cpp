#include "metrics.hpp"

#include <cstdio>

#include "exportctl/version.hpp"

namespace exportctl::http {

ServiceMetrics::ServiceMetrics(std::vector<std::string> routes) : routes_(std::move(routes)), counters_(routes_.size() + 1) {}

void ServiceMetrics::count_request(size_t route, int status, std::chrono::nanoseconds duration) {
  RouteCounters& counters = counters_[route < routes_.size() ? route : routes_.size()];
  size_t status_index = kStatuses.size() - 1;  // 0: any other status
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i)
    if (kStatuses[i] == status) status_index = i;
  counters.by_status[status_index].fetch_add(1, std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(duration).count();
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  counters.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  counters.nanoseconds.fetch_add(static_cast<uint64_t>(duration.count()), std::memory_order_relaxed);
}

void ServiceMetrics::count_verdict(Verdict verdict, uint64_t count) {
  verdicts_[static_cast<size_t>(verdict)].fetch_add(count, std::memory_order_relaxed);
}

void ServiceMetrics::count_reload(bool ok) { (ok ? reloads_ok_ : reloads_failed_).fetch_add(1, std::memory_order_relaxed); }

std::string ServiceMetrics::render(std::string_view rules_digest) const {
  std::string out;
  char line[256];
  auto route_name = [&](size_t i) { return i < routes_.size() ? routes_[i] : std::string("unmatched"); };

  out += "# HELP exportctl_http_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE exportctl_http_requests_total counter\n";
  for (size_t route = 0; route < counters_.size(); ++route)
    for (size_t i = 0; i < kStatuses.size(); ++i) {
      uint64_t count = counters_[route].by_status[i].load(std::memory_order_relaxed);
      if (count == 0) continue;
      std::string status = kStatuses[i] ? std::to_string(kStatuses[i]) : "other";
      std::snprintf(line, sizeof line, "exportctl_http_requests_total{route=\"%s\",status=\"%s\"} %llu\n",
                    route_name(route).c_str(), status.c_str(), static_cast<unsigned long long>(count));
      out += line;
    }

  out += "# HELP exportctl_http_request_duration_seconds Time from a request's head to its answer, by route.\n"
         "# TYPE exportctl_http_request_duration_seconds histogram\n";
  for (size_t route = 0; route < counters_.size(); ++route) {
    const RouteCounters& counters = counters_[route];
    uint64_t total = 0;
    for (const auto& bucket : counters.buckets) total += bucket.load(std::memory_order_relaxed);
    if (total == 0) continue;  // a route never asked for has no series
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += counters.buckets[i].load(std::memory_order_relaxed);
      std::string bound = "+Inf";
      if (i < kBuckets.size()) {
        std::snprintf(line, sizeof line, "%g", kBuckets[i]);
        bound = line;
      }
      std::snprintf(line, sizeof line, "exportctl_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %llu\n",
                    route_name(route).c_str(), bound.c_str(), static_cast<unsigned long long>(cumulative));
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "exportctl_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "exportctl_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  route_name(route).c_str(), static_cast<double>(counters.nanoseconds.load(std::memory_order_relaxed)) / 1e9,
                  route_name(route).c_str(), static_cast<unsigned long long>(cumulative));
    out += line;
  }

  out += "# HELP exportctl_determinations_total Shipments screened (check and batch), by verdict.\n"
         "# TYPE exportctl_determinations_total counter\n";
  for (Verdict verdict : {Verdict::cleared, Verdict::action_required, Verdict::prohibited, Verdict::indeterminate}) {
    std::snprintf(line, sizeof line, "exportctl_determinations_total{verdict=\"%s\"} %llu\n",
                  std::string(name(verdict)).c_str(),
                  static_cast<unsigned long long>(verdicts_[static_cast<size_t>(verdict)].load(std::memory_order_relaxed)));
    out += line;
  }

  out += "# HELP exportctl_rules_reloads_total Rule reloads on SIGHUP, by result (a failed one keeps the old rules).\n"
         "# TYPE exportctl_rules_reloads_total counter\n";
  out += "exportctl_rules_reloads_total{result=\"ok\"} " + std::to_string(reloads_ok_.load()) + "\n";
  out += "exportctl_rules_reloads_total{result=\"failed\"} " + std::to_string(reloads_failed_.load()) + "\n";

  out += "# HELP exportctl_rules_info The rule set being served and the versions of the engine and contract.\n"
         "# TYPE exportctl_rules_info gauge\n";
  out += "exportctl_rules_info{digest=\"" + std::string(rules_digest) + "\",engine_version=\"" +
         std::string(kEngineVersion) + "\",contract_version=\"" + std::string(kContractVersion) + "\"} 1\n";
  return out;
}

}  // namespace exportctl::http
