// The officer's page and what it reads besides the screening endpoints: GET / (the page),
// GET /assets/{name} (its style, script and the record's style sheet), GET /v1/catalog (the
// countries and models a form offers) and GET /v1/about (versions, the rules' digest and how
// current they are). Every asset is compiled into the binary (api/http/page/), so the page needs
// no network and no files at run time.
#include <nlohmann/json.hpp>

#include "embedded_documents.hpp"
#include "exportctl/rule_listing.hpp"
#include "exportctl/version.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "routes.hpp"

namespace exportctl::http {
namespace {

// The page runs only its own script and style, and the records it shows are escaped: this
// policy keeps it so even if something slipped through.
constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

void send_asset(Call& call, std::string_view text, std::string_view content_type) {
  call.response.set_header("Content-Security-Policy", kPagePolicy);
  call.response.set_header("X-Content-Type-Options", "nosniff");
  call.response.set_header("Cache-Control", "no-cache");
  call.response.set_content(text.data(), text.size(), std::string(content_type).c_str());
}

}  // namespace

void handle_page(Call& call) {
  // The page passes `today` on to the record it asks for (tests and replays fix the day).
  auto query = Query::read(call.request, {"today"});
  if (!query) return send_error(call.response, query.error());
  if (auto today = query.value().date("today"); !today) return send_error(call.response, today.error());
  for (const EmbeddedDocument& asset : page_assets())
    if (asset.path == "/") return send_asset(call, asset.text, asset.content_type);
  send_problem(call.response, 404, "not_found", "no page compiled in");
}

void handle_asset(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  if (call.request.path == "/assets/record.css") return send_asset(call, record_style_sheet(), "text/css; charset=utf-8");
  for (const EmbeddedDocument& asset : page_assets())
    if (asset.path == call.request.path) return send_asset(call, asset.text, asset.content_type);
  send_problem(call.response, 404, "not_found", "no asset at " + call.request.path);
}

void handle_catalog(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  std::string out;
  write_catalog_json(*call.engine, out);
  send_json(call, std::move(out));
}

void handle_about(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  std::string rules;
  write_rules_summary_json(*call.engine, rules);
  nlohmann::json about = {{"contract_version", kContractVersion},
                          {"engine_version", kEngineVersion},
                          {"rules", nlohmann::json::parse(rules)},
                          {"today", to_string(today_utc())}};
  send_json(call, about.dump());
}

}  // namespace exportctl::http
