// The path of `exportctl check`: one shipment document parsed, screened and rendered as JSON,
// text and HTML; and the form's path, every problem of the document listed.
// Checks: parse_shipment and list_shipment_problems agree on whether the document is good; every
// index of the answer names an entry of the shipment; the JSON answer is one line of valid JSON
// whose verdict is the screened one.
#include <nlohmann/json.hpp>

#include "answer_invariants.hpp"
#include "exportctl/engine.hpp"
#include "exportctl/vocabulary.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const exportctl::Engine& engine = fuzz::engine();
  std::string_view json = fuzz::text(data, size);
  exportctl::Shipment shipment;
  exportctl::Status parsed = engine.parse_shipment(json, "fuzz.json", shipment);
  std::vector<exportctl::Error> problems = engine.list_shipment_problems(json, "fuzz.json");
  if (parsed && !problems.empty())
    fuzz::fail("the parser accepts a document whose problem list says: " + problems.front().message());
  if (!parsed && problems.empty()) fuzz::fail("no problem listed for: " + parsed.error().message());
  if (!parsed) return 0;

  // The options vary with the input, so that every report path is reached; the same input always
  // takes the same path.
  exportctl::ScreenOptions options;
  options.trace = size % 2 == 1;
  options.include_proposed = size % 3 == 0;
  exportctl::Determination answer;
  engine.screen(shipment, options, answer);
  fuzz::check_answer(shipment, answer);

  std::string out;
  engine.write_json(shipment, answer, {options.trace}, out);
  if (out.find('\n') != std::string::npos) fuzz::fail("the JSON answer spans lines");
  auto document = nlohmann::json::parse(out, nullptr, false);
  if (document.is_discarded() || !document.is_object()) fuzz::fail("the JSON answer is not a JSON object");
  if (document.value("verdict", "") != exportctl::name(answer.verdict)) fuzz::fail("the JSON verdict differs");

  exportctl::ReportOptions report{options.trace, fuzz::fixed_today()};
  std::string text;
  engine.write_text(shipment, answer, text, report);
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') fuzz::fail("a control character in the text report");
  std::string html;
  engine.write_html(shipment, answer, html, report);
  return 0;
}
