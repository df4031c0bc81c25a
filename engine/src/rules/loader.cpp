#include "rules/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/sha256.hpp"
#include "common/strict_json.hpp"
#include "report/json_writer.hpp"
#include "rules/timeline.hpp"

namespace exportctl {

class Loader {
 public:
  explicit Loader(RuleSet& rules) : rules_(rules) {}

  void load(const std::vector<SourceDocument>& documents, const std::string& display_prefix) {
    std::vector<std::pair<std::string, nlohmann::json>> parsed;
    for (const SourceDocument& document : documents) {
      std::string shown = display_prefix.empty() ? document.name : display_prefix + "/" + document.name;
      parsed.emplace_back(shown, parse_strict_json(document.text, shown));
    }
    // Later phases refer to what earlier ones define: groups name countries, catalogs name
    // countries and models, rules name all three.
    const char* phases[] = {"countries", "country_group", "catalog", "rule"};
    for (const char* phase : phases)
      for (auto& [document, json] : parsed) {
        JsonAt root(json, document);
        std::string kind = root.string("kind");
        bool is_rule = parse_enum<RuleKind>(kind).has_value();
        if (kind != "countries" && kind != "country_group" && kind != "catalog" && !is_rule)
          root.at("kind").fail("unknown kind \"" + kind + "\"");
        if ((is_rule ? std::string("rule") : kind) != phase) continue;
        if (kind == "countries") load_countries(root);
        else if (kind == "country_group") load_group(root);
        else if (kind == "catalog") load_catalog(root);
        else load_rule(root);
      }
    if (rules_.countries.empty()) throw LoadError("rules: no countries file (kind \"countries\") found");
    check_references();
    finish();
  }

 private:
  // ---- countries and groups -------------------------------------------------------------
  void load_countries(const JsonAt& root) {
    root.allow_only({"kind", "source_url", "notes", "countries"});
    JsonAt list = root.at("countries");
    for (size_t i = 0; i < list.size(); ++i) {
      JsonAt entry = list.at(i);
      entry.allow_only({"code", "name"});
      std::string code = entry.string("code");
      if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) || !std::isupper(static_cast<unsigned char>(code[1])))
        entry.at("code").fail("a country code is two upper-case letters (ISO 3166-1 alpha-2)");
      if (rules_.country_by_code.count(code)) entry.at("code").fail("country " + code + " listed twice");
      if (rules_.countries.size() == kMaxSymbols) entry.fail("more countries than the engine supports (" + std::to_string(kMaxSymbols) + ")");
      rules_.country_by_code[code] = static_cast<CountryId>(rules_.countries.size());
      rules_.country_by_letters[static_cast<size_t>((code[0] - 'A') * 26 + (code[1] - 'A'))] = rules_.country_by_code[code];
      rules_.countries.push_back({code, entry.string("name")});
      rules_.country_codes.push_back(code);
    }
    rules_.united_states = rules_.find_country("US");
    if (rules_.united_states == kNoCountry) list.fail("the country list must include US (the EAR's home)");
  }

  CountryId country(const JsonAt& at) const {
    std::string code = at.as_string();
    CountryId id = rules_.find_country(code);
    if (id == kNoCountry) at.fail("unknown country code \"" + code + "\"");
    return id;
  }

  std::vector<CountryId> countries(const JsonAt& list) const {
    std::vector<CountryId> out;
    for (size_t i = 0; i < list.size(); ++i) out.push_back(country(list.at(i)));
    return out;
  }

  Confidence confidence(const JsonAt& at) const {
    auto value = parse_enum<Confidence>(at.as_string());
    if (!value) at.fail("confidence is one of primary, secondary, inferred");
    return *value;
  }

  void load_group(const JsonAt& root) {
    root.allow_only({"kind", "id", "name", "notes", "versions"});
    CountryGroup group;
    group.id = root.string("id");
    group.name = root.string("name");
    group.file = root.source();
    if (rules_.group_by_id.count(group.id)) root.at("id").fail("country group " + group.id + " defined twice");
    JsonAt versions = root.at("versions");
    if (versions.size() == 0) versions.fail("a group needs at least one version");
    for (size_t i = 0; i < versions.size(); ++i) {
      JsonAt v = versions.at(i).with_context("group " + group.id);
      v.allow_only({"version", "valid_from", "valid_to", "known_from", "confidence", "citation", "source_url", "notes", "members"});
      GroupVersion version;
      version.number = v.at("version").as_int();
      if (version.number != static_cast<int>(i) + 1) v.at("version").fail("versions are numbered 1, 2, ... in order");
      version.valid_from = v.date("valid_from");
      version.valid_to = v.optional_date("valid_to").value_or(kMaxDate);
      if (version.valid_to < version.valid_from) v.at("valid_to").fail("valid_to is before valid_from");
      version.known_from = v.date("known_from");
      version.confidence = confidence(v.at("confidence"));
      version.citation = v.string("citation");
      version.source_url = v.string("source_url");
      version.notes = v.string_or("notes", "");
      version.members = countries(v.at("members"));
      // Two versions starting the same day and known the same day leave no way to choose.
      for (const GroupVersion& earlier : group.versions)
        if (earlier.valid_from == version.valid_from && earlier.known_from == version.known_from)
          v.at("valid_from").fail("overlaps version " + std::to_string(earlier.number) + " known on the same day");
      group.versions.push_back(std::move(version));
    }
    rules_.group_by_id[group.id] = rules_.groups.size();
    rules_.groups.push_back(std::move(group));
  }

  // ---- catalog ------------------------------------------------------------------------------
  Metrics metrics(const JsonAt& at) const {
    at.allow_only({"tpp", "performance_density", "die_area_mm2", "dense_tops", "bit_length", "interconnect_gbps",
                   "memory_bandwidth_gbps", "memory_bandwidth_density", "datacenter"});
    Metrics m;
    auto number = [&](const char* key, double& field) {
      if (auto value = at.find(key)) {
        field = value->as_number();
        if (field < 0) value->fail("must not be negative");
      }
    };
    number("tpp", m.tpp);
    number("performance_density", m.performance_density);
    number("die_area_mm2", m.die_area_mm2);
    number("dense_tops", m.dense_tops);
    number("bit_length", m.bit_length);
    number("interconnect_gbps", m.interconnect_gbps);
    number("memory_bandwidth_gbps", m.memory_bandwidth_gbps);
    number("memory_bandwidth_density", m.memory_bandwidth_density);
    if (auto value = at.find("datacenter")) m.datacenter = value->as_bool() ? Tri::yes : Tri::no;
    return m;
  }

  void index_model_name(const std::string& name, ModelId id, const JsonAt& at) {
    std::string key = normalize_model_name(name);
    if (key.empty()) at.fail("a model name needs letters or digits");
    auto [it, inserted] = rules_.model_by_normalized_name.emplace(key, id);
    if (!inserted && it->second != id)
      at.fail("\"" + name + "\" is ambiguous: it also names " + rules_.catalog[it->second].name);
  }

  void load_catalog(const JsonAt& root) {
    root.allow_only({"kind", "vendor", "notes", "models"});
    std::string vendor = root.string("vendor");
    JsonAt models = root.at("models");
    for (size_t i = 0; i < models.size(); ++i) {
      JsonAt m = models.at(i);
      m.allow_only({"name", "aliases", "kind", "us_origin", "metrics", "contains", "known_from", "confidence",
                    "inferred", "source_url", "notes"});
      CatalogModel model;
      model.vendor = vendor;
      model.name = vendor + " " + m.string("name");
      model.file = root.source();
      if (auto kind = m.find("kind")) {
        auto parsed = parse_enum<ItemKind>(kind->as_string());
        if (!parsed) kind->fail("kind is one of ic, system, hbm");
        model.kind = *parsed;
      }
      model.us_origin = m.at("us_origin").as_bool() ? Tri::yes : Tri::no;
      model.metrics = metrics(m.at("metrics"));
      model.known_from = m.date("known_from");
      model.confidence = confidence(m.at("confidence"));
      model.source_url = m.string("source_url");
      model.notes = m.string_or("notes", "");
      if (auto inferred = m.find("inferred"))
        for (size_t k = 0; k < inferred->size(); ++k) {
          std::string field = inferred->at(k).as_string();
          if (!m.at("metrics").has(field)) inferred->at(k).fail("\"" + field + "\" is not among this model's metrics");
          model.inferred.push_back(field);
        }
      if (auto contains = m.find("contains")) {
        if (model.kind != ItemKind::system) contains->fail("only a system (kind \"system\") contains other models");
        for (size_t k = 0; k < contains->size(); ++k) {
          JsonAt part = contains->at(k);
          part.allow_only({"model", "count"});
          ContainedItem item;
          item.model_name = part.string("model");
          item.model = rules_.find_model(item.model_name);
          if (item.model == kNoModel) part.at("model").fail("unknown catalog model \"" + item.model_name + "\" (list parts before systems)");
          item.count = part.at("count").as_number();
          model.contains.push_back(std::move(item));
        }
      }
      if (rules_.catalog.size() == kMaxSymbols) m.fail("more catalog models than the engine supports (" + std::to_string(kMaxSymbols) + ")");
      ModelId id = static_cast<ModelId>(rules_.catalog.size());
      index_model_name(model.name, id, m.at("name"));
      index_model_name(m.string("name"), id, m.at("name"));
      if (auto aliases = m.find("aliases"))
        for (size_t k = 0; k < aliases->size(); ++k) {
          std::string alias = aliases->at(k).as_string();
          model.aliases.push_back(alias);
          index_model_name(alias, id, aliases->at(k));
          index_model_name(vendor + " " + alias, id, aliases->at(k));
        }
      rules_.model_names.push_back(model.name);
      rules_.catalog.push_back(std::move(model));
    }
  }

  // ---- conditions ---------------------------------------------------------------------------
  static std::optional<Fact> find_fact(std::string_view name) {
    for (int i = 0; i < kFactCount; ++i)
      if (fact_info(static_cast<Fact>(i)).name == name) return static_cast<Fact>(i);
    return std::nullopt;
  }

  uint16_t symbol(FactType type, const JsonAt& at) const {
    std::string text = at.as_string();
    switch (type) {
      case FactType::country: return country(at);
      case FactType::model: {
        ModelId id = rules_.find_model(text);
        if (id == kNoModel) at.fail("unknown catalog model \"" + text + "\"");
        return id;
      }
      case FactType::kind: {
        auto kind = parse_enum<ItemKind>(text);
        if (!kind) at.fail("kind is one of ic, system, hbm");
        return static_cast<uint16_t>(*kind);
      }
      case FactType::eccn: {
        auto eccn = text == "none" ? std::optional<Eccn>(Eccn::none) : parse_enum<Eccn>(text);
        if (!eccn) at.fail("unknown ECCN \"" + text + "\"");
        return static_cast<uint16_t>(*eccn);
      }
      case FactType::movement: {
        auto movement = parse_enum<MovementKind>(text);
        if (!movement) at.fail("movement is one of export, transit, transshipment");
        return static_cast<uint16_t>(*movement);
      }
      default: at.fail("this fact takes no list of symbols");
    }
  }

  void condition_nodes(const JsonAt& at, std::vector<ConditionNode>& nodes) const {
    at.expect_object();
    size_t index = nodes.size();
    nodes.emplace_back();
    for (const char* connective : {"all", "any"}) {
      if (!at.has(connective)) continue;
      at.allow_only({connective});
      nodes[index].op = std::string_view(connective) == "all" ? Op::all : Op::any;
      JsonAt children = at.at(connective);
      if (children.size() == 0) children.fail("needs at least one condition");
      for (size_t i = 0; i < children.size(); ++i) condition_nodes(children.at(i), nodes);
      nodes[index].next = static_cast<uint32_t>(nodes.size());
      return;
    }
    if (at.has("not")) {
      at.allow_only({"not"});
      nodes[index].op = Op::not_;
      condition_nodes(at.at("not"), nodes);
      nodes[index].next = static_cast<uint32_t>(nodes.size());
      return;
    }
    std::string fact_name = at.string("fact");
    auto fact = find_fact(fact_name);
    if (!fact) at.at("fact").fail("unknown fact \"" + fact_name + "\"");
    const FactInfo& info = fact_info(*fact);
    ConditionNode& node = nodes[index];
    node.fact = *fact;
    node.next = static_cast<uint32_t>(index + 1);
    if (at.json().size() != 2) at.fail("a comparison has \"fact\" and exactly one operator");
    for (const auto& [op_name, value] : at.json().items()) {
      if (op_name == "fact") continue;
      JsonAt operand = at.at(op_name);
      if (op_name == ">=" || op_name == ">" || op_name == "<=" || op_name == "<") {
        if (info.type != FactType::number) operand.fail("fact \"" + fact_name + "\" is not a number");
        node.op = op_name == ">=" ? Op::ge : op_name == ">" ? Op::gt : op_name == "<=" ? Op::le : Op::lt;
        node.number = operand.as_number();
      } else if (op_name == "is") {
        if (info.type != FactType::boolean) operand.fail("fact \"" + fact_name + "\" is not true/false");
        node.op = Op::is;
        node.flag = operand.as_bool();
      } else if (op_name == "in") {
        if (info.type == FactType::number || info.type == FactType::boolean) operand.fail("\"in\" needs a fact with symbols");
        node.op = Op::in;
        if (operand.size() == 0) operand.fail("needs at least one value");
        for (size_t i = 0; i < operand.size(); ++i) {
          node.symbols.insert(symbol(info.type, operand.at(i)));
          node.symbol_names.push_back(operand.at(i).as_string());
        }
      } else if (op_name == "in_groups") {
        if (info.type != FactType::country) operand.fail("\"in_groups\" needs a country fact");
        node.op = Op::in_groups;
        if (operand.size() == 0) operand.fail("needs at least one group");
        for (size_t i = 0; i < operand.size(); ++i) {
          std::string group = operand.at(i).as_string();
          if (!rules_.group_by_id.count(group)) operand.at(i).fail("unknown country group \"" + group + "\"");
          node.groups.push_back(group);
        }
      } else {
        operand.fail("unknown operator \"" + op_name + "\" (use >=, >, <=, <, is, in, in_groups)");
      }
    }
  }

  Condition condition(const JsonAt& at, bool items_allowed) const {
    std::vector<ConditionNode> nodes;
    condition_nodes(at, nodes);
    Condition compiled(std::move(nodes));
    if (!items_allowed && compiled.reads_item_facts())
      at.fail("this condition is about the shipment and may not read item facts (put those under \"items\")");
    return compiled;
  }

  std::optional<Condition> optional_condition(const JsonAt& v, std::string_view key, bool items_allowed) const {
    if (auto at = v.find(key)) return condition(*at, items_allowed);
    return std::nullopt;
  }

  // ---- rules --------------------------------------------------------------------------------
  void load_rule(const JsonAt& file_root) {
    JsonAt root = file_root.with_context(file_root.has("id") && file_root.json()["id"].is_string()
                                             ? "rule " + file_root.json()["id"].get<std::string>() : "");
    root.allow_only({"kind", "id", "jurisdiction", "authority", "title", "notes", "versions"});
    auto rule = std::make_unique<LoadedRule>();
    RuleInfo& info = rule->info;
    info.id = root.string("id");
    info.kind = *parse_enum<RuleKind>(root.string("kind"));
    auto jurisdiction = parse_enum<Jurisdiction>(root.string("jurisdiction"));
    if (!jurisdiction) root.at("jurisdiction").fail("jurisdiction is one of US, MY, TH");
    info.jurisdiction = *jurisdiction;
    auto authority = parse_enum<Authority>(root.string("authority"));
    if (!authority) root.at("authority").fail("authority is one of US-BIS, MY-MITI, TH-DFT");
    info.authority = *authority;
    info.title = root.string("title");
    info.file = root.source();
    if (rules_.rule_by_id.count(info.id)) root.at("id").fail("rule " + info.id + " is defined twice");
    JsonAt versions = root.at("versions");
    if (versions.size() == 0) versions.fail("a rule needs at least one version");
    for (size_t i = 0; i < versions.size(); ++i) {
      auto version = std::make_unique<LoadedVersion>();
      version->meta.rule = &rule->info;
      load_version(versions.at(i), info, *version, static_cast<int>(i) + 1);
      render_members(*version);
      rules_.loaded_by_meta[&version->meta] = version.get();
      rule->versions.push_back(std::move(version));
    }
    check_overlaps(*rule, versions);
    rules_.rule_by_id[info.id] = rule.get();
    rules_.rules.push_back(std::move(rule));
  }

  // The members every requirement citing this version repeats, escaped once (see RenderedMembers).
  static void render_members(LoadedVersion& version) {
    const RuleVersion& meta = version.meta;
    RenderedMembers& rendered = version.rendered;
    JsonWriter(rendered.citation_confidence).key("citation").string(meta.citation).key("confidence").string(name(meta.confidence));
    if (!meta.notes.empty()) JsonWriter(rendered.notes).key("notes").string(meta.notes);
    JsonWriter(rendered.rule_source_url).key("rule").string(meta.rule->id).key("source_url").string(meta.source_url);
  }

  void load_version(const JsonAt& v, const RuleInfo& info, LoadedVersion& version, int expected_number) {
    static const std::initializer_list<std::string_view> common = {
        "version", "supersedes", "valid_from", "valid_to", "compliance_from", "known_from", "status",
        "confidence", "citation", "source_url", "summary", "notes", "enforcement"};
    std::vector<std::string_view> allowed(common);
    auto allow = [&](std::initializer_list<std::string_view> keys) { allowed.insert(allowed.end(), keys); };
    switch (info.kind) {
      case RuleKind::classification: allow({"classes", "systems"}); break;
      case RuleKind::exception: allow({"name", "covers", "movements", "at", "when", "items", "notice_days", "reference_pattern"}); break;
      case RuleKind::review_policy: allow({"applies_to", "policies"}); break;
      default: allow({"movements", "at", "when", "items", "binds_exporters", "notice_days"}); break;
    }
    v.expect_object();
    for (const auto& [key, value] : v.json().items())
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        v.at(key).fail("unknown key \"" + key + "\" for a rule of kind " + std::string(name(info.kind)));

    RuleVersion& meta = version.meta;
    meta.json = v.json().dump();
    meta.number = v.at("version").as_int();
    if (meta.number != expected_number) v.at("version").fail("versions are numbered 1, 2, ... in order");
    if (auto supersedes = v.find("supersedes")) {
      meta.supersedes = supersedes->as_int();
      if (meta.supersedes < 1 || meta.supersedes >= meta.number) supersedes->fail("a correction supersedes an earlier version");
    }
    meta.valid_from = v.date("valid_from");
    meta.valid_to = v.optional_date("valid_to").value_or(kMaxDate);
    if (meta.valid_to < meta.valid_from) v.at("valid_to").fail("valid_to is before valid_from");
    meta.compliance_from = v.optional_date("compliance_from").value_or(kMinDate);
    if (meta.compliance_from != kMinDate && meta.compliance_from < meta.valid_from)
      v.at("compliance_from").fail("compliance_from is before valid_from");
    meta.known_from = v.date("known_from");
    auto status = parse_enum<RuleStatus>(v.string("status"));
    if (!status) v.at("status").fail("status is in_force or proposed");
    meta.status = *status;
    meta.confidence = confidence(v.at("confidence"));
    meta.citation = v.string("citation");
    meta.source_url = v.string("source_url");
    meta.summary = v.string("summary");
    check_placeholders(v.at("summary"), meta.summary);
    meta.notes = v.string_or("notes", "");
    if (meta.citation.empty()) v.at("citation").fail("a rule version needs its citation");
    if (auto enforcement = v.find("enforcement"))
      for (size_t i = 0; i < enforcement->size(); ++i) {
        JsonAt e = enforcement->at(i);
        e.allow_only({"from", "to", "status", "known_from", "citation"});
        EnforcementChange change;
        change.from = e.date("from");
        change.to = e.optional_date("to").value_or(kMaxDate);
        if (change.to < change.from) e.at("to").fail("to is before from");
        auto parsed = parse_enum<Enforcement>(e.string("status"));
        if (!parsed) e.at("status").fail("status is in_force, not_enforced or suspended");
        change.status = *parsed;
        change.known_from = e.date("known_from");
        change.citation = e.string("citation");
        meta.enforcement.push_back(std::move(change));
      }

    VersionContent& content = version.content;
    switch (info.kind) {
      case RuleKind::classification: load_classification(v, content); break;
      case RuleKind::review_policy: {
        content.applies_to = v.string("applies_to");
        JsonAt policies = v.at("policies");
        for (size_t i = 0; i < policies.size(); ++i) {
          JsonAt p = policies.at(i);
          p.allow_only({"policy", "when"});
          auto policy = parse_enum<ReviewPolicy>(p.string("policy"));
          if (!policy) p.at("policy").fail("policy is policy_of_denial, presumption_of_denial, presumption_of_approval or case_by_case");
          content.policies.push_back({*policy, optional_condition(p, "when", true).value_or(Condition())});
        }
        break;
      }
      default: load_requirement(v, info, content); break;
    }
  }

  // A summary may name {destination}, {leg} and {classes}; anything else in braces is a typo.
  static void check_placeholders(const JsonAt& at, const std::string& summary) {
    for (size_t open = summary.find('{'); open != std::string::npos; open = summary.find('{', open + 1)) {
      size_t close = summary.find('}', open);
      if (close == std::string::npos) at.fail("unclosed \"{\" (placeholders are {destination}, {leg}, {classes})");
      std::string name = summary.substr(open + 1, close - open - 1);
      if (name != "destination" && name != "leg" && name != "classes")
        at.fail("unknown placeholder {" + name + "} (use {destination}, {leg} or {classes})");
    }
  }

  void load_classification(const JsonAt& v, VersionContent& content) {
    JsonAt classes = v.at("classes");
    for (size_t i = 0; i < classes.size(); ++i) {
      JsonAt c = classes.at(i);
      c.allow_only({"eccn", "when"});
      Eccn eccn = Eccn::none;
      if (!c.at("eccn").json().is_null()) eccn = static_cast<Eccn>(symbol(FactType::eccn, c.at("eccn")));
      Condition when = condition(c.at("when"), true);
      if (when.reads() >> kFirstShipmentFact)
        c.at("when").fail("a class is decided by item facts only (not origin, destination or parties)");
      content.classes.push_back({eccn, std::move(when)});
    }
    if (auto systems = v.find("systems")) {
      systems->expect_object();
      for (const auto& [ic_class, system_class] : systems->json().items()) {
        JsonAt at = systems->at(ic_class);
        auto from = parse_enum<Eccn>(ic_class);
        if (!from) at.fail("unknown ECCN \"" + ic_class + "\"");
        content.system_classes[static_cast<size_t>(*from)] = static_cast<Eccn>(symbol(FactType::eccn, at));
      }
    }
  }

  void load_requirement(const JsonAt& v, const RuleInfo& info, VersionContent& content) {
    if (auto movements = v.find("movements")) {
      content.movements.clear();
      for (size_t i = 0; i < movements->size(); ++i)
        content.movements.push_back(static_cast<MovementKind>(symbol(FactType::movement, movements->at(i))));
    }
    if (auto at = v.find("at")) content.at = countries(*at);
    content.when = optional_condition(v, "when", false).value_or(Condition());
    content.items = optional_condition(v, "items", true).value_or(Condition());
    if (auto exporters = v.find("binds_exporters"))
      for (size_t i = 0; i < exporters->size(); ++i) content.binds_exporters.push_back(exporters->at(i).as_string());
    if (auto days = v.find("notice_days")) {
      content.notice_days = days->as_int();
      if (content.notice_days < 1 || content.notice_days > 3650) days->fail("notice_days is a number of days, 1 to 3650");
    }
    if (info.kind == RuleKind::notification && content.notice_days == 0) v.fail("a notification rule needs notice_days");
    if (info.kind == RuleKind::exception) {
      content.exception_name = v.string("name");
      JsonAt covers = v.at("covers");
      for (size_t i = 0; i < covers.size(); ++i) content.covers.push_back(covers.at(i).as_string());
      if (auto pattern = v.find("reference_pattern")) {
        content.reference_pattern = pattern->as_string();
        try {
          content.reference_regex.emplace(content.reference_pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& error) {
          pattern->fail(std::string("not a valid regular expression: ") + error.what());
        }
      }
    }
  }

  void check_overlaps(const LoadedRule& rule, const JsonAt& versions) const {
    const auto& list = rule.versions;
    // A correction takes the place in the sequence of the version it supersedes (through any
    // chain of corrections), so an early version can be corrected after later ones exist.
    auto place = [&](const RuleVersion& version) {
      int number = version.number;
      while (list[number - 1]->meta.supersedes) number = list[number - 1]->meta.supersedes;
      return number;
    };
    for (size_t i = 0; i < list.size(); ++i)
      for (size_t j = i + 1; j < list.size(); ++j) {
        const RuleVersion* a = &list[i]->meta;
        const RuleVersion* b = &list[j]->meta;
        if (a->status != b->status || place(*a) == place(*b)) continue;
        if (place(*b) < place(*a)) std::swap(a, b);
        // Versions follow one another: a later one starts after an earlier one, which may end
        // explicitly (valid_to) before it or run until it.
        JsonAt where = versions.at(j).at("valid_from");
        if (b->valid_from <= a->valid_from)
          where.fail("version " + std::to_string(b->number) + " does not start after version " + std::to_string(a->number) +
                     " (overlapping versions; a correction names the version it supersedes)");
        if (a->valid_to != kMaxDate && a->valid_to >= b->valid_from)
          where.fail("overlaps version " + std::to_string(a->number) + ", valid to " + to_string(a->valid_to));
      }
  }

  void check_references() const {
    for (const auto& rule : rules_.rules)
      for (size_t i = 0; i < rule->versions.size(); ++i) {
        const VersionContent& content = rule->versions[i]->content;
        auto require = [&](const std::string& id, const char* field) {
          if (!rules_.rule_by_id.count(id))
            throw LoadError(rule->info.file + ": /versions/" + std::to_string(i) + "/" + field + ": unknown rule \"" + id +
                            "\" (rule " + rule->info.id + ")");
        };
        for (const std::string& id : content.covers) require(id, "covers");
        if (rule->info.kind == RuleKind::review_policy) require(content.applies_to, "applies_to");
      }
  }

  void finish() {
    std::vector<Date> dates;
    for (const auto& rule : rules_.rules)
      for (const auto& version : rule->versions) {
        dates.push_back(version->meta.known_from);
        for (const EnforcementChange& change : version->meta.enforcement) dates.push_back(change.known_from);
        ++rules_.version_count;
      }
    for (const CountryGroup& group : rules_.groups)
      for (const GroupVersion& version : group.versions) dates.push_back(version.known_from);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    rules_.knowledge_dates = std::move(dates);
    rules_.timelines_ = std::make_unique<std::atomic<const Timeline*>[]>(rules_.knowledge_dates.size() + 1);
    for (size_t i = 0; i <= rules_.knowledge_dates.size(); ++i) rules_.timelines_[i].store(nullptr);
  }

  RuleSet& rules_;
};

Result<std::shared_ptr<RuleSet>> load_rule_set(std::vector<SourceDocument> documents, const std::string& display_prefix) {
  std::sort(documents.begin(), documents.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  auto rules = std::make_shared<RuleSet>();
  try {
    Loader(*rules).load(documents, display_prefix);
  } catch (const LoadError& error) {
    return make_error(ErrorCode::bad_rules, error.what());
  } catch (const std::exception& error) {
    return make_error(ErrorCode::bad_rules, std::string("rules: ") + error.what());
  }
  Sha256 hash;
  for (const SourceDocument& document : documents) {
    hash.update(document.name);
    hash.update(std::string_view("\0", 1));
    hash.update(document.text);
    hash.update(std::string_view("\0", 1));
  }
  rules->digest = "sha256:" + hash.hex_digest();
  return rules;
}

Result<std::vector<SourceDocument>> read_rule_directory(const std::filesystem::path& dir) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error))
    return make_error(ErrorCode::io, dir.string() + ": not a directory of rule data");
  std::vector<SourceDocument> documents;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error); !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    if (!it->is_regular_file() || it->path().extension() != ".json") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) return make_error(ErrorCode::io, it->path().string() + ": cannot read");
    documents.push_back({std::filesystem::relative(it->path(), dir).generic_string(), text.str()});
  }
  if (error) return make_error(ErrorCode::io, dir.string() + ": " + error.message());
  return documents;
}

}  // namespace exportctl
