// A shipment to screen: the request of contract.md, validated and with codes resolved
// against the loaded rules (countries and catalog models become ids).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exportctl/date.hpp"
#include "exportctl/vocabulary.hpp"

namespace exportctl {

inline constexpr double kUnknown = NAN;  // a numeric fact nobody supplied

// A three-valued fact: true, false or not known.
enum class Tri : int8_t { no = 0, yes = 1, unknown = 2 };

// Figures supplied on the shipment; each overrides the catalog's value. NaN means not given.
struct Metrics {
  double tpp = kUnknown;
  double performance_density = kUnknown;
  double die_area_mm2 = kUnknown;
  double dense_tops = kUnknown;  // with bit_length gives TPP = dense TOPS x bit length
  double bit_length = kUnknown;
  double interconnect_gbps = kUnknown;
  double memory_bandwidth_gbps = kUnknown;
  double memory_bandwidth_density = kUnknown;
  Tri datacenter = Tri::unknown;
};

struct ContainedItem {
  std::string model_name;
  ModelId model = kNoModel;  // kNoModel when the name is not in the catalog
  double count = 1;
};

struct Item {
  std::string model_name;  // as written on the shipment ("" when absent)
  ModelId model = kNoModel;
  std::string description;
  ItemKind kind = ItemKind::ic;
  bool kind_given = false;
  double quantity = 1;
  double unit_value_usd = kUnknown;
  Tri us_origin = Tri::unknown;  // unknown: take the catalog's value
  Metrics metrics;
  std::vector<ContainedItem> contains;
  std::string declared_eccn;
};

struct Stop {
  CountryId country = kNoCountry;
  StopActivity activity = StopActivity::transit;
  Date date;  // the ship date when not given
};

struct Party {
  PartyRole role = PartyRole::end_user;
  std::string name;
  CountryId country = kNoCountry;
  CountryId headquarters = kNoCountry;  // kNoCountry: not stated
};

struct Notice {
  Authority authority = Authority::US_BIS;
  Date filed_on;
  std::string reference;
  // From the register (register.hpp) only; a notice on the shipment leaves them empty.
  int64_t register_id = 0;               // 0: on the shipment
  std::vector<CountryId> destinations;   // empty: any destination
  std::vector<std::string> consignees;   // normalized (normalize_party_name); empty: any
};

struct Authorization {
  Authority authority = Authority::US_BIS;
  AuthorizationKind kind = AuthorizationKind::license;
  std::string number;
  Date valid_from = kMinDate;
  Date valid_to = kMaxDate;
  std::vector<CountryId> destinations;  // empty: any destination
  std::vector<std::string> models;      // normalized names (see normalize_model_name); empty: any model
  std::vector<ModelId> model_ids;       // parallel to models: the catalog entry, or kNoModel
  // From the register (register.hpp) only; an authorization on the shipment has no limits.
  int64_t register_id = 0;              // 0: on the shipment
  std::vector<std::string> consignees;  // normalized (normalize_party_name); empty: any consignee
  double quantity_limit = kUnknown;     // units it covers in all; NaN: no limit
  double quantity_used = 0;             // by recorded shipments not voided, before this one
  double value_limit = kUnknown;        // US dollars it covers in all; NaN: no limit
  double value_used = 0;
};

// An earlier recorded shipment to the same ultimate consignee in the same country and calendar
// year, as the store counted it for License Exception LPP's annual limit (15 CFR 740.29).
struct CountedShipment {
  int64_t decision = 0;     // the recorded decision
  std::string shipment_id;
  Date ship_date;
  double tpp = kUnknown;    // its total TPP; NaN: an item's TPP was unknown
};

struct Exporter {
  bool given = false;
  std::string name;
  CountryId country = kNoCountry;
  CountryId headquarters = kNoCountry;
};

struct Shipment {
  std::string id;
  Date ship_date;
  std::optional<Date> known_on;
  Exporter exporter;
  CountryId origin = kNoCountry;
  CountryId destination = kNoCountry;
  std::vector<Stop> via;
  std::vector<Party> parties;
  std::vector<Item> items;
  std::vector<Notice> notices;
  std::vector<Authorization> authorizations;
  // The consignee's earlier shipments of the year, filled ONLY by the store layer (the request
  // parser never reads it, so a caller cannot lower the count). nullopt: no store was consulted,
  // so the annual count (the fact consignee_year_total_tpp) is not known; an empty list: a store
  // was consulted and holds none.
  std::optional<std::vector<CountedShipment>> counted_shipments;

  // Empties every field but keeps the capacity, so a batch can reuse one Shipment.
  void clear();
};

// Lower-cases and drops everything but letters and digits: "NVIDIA H100-SXM" -> "nvidiah100sxm".
std::string normalize_model_name(std::string_view name);
// The same for a company name, so "Viet AI Co., Ltd." and "VIET AI CO LTD" are one consignee.
std::string normalize_party_name(std::string_view name);

}  // namespace exportctl
