#include "rules/loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "common/sha256.hpp"
#include "common/strict_json.hpp"
#include "rules/cross_checks.hpp"
#include "rules/load_problems.hpp"
#include "rules/reference_loader.hpp"
#include "rules/rule_loader.hpp"

namespace exportctl {
namespace {

// Later phases refer to what earlier ones define: groups name countries, catalogs name countries
// and models, rules name all three.
enum class Phase : uint8_t { countries, country_group, catalog, rule };
constexpr Phase kPhases[] = {Phase::countries, Phase::country_group, Phase::catalog, Phase::rule};

struct Document {
  std::string shown;  // the name in messages: display prefix and relative path
  nlohmann::json json;
  bool usable = false;  // parsed, and its kind is known
  Phase phase = Phase::rule;
  RuleKind rule_kind = RuleKind::license;
};

void read_kind(Document& document) {
  JsonAt root(document.json, document.shown);
  std::string kind = root.string("kind");
  if (kind == "countries") document.phase = Phase::countries;
  else if (kind == "country_group") document.phase = Phase::country_group;
  else if (kind == "catalog") document.phase = Phase::catalog;
  else if (auto rule_kind = parse_enum<RuleKind>(kind)) document.rule_kind = *rule_kind;
  else root.at("kind").fail("unknown kind \"" + kind + "\"");
}

// Each text is released once parsed, and each document once its phase has loaded it: the memory
// is reused by what comes next instead of being taken fresh from the system. On a virtual machine
// a first touch of a page can cost 10 us, and the peak of texts and documents held at once was
// 300 pages, a fifth of a `check` (docs/performance.md, round 4).
void load_all(std::vector<SourceDocument>& sources, const std::string& display_prefix, RuleSet& rules,
              LoadProblems& problems) {
  std::vector<Document> documents(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    Document& document = documents[i];
    document.shown = display_prefix.empty() ? sources[i].name : display_prefix + "/" + sources[i].name;
    // Duplicate keys are recorded and the file still checked; text that is not JSON ends it.
    std::vector<Error> duplicates;
    std::optional<Error> not_json;
    try {
      document.json = parse_strict_json(sources[i].text, document.shown, &duplicates);
    } catch (LoadError& failure) {
      not_json = std::move(failure.error);
    }
    std::string().swap(sources[i].text);
    for (Error& duplicate : duplicates) problems.add(std::move(duplicate));
    if (not_json) problems.add(std::move(*not_json));
    document.usable = !not_json;
  }
  bool countries_file = false;
  for (Phase phase : kPhases) {
    for (Document& document : documents) {
      if (!document.usable) continue;
      // A file's kind is checked in the first phase, in file order, like everything else in it.
      if (phase == Phase::countries && !(document.usable = problems.attempt([&] { read_kind(document); }))) continue;
      if (document.phase != phase) continue;
      JsonAt root(document.json, document.shown);
      countries_file |= phase == Phase::countries;
      switch (phase) {
        case Phase::countries: load_countries(root, rules, problems); break;
        case Phase::country_group: load_country_group(root, rules, problems); break;
        case Phase::catalog: load_catalog(root, rules, problems); break;
        case Phase::rule: load_rule(root, document.rule_kind, rules, problems); break;
      }
      nlohmann::json().swap(document.json);  // nothing refers to it once loaded
    }
    // Without countries every later file would fail on its first country code: stop here.
    if (phase == Phase::countries && rules.countries.empty()) {
      if (!countries_file)
        problems.add(make_error(ErrorCode::bad_rules, "rules", "no countries file (kind \"countries\") found"));
      return;
    }
  }
  check_references(rules, problems);
}

}  // namespace

Result<std::shared_ptr<RuleSet>> load_rule_set(std::vector<SourceDocument> documents, const std::string& display_prefix,
                                               std::vector<Error>* problems) {
  std::sort(documents.begin(), documents.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  // Taken before the texts are released (load_all).
  std::vector<const SourceDocument*> named;
  for (const SourceDocument& document : documents) named.push_back(&document);
  std::string digest = rules_digest_of(std::move(named));
  auto rules = std::make_shared<RuleSet>();
  LoadProblems found(kMaxRuleProblems);
  try {
    load_all(documents, display_prefix, *rules, found);
  } catch (const LoadProblems::Full&) {
    // The list says that more were left out.
  } catch (const std::exception& error) {
    found.list().push_back(make_error(ErrorCode::bad_rules, "rules", error.what()));
  }
  if (!found.empty()) {
    Error first = found.list().front();
    if (problems) *problems = std::move(found.list());
    return first;
  }
  rules->seal();
  rules->digest = std::move(digest);
  return rules;
}

std::string rules_digest_of(std::vector<const SourceDocument*> documents) {
  std::sort(documents.begin(), documents.end(), [](const auto* a, const auto* b) { return a->name < b->name; });
  Sha256 hash;
  for (const SourceDocument* document : documents) {
    hash.update(document->name);
    hash.update(std::string_view("\0", 1));
    hash.update(document->text);
    hash.update(std::string_view("\0", 1));
  }
  return "sha256:" + hash.hex_digest();
}

namespace {

// The whole file into `text`, with one fstat and a read per call: a stream and a string stream
// cost 2-3 ms more for the 56 shipped rule files, a tenth of a `check` (docs/performance.md,
// round 4).
bool read_whole_file(const std::filesystem::path& path, std::string& text) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat status {};
  bool ok = ::fstat(fd, &status) == 0;
  // One byte more than the size, so that the read returning 0 needs no room of its own.
  if (ok) text.resize(static_cast<size_t>(status.st_size) + 1);
  size_t filled = 0;
  while (ok) {
    // The file may have grown since fstat: read on until read returns 0.
    if (filled == text.size()) text.resize(text.size() + 4096);
    ssize_t got = ::read(fd, text.data() + filled, text.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      ok = got == 0;
      break;
    }
    filled += static_cast<size_t>(got);
  }
  ::close(fd);
  text.resize(filled);
  return ok;
}

}  // namespace

Result<std::vector<SourceDocument>> read_rule_directory(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error))
    return make_error(ErrorCode::io, dir.string(), "not a directory of rule data");
  std::vector<SourceDocument> documents;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error); !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    // An entry whose type cannot be found (a symlink loop, a dangling link) could hide rule
    // data, so it is an error rather than a skipped file.
    std::error_code entry_error;
    bool regular = it->is_regular_file(entry_error);
    if (entry_error) return make_error(ErrorCode::io, it->path().string(), entry_error.message());
    if (!regular || it->path().extension() != ".json") continue;
    std::string text;
    if (!read_whole_file(it->path(), text)) return make_error(ErrorCode::io, it->path().string(), "cannot read");
    // The iterator's path is `dir` with the names below it appended, so the name is lexical:
    // std::filesystem::relative would resolve both paths, a readlink per component of every
    // file (500 system calls for the shipped rules, a tenth of a check).
    std::filesystem::path name = it->path().lexically_relative(dir);
    documents.push_back({name.generic_string(), std::move(text)});
  }
  if (error) return make_error(ErrorCode::io, dir.string(), error.message());
  return documents;
}

}  // namespace exportctl
