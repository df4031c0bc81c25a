// GET /healthz, GET /metrics, and the documents describing the service: GET /v1/openapi.json
// and GET /v1/schemas/{name}.
#include <nlohmann/json.hpp>

#include "embedded_documents.hpp"
#include "exportctl/version.hpp"
#include "problem.hpp"
#include "query.hpp"
#include "routes.hpp"

namespace exportctl::http {

void handle_health(Call& call) {
  nlohmann::json health = {{"status", "ok"},
                           {"rules_digest", call.engine->rules_digest()},
                           {"engine_version", kEngineVersion},
                           {"contract_version", kContractVersion}};
  send_json(call, health.dump());
}

void handle_metrics(Call& call) {
  send_json(call, call.service.metrics.render(call.engine->rules_digest()), 200, "text/plain; version=0.0.4");
}

void handle_document(Call& call) {
  auto query = Query::read(call.request, {});
  if (!query) return send_error(call.response, query.error());
  for (const EmbeddedDocument& document : embedded_documents())
    if (document.path == call.request.path) {
      call.response.set_content(document.text.data(), document.text.size(), std::string(document.content_type).c_str());
      return;
    }
  send_problem(call.response, 404, "not_found", "no document at " + call.request.path);
}

}  // namespace exportctl::http
