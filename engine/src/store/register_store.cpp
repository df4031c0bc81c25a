// The register in SQLite (schema/sqlite/003_register.sql): the one implementation of Register.
// Every call prepares its statements in its own scope (finalized on return, also on failure) and
// opens at most one transaction that ends before it returns, so no connection is left holding
// a read snapshot that would hide later commits from it, nor a lock that would block others.
#include <algorithm>
#include <cmath>

#include "exportctl/limits.hpp"
#include "exportctl/register.hpp"
#include "store/store_state.hpp"

namespace exportctl {
namespace {

constexpr int kFirstRegisterSchema = 3;
constexpr int kFirstCountSchema = 4;

// The columns read_entry reads, over register_entries e and its void v.
constexpr const char* kEntryColumns =
    "e.id, e.entry_type, e.authority, COALESCE(e.kind, ''), e.number, e.valid_from, e.valid_to, e.quantity, "
    "e.value_usd, e.entry_json, e.entered_by, e.entered_at, v.voided_by, v.voided_at, v.reason, "
    "(SELECT COALESCE(SUM(u.quantity), 0) FROM register_usage u WHERE u.entry_id = e.id AND NOT EXISTS "
    "  (SELECT 1 FROM register_usage_voids uv WHERE uv.decision_id = u.decision_id)), "
    "(SELECT COALESCE(SUM(u.value_usd), 0) FROM register_usage u WHERE u.entry_id = e.id AND NOT EXISTS "
    "  (SELECT 1 FROM register_usage_voids uv WHERE uv.decision_id = u.decision_id)) "
    "FROM register_entries e LEFT JOIN register_entry_voids v ON v.entry_id = e.id ";

constexpr const char* kLive = "v.entry_id IS NULL";

std::optional<Date> optional_date(const sqlite::Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return parse_date(row.text(column));
}

std::optional<double> optional_real(const sqlite::Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.real(column);
}

RegisterRecord read_entry(const sqlite::Statement& row) {
  RegisterRecord record;
  record.id = row.integer(0);
  record.type = row.text(1) == "notice" ? RegisterEntryType::notice : RegisterEntryType::authorization;
  record.authority = row.text(2);
  record.kind = row.text(3);
  record.number = row.text(4);
  record.valid_from = optional_date(row, 5);
  record.valid_to = optional_date(row, 6);
  record.quantity = optional_real(row, 7);
  record.value_usd = optional_real(row, 8);
  record.entry_json = row.text(9);
  record.entered_by = row.text(10);
  record.entered_at = row.text(11);
  record.voided = !row.is_null(12);
  if (record.voided) {
    record.voided_by = row.text(12);
    record.voided_at = row.text(13);
    record.void_reason = row.text(14);
  }
  record.quantity_used = row.real(15);
  record.value_used = row.real(16);
  return record;
}

std::string amount_text(double amount) {
  char text[40];
  std::snprintf(text, sizeof text, "%.15g", amount);
  return text;
}

// "license D123456 (register entry 3)"
std::string entry_name(const RegisterRecord& record) {
  return (record.kind.empty() ? std::string("notice") : record.kind) + " " + record.number + " (register entry " +
         std::to_string(record.id) + ")";
}

class SqliteRegister final : public Register {
 public:
  explicit SqliteRegister(Store& store) : store_(store) {}

  Result<int64_t> add(const RegisterEntry& entry) override {
    if (Status ready = writable(); !ready) return ready.error();
    try {
      sqlite::Transaction transaction(db());
      sqlite::Statement count(db(), "SELECT count(*) FROM register_entries");
      count.step();
      if (static_cast<size_t>(count.integer(0)) >= kMaxRegisterEntries)
        return problem("/", "the register is at the limit of " + std::to_string(kMaxRegisterEntries) +
                                " entries (docs/limits.md)");
      bool notice = entry.type == RegisterEntryType::notice;
      Authority authority = notice ? entry.notice.authority : entry.authorization.authority;
      std::string number = notice ? entry.notice.reference : entry.authorization.number;
      std::optional<std::string> from, to;
      if (notice) {
        from = to_string(entry.notice.filed_on);
      } else {
        if (entry.authorization.valid_from != kMinDate) from = to_string(entry.authorization.valid_from);
        if (entry.authorization.valid_to != kMaxDate) to = to_string(entry.authorization.valid_to);
      }
      // A number is one authorization: the same number of the same authority twice over the same
      // days would be counted twice against its limits.
      sqlite::Statement clash(db(), std::string("SELECT ") + kEntryColumns +
                                        "WHERE v.entry_id IS NULL AND e.authority = ?1 AND e.number = ?2 "
                                        "AND COALESCE(e.valid_from, '0000') <= COALESCE(?4, '9999') "
                                        "AND COALESCE(e.valid_to, '9999') >= COALESCE(?3, '0000') ORDER BY e.id");
      clash.bind(1, name(authority)).bind(2, number).bind_optional(3, from).bind_optional(4, to);
      if (clash.step()) {
        RegisterRecord existing = read_entry(clash);
        return problem(notice ? "/reference" : "/number",
                       "\"" + number + "\" of " + std::string(name(authority)) + " is already register entry " +
                           std::to_string(existing.id) + ", valid " + validity_text(existing) +
                           ", which overlaps; void it first (register void " + std::to_string(existing.id) + ")");
      }
      std::string destinations;
      for (const std::string& code : entry.destinations) destinations += "," + code;
      if (!destinations.empty()) destinations += ",";
      sqlite::Statement insert(db(),
                               "INSERT INTO register_entries (entry_type, authority, kind, number, valid_from, "
                               "valid_to, destinations, quantity, value_usd, entry_json, entered_by, entered_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
      insert.bind(1, notice ? "notice" : "authorization").bind(2, name(authority));
      if (notice) insert.bind_null(3);
      else insert.bind(3, name(entry.authorization.kind));
      insert.bind(4, number).bind_optional(5, from).bind_optional(6, to).bind(7, destinations);
      if (!notice && !std::isnan(entry.authorization.quantity_limit)) insert.bind_real(8, entry.authorization.quantity_limit);
      else insert.bind_null(8);
      if (!notice && !std::isnan(entry.authorization.value_limit)) insert.bind_real(9, entry.authorization.value_limit);
      else insert.bind_null(9);
      insert.bind(10, entry.canonical_json).bind(11, entry.entered_by).bind(12, utc_timestamp()).run();
      int64_t id = sqlite3_last_insert_rowid(db().handle());
      transaction.commit();
      return id;
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
  }

  Result<std::vector<RegisterRecord>> list(const RegisterFilter& filter) const override {
    std::vector<RegisterRecord> out;
    if (!has_register()) return out;
    try {
      sqlite::Statement query(db(), std::string("SELECT ") + kEntryColumns +
                                        "WHERE (?1 OR v.entry_id IS NULL) AND (?2 IS NULL OR e.authority = ?2) "
                                        "ORDER BY e.id");
      query.bind(1, int64_t{filter.include_voided}).bind_optional(2, filter.authority);
      while (query.step()) out.push_back(read_entry(query));
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
    return out;
  }

  Result<RegisterRecord> show(int64_t id) const override {
    if (!has_register()) return missing_entry(id);
    try {
      sqlite::Statement query(db(), std::string("SELECT ") + kEntryColumns + "WHERE e.id = ?1");
      query.bind(1, id);
      if (!query.step()) return missing_entry(id);
      return read_entry(query);
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
  }

  Result<std::vector<RegisterUsage>> usage(int64_t entry_id) const override {
    std::vector<RegisterUsage> out;
    if (!has_register()) return out;
    try {
      sqlite::Statement query(db(),
                              "SELECT u.entry_id, u.decision_id, d.shipment_id, d.ship_date, u.quantity, u.value_usd, "
                              "u.recorded_at, uv.voided_by, uv.voided_at, uv.reason FROM register_usage u "
                              "JOIN decisions d ON d.id = u.decision_id "
                              "LEFT JOIN register_usage_voids uv ON uv.decision_id = u.decision_id "
                              "WHERE u.entry_id = ?1 ORDER BY u.id");
      query.bind(1, entry_id);
      while (query.step()) {
        RegisterUsage use;
        use.entry_id = query.integer(0);
        use.decision_id = query.integer(1);
        use.shipment_id = query.text(2);
        use.ship_date = query.text(3);
        use.quantity = query.real(4);
        use.value_usd = optional_real(query, 5);
        use.recorded_at = query.text(6);
        use.voided = !query.is_null(7);
        if (use.voided) {
          use.voided_by = query.text(7);
          use.voided_at = query.text(8);
          use.void_reason = query.text(9);
        }
        out.push_back(std::move(use));
      }
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
    return out;
  }

  Status void_entry(int64_t id, const std::string& by, const std::string& reason) override {
    if (Status ready = writable(); !ready) return ready;
    if (Status given = who_and_why(by, reason); !given) return given;
    try {
      sqlite::Transaction transaction(db());
      sqlite::Statement query(db(), std::string("SELECT ") + kEntryColumns + "WHERE e.id = ?1");
      query.bind(1, id);
      if (!query.step()) return missing_entry(id);
      RegisterRecord record = read_entry(query);
      if (record.voided)
        return problem("", "register entry " + std::to_string(id) + " was already voided on " + record.voided_at +
                               " by " + record.voided_by);
      sqlite::Statement insert(db(),
                               "INSERT INTO register_entry_voids (entry_id, voided_by, voided_at, reason) "
                               "VALUES (?1, ?2, ?3, ?4)");
      insert.bind(1, id).bind(2, by).bind(3, utc_timestamp()).bind(4, reason).run();
      transaction.commit();
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
    return Ok{};
  }

  Status void_usage(int64_t decision_id, const std::string& by, const std::string& reason) override {
    if (Status ready = writable(); !ready) return ready;
    if (Status given = who_and_why(by, reason); !given) return given;
    try {
      sqlite::Transaction transaction(db());
      sqlite::Statement decision(db(), "SELECT count(*) FROM decisions WHERE id = ?1");
      decision.bind(1, decision_id);
      decision.step();
      if (decision.integer(0) == 0) return problem("", "no decision " + std::to_string(decision_id));
      // An LPP shipment draws nothing but counts towards its consignee's year: voiding it takes it
      // out of the count (counted_rows reads register_usage_voids too).
      sqlite::Statement used(db(), has_count() ? "SELECT (SELECT count(*) FROM register_usage WHERE decision_id = ?1) + "
                                                 "(SELECT count(*) FROM consignee_shipments WHERE decision_id = ?1)"
                                               : "SELECT count(*) FROM register_usage WHERE decision_id = ?1");
      used.bind(1, decision_id);
      used.step();
      if (used.integer(0) == 0)
        return problem("", "decision " + std::to_string(decision_id) +
                               " drew nothing from the register and is counted for no consignee");
      sqlite::Statement voided(db(), "SELECT voided_at, voided_by FROM register_usage_voids WHERE decision_id = ?1");
      voided.bind(1, decision_id);
      if (voided.step())
        return problem("", "the usage of decision " + std::to_string(decision_id) + " was already voided on " +
                               voided.text(0) + " by " + voided.text(1));
      sqlite::Statement insert(db(),
                               "INSERT INTO register_usage_voids (decision_id, voided_by, voided_at, reason) "
                               "VALUES (?1, ?2, ?3, ?4)");
      insert.bind(1, decision_id).bind(2, by).bind(3, utc_timestamp()).bind(4, reason).run();
      transaction.commit();
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
    return Ok{};
  }

  Result<std::vector<RegisterRecord>> candidates(const CandidateQuery& query) const override {
    if (!has_register()) return std::vector<RegisterRecord>{};
    try {
      // One read transaction: the count and the rows see the same register.
      sqlite::ReadSnapshot snapshot(db());
      return read_candidates(query);
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
  }

  Result<RegisterView> view(const CandidateQuery& query) const override {
    if (!has_register()) return RegisterView{};
    try {
      // One read transaction: the candidates and the count see the same store.
      sqlite::ReadSnapshot snapshot(db());
      return read_view(query);
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
  }

  Result<std::optional<RegisterView>> recorded_view(int64_t decision_id) const override {
    if (!has_count()) return std::optional<RegisterView>{};
    try {
      sqlite::ReadSnapshot snapshot(db());
      RegisterView view;
      sqlite::Statement reads(db(), "SELECT entry_id, quantity_used, value_used FROM decision_register_candidates "
                                    "WHERE decision_id = ?1 ORDER BY position");
      sqlite::Statement entry(db(), std::string("SELECT ") + kEntryColumns + "WHERE e.id = ?1");
      reads.bind(1, decision_id);
      while (reads.step()) {
        entry.reset();
        entry.bind(1, reads.integer(0));
        if (!entry.step()) return problem("", "decision " + std::to_string(decision_id) + " read register entry " +
                                                  std::to_string(reads.integer(0)) + ", which the register lacks");
        // As it was then: live (only live entries are read), with what had been used of it.
        RegisterRecord record = read_entry(entry);
        record.voided = false;
        record.quantity_used = reads.real(1);
        record.value_used = reads.real(2);
        view.candidates.push_back(std::move(record));
      }
      sqlite::Statement counted(db(), "SELECT counted FROM consignee_shipments WHERE decision_id = ?1");
      counted.bind(1, decision_id);
      if (counted.step() && counted.integer(0) != 0) {
        sqlite::Statement rows(db(),
                               "SELECT dc.counted_decision_id, d.shipment_id, d.ship_date, c.tpp FROM decision_counted dc "
                               "JOIN decisions d ON d.id = dc.counted_decision_id "
                               "JOIN consignee_shipments c ON c.decision_id = dc.counted_decision_id "
                               "WHERE dc.decision_id = ?1 ORDER BY dc.counted_decision_id");
        rows.bind(1, decision_id);
        view.counted.emplace();
        while (rows.step()) view.counted->push_back(counted_shipment(rows));
      }
      if (view.candidates.empty() && !view.counted) return std::optional<RegisterView>{};
      return std::optional<RegisterView>(std::move(view));
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
  }

  Result<int64_t> record(const CandidateQuery& query,
                         const std::function<Result<RecordedScreening>(const RegisterView&)>& decide) override {
    if (Status ready = writable(); !ready) return ready.error();
    try {
      // The write lock is taken before the register and the count are read: what remains cannot
      // change between the screening that relies on it and the rows appended for it.
      sqlite::Transaction transaction(db());
      Result<RegisterView> view = read_view(query);
      if (!view) return view.error();
      const std::vector<RegisterRecord>& candidates = view.value().candidates;
      Result<RecordedScreening> screened = decide(view.value());
      if (!screened) return screened.error();
      const RecordedScreening& recorded = screened.value();
      for (const RegisterDraw& draw : recorded.draws) {
        auto entry = std::find_if(candidates.begin(), candidates.end(),
                                  [&](const RegisterRecord& record) { return record.id == draw.entry_id; });
        if (entry == candidates.end())
          return problem("", "register entry " + std::to_string(draw.entry_id) + " is not a candidate of this shipment");
        if (Status fits = fits_in(*entry, draw); !fits) return fits.error();
      }
      int64_t id = append_decisions(db(), {recorded.decision}).front();
      sqlite::Statement insert(db(),
                               "INSERT INTO register_usage (entry_id, decision_id, quantity, value_usd, recorded_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
      std::string now = utc_timestamp();
      for (const RegisterDraw& draw : recorded.draws) {
        insert.reset();
        insert.bind(1, draw.entry_id).bind(2, id).bind_real(3, draw.quantity);
        if (draw.value_usd) insert.bind_real(4, *draw.value_usd);
        else insert.bind_null(4);
        insert.bind(5, now).run();
      }
      transaction.commit();
      return id;
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
  }

  Result<std::vector<RegisterAlert>> alerts(Date today, int within_days) const override {
    std::vector<RegisterAlert> out;
    if (!has_register()) return out;
    try {
      sqlite::ReadSnapshot snapshot(db());
      sqlite::Statement entries(db(), std::string("SELECT ") + kEntryColumns +
                                          "WHERE v.entry_id IS NULL AND e.entry_type = 'authorization' ORDER BY e.id");
      sqlite::Statement dependents(db(),
                                   "SELECT u.decision_id, d.shipment_id FROM register_usage u "
                                   "JOIN decisions d ON d.id = u.decision_id WHERE u.entry_id = ?1 "
                                   "AND d.ship_date >= ?2 AND NOT EXISTS (SELECT 1 FROM register_usage_voids uv "
                                   "WHERE uv.decision_id = u.decision_id) ORDER BY u.decision_id");
      std::optional<Date> horizon = add_days(today, within_days);
      while (entries.step()) {
        RegisterRecord record = read_entry(entries);
        RegisterAlert alert;
        alert.entry_id = record.id;
        alert.authority = record.authority;
        alert.entry_kind = record.kind;
        alert.number = record.number;
        if (record.quantity) alert.quantity_remaining = *record.quantity - record.quantity_used;
        if (record.value_usd) alert.value_remaining = *record.value_usd - record.value_used;
        bool exhausted = (alert.quantity_remaining && *alert.quantity_remaining <= 0) ||
                         (alert.value_remaining && *alert.value_remaining <= 0);
        bool expires = record.valid_to && (!horizon || *record.valid_to <= *horizon);
        if (!exhausted && !expires) continue;
        dependents.reset();
        dependents.bind(1, record.id).bind(2, to_string(today));
        while (dependents.step()) {
          alert.decisions.push_back(dependents.integer(0));
          alert.shipment_ids.push_back(dependents.text(1));
        }
        if (alert.decisions.empty()) continue;
        alert.kind = expires ? AlertKind::expires : AlertKind::exhausted;
        alert.due = expires ? *record.valid_to : today;
        alert.days_left = alert.due - today;
        out.push_back(std::move(alert));
      }
    } catch (const sqlite::SqliteError& failure) {
      return state().io_error(failure.what());
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const RegisterAlert& a, const RegisterAlert& b) { return a.due < b.due; });
    return out;
  }

 private:
  const Store::State& state() const { return store_.state(); }
  sqlite::Database& db() const { return const_cast<sqlite::Database&>(store_.state().db); }
  bool has_register() const { return store_.schema_version() >= kFirstRegisterSchema; }

  bool has_count() const { return store_.schema_version() >= kFirstCountSchema; }

  Status writable() const {
    if (!has_register()) return state().io_error("the store has no register (schema " +
                                                 std::to_string(store_.schema_version()) + "; open it writable to migrate)");
    return Ok{};
  }

  Error problem(std::string pointer, std::string what) const {
    return Error{ErrorCode::bad_input, "", std::move(pointer), std::move(what), {}};
  }
  Error missing_entry(int64_t id) const { return problem("", "no register entry " + std::to_string(id)); }

  Status who_and_why(const std::string& by, const std::string& reason) const {
    if (by.empty()) return problem("", "say who voids it (--by)");
    if (reason.empty()) return problem("", "say why it is voided (--reason)");
    if (by.size() > kMaxStringChars * 4 || reason.size() > kMaxStringChars * 4)
      return problem("", "over the limit of " + std::to_string(kMaxStringChars) + " characters (docs/limits.md)");
    return Ok{};
  }

  static std::string validity_text(const RegisterRecord& record) {
    return (record.valid_from ? to_string(*record.valid_from) : std::string("from the start")) + " to " +
           (record.valid_to ? to_string(*record.valid_to) : std::string("open end"));
  }

  Status fits_in(const RegisterRecord& entry, const RegisterDraw& draw) const {
    // A tolerance for sums of fractional dollars; units are whole numbers in practice.
    constexpr double kSlack = 1e-6;
    if (entry.quantity && entry.quantity_used + draw.quantity > *entry.quantity + kSlack)
      return problem("", entry_name(entry) + " covers " + amount_text(*entry.quantity) + ", " +
                             amount_text(entry.quantity_used) + " already used: this shipment needs " +
                             amount_text(draw.quantity) + "; nothing recorded, screen it again");
    if (entry.value_usd && (!draw.value_usd || entry.value_used + *draw.value_usd > *entry.value_usd + kSlack))
      return problem("", entry_name(entry) + " covers USD " + amount_text(*entry.value_usd) + ", " +
                             amount_text(entry.value_used) + " already used: this shipment needs " +
                             (draw.value_usd ? amount_text(*draw.value_usd) : std::string("an unstated value")) +
                             "; nothing recorded, screen it again");
    return Ok{};
  }

  // The caller holds a transaction (read or write).
  Result<RegisterView> read_view(const CandidateQuery& query) const {
    RegisterView view;
    Result<std::vector<RegisterRecord>> candidates = read_candidates(query);
    if (!candidates) return candidates.error();
    view.candidates = std::move(candidates).value();
    if (query.consignee && has_count()) {
      auto counted = counted_rows(*query.consignee);
      if (!counted) return counted.error();
      view.counted = std::move(counted).value();
    }
    return view;
  }

  // Every recorded shipment to the consignee in its country and year whose usage is not void,
  // whatever its ship date in that year and whatever exception its answer named: the limit is on
  // the year, and counting more can only refuse LPP, never let a shipment over the limit through.
  Result<std::vector<CountedShipment>> counted_rows(const ConsigneeYear& key) const {
    constexpr const char* kCounted =
        "FROM consignee_shipments c JOIN decisions d ON d.id = c.decision_id "
        "WHERE c.consignee = ?1 AND c.country = ?2 AND c.year = ?3 "
        "AND NOT EXISTS (SELECT 1 FROM register_usage_voids uv WHERE uv.decision_id = c.decision_id)";
    sqlite::Statement count(db(), std::string("SELECT count(*) ") + kCounted);
    count.bind(1, key.consignee).bind(2, key.country).bind(3, int64_t{key.year});
    count.step();
    if (static_cast<size_t>(count.integer(0)) > kMaxCountedShipments)
      return problem("", std::to_string(count.integer(0)) + " recorded shipments to the ultimate consignee \"" +
                             key.consignee + "\" (" + key.country + ") in " + std::to_string(key.year) +
                             ", over the limit of " + std::to_string(kMaxCountedShipments) +
                             " counted for one screening (docs/limits.md)");
    sqlite::Statement rows(db(), std::string("SELECT c.decision_id, d.shipment_id, d.ship_date, c.tpp ") + kCounted +
                                     " ORDER BY c.decision_id");
    rows.bind(1, key.consignee).bind(2, key.country).bind(3, int64_t{key.year});
    std::vector<CountedShipment> out;
    while (rows.step()) out.push_back(counted_shipment(rows));
    return out;
  }

  // Columns: decision id, shipment id, ship date (as the log wrote it), TPP or NULL.
  static CountedShipment counted_shipment(const sqlite::Statement& row) {
    CountedShipment shipment;
    shipment.decision = row.integer(0);
    shipment.shipment_id = row.text(1);
    shipment.ship_date = parse_date(row.text(2)).value_or(Date{});
    shipment.tpp = row.is_null(3) ? kUnknown : row.real(3);
    return shipment;
  }

  // The caller holds a transaction (read or write), so the count and the rows agree.
  Result<std::vector<RegisterRecord>> read_candidates(const CandidateQuery& query) const {
    std::string day = to_string(query.ship_date);
    std::string destination = "," + query.destination + ",";
    constexpr const char* kCovers =
        "(e.valid_from IS NULL OR e.entry_type = 'notice' OR e.valid_from <= ?1) "
        "AND (e.valid_to IS NULL OR e.valid_to >= ?1) AND (e.destinations = '' OR instr(e.destinations, ?2) > 0)";
    sqlite::Statement count(db(), std::string("SELECT count(*) FROM register_entries e LEFT JOIN register_entry_voids v "
                                              "ON v.entry_id = e.id WHERE ") +
                                      kLive + " AND " + kCovers);
    count.bind(1, day).bind(2, destination);
    count.step();
    if (static_cast<size_t>(count.integer(0)) > kMaxRegisterCandidates)
      return problem("", std::to_string(count.integer(0)) + " register entries cover " + day + " and " +
                             query.destination + ", over the limit of " + std::to_string(kMaxRegisterCandidates) +
                             " candidates for one screening (docs/limits.md); void the ones no longer used");
    // Those that could cover the shipment first; then the rest, nearest in time, so that the
    // answer can say why a near miss (expired last week, another destination) does not count.
    sqlite::Statement rows(db(), std::string("SELECT ") + kEntryColumns + "WHERE " + kLive + " ORDER BY (" + kCovers +
                                     ") DESC, abs(julianday(COALESCE(e.valid_to, ?1)) - julianday(?1)), e.id LIMIT " +
                                     std::to_string(kMaxRegisterCandidates));
    rows.bind(1, day).bind(2, destination);
    std::vector<RegisterRecord> out;
    while (rows.step()) out.push_back(read_entry(rows));
    return out;
  }

  Store& store_;
};

}  // namespace

std::string_view name(AlertKind kind) { return kind == AlertKind::expires ? "expires" : "exhausted"; }

std::unique_ptr<Register> open_register(Store& store) { return std::make_unique<SqliteRegister>(store); }

Result<std::vector<RegisterAlert>> register_alerts(const Store& store, Date today, int within_days) {
  // alerts() only reads; the Register interface holds a Store& because other calls write.
  return SqliteRegister(const_cast<Store&>(store)).alerts(today, within_days);
}

std::string register_alert_text(const RegisterAlert& alert) {
  std::string out = alert.authority + " " + alert.entry_kind + " " + alert.number + " (register entry " +
                    std::to_string(alert.entry_id) + ") ";
  if (alert.kind == AlertKind::exhausted) {
    out += "is used up";
  } else if (alert.days_left < 0) {
    out += "expired on " + to_string(alert.due);
  } else {
    out += "expires on " + to_string(alert.due) + ", in " + std::to_string(alert.days_left) +
           (alert.days_left == 1 ? " day" : " days");
  }
  out += ", while shipments not yet left depend on it:";
  for (size_t i = 0; i < alert.decisions.size(); ++i)
    out += std::string(i ? ", " : " ") + alert.shipment_ids[i] + " (decision " + std::to_string(alert.decisions[i]) + ")";
  return out;
}

}  // namespace exportctl
