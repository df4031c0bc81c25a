// Rule loading and the first timeline against the number of versions of one rule: the shipped
// rules plus one generated notification rule of N versions (one day each, every fifth a
// correction of the one before, as tests/hardening/make_input.py writes them). Near-linear
// growth means the time per version (the "per_version" counter) stays flat from 1k to 20k.
//
//   build/bench/exportctl_rule_load_bench [--rules=DIR] [benchmark flags]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "rules/loader.hpp"
#include "rules/timeline.hpp"

namespace {

using namespace exportctl;

std::string g_rules = EXPORTCTL_SOURCE_RULES_DIR;

std::string day_text(Date date) { return to_string(date); }

SourceDocument versions_rule(int count) {
  std::string text = R"({"kind": "notification", "id": "synthetic.versions", "jurisdiction": "MY",
 "authority": "MY-MITI", "title": "synthetic", "versions": [)";
  Date day = Date{-7305};  // 1950-01-01
  for (int number = 1; number <= count; ++number) {
    bool correction = number % 5 == 0;
    if (!correction) day = day + 1;
    if (number > 1) text += ",";
    text += R"({"version": )" + std::to_string(number);
    if (correction) text += R"(, "supersedes": )" + std::to_string(number - 1);
    text += R"(, "status": "in_force", "confidence": "secondary", "citation": "synthetic",
 "source_url": "https://example.org/", "summary": "synthetic {leg}",
 "movements": ["export", "transit", "transshipment"], "at": ["MY"], "notice_days": 30, "valid_from": ")" +
            day_text(day) + R"(", "valid_to": ")" + day_text(day) + R"(", "known_from": ")" +
            day_text(correction ? day + 1 : day) + "\"}";
  }
  return {"synthetic/versions.json", text + "]}"};
}

std::vector<SourceDocument> documents_with(int count) {
  Result<std::vector<SourceDocument>> shipped = read_rule_directory(g_rules);
  if (!shipped.ok()) {
    std::cerr << shipped.error().message() << "\n";
    std::exit(1);
  }
  std::vector<SourceDocument> documents = std::move(shipped).value();
  documents.push_back(versions_rule(count));
  return documents;
}

std::shared_ptr<RuleSet> load_or_exit(std::vector<SourceDocument> documents) {
  Result<std::shared_ptr<RuleSet>> rules = load_rule_set(std::move(documents));
  if (!rules.ok()) {
    std::cerr << rules.error().message() << "\n";
    std::exit(1);
  }
  return std::move(rules).value();
}

void BM_load_versions(benchmark::State& state) {
  std::vector<SourceDocument> documents = documents_with(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(load_or_exit(documents));
  state.counters["per_version"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate |
                                                                  benchmark::Counter::kInvert);
}
BENCHMARK(BM_load_versions)->Arg(1000)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);

void BM_timeline_versions(benchmark::State& state) {
  std::shared_ptr<RuleSet> rules = load_or_exit(documents_with(static_cast<int>(state.range(0))));
  for (auto _ : state) benchmark::DoNotOptimize(build_timeline(*rules, kMaxDate));
  state.counters["per_version"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate |
                                                                  benchmark::Counter::kInvert);
}
BENCHMARK(BM_timeline_versions)->Arg(1000)->Arg(5000)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i)
    if (std::strncmp(argv[i], "--rules=", 8) == 0) g_rules = argv[i] + 8;
    else rest.push_back(argv[i]);
  int count = static_cast<int>(rest.size());
  benchmark::Initialize(&count, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
