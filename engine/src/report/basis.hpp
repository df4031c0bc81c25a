// Why an item got its class, in words: "TPP 15832 >= 4800"; for no class, the figures read
// ("TPP 100, PD 0.12: below every class"); for an undecidable class, what is missing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "exportctl/determination.hpp"
#include "exportctl/shipment.hpp"
#include "rules/rule_set.hpp"

namespace exportctl {

// The basis texts of plain catalog items (a catalog model with nothing overridden), which depend
// only on the model and on the rule version and class that decided. Batch writes a basis for
// every item and most are plain catalog models: a cache spares deriving their facts and walking
// the condition again for each. Not synchronised: each thread uses its own (this_thread()). It
// empties itself when used with another rule set (told apart by digest, which stands for the
// content).
class BasisCache {
 public:
  struct Key {
    const RuleVersion* rule;
    ModelId model;
    Index class_index;
    Eccn eccn;
    bool indeterminate;
    bool operator==(const Key&) const = default;
  };

  static BasisCache& this_thread();

  // The cached text for `key` under `rules`, or nullptr.
  const std::string* find(const RuleSet& rules, const Key& key);
  const std::string& insert(const Key& key, std::string text);

 private:
  struct KeyHash {
    size_t operator()(const Key& key) const;
  };
  std::string digest_;
  std::unordered_map<Key, std::string, KeyHash> texts_;
};

// Appends the basis of item `item_index`'s classification; plain catalog items go through `cache`.
void append_basis(const RuleSet& rules, const Shipment& shipment, size_t item_index, const ItemClassification& result,
                  BasisCache& cache, std::string& out);

}  // namespace exportctl
