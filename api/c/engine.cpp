// Opening and freeing engines, versions, buffers.
#include <cstdlib>
#include <cstring>

#include "handles.hpp"
#include "exportctl/store.hpp"
#include "exportctl/version.hpp"

namespace exportctl::c_api {
namespace {

exportctl_status hand_out(Result<Engine> loaded, exportctl_engine** engine, exportctl_error** error) {
  if (!loaded) return fail(error, loaded.error());
  *engine = new exportctl_engine{std::move(loaded).value()};
  return EXPORTCTL_OK;
}

}  // namespace

char* copy_out(std::string_view text) {
  char* buffer = static_cast<char*>(std::malloc(text.size() + 1));
  if (!buffer) throw std::bad_alloc();
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  return buffer;
}

exportctl_status read_known_on(const char* known_on, std::optional<Date>& out, exportctl_error** error) {
  out.reset();
  if (!known_on) return EXPORTCTL_OK;
  out = parse_date(known_on);
  if (out) return EXPORTCTL_OK;
  return fail(error, EXPORTCTL_BAD_INPUT,
              "known_on: \"" + std::string(known_on) + "\" is not a date (YYYY-MM-DD, a day that exists)");
}

exportctl_status read_flags(unsigned flags, unsigned accepted, ScreenOptions& out, exportctl_error** error) {
  if (flags & ~accepted)
    return fail(error, EXPORTCTL_INVALID_ARGUMENT, "flags: bits not accepted here: " + std::to_string(flags & ~accepted));
  out.trace = flags & EXPORTCTL_TRACE;
  out.include_proposed = flags & EXPORTCTL_INCLUDE_PROPOSED;
  return EXPORTCTL_OK;
}

}  // namespace exportctl::c_api

using namespace exportctl;
using namespace exportctl::c_api;

extern "C" {

// Both views are of string literals, so NUL-terminated.
const char* exportctl_version(void) { return kEngineVersion.data(); }
const char* exportctl_contract_version(void) { return kContractVersion.data(); }

void exportctl_free(char* buffer) { std::free(buffer); }

exportctl_status exportctl_engine_open_rules(const char* rules_dir, exportctl_engine** engine, exportctl_error** error) {
  return guarded(error, [&] {
    if (!rules_dir || !engine) return fail(error, EXPORTCTL_INVALID_ARGUMENT, "rules_dir and engine must not be NULL");
    return hand_out(Engine::load_directory(rules_dir), engine, error);
  });
}

exportctl_status exportctl_engine_open_store(const char* database, exportctl_engine** engine, exportctl_error** error) {
  return guarded(error, [&] {
    if (!database || !engine) return fail(error, EXPORTCTL_INVALID_ARGUMENT, "database and engine must not be NULL");
    auto store = Store::open(database, Store::Mode::read_only);
    if (!store) return fail(error, store.error());
    auto documents = store.value().current_documents();
    if (!documents) return fail(error, documents.error());
    if (documents.value().empty())
      return fail(error, EXPORTCTL_BAD_RULES,
                  std::string(database) + ": no rules imported (run 'exportctl store import RULES_DIR --db " + database + "')");
    auto loaded = Engine::load_documents(std::move(documents).value());
    if (!loaded) return fail(error, EXPORTCTL_BAD_RULES, std::string(database) + ": " + loaded.error().message());
    return hand_out(std::move(loaded), engine, error);
  });
}

void exportctl_engine_free(exportctl_engine* engine) { delete engine; }

const char* exportctl_engine_rules_digest(const exportctl_engine* engine) {
  return engine ? engine->engine.rules_digest().c_str() : "";
}

}  // extern "C"
