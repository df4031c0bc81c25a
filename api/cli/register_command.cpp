// exportctl register add|list|show|void|void-usage|alerts: the register of licenses, permits
// and notices in the SQLite store (docs/register.md).
//
//   register add FILE --db DB              one entry (schema/json/register-entry.schema.json)
//   register list --db DB [--all]          live entries (--all: voided ones too)
//   register show ID --db DB               one entry and every shipment that drew on it
//   register void ID --db DB --by WHO --reason WHY
//   register void-usage DECISION --db DB --by WHO --reason WHY   the units go back
//   register alerts --db DB [--today D] [--within 30]            expiring or exhausted entries
//                                                                 that shipments still depend on
#include <charconv>
#include <iostream>

#include "commands.hpp"
#include "exportctl/register.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct AddArgs : RuleSourceArgs {
  std::string file;
  std::optional<Format> format;
};

struct ListArgs {
  std::string db;
  std::optional<Format> format;
  bool all = false;
  std::optional<std::string> authority;
};

struct ShowArgs {
  std::string id;
  std::string db;
  std::optional<Format> format;
};

struct VoidArgs {
  std::string id;
  std::string db;
  std::string by;
  std::string reason;
};

struct AlertArgs {
  std::string db;
  std::optional<Format> format;
  std::optional<Date> today;
  int within = 30;
};

int64_t id_value(const std::string& what, const std::string& text) {
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0)
    throw UsageError{what + " is a positive whole number, not \"" + text + "\""};
  return id;
}

// Errors of the register name the store when they have no source of their own.
[[noreturn]] void fail(Error error, const std::string& source) {
  if (error.source.empty()) error.source = source;
  throw RuntimeError{error.message()};
}

std::string amount(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", value);
  return text;
}

std::string limit_text(const std::optional<double>& limit, double used, const char* unit) {
  if (!limit) return "";
  return std::string(", ") + unit + amount(*limit) + " (" + amount(used) + " used, " + amount(*limit - used) + " left)";
}

void print_record_text(const RegisterRecord& record, std::string& out) {
  out += std::to_string(record.id) + "  " + record.authority + " " +
         (record.kind.empty() ? std::string("notice") : record.kind) + " " + record.number;
  if (record.type == RegisterEntryType::notice) {
    out += ", filed " + (record.valid_from ? to_string(*record.valid_from) : std::string("?"));
  } else {
    out += ", valid " + (record.valid_from ? to_string(*record.valid_from) : std::string("from the start")) + " to " +
           (record.valid_to ? to_string(*record.valid_to) : std::string("open end"));
  }
  out += limit_text(record.quantity, record.quantity_used, "quantity ");
  out += limit_text(record.value_usd, record.value_used, "USD ");
  out += "; entered by " + record.entered_by + " at " + record.entered_at;
  if (record.voided) out += "; VOID since " + record.voided_at + " (" + record.voided_by + ": " + record.void_reason + ")";
  out += "\n";
}

int add(const AddArgs& args) {
  if (args.db.empty()) throw UsageError{"register add needs --db FILE"};
  Format format = output_format(args.format);
  std::string text = read_input(args.file, kDefaultMaxDocumentBytes);
  std::string source = args.file == "-" ? "<stdin>" : args.file;
  // The rules resolve countries and models: --rules, else the store's own import.
  Engine engine = load_engine(args);
  RegisterEntry entry;
  if (Status parsed = parse_register_entry(engine, text, source, entry); !parsed) fail(parsed.error(), source);
  Store store = open_store(args.db, Store::Mode::create);
  std::unique_ptr<Register> register_ = open_register(store);
  auto id = register_->add(entry);
  if (!id) fail(id.error(), source);
  auto record = register_->show(id.value());
  if (!record) fail(record.error(), store.file().string());
  std::string out;
  if (format == Format::json) {
    write_register_record_json(record.value(), nullptr, out);
    out += "\n";
  } else {
    out = "added register entry ";
    print_record_text(record.value(), out);
  }
  std::cout << out;
  return 0;
}

int list(const ListArgs& args) {
  Store store = open_store(args.db, Store::Mode::read_only);
  RegisterFilter filter;
  filter.include_voided = args.all;
  filter.authority = args.authority;
  auto records = open_register(store)->list(filter);
  if (!records) fail(records.error(), store.file().string());
  std::string out;
  Format format = output_format(args.format);
  for (const RegisterRecord& record : records.value()) {
    if (format == Format::json) {
      write_register_record_json(record, nullptr, out);
      out += "\n";
    } else {
      print_record_text(record, out);
    }
  }
  if (format != Format::json && records.value().empty()) out = "the register is empty\n";
  std::cout << out;
  return 0;
}

int show(const ShowArgs& args) {
  int64_t id = id_value("the entry id", args.id);
  Store store = open_store(args.db, Store::Mode::read_only);
  std::unique_ptr<Register> register_ = open_register(store);
  auto record = register_->show(id);
  if (!record) fail(record.error(), store.file().string());
  auto usage = register_->usage(id);
  if (!usage) fail(usage.error(), store.file().string());
  std::string out;
  if (output_format(args.format) == Format::json) {
    write_register_record_json(record.value(), &usage.value(), out);
    out += "\n";
  } else {
    print_record_text(record.value(), out);
    out += "  " + record.value().entry_json + "\n";
    if (usage.value().empty()) out += "  no recorded shipment drew on it\n";
    for (const RegisterUsage& use : usage.value()) {
      out += "  decision " + std::to_string(use.decision_id) + " (" + use.shipment_id + ", ship " + use.ship_date +
             "): quantity " + amount(use.quantity);
      if (use.value_usd) out += ", USD " + amount(*use.value_usd);
      if (use.voided) out += "; VOID since " + use.voided_at + " (" + use.voided_by + ": " + use.void_reason + ")";
      out += "\n";
    }
  }
  std::cout << out;
  return 0;
}

int void_entry(const VoidArgs& args) {
  int64_t id = id_value("the entry id", args.id);
  Store store = open_store(args.db, Store::Mode::existing);
  if (Status voided = open_register(store)->void_entry(id, args.by, args.reason); !voided)
    fail(voided.error(), store.file().string());
  std::cout << "voided register entry " << id << "\n";
  return 0;
}

int void_usage(const VoidArgs& args) {
  int64_t id = id_value("the decision id", args.id);
  Store store = open_store(args.db, Store::Mode::existing);
  if (Status voided = open_register(store)->void_usage(id, args.by, args.reason); !voided)
    fail(voided.error(), store.file().string());
  std::cout << "voided the register usage of decision " << id << ": its units are available again\n";
  return 0;
}

int alerts(const AlertArgs& args) {
  Store store = open_store(args.db, Store::Mode::read_only);
  Date day = args.today.value_or(today());
  auto found = register_alerts(store, day, args.within);
  if (!found) fail(found.error(), store.file().string());
  std::string out;
  Format format = output_format(args.format);
  for (const RegisterAlert& alert : found.value()) {
    if (format == Format::json) {
      write_register_alert_json(alert, out);
      out += "\n";
      continue;
    }
    out += register_alert_text(alert);
    out += "\n";
  }
  if (format != Format::json && found.value().empty())
    out = "no license or permit that shipments depend on expires or runs out within " + std::to_string(args.within) +
          " days of " + to_string(day) + "\n";
  std::cout << out;
  return 0;
}

template <typename Args>
Option<Args> store_option() {
  return text<Args>("--db", &Args::db, "the SQLite store holding the register");
}

template <typename Args>
std::vector<Option<Args>> void_options() {
  return {store_option<Args>(), text<Args>("--by", &Args::by, "who voids it (kept in the log)"),
          text<Args>("--reason", &Args::reason, "why (kept in the log)")};
}

}  // namespace

Command register_command() {
  std::vector<Command> verbs;
  verbs.push_back(make_command(CommandSpec<AddArgs>{
      "add", "register add FILE|- --db DB   add one license, permit or notice (schema/json/register-entry.schema.json)",
      one(&AddArgs::file, "register add takes one FILE (or - for standard input)"),
      {rules_option<AddArgs>(), db_option<AddArgs>("SQLite store: the register (rules from its latest import unless --rules)"),
       format_option<AddArgs>()},
      add,
      "Strict: unknown keys, unknown countries or models, a validity ending before it starts, a quantity or\n"
      "value that is not positive, and a number the register already holds for that authority over\n"
      "overlapping days are errors naming the field; nothing is written then (exit 1)."}));
  Option<ListArgs> all = flag<ListArgs>("--all", &ListArgs::all, "include voided entries");
  verbs.push_back(make_command(CommandSpec<ListArgs>{
      "list", "register list --db DB   the register's entries with what is used and left",
      none<ListArgs>("register list takes no positional argument"),
      {store_option<ListArgs>(), format_option<ListArgs>(), all,
       optional_text<ListArgs>("--authority", &ListArgs::authority, "only this authority (US-BIS, MY-MITI, TH-DFT)")},
      list}));
  verbs.push_back(make_command(CommandSpec<ShowArgs>{
      "show", "register show ID --db DB   one entry and every recorded shipment that drew on it",
      one(&ShowArgs::id, "register show takes one entry ID"), {store_option<ShowArgs>(), format_option<ShowArgs>()},
      show}));
  verbs.push_back(make_command(CommandSpec<VoidArgs>{
      "void", "register void ID --db DB --by WHO --reason WHY   later screenings no longer consider the entry",
      one(&VoidArgs::id, "register void takes one entry ID"), void_options<VoidArgs>(), void_entry}));
  verbs.push_back(make_command(CommandSpec<VoidArgs>{
      "void-usage",
      "register void-usage DECISION --db DB --by WHO --reason WHY   a recorded shipment will not leave: its units go back and it leaves the LPP count",
      one(&VoidArgs::id, "register void-usage takes one decision ID"), void_options<VoidArgs>(), void_usage}));
  verbs.push_back(make_command(CommandSpec<AlertArgs>{
      "alerts",
      "register alerts --db DB [--today D] [--within N]   licenses and permits that expire or are used up while "
      "recorded shipments not yet left depend on them",
      none<AlertArgs>("register alerts takes no positional argument"),
      {store_option<AlertArgs>(), format_option<AlertArgs>(), today_option<AlertArgs>(),
       {"--within", "", true, false, "days ahead to look (default 30)",
        [](AlertArgs& args, const std::string& value) {
          int days = 0;
          auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), days);
          if (error != std::errc() || end != value.data() + value.size() || days < 0 || days > 3650)
            throw UsageError{"--within is a number of days from 0 to 3650, not \"" + value + "\""};
          args.within = days;
        }}},
      alerts}));
  return make_group("register", "register add|list|show|void|void-usage|alerts   the register of licenses, permits and notices",
                    std::move(verbs));
}

}  // namespace exportctl::cli
