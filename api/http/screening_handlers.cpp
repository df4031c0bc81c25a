// POST /v1/check, POST /v1/batch, GET /v1/classify: the calls `exportctl check`, `batch` and
// `classify --format json` make, with their options as query parameters. A batch is JSON Lines
// or, sent as text/csv, the CSV of docs/batch.md.
#include <cstring>

#include "exportctl/audit.hpp"
#include "exportctl/batch.hpp"
#include "exportctl/register.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "request_body.hpp"
#include "routes.hpp"

namespace exportctl::http {
namespace {

// Errors name the body as the CLI names standard input.
constexpr const char* kBodySource = "<body>";

}  // namespace

bool read_screen_options(Call& call, const Query& query, ScreenOptions& options) {
  auto known_on = query.date("known_on");
  auto include_proposed = query.flag("include_proposed");
  auto trace = query.flag("trace");
  for (const Error* error : {known_on ? nullptr : &known_on.error(), include_proposed ? nullptr : &include_proposed.error(),
                             trace ? nullptr : &trace.error()})
    if (error) {
      send_error(call.response, *error);
      return false;
    }
  options.known_on = known_on.value();
  options.include_proposed = include_proposed.value();
  options.trace = trace.value();
  return true;
}

Result<BatchSummary> stream_batch(const Engine& engine, const std::string& body, const BatchOptions& options,
                                  httplib::DataSink& sink) {
  size_t offset = 0;
  BatchReader read = [&](char* buffer, size_t capacity) -> Result<size_t> {
    size_t length = std::min(capacity, body.size() - offset);
    std::memcpy(buffer, body.data() + offset, length);
    offset += length;
    return length;
  };
  BatchWriter write = [&](std::string_view bytes) -> Status {
    if (!sink.write(bytes.data(), bytes.size()))
      return make_error(ErrorCode::io, "<response>", "the client stopped reading");
    return Ok{};
  };
  return screen_batch(engine, read, write, options);
}

void handle_check(Call& call) {
  auto query = Query::read(call.request, {"known_on", "include_proposed", "trace", "record"});
  if (!query) return send_error(call.response, query.error());
  ScreenOptions options;
  if (!read_screen_options(call, query.value(), options)) return;
  auto record = query.value().flag("record");
  if (!record) return send_error(call.response, record.error());
  if (record.value() && !call.service.decisions)
    return send_problem(call.response, 400, "bad_input",
                        "record=true needs the decision log: start 'exportctl serve' with --db FILE");

  std::string body;
  if (!receive_body(call, {"application/json"}, call.service.config.body_limit, body)) return;
  const Engine& engine = *call.engine;
  Shipment shipment;
  if (Status parsed = engine.parse_shipment(body, kBodySource, shipment); !parsed)
    return send_error(call.response, parsed.error());
  Determination answer;
  std::string out;
  if (!call.service.decisions) {
    engine.screen(shipment, options, answer);
    engine.write_json(shipment, answer, {options.trace}, out);
    call.service.metrics.count_verdict(answer.verdict);
    return send_json(call, std::move(out));
  }
  // With a store the register is consulted (docs/register.md); a record screens, logs and draws
  // the units in one transaction, before the answer is sent.
  DecisionLog& log = *call.service.decisions;
  std::lock_guard lock(log.mutex);
  std::unique_ptr<Register> register_ = open_register(log.store);
  if (!record.value()) {
    if (Status screened = screen_with_register(engine, *register_, shipment, options, answer); !screened)
      return send_error(call.response, screened.error());
    engine.write_json(shipment, answer, {options.trace}, out);
    call.service.metrics.count_verdict(answer.verdict);
    return send_json(call, std::move(out));
  }
  auto id = screen_and_record(engine, *register_, shipment, options, body, today_utc(), answer, out);
  if (!id) {
    Error error = id.error();
    if (error.source.empty()) error.source = kBodySource;
    return send_error(call.response, error);
  }
  call.service.metrics.count_verdict(answer.verdict);
  call.response.set_header("Location", "/v1/decisions/" + std::to_string(id.value()));
  send_json(call, std::move(out), 201);
}

void handle_batch(Call& call) {
  auto query = Query::read(call.request, {"known_on", "include_proposed", "trace"});
  if (!query) return send_error(call.response, query.error());
  BatchOptions options;
  if (!read_screen_options(call, query.value(), options.screen)) return;
  options.input = has_media_type(call.request, {"text/csv"}) ? BatchInput::csv : BatchInput::jsonl;
  options.output = BatchOutput::jsonl;
  options.source = kBodySource;

  // The body is read whole before the first answer is written: a client that sends its whole
  // request before reading (most do) would otherwise deadlock with a server that answers early.
  auto body = std::make_shared<std::string>();
  if (!receive_body(call, {"application/x-ndjson", "application/jsonl", "text/csv"}, call.service.config.batch_body_limit,
                    *body))
    return;
  // An unusable CSV header is a 400 while the status can still say so.
  if (options.input == BatchInput::csv)
    if (Status header = check_csv_header(*body, kBodySource); !header) return send_error(call.response, header.error());
  ServiceState* service = &call.service;
  std::shared_ptr<const Engine> engine = call.engine;
  call.response.set_chunked_content_provider(
      "application/x-ndjson", [service, engine, body, options](size_t, httplib::DataSink& sink) {
        auto summary = stream_batch(*engine, *body, options, sink);
        // Headers are gone: a failure can only cut the response short, which the client sees.
        if (!summary) return false;
        for (size_t verdict = 0; verdict < summary.value().verdicts.size(); ++verdict)
          service->metrics.count_verdict(static_cast<Verdict>(verdict), summary.value().verdicts[verdict]);
        sink.done();
        return true;
      });
}

void handle_classify(Call& call) {
  auto query = Query::read(call.request, {"model", "tpp", "die_area", "interconnect", "datacenter", "date", "known_on"});
  if (!query) return send_error(call.response, query.error());
  const Query& parameters = query.value();
  ClassifyRequest request;
  request.model = parameters.text("model").value_or("");
  auto date = parameters.date("date");
  auto known_on = parameters.date("known_on");
  auto tpp = parameters.number("tpp");
  auto die_area = parameters.number("die_area");
  auto interconnect = parameters.number("interconnect");
  for (const Error* error : {date ? nullptr : &date.error(), known_on ? nullptr : &known_on.error(),
                             tpp ? nullptr : &tpp.error(), die_area ? nullptr : &die_area.error(),
                             interconnect ? nullptr : &interconnect.error()})
    if (error) return send_error(call.response, *error);
  if (request.model.empty() == !tpp.value().has_value())
    return send_problem(call.response, 400, "bad_input", "give either model=NAME or tpp=N (with die_area=A)");
  request.date = date.value().value_or(today_utc());
  request.known_on = known_on.value();
  if (tpp.value()) request.metrics.tpp = *tpp.value();
  if (die_area.value()) request.metrics.die_area_mm2 = *die_area.value();
  if (interconnect.value()) request.metrics.interconnect_gbps = *interconnect.value();
  if (auto datacenter = parameters.text("datacenter")) {
    if (*datacenter != "true" && *datacenter != "false")
      return send_problem(call.response, 400, "bad_input",
                          "query parameter datacenter: \"" + *datacenter + "\" is not true or false");
    request.metrics.datacenter = *datacenter == "true" ? Tri::yes : Tri::no;
  }
  std::string out;
  if (Status classified = call.engine->classify_json(request, out); !classified)
    return send_error(call.response, classified.error());
  send_json(call, std::move(out));
}

}  // namespace exportctl::http
