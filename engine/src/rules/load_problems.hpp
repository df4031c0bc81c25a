// The problems found while loading rule data. The loader records a problem and goes on with the
// next document, entry or version, so that `exportctl rules validate` can list everything wrong
// in one run; the first problem recorded is the one a plain load reports.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "common/strict_json.hpp"
#include "exportctl/result.hpp"

namespace exportctl {

class LoadProblems {
 public:
  // Thrown by add() when the list is full: the loader stops there.
  struct Full {};

  explicit LoadProblems(size_t limit) : limit_(limit) {}

  // Records a problem. Past the limit, records a last one saying that more were left out and
  // throws Full.
  void add(Error error) {
    if (list_.size() == limit_) {
      list_.push_back(make_error(ErrorCode::bad_rules, error.source,
                                 "more problems follow; only the first " + std::to_string(limit_) + " are listed"));
      throw Full{};
    }
    list_.push_back(std::move(error));
  }

  // Runs `step`; a LoadError it throws becomes a problem. True when the step succeeded.
  template <typename Step>
  bool attempt(Step&& step) {
    try {
      step();
      return true;
    } catch (LoadError& failure) {
      add(std::move(failure.error));
      return false;
    }
  }

  bool empty() const { return list_.empty(); }
  std::vector<Error>& list() { return list_; }

 private:
  size_t limit_;
  std::vector<Error> list_;
};

}  // namespace exportctl
