// Screening and classification: each entry point parses its arguments, makes the calls
// `exportctl check`, `batch` and `classify` make, and copies the rendered answer out.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <utility>

#include "exportctl/batch.hpp"
#include "handles.hpp"

namespace exportctl::c_api {
namespace {

constexpr unsigned kScreenFlags = EXPORTCTL_TRACE | EXPORTCTL_INCLUDE_PROPOSED;

// One per thread, reused from call to call: a check then allocates little beyond its answer.
struct Scratch {
  Shipment shipment;
  Determination answer;
  std::string rendered;
};

Scratch& scratch() {
  thread_local Scratch per_thread;
  return per_thread;
}

enum class Rendering { json, text };

// The answers of a batch, written straight into the buffer handed to the caller. realloc of a
// large block remaps its pages instead of copying them, so a batch of any size is written once.
struct MallocBuffer {
  char* data = nullptr;
  size_t size = 0;
  size_t capacity = 0;
  bool out_of_memory = false;

  // Appends, keeping room for the final NUL; false (and out_of_memory) when realloc fails.
  bool append(std::string_view bytes) {
    if (size + bytes.size() + 1 > capacity) {
      size_t wanted = std::max({2 * capacity, size + bytes.size() + 1, size_t{64 * 1024}});
      char* grown = static_cast<char*>(std::realloc(data, wanted));
      if (!grown) {
        out_of_memory = true;
        return false;
      }
      data = grown;
      capacity = wanted;
    }
    // memcpy with a null source is undefined even for 0 bytes (release() appends an empty view).
    if (!bytes.empty()) std::memcpy(data + size, bytes.data(), bytes.size());
    size += bytes.size();
    return true;
  }
  // The NUL-terminated text, now the caller's (exportctl_free).
  char* release() {
    if (!data && !append({})) throw std::bad_alloc();
    data[size] = '\0';
    return std::exchange(data, nullptr);
  }
  ~MallocBuffer() { std::free(data); }
};

exportctl_status check(const exportctl_engine* engine, const char* shipment, size_t shipment_length,
                       const char* known_on, unsigned flags, Rendering rendering, char** out, size_t* out_length,
                       exportctl_verdict* verdict, exportctl_error** error) {
  if (!engine || (!shipment && shipment_length > 0) || !out || !out_length)
    return fail(error, EXPORTCTL_INVALID_ARGUMENT, "engine, shipment, and the answer and its length must not be NULL");
  ScreenOptions options;
  unsigned accepted = rendering == Rendering::json ? kScreenFlags : EXPORTCTL_INCLUDE_PROPOSED;
  if (exportctl_status status = read_flags(flags, accepted, options, error); status != EXPORTCTL_OK) return status;
  if (exportctl_status status = read_known_on(known_on, options.known_on, error); status != EXPORTCTL_OK) return status;
  Scratch& work = scratch();
  Status parsed = engine->engine.parse_shipment(std::string_view(shipment ? shipment : "", shipment_length),
                                                "<shipment>", work.shipment);
  if (!parsed) return fail(error, parsed.error());
  engine->engine.screen(work.shipment, options, work.answer);
  work.rendered.clear();
  if (rendering == Rendering::json) engine->engine.write_json(work.shipment, work.answer, {options.trace}, work.rendered);
  else {
    // As the command line does: deadlines counted from today, in UTC.
    ReportOptions report;
    report.today = Date{static_cast<int32_t>(std::time(nullptr) / 86400)};
    engine->engine.write_text(work.shipment, work.answer, work.rendered, report);
  }
  *out = copy_out(work.rendered);
  *out_length = work.rendered.size();
  if (verdict) *verdict = static_cast<exportctl_verdict>(work.answer.verdict);
  return EXPORTCTL_OK;
}

// A figure of exportctl_metrics: NaN (not given) or a finite number not below zero.
exportctl_status read_figure(double figure, const char* name, double& out, exportctl_error** error) {
  if (std::isnan(figure)) return EXPORTCTL_OK;
  if (!std::isfinite(figure) || figure < 0)
    return fail(error, EXPORTCTL_BAD_INPUT, std::string("metrics.") + name + ": must be a finite number, not negative");
  out = figure;
  return EXPORTCTL_OK;
}

exportctl_status read_metrics(const exportctl_metrics& given, Metrics& out, exportctl_error** error) {
  const struct {
    double given;
    const char* name;
    double* target;
  } figures[] = {
      {given.tpp, "tpp", &out.tpp},
      {given.performance_density, "performance_density", &out.performance_density},
      {given.die_area_mm2, "die_area_mm2", &out.die_area_mm2},
      {given.dense_tops, "dense_tops", &out.dense_tops},
      {given.bit_length, "bit_length", &out.bit_length},
      {given.interconnect_gbps, "interconnect_gbps", &out.interconnect_gbps},
      {given.memory_bandwidth_gbps, "memory_bandwidth_gbps", &out.memory_bandwidth_gbps},
      {given.memory_bandwidth_density, "memory_bandwidth_density", &out.memory_bandwidth_density},
  };
  for (const auto& figure : figures)
    if (exportctl_status status = read_figure(figure.given, figure.name, *figure.target, error); status != EXPORTCTL_OK)
      return status;
  switch (given.datacenter) {
    case -1: out.datacenter = Tri::unknown; return EXPORTCTL_OK;
    case 0: out.datacenter = Tri::no; return EXPORTCTL_OK;
    case 1: out.datacenter = Tri::yes; return EXPORTCTL_OK;
  }
  return fail(error, EXPORTCTL_BAD_INPUT,
              "metrics.datacenter: must be 1, 0 or -1 (not known), not " + std::to_string(given.datacenter));
}

}  // namespace
}  // namespace exportctl::c_api

using namespace exportctl;
using namespace exportctl::c_api;

extern "C" {

exportctl_status exportctl_check(const exportctl_engine* engine, const char* shipment, size_t shipment_length,
                                 const char* known_on, unsigned flags, char** determination,
                                 size_t* determination_length, exportctl_verdict* verdict, exportctl_error** error) {
  return guarded(error, [&] {
    return check(engine, shipment, shipment_length, known_on, flags, Rendering::json, determination,
                 determination_length, verdict, error);
  });
}

exportctl_status exportctl_check_text(const exportctl_engine* engine, const char* shipment, size_t shipment_length,
                                      const char* known_on, unsigned flags, char** report, size_t* report_length,
                                      exportctl_verdict* verdict, exportctl_error** error) {
  return guarded(error, [&] {
    return check(engine, shipment, shipment_length, known_on, flags, Rendering::text, report, report_length, verdict,
                 error);
  });
}

exportctl_status exportctl_batch(const exportctl_engine* engine, const char* jsonl, size_t length,
                                 const char* known_on, unsigned flags, unsigned threads, const char* source,
                                 uint64_t first_line, char** answers, size_t* answers_length,
                                 exportctl_batch_summary* summary, exportctl_error** error) {
  return guarded(error, [&] {
    if (!engine || (!jsonl && length > 0) || !answers || !answers_length)
      return fail(error, EXPORTCTL_INVALID_ARGUMENT, "engine, jsonl, and the answers and their length must not be NULL");
    if (first_line < 1) return fail(error, EXPORTCTL_INVALID_ARGUMENT, "first_line: lines are numbered from 1");
    BatchOptions options;
    if (exportctl_status status = read_flags(flags, kScreenFlags, options.screen, error); status != EXPORTCTL_OK)
      return status;
    if (exportctl_status status = read_known_on(known_on, options.screen.known_on, error); status != EXPORTCTL_OK)
      return status;
    options.input = BatchInput::jsonl;
    options.output = BatchOutput::jsonl;
    options.threads = threads;
    options.source = source ? source : "<batch>";
    options.first_line = first_line;

    std::string_view input(jsonl ? jsonl : "", length);
    MallocBuffer output;
    BatchReader read = [&](char* buffer, size_t capacity) -> Result<size_t> {
      size_t count = std::min(capacity, input.size());
      std::memcpy(buffer, input.data(), count);
      input.remove_prefix(count);
      return count;
    };
    BatchWriter write = [&](std::string_view bytes) -> Status {
      if (output.append(bytes)) return Ok{};
      return make_error(ErrorCode::io, "", "out of memory");
    };
    Result<BatchSummary> done = screen_batch(engine->engine, read, write, options);
    if (output.out_of_memory) return out_of_memory(error);
    if (!done) return fail(error, done.error());
    *answers_length = output.size;
    *answers = output.release();
    if (summary) {
      summary->shipments = done.value().shipments;
      summary->errors = done.value().errors;
      for (size_t verdict = 0; verdict < 4; ++verdict) summary->verdicts[verdict] = done.value().verdicts[verdict];
    }
    return EXPORTCTL_OK;
  });
}

void exportctl_metrics_init(exportctl_metrics* metrics) {
  if (!metrics) return;
  metrics->tpp = metrics->performance_density = metrics->die_area_mm2 = metrics->dense_tops = NAN;
  metrics->bit_length = metrics->interconnect_gbps = metrics->memory_bandwidth_gbps = NAN;
  metrics->memory_bandwidth_density = NAN;
  metrics->datacenter = -1;
}

exportctl_status exportctl_classify(const exportctl_engine* engine, const char* model, const exportctl_metrics* metrics,
                                    const char* date, const char* known_on, char** classification,
                                    size_t* classification_length, exportctl_error** error) {
  return guarded(error, [&] {
    if (!engine || !date || !classification || !classification_length)
      return fail(error, EXPORTCTL_INVALID_ARGUMENT, "engine, date, and the classification and its length must not be NULL");
    ClassifyRequest request;
    std::optional<Date> day = parse_date(date);
    if (!day) return fail(error, EXPORTCTL_BAD_INPUT, "date: \"" + std::string(date) + "\" is not a date (YYYY-MM-DD, a day that exists)");
    request.date = *day;
    if (exportctl_status status = read_known_on(known_on, request.known_on, error); status != EXPORTCTL_OK)
      return status;
    if (model) request.model = model;
    if (metrics)
      if (exportctl_status status = read_metrics(*metrics, request.metrics, error); status != EXPORTCTL_OK)
        return status;
    std::string rendered;
    if (Status classified = engine->engine.classify_json(request, rendered); !classified)
      return fail(error, classified.error());
    *classification = copy_out(rendered);
    *classification_length = rendered.size();
    return EXPORTCTL_OK;
  });
}

}  // extern "C"
