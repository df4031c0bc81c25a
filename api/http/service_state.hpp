// What every handler may reach: the configuration, the rules, the decision log, the counters
// and the event log. One instance lives as long as the service.
#pragma once

#include <memory>
#include <mutex>

#include "event_log.hpp"
#include "exportctl/store.hpp"
#include "metrics.hpp"
#include "rules_holder.hpp"
#include "service.hpp"

namespace exportctl::http {

// A Store is one SQLite connection for one thread at a time; requests take turns.
struct DecisionLog {
  std::mutex mutex;
  Store store;
};

struct ServiceState {
  ServiceConfig config;
  RulesHolder rules;
  std::unique_ptr<DecisionLog> decisions;  // null unless started with a decision log
  ServiceMetrics metrics;
  LineLog events;      // standard error
  LineLog access_log;  // config.access_log
};

}  // namespace exportctl::http
