// exportctl recheck --db FILE [--today D]: re-screens every logged decision whose ship date is
// after today under the current rules (--rules, else the store's latest import), as known today
// (or --known-on K), and lists those whose verdict or requirements changed since recorded.
// Exit 0 when none changed, 6 when one did.
#include <iostream>

#include "audit_output.hpp"
#include "commands.hpp"
#include "exportctl/register.hpp"
#include "shared_options.hpp"

namespace exportctl::cli {
namespace {

struct RecheckArgs : RuleSourceArgs {
  std::optional<Date> today;     // nullopt: today, UTC
  std::optional<Date> known_on;  // nullopt: today
  bool include_proposed = false;
  std::optional<Format> format;
};

int run_recheck(const RecheckArgs& args) {
  Date day = args.today.value_or(today());
  std::optional<Date> known_on = args.known_on.value_or(day);
  bool json_output = output_format(args.format) == Format::json;
  Store store = open_store(args.db, Store::Mode::read_only);
  Engine engine = load_engine(args);
  std::unique_ptr<Register> register_ = open_register(store);
  DecisionFilter shipping_later;
  shipping_later.ship_from = day + 1;
  auto open = store.decisions(shipping_later);
  if (!open) throw RuntimeError{open.error().message()};

  std::string out;
  size_t changed = 0;
  Shipment shipment;
  Determination answer;
  std::string now;
  for (const DecisionRecord& record : open.value()) {
    std::string source = store.file().string() + ": decision " + std::to_string(record.id);
    shipment.clear();
    if (Status parsed = engine.parse_shipment(record.request_json, source, shipment); !parsed)
      throw RuntimeError{parsed.error().message()};
    ScreenOptions options;
    options.known_on = known_on;
    options.include_proposed = record.include_proposed || args.include_proposed;
    // Against the register and the count as recorded: the shipment's own draw is already made.
    if (Status screened = screen_as_recorded(engine, *register_, record.id, shipment, options, answer); !screened)
      throw RuntimeError{source + ": " + screened.error().message()};
    now.clear();
    engine.write_json(shipment, answer, {}, now);
    auto difference = compare_determinations(record.determination_json, now);
    if (!difference) throw RuntimeError{source + ": " + difference.error().message()};
    if (!difference.value().differs) continue;
    ++changed;
    if (json_output) {
      nlohmann::json entry = difference_json(difference.value());
      entry["decision"] = record.id;
      entry["shipment_id"] = record.shipment_id;
      entry["ship_date"] = record.ship_date;
      entry["known_on"] = {{"recorded", record.known_on}, {"now", to_string(*known_on)}};
      out += entry.dump() + "\n";
    } else {
      out += "decision " + std::to_string(record.id) + " (" + record.shipment_id + ", ship date " + record.ship_date +
             ", recorded as known on " + record.known_on + ")\n";
      append_difference_text(difference.value(), out);
    }
  }
  if (json_output)
    out += nlohmann::json{{"summary",
                           {{"today", to_string(day)},
                            {"known_on", to_string(*known_on)},
                            {"open", open.value().size()},
                            {"changed", changed},
                            {"rules_digest", engine.rules_digest()}}}}
               .dump() +
           "\n";
  else
    out += std::to_string(changed) + " of " + std::to_string(open.value().size()) + " open decisions (shipping after " +
           to_string(day) + ") changed under the current rules as known on " + to_string(*known_on) + "\n";
  std::cout << out;
  return changed > 0 ? kExitChanged : 0;
}

}  // namespace

Command recheck_command() {
  return make_command(CommandSpec<RecheckArgs>{
      "recheck", "recheck --db FILE [--today D]   re-screen logged decisions not yet shipped under the current rules",
      none<RecheckArgs>("recheck takes no arguments"),
      {rules_option<RecheckArgs>(), db_option<RecheckArgs>(), known_on_option<RecheckArgs>(),
       include_proposed_option<RecheckArgs>(), format_option<RecheckArgs>(),
       date<RecheckArgs>("--today", &RecheckArgs::today, "treat this day as today (default: today, UTC)")},
      run_recheck,
      "Exit codes: 0 no open decision changed; 6 some open decision changed; 1 error; 2 usage."});
}

}  // namespace exportctl::cli
