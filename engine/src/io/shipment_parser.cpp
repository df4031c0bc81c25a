#include "io/shipment_parser.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstring>

namespace exportctl {
namespace {

namespace od = simdjson::ondemand;

struct ParseError {
  std::string where;  // JSON pointer
  std::string what;
};

// One step of the JSON pointer to the value being read: an object key (a view into simdjson's
// string buffer, valid while the document is) or, when the key has no data, an array index.
// Kept as a stack so that a pointer string is built only for an error, not for every key.
struct PathSegment {
  std::string_view key;
  size_t index = 0;
};

// simdjson's messages speak to programmers ("Use get_bool()..."); these speak to the person
// whose file it is.
std::string json_problem(simdjson::error_code error) {
  switch (error) {
    case simdjson::EMPTY: return "the input is empty";
    case simdjson::UTF8_ERROR: return "the text is not valid UTF-8";
    case simdjson::UNCLOSED_STRING:
    case simdjson::STRING_ERROR:
    case simdjson::UNESCAPED_CHARS: return "a string is malformed (unclosed, a bad escape, or a raw control character)";
    case simdjson::NUMBER_ERROR: return "a number is malformed";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "a literal is malformed (expected true, false or null)";
    case simdjson::DEPTH_ERROR: return "the document is nested too deeply";
    case simdjson::CAPACITY: return "the document is too large";
    case simdjson::SCALAR_DOCUMENT_AS_VALUE:
    case simdjson::INCORRECT_TYPE: return "expected a JSON object (the shipment)";
    default: return "the text is not JSON";
  }
}

class Reader {
 public:
  Reader(const RuleSet& rules, std::vector<PathSegment>& path) : rules_(rules), path_(path) {}

  [[noreturn]] void fail(std::string what) const { throw ParseError{pointer(), std::move(what)}; }

  template <typename T>
  T check(simdjson::simdjson_result<T> result, const char* expected) const {
    T value;
    if (auto error = std::move(result).get(value)) {
      if (error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR) fail(std::string("expected ") + expected);
      fail("not valid JSON: " + json_problem(error));
    }
    return value;
  }

  std::string_view string(od::value value) const { return check(value.get_string(), "a string"); }
  double number(od::value value) const {
    double number = check(value.get_double(), "a number");
    if (!std::isfinite(number)) fail("expected a finite number");
    return number;
  }
  double non_negative(od::value value) const {
    double n = number(value);
    if (n < 0) fail("must not be negative");
    return n;
  }
  bool boolean(od::value value) const { return check(value.get_bool(), "true or false"); }
  Tri tri(od::value value) const { return boolean(value) ? Tri::yes : Tri::no; }

  Date date(od::value value) const {
    std::string_view text = string(value);
    auto parsed = parse_date(text);
    if (!parsed) fail("\"" + std::string(text) + "\" is not a date (YYYY-MM-DD, a day that exists)");
    return *parsed;
  }

  CountryId country(od::value value) const {
    std::string_view code = string(value);
    CountryId id = rules_.find_country(code);
    if (id == kNoCountry) fail("unknown country code \"" + std::string(code) + "\" (ISO 3166-1 alpha-2, e.g. CN, MO, HK)");
    return id;
  }

  template <typename Enum>
  Enum vocabulary(od::value value, const char* allowed) const {
    std::string_view text = string(value);
    auto parsed = parse_enum<Enum>(text);
    if (!parsed) fail("\"" + std::string(text) + "\" is not one of " + allowed);
    return *parsed;
  }

  // Calls on_field(index_of_key, value) for every member; rejects unknown and duplicate keys.
  template <size_t N, typename OnField>
  void object(od::value value, const std::string_view (&keys)[N], OnField&& on_field) const {
    od::object object = check(value.get_object(), "an object");
    uint64_t seen = 0;
    size_t mark = path_.size();
    for (auto field_result : object) {
      // Until the next key is read, an error still points at the previous one.
      od::field field = check(std::move(field_result), "a member");
      std::string_view key = check(field.unescaped_key(), "a key");
      // Nested readers leave the stack at mark + 1: overwrite this level's key in place.
      if (path_.size() == mark) path_.push_back({key, 0});
      else path_[mark] = {key, 0};
      size_t index = 0;
      while (index < N && keys[index] != key) ++index;
      if (index == N) fail("unknown key \"" + std::string(key) + "\"");
      if (seen >> index & 1) fail("duplicate key \"" + std::string(key) + "\"");
      seen |= uint64_t{1} << index;
      on_field(index, field.value());
    }
    if (path_.size() > mark) path_.pop_back();
  }

  template <typename OnElement>
  void array(od::value value, OnElement&& on_element) const {
    od::array array = check(value.get_array(), "an array");
    size_t mark = path_.size();
    path_.emplace_back();
    size_t index = 0;
    for (auto element : array) {
      path_[mark] = {{}, index};  // nested readers leave the stack at mark + 1
      on_element(index++, check(std::move(element), "a value"));
    }
    path_.pop_back();
  }

  void require(bool present, std::string_view key) const {
    if (!present) fail("missing required key \"" + std::string(key) + "\"");
  }

  const RuleSet& rules() const { return rules_; }

 private:
  // The JSON pointer of the value being read, built only when there is an error to report.
  std::string pointer() const {
    if (path_.empty()) return "/";
    std::string out;
    for (const PathSegment& segment : path_) {
      out += '/';
      if (segment.key.data() == nullptr) {
        out += std::to_string(segment.index);
        continue;
      }
      for (char c : segment.key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
      }
    }
    return out;
  }
  const RuleSet& rules_;
  std::vector<PathSegment>& path_;
};

Metrics read_metrics(const Reader& r, od::value value) {
  static constexpr std::string_view keys[] = {"tpp", "performance_density", "die_area_mm2", "dense_tops", "bit_length",
                                              "interconnect_gbps", "memory_bandwidth_gbps", "memory_bandwidth_density",
                                              "datacenter"};
  Metrics m;
  r.object(value, keys, [&](size_t key, od::value v) {
    switch (key) {
      case 0: m.tpp = r.non_negative(v); break;
      case 1: m.performance_density = r.non_negative(v); break;
      case 2: m.die_area_mm2 = r.non_negative(v); break;
      case 3: m.dense_tops = r.non_negative(v); break;
      case 4: m.bit_length = r.non_negative(v); break;
      case 5: m.interconnect_gbps = r.non_negative(v); break;
      case 6: m.memory_bandwidth_gbps = r.non_negative(v); break;
      case 7: m.memory_bandwidth_density = r.non_negative(v); break;
      case 8: m.datacenter = r.tri(v); break;
    }
  });
  return m;
}

void read_item(const Reader& r, od::value value, Item& item) {
  static constexpr std::string_view keys[] = {"model", "description", "quantity", "unit_value_usd", "us_origin",
                                              "metrics", "kind", "contains", "eccn"};
  bool has_metrics = false;
  r.object(value, keys, [&](size_t key, od::value v) {
    switch (key) {
      case 0:
        item.model_name = r.string(v);
        item.model = r.rules().find_model(item.model_name);
        // Normalising again only for a name not in the catalog: a catalog name is never empty
        // once normalised (the loader checks), and this ran on every item.
        if (item.model == kNoModel && normalize_model_name(item.model_name).empty())
          r.fail("a model name needs letters or digits");
        break;
      case 1: item.description = r.string(v); break;
      case 2:
        item.quantity = r.number(v);
        if (item.quantity <= 0) r.fail("quantity must be positive");
        break;
      case 3: item.unit_value_usd = r.non_negative(v); break;
      case 4: item.us_origin = r.tri(v); break;
      case 5: item.metrics = read_metrics(r, v); has_metrics = true; break;
      case 6: item.kind = r.vocabulary<ItemKind>(v, "ic, system, hbm"); item.kind_given = true; break;
      case 7:
        r.array(v, [&](size_t, od::value element) {
          static constexpr std::string_view part_keys[] = {"model", "count"};
          ContainedItem part;
          bool has_model = false;
          r.object(element, part_keys, [&](size_t part_key, od::value pv) {
            if (part_key == 0) {
              part.model_name = r.string(pv);
              part.model = r.rules().find_model(part.model_name);
              has_model = true;
            } else {
              part.count = r.number(pv);
              if (part.count <= 0) r.fail("count must be positive");
            }
          });
          r.require(has_model, "model");
          item.contains.push_back(std::move(part));
        });
        break;
      case 8: item.declared_eccn = r.string(v); break;
    }
  });
  if (item.model_name.empty() && !has_metrics && item.contains.empty())
    r.fail("an item needs a \"model\", \"metrics\" or \"contains\" to be classified");
}

void read_shipment(const Reader& r, od::value root, Shipment& s) {
  static constexpr std::string_view keys[] = {"id", "ship_date", "known_on", "exporter", "origin", "via", "destination",
                                              "parties", "items", "notices", "authorizations"};
  bool has_ship_date = false, has_origin = false, has_destination = false, has_items = false;
  std::vector<bool> stop_dated;
  r.object(root, keys, [&](size_t key, od::value v) {
    switch (key) {
      case 0: s.id = r.string(v); break;
      case 1: s.ship_date = r.date(v); has_ship_date = true; break;
      case 2: s.known_on = r.date(v); break;
      case 3: {
        static constexpr std::string_view exporter_keys[] = {"name", "country", "headquarters"};
        s.exporter.given = true;
        r.object(v, exporter_keys, [&](size_t k, od::value ev) {
          if (k == 0) s.exporter.name = r.string(ev);
          else if (k == 1) s.exporter.country = r.country(ev);
          else s.exporter.headquarters = r.country(ev);
        });
        break;
      }
      case 4: s.origin = r.country(v); has_origin = true; break;
      case 5:
        r.array(v, [&](size_t, od::value element) {
          static constexpr std::string_view stop_keys[] = {"country", "activity", "date"};
          Stop stop;
          bool has_country = false, has_activity = false, has_date = false;
          r.object(element, stop_keys, [&](size_t k, od::value sv) {
            if (k == 0) { stop.country = r.country(sv); has_country = true; }
            else if (k == 1) { stop.activity = r.vocabulary<StopActivity>(sv, "transit, transshipment"); has_activity = true; }
            else { stop.date = r.date(sv); has_date = true; }
          });
          r.require(has_country, "country");
          r.require(has_activity, "activity");
          stop_dated.push_back(has_date);
          s.via.push_back(stop);
        });
        break;
      case 6: s.destination = r.country(v); has_destination = true; break;
      case 7:
        r.array(v, [&](size_t, od::value element) {
          static constexpr std::string_view party_keys[] = {"role", "name", "country", "headquarters"};
          Party party;
          bool has_role = false;
          r.object(element, party_keys, [&](size_t k, od::value pv) {
            if (k == 0) {
              party.role = r.vocabulary<PartyRole>(pv, "purchaser, intermediate_consignee, ultimate_consignee, end_user");
              has_role = true;
            } else if (k == 1) party.name = r.string(pv);
            else if (k == 2) party.country = r.country(pv);
            else party.headquarters = r.country(pv);
          });
          r.require(has_role, "role");
          s.parties.push_back(std::move(party));
        });
        break;
      case 8:
        has_items = true;
        r.array(v, [&](size_t, od::value element) {
          s.items.emplace_back();
          read_item(r, element, s.items.back());
        });
        if (s.items.empty()) r.fail("a shipment needs at least one item");
        break;
      case 9:
        r.array(v, [&](size_t, od::value element) {
          static constexpr std::string_view notice_keys[] = {"authority", "filed_on", "reference"};
          Notice notice;
          bool has_authority = false, has_filed_on = false;
          r.object(element, notice_keys, [&](size_t k, od::value nv) {
            if (k == 0) { notice.authority = r.vocabulary<Authority>(nv, "US-BIS, MY-MITI, TH-DFT"); has_authority = true; }
            else if (k == 1) { notice.filed_on = r.date(nv); has_filed_on = true; }
            else notice.reference = r.string(nv);
          });
          r.require(has_authority, "authority");
          r.require(has_filed_on, "filed_on");
          s.notices.push_back(std::move(notice));
        });
        break;
      case 10:
        r.array(v, [&](size_t, od::value element) {
          static constexpr std::string_view authorization_keys[] = {"authority", "kind", "number", "valid_from",
                                                                    "valid_to", "destinations", "models"};
          Authorization a;
          bool has_authority = false, has_kind = false, has_number = false;
          r.object(element, authorization_keys, [&](size_t k, od::value av) {
            switch (k) {
              case 0: a.authority = r.vocabulary<Authority>(av, "US-BIS, MY-MITI, TH-DFT"); has_authority = true; break;
              case 1: a.kind = r.vocabulary<AuthorizationKind>(av, "license, permit"); has_kind = true; break;
              case 2: a.number = r.string(av); has_number = true; break;
              case 3: a.valid_from = r.date(av); break;
              case 4: a.valid_to = r.date(av); break;
              case 5: r.array(av, [&](size_t, od::value c) { a.destinations.push_back(r.country(c)); }); break;
              case 6:
                r.array(av, [&](size_t, od::value m) {
                  std::string_view model = r.string(m);
                  a.models.push_back(normalize_model_name(model));
                  a.model_ids.push_back(r.rules().find_model(model));
                });
                break;
            }
          });
          r.require(has_authority, "authority");
          r.require(has_kind, "kind");
          r.require(has_number, "number");
          if (a.valid_to < a.valid_from) r.fail("valid_to is before valid_from");
          s.authorizations.push_back(std::move(a));
        });
        break;
    }
  });
  r.require(has_ship_date, "ship_date");
  r.require(has_origin, "origin");
  r.require(has_destination, "destination");
  r.require(has_items, "items");
  for (size_t i = 0; i < s.via.size(); ++i) {
    if (!stop_dated[i]) s.via[i].date = s.ship_date;
    if (s.via[i].date < s.ship_date)
      throw ParseError{"/via/" + std::to_string(i) + "/date", "a stop cannot come before the ship date " + to_string(s.ship_date)};
  }
}

}  // namespace

struct ShipmentParser::State {
  explicit State(const RuleSet& rules) : rules(rules) {}
  const RuleSet& rules;
  od::parser parser;
  simdjson::padded_string buffer;
  std::vector<PathSegment> path;
};

ShipmentParser::ShipmentParser(const RuleSet& rules) : state_(std::make_unique<State>(rules)) {}
ShipmentParser::~ShipmentParser() = default;

Status ShipmentParser::parse(std::string_view json, std::string_view source, Shipment& out) {
  out.clear();
  State& state = *state_;
  state.path.clear();
  if (state.buffer.data() == nullptr || state.buffer.size() < json.size() ||
      state.buffer.size() > 4 * json.size() + 4096)
    state.buffer = simdjson::padded_string(json.size());
  std::memcpy(state.buffer.data(), json.data(), json.size());
  // The document is json.size() bytes; only the padding simdjson may read past it is blanked,
  // not the rest of a buffer grown for an earlier, longer line.
  std::memset(state.buffer.data() + json.size(), ' ', simdjson::SIMDJSON_PADDING);
  Reader reader(state.rules, state.path);
  try {
    auto invalid = [&](simdjson::error_code error) {
      return make_error(ErrorCode::bad_input, std::string(source) + ": /: not valid JSON: " + json_problem(error));
    };
    od::document document;
    if (auto error = state.parser.iterate(state.buffer.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING)
                         .get(document))
      return invalid(error);
    od::json_type type;
    if (auto error = document.type().get(type)) return invalid(error);
    if (type != od::json_type::object)
      return make_error(ErrorCode::bad_input, std::string(source) + ": /: expected a JSON object (the shipment)");
    od::value root;
    if (auto error = document.get_value().get(root)) return invalid(error);
    read_shipment(reader, root, out);
    const char* trailing = nullptr;
    if (document.current_location().get(trailing) == simdjson::SUCCESS)
      return make_error(ErrorCode::bad_input, std::string(source) + ": /: not valid JSON: text follows the shipment object");
  } catch (const ParseError& error) {
    return make_error(ErrorCode::bad_input, std::string(source) + ": " + error.where + ": " + error.what);
  } catch (const simdjson::simdjson_error& error) {
    return make_error(ErrorCode::bad_input, std::string(source) + ": /: not valid JSON: " + json_problem(error.error()));
  }
  return Ok{};
}

}  // namespace exportctl
