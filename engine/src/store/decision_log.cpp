// The decision log: appending hash-chained records, reading them, verifying the chain.
#include "exportctl/version.hpp"
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

}  // namespace

Result<std::vector<int64_t>> Store::record(const std::vector<NewDecision>& decisions) {
  std::vector<int64_t> ids;
  ids.reserve(decisions.size());
  sqlite::Database& db = state_->db;
  try {
    // IMMEDIATE takes the write lock before the chain head is read: no other writer can append
    // between reading the previous hash and inserting the record that links to it.
    sqlite::Transaction transaction(db);
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
      ids.push_back(record.id);
      record.previous_hash = record.hash;
    }
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

Result<std::vector<DecisionRecord>> Store::decisions(std::optional<Date> ship_date_after) const {
  std::vector<DecisionRecord> out;
  try {
    sqlite::Statement query(state_->db, std::string("SELECT ") + kColumns +
                                            " FROM decisions WHERE ?1 IS NULL OR ship_date > ?1 ORDER BY id");
    if (ship_date_after) query.bind(1, to_string(*ship_date_after));
    else query.bind_null(1);
    while (query.step()) out.push_back(read_record(query));
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return out;
}

Result<ChainCheck> Store::verify_chain() const {
  ChainCheck check;
  check.head_hash = kGenesisHash;
  try {
    // One read transaction: a consistent snapshot even while others append.
    sqlite::Statement query(state_->db, std::string("SELECT ") + kColumns + " FROM decisions ORDER BY id");
    int64_t expected_id = 1;
    auto broken = [&](int64_t id, std::string problem) {
      check.intact = false;
      check.first_broken_id = id;
      check.problem = std::move(problem);
    };
    while (query.step()) {
      DecisionRecord record = read_record(query);
      ++check.records;
      if (record.id != expected_id) {
        broken(record.id, "record " + std::to_string(record.id) + " follows record " + std::to_string(expected_id - 1) +
                              ": record " + std::to_string(expected_id) + " is missing (deleted or renumbered)");
        break;
      }
      if (record.previous_hash != check.head_hash) {
        broken(record.id, "record " + std::to_string(record.id) + " does not link to record " +
                              std::to_string(record.id - 1) + " (records reordered, or a hash rewritten)");
        break;
      }
      if (record_hash(record) != record.hash) {
        broken(record.id, "record " + std::to_string(record.id) + " does not match its hash (edited after recording)");
        break;
      }
      check.head_hash = record.hash;
      ++expected_id;
    }
  } catch (const sqlite::SqliteError& failure) {
    return state_->io_error(failure.what());
  }
  return check;
}

}  // namespace exportctl
