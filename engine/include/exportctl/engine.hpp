// exportctl's public C++ API: load dated rule data once, then screen shipments.
//
//   auto engine = exportctl::Engine::load_directory("rules");
//   if (!engine) { std::cerr << engine.error().message() << "\n"; return 1; }
//   exportctl::Shipment shipment;
//   if (auto parsed = engine.value().parse_shipment(json_text, "in.json", shipment); !parsed) ...
//   exportctl::Determination answer;
//   engine.value().screen(shipment, {}, answer);
//   std::string out;
//   engine.value().write_json(shipment, answer, {}, out);
//
// Thread-safety: a loaded Engine is immutable apart from an internal, synchronised cache of
// compiled timelines; every const member may be called from any number of threads at once.
//
// Lifetime: a Shipment parsed by an Engine, a Determination it screened and every RuleVersion it
// hands out point into the Engine's rules: none of them may outlive the Engine.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exportctl/determination.hpp"
#include "exportctl/result.hpp"
#include "exportctl/rule_version.hpp"
#include "exportctl/shipment.hpp"

namespace exportctl {

// A rule data file by name and content; the loader reads only these.
struct SourceDocument {
  std::string name;  // relative path, used in error messages and the digest
  std::string text;
};

struct ScreenOptions {
  bool include_proposed = false;  // evaluate proposed rules, report them as warnings
  bool trace = false;             // record every rule version consulted
  std::optional<Date> known_on;   // overrides Shipment::known_on when set
  // List, on each license and permit requirement not satisfied, every authorization of its
  // authority and kind that does not cover it, with why (Determination::candidates). Set when a
  // register was consulted (register.hpp); the answer then gains "candidates" keys.
  bool explain_candidates = false;
};

struct RenderOptions {
  bool trace = false;  // include "trace" entries (the key is always present)
};

// How a report for a person (write_text, write_html) is written. The JSON determination never
// depends on these: it stays a function of the shipment, the rules and the dates.
struct ReportOptions {
  bool trace = false;         // list the rule versions consulted (screen with ScreenOptions::trace)
  std::optional<Date> today;  // count deadlines from this day ("in 25 days", "overdue by 3 days");
                              // nullopt: dates only. The library reads no clock: the caller says.
};

// One item to classify on its own: a catalog model (its figures, overridden by any given in
// `metrics`), or figures alone for an unlisted IC, which is then taken to be US-origin.
struct ClassifyRequest {
  std::string model;            // catalog name, case-insensitive, vendor prefix optional; "": none
  Metrics metrics;              // tpp, die_area_mm2, interconnect_gbps, datacenter, ...
  Date date;                    // the day whose rules classify
  std::optional<Date> known_on; // replay the rules as known on this day; nullopt: everything recorded
};

// How many problems in rule data a load lists at most (then one more saying that more follow).
inline constexpr size_t kMaxRuleProblems = 100;

class Engine {
 public:
  // Reads every *.json under dir (recursively; README and other files are ignored), validates
  // and indexes them. Fails with io, or with bad_rules naming file, JSON pointer and rule id: the
  // first problem found. With `problems`, every problem found is stored there too (at most
  // kMaxRuleProblems, then one saying that more follow), so all can be fixed in one go: files that
  // are not JSON, then countries, country groups, catalogs and rules, each in file order, then
  // references between rules.
  static Result<Engine> load_directory(const std::filesystem::path& dir, std::vector<Error>* problems = nullptr);
  // The same from documents already in memory (the SQLite store uses this).
  static Result<Engine> load_documents(std::vector<SourceDocument> documents, std::vector<Error>* problems = nullptr);

  // Parses one shipment of contract.md. Strict: unknown or duplicate keys, wrong types,
  // impossible dates, unknown country codes and empty items are bad_input errors with the
  // source, the JSON pointer ("/" for the document as a whole) and the problem as fields; their
  // message reads "SOURCE: /json/pointer: what is wrong". On error `out` is unspecified.
  Status parse_shipment(std::string_view json, std::string_view source, Shipment& out) const;
  // Every problem parse_shipment finds, not only the first (at most `limit`), each with its JSON
  // pointer into `json` as given, in the document's order, so that a form can show the parser's
  // own message by each field at fault: a problem is recorded, the member or array element at
  // fault set aside, and the rest parsed again. A problem that setting aside could have caused
  // (a required key now missing, an array now empty) is not reported; one on the document as a
  // whole ends the list. Empty when the shipment parses.
  std::vector<Error> list_shipment_problems(std::string_view json, std::string_view source, size_t limit = 32) const;

  // Screens a parsed shipment. Never fails: missing facts give an indeterminate verdict.
  void screen(const Shipment& shipment, const ScreenOptions& options, Determination& out) const;

  // Appends the determination as one line of JSON with sorted keys (contract.md), no newline.
  void write_json(const Shipment& shipment, const Determination& answer, const RenderOptions& options,
                  std::string& out) const;
  // Appends a report for a person: verdict first, then each requirement with what to do, its
  // deadline, citation and source URL, then warnings and, with options.trace, the trace.
  void write_text(const Shipment& shipment, const Determination& answer, std::string& out,
                  const ReportOptions& options = {}) const;
  // Appends the screening record as one self-contained HTML document (inline CSS and SVG, no
  // script, every value escaped): what the text report says, with the citations linked and a
  // timeline of the shipment, laid out to print on A4 or Letter. A batch's record is written
  // by screen_batch with BatchOutput::html (batch.hpp), one section per shipment.
  void write_html(const Shipment& shipment, const Determination& answer, std::string& out,
                  const ReportOptions& options = {}) const;

  // Classifies one item under the US rules of request.date and appends, with sorted keys,
  // {"date":"YYYY-MM-DD","item":ITEM,"known_on":DATE|null}, where ITEM is the item object of a
  // determination (classification, index, model). Sets *indeterminate when a fact needed to
  // classify is missing. bad_input when the model is not in the catalog, or when neither a
  // model nor a TPP (nor dense TOPS with bit length) is given; `out` is then unchanged.
  Status classify_json(const ClassifyRequest& request, std::string& out, bool* indeterminate = nullptr) const;

  // "sha256:..." over every rule document.
  const std::string& rules_digest() const;
  // Every rule version loaded, rule by rule in file-name order.
  std::vector<const RuleVersion*> rule_versions() const;
  // The versions binding on `date` as known on `known_on` (nullopt: everything recorded);
  // with `proposed`, the proposed versions that would apply instead.
  std::vector<const RuleVersion*> in_force(Date date, std::optional<Date> known_on, bool proposed = false) const;

  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  // The loaded rules, for the library's own modules (engine_state.hpp); opaque outside it.
  struct State;
  const State& state() const { return *state_; }

 private:
  explicit Engine(std::shared_ptr<const State> state);
  std::shared_ptr<const State> state_;
};

// The style sheet inside every HTML record (Engine::write_html), for a page that shows a
// record's sections in itself: its rules are scoped to the class "record".
std::string_view record_style_sheet();

// A stable, non-advisory summary of the contract exit code for a verdict (contract.md).
int exit_code(Verdict verdict);

}  // namespace exportctl
