#include "rules/rule_set.hpp"

#include <algorithm>

#include "rules/timeline.hpp"

namespace exportctl {

RuleSet::RuleSet() { country_by_letters.fill(kNoCountry); }
RuleSet::~RuleSet() = default;

CountryId RuleSet::find_country(std::string_view code) const {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return kNoCountry;
  return country_by_letters[static_cast<size_t>((code[0] - 'A') * 26 + (code[1] - 'A'))];
}

const LoadedVersion& RuleSet::loaded(const RuleVersion& version) const { return *loaded_by_meta.at(&version); }

ModelId RuleSet::find_model(std::string_view name) const {
  auto found = model_by_normalized_name.find(normalize_model_name(name));
  return found == model_by_normalized_name.end() ? kNoModel : found->second;
}

const Timeline& RuleSet::timeline(std::optional<Date> known_on) const {
  size_t epoch = knowledge_dates.size();
  if (known_on)
    epoch = static_cast<size_t>(std::upper_bound(knowledge_dates.begin(), knowledge_dates.end(), *known_on) -
                                knowledge_dates.begin());
  if (const Timeline* ready = timelines_[epoch].load(std::memory_order_acquire)) return *ready;
  std::lock_guard lock(timelines_mutex_);
  if (const Timeline* ready = timelines_[epoch].load(std::memory_order_relaxed)) return *ready;
  Date known_up_to = epoch == 0 ? kMinDate : knowledge_dates[epoch - 1];
  timelines_owned_.push_back(build_timeline(*this, known_up_to));
  timelines_[epoch].store(timelines_owned_.back().get(), std::memory_order_release);
  return *timelines_owned_.back();
}

void RuleSet::seal() {
  std::vector<Date> dates;
  version_count = 0;
  reads_consignee_year = false;
  constexpr FactMask kCount = FactMask{1} << static_cast<int>(Fact::consignee_year_total_tpp);
  for (const auto& rule : rules)
    for (const auto& version : rule->versions) {
      FactMask reads = version->content.when.reads() | version->content.items.reads();
      for (const PolicyClause& clause : version->content.policies) reads |= clause.when.reads();
      reads_consignee_year |= (reads & kCount) != 0;
      dates.push_back(version->meta.known_from);
      for (const EnforcementChange& change : version->meta.enforcement) dates.push_back(change.known_from);
      ++version_count;
    }
  for (const CountryGroup& group : groups)
    for (const GroupVersion& version : group.versions) dates.push_back(version.known_from);
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  knowledge_dates = std::move(dates);
  timelines_ = std::make_unique<std::atomic<const Timeline*>[]>(knowledge_dates.size() + 1);
  for (size_t i = 0; i <= knowledge_dates.size(); ++i) timelines_[i].store(nullptr);
}

}  // namespace exportctl
