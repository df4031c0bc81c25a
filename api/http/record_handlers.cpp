// POST /v1/record and POST /v1/validate: what the officer's page (GET /) asks for. The record is
// the HTML screening record `exportctl check --format html` writes (one shipment) or `exportctl
// batch --format html` writes (JSON Lines or CSV); validate lists every problem the shipment
// parser finds, each with its JSON pointer, so the page can show the engine's message by the
// field at fault.
#include <cstring>
#include <nlohmann/json.hpp>

#include "exportctl/batch.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "request_body.hpp"
#include "routes.hpp"

namespace exportctl::http {
namespace {

constexpr const char* kBodySource = "<body>";
constexpr const char* kHtml = "text/html; charset=utf-8";

}  // namespace

void handle_record(Call& call) {
  auto query = Query::read(call.request, {"known_on", "include_proposed", "trace", "today"});
  if (!query) return send_error(call.response, query.error());
  auto known_on = query.value().date("known_on");
  auto include_proposed = query.value().flag("include_proposed");
  auto trace = query.value().flag("trace");
  auto today = query.value().date("today");
  for (const Error* error : {known_on ? nullptr : &known_on.error(), include_proposed ? nullptr : &include_proposed.error(),
                             trace ? nullptr : &trace.error(), today ? nullptr : &today.error()})
    if (error) return send_error(call.response, *error);
  ScreenOptions screen{include_proposed.value(), trace.value(), known_on.value()};
  ReportOptions report{trace.value(), today.value().value_or(today_utc())};

  // A record is for people to read: its body is held to the single-shipment limit.
  auto body = std::make_shared<std::string>();
  if (!receive_body(call, {"application/json", "application/x-ndjson", "application/jsonl", "text/csv"},
                    call.service.config.body_limit, *body))
    return;
  const Engine& engine = *call.engine;
  if (has_media_type(call.request, {"application/json"})) {
    Shipment shipment;
    if (Status parsed = engine.parse_shipment(*body, kBodySource, shipment); !parsed)
      return send_error(call.response, parsed.error());
    Determination answer;
    engine.screen(shipment, screen, answer);
    std::string out;
    engine.write_html(shipment, answer, out, report);
    return send_json(call, std::move(out), 200, kHtml);
  }
  BatchOptions options;
  options.screen = screen;
  options.report = report;
  options.input = has_media_type(call.request, {"text/csv"}) ? BatchInput::csv : BatchInput::jsonl;
  options.output = BatchOutput::html;
  options.source = kBodySource;
  std::shared_ptr<const Engine> shared_engine = call.engine;
  call.response.set_chunked_content_provider(kHtml, [shared_engine, body, options](size_t, httplib::DataSink& sink) {
    size_t offset = 0;
    BatchReader read = [&](char* buffer, size_t capacity) -> Result<size_t> {
      size_t length = std::min(capacity, body->size() - offset);
      std::memcpy(buffer, body->data() + offset, length);
      offset += length;
      return length;
    };
    BatchWriter write = [&](std::string_view bytes) -> Status {
      if (!sink.write(bytes.data(), bytes.size()))
        return make_error(ErrorCode::io, "<response>", "the client stopped reading");
      return Ok{};
    };
    // Headers are gone: a failure (an unusable CSV header) can only cut the response short.
    if (!screen_batch(*shared_engine, read, write, options)) return false;
    sink.done();
    return true;
  });
}

void handle_validate(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  std::string body;
  if (!receive_body(call, {"application/json"}, call.service.config.body_limit, body)) return;
  std::vector<Error> problems = call.engine->list_shipment_problems(body, kBodySource);
  nlohmann::json answer = {{"problems", nlohmann::json::array()}, {"valid", problems.empty()}};
  for (const Error& problem : problems)
    answer["problems"].push_back(
        {{"message", problem.message()}, {"pointer", problem.pointer}, {"problem", problem.problem}});
  send_json(call, answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace exportctl::http
