#include "io/shipment_parser.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstring>

#include "exportctl/limits.hpp"

namespace exportctl {
namespace {

namespace od = simdjson::ondemand;

// Thrown by Reader::fail, caught in ShipmentParser::parse: where and what, for the Error.
struct ParseFailure {
  std::string pointer;
  std::string problem;
};

// The keys of one object of the contract, each named by an enum: a reader switches on the enum,
// so the compiler checks that every key is handled.
template <typename Key>
struct KeyName {
  Key key;
  std::string_view name;
};

enum class ShipmentKey : uint8_t {
  id, ship_date, known_on, exporter, origin, via, destination, parties, items, notices, authorizations
};
constexpr KeyName<ShipmentKey> kShipmentKeys[] = {
    {ShipmentKey::id, "id"},
    {ShipmentKey::ship_date, "ship_date"},
    {ShipmentKey::known_on, "known_on"},
    {ShipmentKey::exporter, "exporter"},
    {ShipmentKey::origin, "origin"},
    {ShipmentKey::via, "via"},
    {ShipmentKey::destination, "destination"},
    {ShipmentKey::parties, "parties"},
    {ShipmentKey::items, "items"},
    {ShipmentKey::notices, "notices"},
    {ShipmentKey::authorizations, "authorizations"},
};

enum class ExporterKey : uint8_t { name, country, headquarters };
constexpr KeyName<ExporterKey> kExporterKeys[] = {
    {ExporterKey::name, "name"}, {ExporterKey::country, "country"}, {ExporterKey::headquarters, "headquarters"}};

enum class StopKey : uint8_t { country, activity, date };
constexpr KeyName<StopKey> kStopKeys[] = {
    {StopKey::country, "country"}, {StopKey::activity, "activity"}, {StopKey::date, "date"}};

enum class PartyKey : uint8_t { role, name, country, headquarters };
constexpr KeyName<PartyKey> kPartyKeys[] = {{PartyKey::role, "role"},
                                            {PartyKey::name, "name"},
                                            {PartyKey::country, "country"},
                                            {PartyKey::headquarters, "headquarters"}};

enum class ItemKey : uint8_t { model, description, quantity, unit_value_usd, us_origin, metrics, kind, contains, eccn };
constexpr KeyName<ItemKey> kItemKeys[] = {
    {ItemKey::model, "model"},
    {ItemKey::description, "description"},
    {ItemKey::quantity, "quantity"},
    {ItemKey::unit_value_usd, "unit_value_usd"},
    {ItemKey::us_origin, "us_origin"},
    {ItemKey::metrics, "metrics"},
    {ItemKey::kind, "kind"},
    {ItemKey::contains, "contains"},
    {ItemKey::eccn, "eccn"},
};

enum class PartKey : uint8_t { model, count };
constexpr KeyName<PartKey> kPartKeys[] = {{PartKey::model, "model"}, {PartKey::count, "count"}};

enum class MetricKey : uint8_t {
  tpp, performance_density, die_area_mm2, dense_tops, bit_length, interconnect_gbps, memory_bandwidth_gbps,
  memory_bandwidth_density, datacenter
};
constexpr KeyName<MetricKey> kMetricKeys[] = {
    {MetricKey::tpp, "tpp"},
    {MetricKey::performance_density, "performance_density"},
    {MetricKey::die_area_mm2, "die_area_mm2"},
    {MetricKey::dense_tops, "dense_tops"},
    {MetricKey::bit_length, "bit_length"},
    {MetricKey::interconnect_gbps, "interconnect_gbps"},
    {MetricKey::memory_bandwidth_gbps, "memory_bandwidth_gbps"},
    {MetricKey::memory_bandwidth_density, "memory_bandwidth_density"},
    {MetricKey::datacenter, "datacenter"},
};

enum class NoticeKey : uint8_t { authority, filed_on, reference };
constexpr KeyName<NoticeKey> kNoticeKeys[] = {
    {NoticeKey::authority, "authority"}, {NoticeKey::filed_on, "filed_on"}, {NoticeKey::reference, "reference"}};

enum class AuthorizationKey : uint8_t { authority, kind, number, valid_from, valid_to, destinations, models };
constexpr KeyName<AuthorizationKey> kAuthorizationKeys[] = {
    {AuthorizationKey::authority, "authority"},
    {AuthorizationKey::kind, "kind"},
    {AuthorizationKey::number, "number"},
    {AuthorizationKey::valid_from, "valid_from"},
    {AuthorizationKey::valid_to, "valid_to"},
    {AuthorizationKey::destinations, "destinations"},
    {AuthorizationKey::models, "models"},
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

  [[noreturn]] void fail(std::string problem) const { throw ParseFailure{pointer(), std::move(problem)}; }

  template <typename T>
  T check(simdjson::simdjson_result<T> result, const char* expected) const {
    T value;
    if (auto error = std::move(result).get(value)) {
      if (error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR) fail(std::string("expected ") + expected);
      fail("not valid JSON: " + json_problem(error));
    }
    return value;
  }

  // Any string: its length is bounded so that nothing downstream (a reference pattern, a
  // rendered report) meets an input of unbounded size.
  std::string_view string(od::value value) const {
    std::string_view text = check(value.get_string(), "a string");
    if (text.size() > kMaxStringChars) {
      size_t chars = 0;  // UTF-8 code points: every byte but continuation bytes
      for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      if (chars > kMaxStringChars)
        fail("over the limit of " + std::to_string(kMaxStringChars) + " characters (docs/limits.md)");
    }
    return text;
  }
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
  // A performance figure: zero (or -0) would read as "below every threshold" and clear the item.
  double positive(od::value value) const {
    double n = number(value);
    if (!(n > 0)) fail("must be positive");
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

  // A word of the vocabulary of Enum; the message lists the vocabulary.
  template <typename Enum>
  Enum vocabulary(od::value value) const {
    std::string_view text = string(value);
    auto parsed = parse_enum<Enum>(text);
    if (!parsed) fail("\"" + std::string(text) + "\" is not " + one_of<Enum>());
    return *parsed;
  }

  // Calls on_field(key, value) for every member; rejects unknown and duplicate keys.
  template <typename Key, size_t N, typename OnField>
  void object(od::value value, const KeyName<Key> (&keys)[N], OnField&& on_field) const {
    static_assert(N <= 64, "the keys seen are one bit each");
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
      while (index < N && keys[index].name != key) ++index;
      if (index == N) fail("unknown key \"" + std::string(key) + "\"");
      if (seen >> index & 1) fail("duplicate key \"" + std::string(key) + "\"");
      seen |= uint64_t{1} << index;
      on_field(keys[index].key, field.value());
    }
    if (path_.size() > mark) path_.pop_back();
  }

  // Calls on_element(index, value) for each element; an array longer than `limit` is an error
  // at the array's pointer, before the element over it is read.
  template <typename OnElement>
  void array(od::value value, size_t limit, OnElement&& on_element) const {
    od::array array = check(value.get_array(), "an array");
    size_t mark = path_.size();
    path_.emplace_back();
    size_t index = 0;
    for (auto element : array) {
      if (index == limit) {
        path_.resize(mark);
        fail("over the limit of " + std::to_string(limit) + " entries (docs/limits.md)");
      }
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
  Metrics m;
  r.object(value, kMetricKeys, [&](MetricKey key, od::value v) {
    switch (key) {
      case MetricKey::tpp: m.tpp = r.positive(v); break;
      case MetricKey::performance_density: m.performance_density = r.positive(v); break;
      case MetricKey::die_area_mm2: m.die_area_mm2 = r.positive(v); break;
      case MetricKey::dense_tops: m.dense_tops = r.positive(v); break;
      case MetricKey::bit_length: m.bit_length = r.positive(v); break;
      case MetricKey::interconnect_gbps: m.interconnect_gbps = r.positive(v); break;
      case MetricKey::memory_bandwidth_gbps: m.memory_bandwidth_gbps = r.positive(v); break;
      case MetricKey::memory_bandwidth_density: m.memory_bandwidth_density = r.positive(v); break;
      case MetricKey::datacenter: m.datacenter = r.tri(v); break;
    }
  });
  return m;
}

ContainedItem read_part(const Reader& r, od::value value) {
  ContainedItem part;
  bool has_model = false;
  r.object(value, kPartKeys, [&](PartKey key, od::value v) {
    switch (key) {
      case PartKey::model:
        part.model_name = r.string(v);
        part.model = r.rules().find_model(part.model_name);
        has_model = true;
        break;
      case PartKey::count:
        part.count = r.number(v);
        if (part.count <= 0) r.fail("count must be positive");
        break;
    }
  });
  r.require(has_model, "model");
  return part;
}

void read_item(const Reader& r, od::value value, Item& item) {
  bool has_metrics = false;
  r.object(value, kItemKeys, [&](ItemKey key, od::value v) {
    switch (key) {
      case ItemKey::model:
        item.model_name = r.string(v);
        item.model = r.rules().find_model(item.model_name);
        // Normalising again only for a name not in the catalog: a catalog name is never empty
        // once normalised (the loader checks), and this runs on every item.
        if (item.model == kNoModel && normalize_model_name(item.model_name).empty())
          r.fail("a model name needs letters or digits");
        break;
      case ItemKey::description: item.description = r.string(v); break;
      case ItemKey::quantity:
        item.quantity = r.number(v);
        if (item.quantity <= 0) r.fail("quantity must be positive");
        break;
      case ItemKey::unit_value_usd: item.unit_value_usd = r.non_negative(v); break;
      case ItemKey::us_origin: item.us_origin = r.tri(v); break;
      case ItemKey::metrics:
        item.metrics = read_metrics(r, v);
        has_metrics = true;
        break;
      case ItemKey::kind:
        item.kind = r.vocabulary<ItemKind>(v);
        item.kind_given = true;
        break;
      case ItemKey::contains:
        r.array(v, kMaxParts, [&](size_t, od::value element) { item.contains.push_back(read_part(r, element)); });
        break;
      case ItemKey::eccn: item.declared_eccn = r.string(v); break;
    }
  });
  if (item.model_name.empty() && !has_metrics && item.contains.empty())
    r.fail("an item needs a \"model\", \"metrics\" or \"contains\" to be classified");
}

void read_exporter(const Reader& r, od::value value, Exporter& exporter) {
  exporter.given = true;
  r.object(value, kExporterKeys, [&](ExporterKey key, od::value v) {
    switch (key) {
      case ExporterKey::name: exporter.name = r.string(v); break;
      case ExporterKey::country: exporter.country = r.country(v); break;
      case ExporterKey::headquarters: exporter.headquarters = r.country(v); break;
    }
  });
}

// A stop; `dated` tells whether it gave its own date (else it takes the ship date).
Stop read_stop(const Reader& r, od::value value, bool& dated) {
  Stop stop;
  bool has_country = false, has_activity = false;
  dated = false;
  r.object(value, kStopKeys, [&](StopKey key, od::value v) {
    switch (key) {
      case StopKey::country:
        stop.country = r.country(v);
        has_country = true;
        break;
      case StopKey::activity:
        stop.activity = r.vocabulary<StopActivity>(v);
        has_activity = true;
        break;
      case StopKey::date:
        stop.date = r.date(v);
        dated = true;
        break;
    }
  });
  r.require(has_country, "country");
  r.require(has_activity, "activity");
  return stop;
}

Party read_party(const Reader& r, od::value value) {
  Party party;
  bool has_role = false;
  r.object(value, kPartyKeys, [&](PartyKey key, od::value v) {
    switch (key) {
      case PartyKey::role:
        party.role = r.vocabulary<PartyRole>(v);
        has_role = true;
        break;
      case PartyKey::name: party.name = r.string(v); break;
      case PartyKey::country: party.country = r.country(v); break;
      case PartyKey::headquarters: party.headquarters = r.country(v); break;
    }
  });
  r.require(has_role, "role");
  return party;
}

Notice read_notice(const Reader& r, od::value value) {
  Notice notice;
  bool has_authority = false, has_filed_on = false;
  r.object(value, kNoticeKeys, [&](NoticeKey key, od::value v) {
    switch (key) {
      case NoticeKey::authority:
        notice.authority = r.vocabulary<Authority>(v);
        has_authority = true;
        break;
      case NoticeKey::filed_on:
        notice.filed_on = r.date(v);
        has_filed_on = true;
        break;
      case NoticeKey::reference: notice.reference = r.string(v); break;
    }
  });
  r.require(has_authority, "authority");
  r.require(has_filed_on, "filed_on");
  return notice;
}

Authorization read_authorization(const Reader& r, od::value value) {
  Authorization a;
  bool has_authority = false, has_kind = false, has_number = false;
  r.object(value, kAuthorizationKeys, [&](AuthorizationKey key, od::value v) {
    switch (key) {
      case AuthorizationKey::authority:
        a.authority = r.vocabulary<Authority>(v);
        has_authority = true;
        break;
      case AuthorizationKey::kind:
        a.kind = r.vocabulary<AuthorizationKind>(v);
        has_kind = true;
        break;
      case AuthorizationKey::number:
        a.number = r.string(v);
        has_number = true;
        break;
      case AuthorizationKey::valid_from: a.valid_from = r.date(v); break;
      case AuthorizationKey::valid_to: a.valid_to = r.date(v); break;
      case AuthorizationKey::destinations:
        r.array(v, kMaxListedCodes, [&](size_t, od::value country) { a.destinations.push_back(r.country(country)); });
        break;
      case AuthorizationKey::models:
        r.array(v, kMaxListedCodes, [&](size_t, od::value element) {
          std::string_view model = r.string(element);
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
  return a;
}

void read_shipment(const Reader& r, od::value root, Shipment& s) {
  bool has_ship_date = false, has_origin = false, has_destination = false, has_items = false;
  std::vector<bool> stop_dated;
  r.object(root, kShipmentKeys, [&](ShipmentKey key, od::value v) {
    switch (key) {
      case ShipmentKey::id: s.id = r.string(v); break;
      case ShipmentKey::ship_date:
        s.ship_date = r.date(v);
        has_ship_date = true;
        break;
      case ShipmentKey::known_on: s.known_on = r.date(v); break;
      case ShipmentKey::exporter: read_exporter(r, v, s.exporter); break;
      case ShipmentKey::origin:
        s.origin = r.country(v);
        has_origin = true;
        break;
      case ShipmentKey::via:
        r.array(v, kMaxStops, [&](size_t, od::value element) {
          bool dated = false;
          s.via.push_back(read_stop(r, element, dated));
          stop_dated.push_back(dated);
        });
        break;
      case ShipmentKey::destination:
        s.destination = r.country(v);
        has_destination = true;
        break;
      case ShipmentKey::parties:
        r.array(v, kMaxParties, [&](size_t, od::value element) { s.parties.push_back(read_party(r, element)); });
        break;
      case ShipmentKey::items:
        has_items = true;
        r.array(v, kMaxItems, [&](size_t, od::value element) {
          s.items.emplace_back();
          read_item(r, element, s.items.back());
        });
        if (s.items.empty()) r.fail("a shipment needs at least one item");
        break;
      case ShipmentKey::notices:
        r.array(v, kMaxNotices, [&](size_t, od::value element) { s.notices.push_back(read_notice(r, element)); });
        break;
      case ShipmentKey::authorizations:
        r.array(v, kMaxAuthorizations, [&](size_t, od::value element) { s.authorizations.push_back(read_authorization(r, element)); });
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
      throw ParseFailure{"/via/" + std::to_string(i) + "/date",
                         "a stop cannot come before the ship date " + to_string(s.ship_date)};
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
  // Problems with the document as a whole point at its root, "/".
  auto at_root = [&](std::string problem) {
    return Error{ErrorCode::bad_input, std::string(source), "/", std::move(problem), {}};
  };
  try {
    auto invalid = [&](simdjson::error_code error) { return at_root("not valid JSON: " + json_problem(error)); };
    od::document document;
    if (auto error = state.parser.iterate(state.buffer.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING)
                         .get(document))
      return invalid(error);
    od::json_type type;
    if (auto error = document.type().get(type)) return invalid(error);
    if (type != od::json_type::object) return at_root("expected a JSON object (the shipment)");
    od::value root;
    if (auto error = document.get_value().get(root)) return invalid(error);
    read_shipment(reader, root, out);
    const char* trailing = nullptr;
    if (document.current_location().get(trailing) == simdjson::SUCCESS)
      return at_root("not valid JSON: text follows the shipment object");
  } catch (ParseFailure& failure) {
    return Error{ErrorCode::bad_input, std::string(source), std::move(failure.pointer), std::move(failure.problem), {}};
  } catch (const simdjson::simdjson_error& error) {
    return at_root("not valid JSON: " + json_problem(error.error()));
  }
  return Ok{};
}

}  // namespace exportctl
