// POST /v1/record and POST /v1/validate: what the officer's page (GET /) asks for. The record is
// the HTML screening record `exportctl check --format html` writes (one shipment) or `exportctl
// batch --format html` writes (JSON Lines or CSV); validate lists every problem the shipment
// parser finds, each with its JSON pointer, so the page can show the engine's message by the
// field at fault.
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
  ScreenOptions screen;
  if (!read_screen_options(call, query.value(), screen)) return;
  auto today = query.value().date("today");
  if (!today) return send_error(call.response, today.error());
  ReportOptions report{screen.trace, today.value().value_or(today_utc())};

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
  // An unusable CSV header is a 400 while the status can still say so.
  if (options.input == BatchInput::csv)
    if (Status header = check_csv_header(*body, kBodySource); !header) return send_error(call.response, header.error());
  std::shared_ptr<const Engine> shared_engine = call.engine;
  call.response.set_chunked_content_provider(kHtml, [shared_engine, body, options](size_t, httplib::DataSink& sink) {
    // Headers are gone: a failure (a read or write) can only cut the response short.
    if (!stream_batch(*shared_engine, *body, options, sink)) return false;
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
