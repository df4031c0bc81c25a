# Sourced by the register's reliability tests: adds the two licenses the generated shipments
# (make_shipments.py) draw on to the store $DB, with $X the exportctl binary.
add_license() {  # json
  printf '%s' "$1" > "$WORK/license.json"
  "$X" register add "$WORK/license.json" --db "$DB" --format json > /dev/null || { echo "FAIL: register add $1"; exit 1; }
}
QUANTITY_LIMIT=2500
VALUE_LIMIT=40000000
add_license '{"authority": "US-BIS", "kind": "license", "number": "D-QTY-1", "valid_from": "2024-01-01",
  "valid_to": "2025-12-31", "destinations": ["VN"], "models": ["NVIDIA H100 SXM"], "quantity": '$QUANTITY_LIMIT',
  "consignees": ["Example Cloud JSC"], "entered_by": "reliability test"}'
add_license '{"authority": "US-BIS", "kind": "license", "number": "D-VAL-2", "valid_from": "2024-01-01",
  "valid_to": "2025-12-31", "destinations": ["VN"], "models": ["NVIDIA H100 PCIe"], "value_usd": '$VALUE_LIMIT',
  "entered_by": "reliability test"}'

# Prints one line per entry whose live usage is over its limit (none expected).
over_limit() {
  sqlite3 "$DB" "SELECT e.number, e.quantity, e.value_usd,
      (SELECT sum(u.quantity) FROM register_usage u WHERE u.entry_id = e.id
         AND u.decision_id NOT IN (SELECT decision_id FROM register_usage_voids)) AS used_quantity,
      (SELECT sum(u.value_usd) FROM register_usage u WHERE u.entry_id = e.id
         AND u.decision_id NOT IN (SELECT decision_id FROM register_usage_voids)) AS used_value
    FROM register_entries e
    WHERE (e.quantity IS NOT NULL AND used_quantity > e.quantity) OR (e.value_usd IS NOT NULL AND used_value > e.value_usd)"
}
