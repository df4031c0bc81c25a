// The documents the service serves verbatim from its binary: the OpenAPI description and the
// JSON Schemas it references (generated from schema/ by schema/http/embed_documents.cmake), and
// the officer's page with its assets.
#pragma once

#include <string_view>
#include <vector>

namespace exportctl::http {

struct EmbeddedDocument {
  std::string_view path;          // "/v1/openapi.json", "/v1/schemas/shipment.schema.json"
  std::string_view content_type;
  std::string_view text;
};

const std::vector<EmbeddedDocument>& embedded_documents();
// The officer's page: "/" and "/assets/NAME" (generated from api/http/page/ by embed_page.cmake).
const std::vector<EmbeddedDocument>& page_assets();

}  // namespace exportctl::http
