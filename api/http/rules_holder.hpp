// The rule set the service answers with, swapped whole on reload. A request takes the current
// engine once and keeps it to the end, so its answer, its headers and any log record all come
// from one rule set even when a reload lands in the middle.
#pragma once

#include <memory>
#include <mutex>

#include "exportctl/engine.hpp"
#include "service.hpp"

namespace exportctl::http {

class RulesHolder {
 public:
  RulesHolder(RulesLoader loader, Engine first)
      : loader_(std::move(loader)), current_(std::make_shared<const Engine>(std::move(first))) {}

  std::shared_ptr<const Engine> current() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  // Loads the rules again; on failure the current ones stay and the error is returned.
  Status reload() {
    auto loaded = loader_();
    if (!loaded) return loaded.error();
    auto next = std::make_shared<const Engine>(std::move(loaded).value());
    std::lock_guard lock(mutex_);
    current_ = std::move(next);
    return Ok{};
  }

 private:
  RulesLoader loader_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Engine> current_;
};

}  // namespace exportctl::http
