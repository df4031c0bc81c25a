#include "report/rendered_rules.hpp"

#include "report/json_writer.hpp"

namespace exportctl {

RenderedRules::RenderedRules(const RuleSet& rules) {
  for (const auto& rule : rules.rules)
    for (const auto& version : rule->versions) {
      const RuleVersion& meta = version->meta;
      RenderedMembers& rendered = members_[&meta];
      JsonWriter(rendered.citation_confidence)
          .key("citation")
          .string(meta.citation)
          .key("confidence")
          .string(name(meta.confidence));
      if (!meta.notes.empty()) JsonWriter(rendered.notes).key("notes").string(meta.notes);
      JsonWriter(rendered.rule_source_url).key("rule").string(meta.rule->id).key("source_url").string(meta.source_url);
    }
}

}  // namespace exportctl
