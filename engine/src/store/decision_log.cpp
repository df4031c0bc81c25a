// The decision log: appending hash-chained records and reading them, all or by a filter.
#include "exportctl/version.hpp"
#include "exportctl/vocabulary.hpp"
#include "store/store_state.hpp"

namespace exportctl {
namespace {

constexpr const char* kColumns =
    "id, recorded_at, shipment_id, ship_date, known_on, include_proposed, verdict, engine_version, rules_digest, "
    "request_json, determination_json, previous_hash, hash";

DecisionRecord read_record(const sqlite::Statement& row) {
  DecisionRecord record;
  record.id = row.integer(0);
  record.recorded_at = row.text(1);
  record.shipment_id = row.text(2);
  record.ship_date = row.text(3);
  record.known_on = row.text(4);
  record.include_proposed = row.integer(5) != 0;
  record.verdict = row.text(6);
  record.engine_version = row.text(7);
  record.rules_digest = row.text(8);
  record.request_json = row.text(9);
  record.determination_json = row.text(10);
  record.previous_hash = row.text(11);
  record.hash = row.text(12);
  return record;
}

// The rows of schema/sqlite/004 for one decision: its place in its consignee's annual count, and
// what its screening read from the store.
void append_store_reads(sqlite::Database& db, int64_t id, const NewDecision& decision) {
  if (decision.consignee) {
    sqlite::Statement insert(db, "INSERT INTO consignee_shipments (decision_id, consignee, country, year, tpp, counted) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, id).bind(2, decision.consignee->consignee).bind(3, decision.consignee->country);
    insert.bind(4, int64_t{decision.consignee->year});
    if (decision.total_tpp) insert.bind_real(5, *decision.total_tpp);
    else insert.bind_null(5);
    insert.bind(6, int64_t{decision.counted.has_value()}).run();
  }
  if (decision.counted) {
    sqlite::Statement insert(db, "INSERT INTO decision_counted (decision_id, counted_decision_id) VALUES (?1, ?2)");
    for (int64_t counted : *decision.counted) {
      insert.reset();
      insert.bind(1, id).bind(2, counted).run();
    }
  }
  sqlite::Statement insert(db, "INSERT INTO decision_register_candidates (decision_id, position, entry_id, "
                               "quantity_used, value_used) VALUES (?1, ?2, ?3, ?4, ?5)");
  for (size_t i = 0; i < decision.register_candidates.size(); ++i) {
    const RegisterRead& read = decision.register_candidates[i];
    insert.reset();
    insert.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, read.entry_id).bind_real(4, read.quantity_used);
    insert.bind_real(5, read.value_used).run();
  }
}

}  // namespace

std::vector<int64_t> append_decisions(sqlite::Database& db, const std::vector<NewDecision>& decisions) {
  std::vector<int64_t> ids;
  ids.reserve(decisions.size());
  DecisionRecord record;
  record.previous_hash = kGenesisHash;
  sqlite::Statement head(db, "SELECT id, hash FROM decisions ORDER BY id DESC LIMIT 1");
  if (head.step()) {
    record.id = head.integer(0);
    record.previous_hash = head.text(1);
  }
  sqlite::Statement insert(db, std::string("INSERT INTO decisions (") + kColumns +
                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  record.engine_version = kEngineVersion;
  for (const NewDecision& decision : decisions) {
    ++record.id;
    record.recorded_at = utc_timestamp();
    record.shipment_id = decision.shipment_id;
    record.ship_date = to_string(decision.ship_date);
    record.known_on = to_string(decision.known_on);
    record.include_proposed = decision.include_proposed;
    record.verdict = decision.verdict;
    record.rules_digest = decision.rules_digest;
    record.request_json = decision.request_json;
    record.determination_json = decision.determination_json;
    record.hash = record_hash(record);
    insert.reset();
    insert.bind(1, record.id).bind(2, record.recorded_at).bind(3, record.shipment_id).bind(4, record.ship_date);
    insert.bind(5, record.known_on).bind(6, int64_t{record.include_proposed}).bind(7, record.verdict);
    insert.bind(8, record.engine_version).bind(9, record.rules_digest).bind(10, record.request_json);
    insert.bind(11, record.determination_json).bind(12, record.previous_hash).bind(13, record.hash).run();
    append_store_reads(db, record.id, decision);
    ids.push_back(record.id);
    record.previous_hash = record.hash;
  }
  return ids;
}

Result<std::vector<int64_t>> Store::record(const std::vector<NewDecision>& decisions) {
  std::vector<int64_t> ids;
  try {
    // IMMEDIATE takes the write lock before the chain head is read: no other writer can append
    // between reading the previous hash and inserting the record that links to it.
    sqlite::Transaction transaction(state_->db);
    ids = append_decisions(state_->db, decisions);
    transaction.commit();
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return ids;
}

Result<DecisionRecord> Store::decision(int64_t id) const {
  try {
    sqlite::Statement query(state_->db, std::string("SELECT ") + kColumns + " FROM decisions WHERE id = ?1");
    query.bind(1, id);
    if (!query.step())
      return make_error(ErrorCode::bad_input, state_->file.string(), "no decision " + std::to_string(id));
    return read_record(query);
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
}

namespace {

// The WHERE clause of a DecisionFilter: each condition holds when its parameter is NULL (not
// given). Facts from the stored JSON texts are read only from valid JSON, so that a damaged
// record is simply not selected by them rather than failing the listing.
constexpr const char* kFilterConditions =
    " WHERE id > ?1"
    " AND (?2 IS NULL OR recorded_at >= ?2) AND (?3 IS NULL OR recorded_at < ?3)"
    " AND (?4 IS NULL OR ship_date >= ?4) AND (?5 IS NULL OR ship_date <= ?5)"
    " AND (?6 IS NULL OR verdict = ?6) AND (?7 IS NULL OR shipment_id = ?7) AND (?8 IS NULL OR rules_digest = ?8)"
    " AND (?9 IS NULL OR (json_valid(request_json)"
    "      AND instr(lower(json_extract(request_json, '$.exporter.name')), lower(?9)) > 0))"
    " AND (?10 IS NULL OR (json_valid(request_json) AND json_extract(request_json, '$.destination') = ?10))"
    " AND (?11 IS NULL OR (json_valid(determination_json) AND ("
    "      EXISTS (SELECT 1 FROM json_each(determination_json, '$.requirements') r"
    "              WHERE json_extract(r.value, '$.rule') = ?11)"
    "      OR EXISTS (SELECT 1 FROM json_each(determination_json, '$.items') i"
    "                 WHERE json_extract(i.value, '$.classification.US.rule') = ?11))))"
    " ORDER BY id";

void bind_filter(sqlite::Statement& query, const DecisionFilter& filter) {
  auto day = [](const std::optional<Date>& date) -> std::optional<std::string> {
    if (!date) return std::nullopt;
    return to_string(*date);
  };
  query.bind(1, filter.after_id);
  query.bind_optional(2, day(filter.recorded_from));
  // recorded_at is "YYYY-MM-DDTHH:MM:SS.ffffffZ": before the next day is on or before this one.
  query.bind_optional(3, day(filter.recorded_to ? std::optional<Date>(*filter.recorded_to + 1) : std::nullopt));
  query.bind_optional(4, day(filter.ship_from));
  query.bind_optional(5, day(filter.ship_to));
  query.bind_optional(6, filter.verdict);
  query.bind_optional(7, filter.shipment_id);
  query.bind_optional(8, filter.rules_digest);
  query.bind_optional(9, filter.exporter);
  query.bind_optional(10, filter.destination);
  query.bind_optional(11, filter.rule);
}

}  // namespace

Status check_decision_filter(const DecisionFilter& filter) {
  auto problem = [](std::string text) { return make_error(ErrorCode::bad_input, "", std::move(text)); };
  if (filter.verdict) {
    bool known = false;
    for (Verdict verdict : {Verdict::cleared, Verdict::action_required, Verdict::prohibited, Verdict::indeterminate})
      known |= name(verdict) == *filter.verdict;
    if (!known)
      return problem("verdict \"" + *filter.verdict + "\" is not cleared, action_required, prohibited or indeterminate");
  }
  if (filter.destination) {
    const std::string& code = *filter.destination;
    if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
      return problem("destination \"" + code + "\" is not a two-letter country code in capitals (\"CN\")");
  }
  if (filter.rules_digest) {
    const std::string& digest = *filter.rules_digest;
    if (digest.size() != 71 || !digest.starts_with("sha256:") ||
        digest.find_first_not_of("0123456789abcdef", 7) != std::string::npos)
      return problem("rules digest \"" + digest + "\" is not \"sha256:\" and 64 lower-case hex digits");
  }
  if (filter.recorded_from && filter.recorded_to && *filter.recorded_to < *filter.recorded_from)
    return problem("the recording period ends (" + to_string(*filter.recorded_to) + ") before it begins (" +
                   to_string(*filter.recorded_from) + ")");
  if (filter.ship_from && filter.ship_to && *filter.ship_to < *filter.ship_from)
    return problem("the ship dates end (" + to_string(*filter.ship_to) + ") before they begin (" +
                   to_string(*filter.ship_from) + ")");
  return Ok{};
}

Result<int64_t> Store::each_decision(const DecisionFilter& filter,
                                     const std::function<bool(const DecisionRecord&)>& visit) const {
  int64_t seen = 0;
  try {
    // One statement is one read transaction: a consistent snapshot even while others append.
    sqlite::Statement query(state_->db, std::string("SELECT ") + kColumns + " FROM decisions" + kFilterConditions);
    bind_filter(query, filter);
    while (query.step()) {
      ++seen;
      if (!visit(read_record(query))) break;
    }
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return seen;
}

Result<std::vector<DecisionRecord>> Store::decisions(const DecisionFilter& filter) const {
  std::vector<DecisionRecord> out;
  auto read = each_decision(filter, [&](const DecisionRecord& record) {
    out.push_back(record);
    return true;
  });
  if (!read) return read.error();
  return out;
}

}  // namespace exportctl
