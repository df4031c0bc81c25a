// The limits on one shipment (docs/limits.md, contract.md, schema/json/shipment.schema.json).
// Input over a limit is a bad_input error naming the field (its JSON pointer) and the limit,
// never a wrong answer: every position the engine keeps (a stop, an item, a notice, an
// authorization) then fits its index type with room to spare.
#pragma once

#include <cstddef>

namespace exportctl {

inline constexpr size_t kMaxStops = 32;           // "via"
inline constexpr size_t kMaxParties = 64;         // "parties"
inline constexpr size_t kMaxItems = 10000;        // "items"
inline constexpr size_t kMaxParts = 64;           // an item's "contains"
inline constexpr size_t kMaxNotices = 64;         // "notices"
inline constexpr size_t kMaxAuthorizations = 64;  // "authorizations"
inline constexpr size_t kMaxListedCodes = 300;    // an authorization's "destinations" and "models"
inline constexpr size_t kMaxStringChars = 1000;   // any string, in characters (UTF-8 code points)

// The register (register.hpp, docs/register.md): how many entries one register holds, and how
// many a screening considers beside the shipment's own (so every authorization still fits the
// answer's Index: kMaxAuthorizations + kMaxRegisterCandidates).
inline constexpr size_t kMaxRegisterEntries = 100000;
inline constexpr size_t kMaxRegisterCandidates = 64;
// The earlier shipments of one consignee in one year a screening counts (LPP's annual limit).
inline constexpr size_t kMaxCountedShipments = 10000;
// A register entry's quantity and value_usd: positive and at most this.
inline constexpr double kMaxRegisterAmount = 1e15;

// The size of one shipment document (check, diff, store record, the HTTP body) and of one batch
// line (or one CSV shipment's rows); overridable (--max-document-bytes, --max-line-bytes).
inline constexpr size_t kDefaultMaxDocumentBytes = 4 << 20;

}  // namespace exportctl
