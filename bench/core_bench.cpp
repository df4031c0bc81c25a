// The in-memory core, one piece at a time, on the generated workload (bench/gen_shipments.py):
// parse (simdjson On-Demand into a reused Shipment), classify (item facts + US classification
// of the ship date), screen with and without trace, write_json, and the three together as
// `exportctl batch` runs them on each worker thread. Every loop reuses its Shipment,
// Determination and output string, as batch does. Items per second are shipments per second
// on one core (items for classify).
//
//   build/bench/exportctl_bench [--shipments=FILE] [--rules=DIR] [benchmark flags]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "classify/classify.hpp"
#include "engine_state.hpp"
#include "exportctl/engine.hpp"
#include "rules/timeline.hpp"

namespace {

using namespace exportctl;

std::string g_shipments_path = EXPORTCTL_BENCH_SHIPMENTS;
std::string g_rules_path = EXPORTCTL_SOURCE_RULES_DIR;

struct Workload {
  Engine engine;
  std::vector<std::string> lines;
  std::vector<Shipment> shipments;
  std::vector<Determination> answers;
  std::vector<Determination> traced;
};

Workload load() {
  auto engine = Engine::load_directory(g_rules_path);
  if (!engine) {
    std::cerr << engine.error().message() << "\n";
    std::exit(1);
  }
  Workload w{std::move(engine).value(), {}, {}, {}, {}};
  std::ifstream in(g_shipments_path);
  if (!in) {
    std::cerr << g_shipments_path << ": cannot open (generate it: python3 bench/gen_shipments.py 20000 --out FILE)\n";
    std::exit(1);
  }
  // A line the contract refuses (the peers' workload has some: an interconnect of 0) is left
  // out, as batch answers it with an error record; how many is said, so no figure hides it.
  size_t refused = 0;
  std::string first_refusal;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    Shipment shipment;
    if (auto parsed = w.engine.parse_shipment(line, "bench", shipment); !parsed) {
      if (refused++ == 0) first_refusal = parsed.error().message();
      continue;
    }
    w.lines.push_back(std::move(line));
    w.shipments.push_back(std::move(shipment));
  }
  if (refused)
    std::cerr << "workload: " << refused << " lines refused by the contract and left out (first: " << first_refusal
              << ")\n";
  w.answers.resize(w.lines.size());
  w.traced.resize(w.lines.size());
  for (size_t i = 0; i < w.lines.size(); ++i) {
    w.engine.screen(w.shipments[i], {}, w.answers[i]);
    ScreenOptions trace;
    trace.trace = true;
    w.engine.screen(w.shipments[i], trace, w.traced[i]);
  }
  return w;
}

const Workload& workload() {
  static const Workload w = load();
  return w;
}

// The argument is the working set: how many distinct parsed shipments the loop cycles through.
// In a batch each shipment is screened right after it was parsed, so it is in the cache: 256
// models that; the whole workload (20,000 shipments, some 30 MB of scattered Shipment objects)
// adds the cache misses of data that is not.
size_t working_set(const benchmark::State& state, size_t size) {
  return std::min(size, static_cast<size_t>(state.range(0)));
}

void BM_parse(benchmark::State& state) {
  const Workload& w = workload();
  Shipment shipment;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& line = w.lines[i];
    bytes += line.size();
    Status parsed = w.engine.parse_shipment(line, "bench", shipment);
    benchmark::DoNotOptimize(parsed);
    if (++i == w.lines.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_parse);

void BM_classify(benchmark::State& state) {
  const Workload& w = workload();
  const RuleSet& rules = exportctl::rules_of(w.engine);
  std::vector<ModelId> models;
  const size_t n = working_set(state, w.shipments.size());
  size_t i = 0;
  int64_t items = 0;
  for (auto _ : state) {
    const Shipment& shipment = w.shipments[i];
    const Snapshot& snapshot = *rules.timeline(shipment.known_on).at(shipment.ship_date);
    for (const Item& item : shipment.items) {
      models.clear();
      ItemFacts facts = gather_item_facts(rules, item, shipment.origin, models);
      ItemClassification result = classify(rules, snapshot, Jurisdiction::US, item, facts);
      benchmark::DoNotOptimize(result);
    }
    items += static_cast<int64_t>(shipment.items.size());
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(items);
}
BENCHMARK(BM_classify)->Arg(256)->Arg(20000);

void screen_loop(benchmark::State& state, bool trace) {
  const Workload& w = workload();
  ScreenOptions options;
  options.trace = trace;
  Determination answer;
  const size_t n = working_set(state, w.shipments.size());
  size_t i = 0;
  for (auto _ : state) {
    w.engine.screen(w.shipments[i], options, answer);
    benchmark::DoNotOptimize(answer.verdict);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
void BM_screen(benchmark::State& state) { screen_loop(state, false); }
void BM_screen_trace(benchmark::State& state) { screen_loop(state, true); }
BENCHMARK(BM_screen)->Arg(256)->Arg(20000);
BENCHMARK(BM_screen_trace)->Arg(256)->Arg(20000);

void write_loop(benchmark::State& state, bool trace) {
  const Workload& w = workload();
  std::string out;
  const size_t n = working_set(state, w.shipments.size());
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    out.clear();
    w.engine.write_json(w.shipments[i], trace ? w.traced[i] : w.answers[i], {trace}, out);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
void BM_write_json(benchmark::State& state) { write_loop(state, false); }
void BM_write_json_trace(benchmark::State& state) { write_loop(state, true); }
BENCHMARK(BM_write_json)->Arg(256)->Arg(20000);
BENCHMARK(BM_write_json_trace)->Arg(256)->Arg(20000);

// What one batch worker does per shipment.
void BM_parse_screen_write(benchmark::State& state) {
  const Workload& w = workload();
  Shipment shipment;
  Determination answer;
  std::string out;
  size_t i = 0;
  for (auto _ : state) {
    (void)w.engine.parse_shipment(w.lines[i], "bench", shipment);
    w.engine.screen(shipment, {}, answer);
    out.clear();
    w.engine.write_json(shipment, answer, {}, out);
    benchmark::DoNotOptimize(out.data());
    if (++i == w.lines.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_parse_screen_write);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--shipments=", 12) == 0) g_shipments_path = argv[i] + 12;
    else if (std::strncmp(argv[i], "--rules=", 8) == 0) g_rules_path = argv[i] + 8;
    else rest.push_back(argv[i]);
  }
  int count = static_cast<int>(rest.size());
  benchmark::Initialize(&count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(count, rest.data())) return 2;
  const size_t shipments = workload().lines.size();  // loaded first: loading may say what it left out
  std::cerr << "workload: " << shipments << " shipments from " << g_shipments_path << "\n";
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
