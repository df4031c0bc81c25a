#include "rules/reference_pattern.hpp"

#include <cstdint>

namespace exportctl {
namespace {

// Repetition counts are small in practice ("A[0-9]{7}"); the cap keeps the expanded steps, and
// so the work per character, bounded whatever a rule file says.
constexpr int kMaxRepeat = 100;
constexpr size_t kMaxSteps = 256;

constexpr std::string_view kSpecial = "\\.[](){}*+?|^$";

std::bitset<256> one(unsigned char c) {
  std::bitset<256> set;
  set.set(c);
  return set;
}

std::bitset<256> range(unsigned char from, unsigned char to) {
  std::bitset<256> set;
  for (unsigned c = from; c <= to; ++c) set.set(c);
  return set;
}

// The set a backslash escape stands for; nullopt for an escape outside the language.
std::optional<std::bitset<256>> escape_set(char c) {
  switch (c) {
    case 'd': return range('0', '9');
    case 'w': return range('0', '9') | range('A', 'Z') | range('a', 'z') | one('_');
    case 's': return one(' ') | one('\t') | one('\n') | one('\r') | one('\f') | one('\v');
    default:
      if (c != '-' && kSpecial.find(c) == std::string_view::npos) return std::nullopt;
      return one(static_cast<unsigned char>(c));
  }
}

class Compiler {
 public:
  explicit Compiler(std::string_view pattern) : text_(pattern) {}

  // Appends the steps; false with problem_ set when the pattern is outside the language.
  bool run(std::vector<std::bitset<256>>& sets, std::vector<std::pair<int, int>>& counts) {
    while (at_ < text_.size()) {
      std::bitset<256> set;
      if (!atom(set)) return false;
      int least = 1, most = 1;
      if (!repetition(least, most)) return false;
      sets.push_back(set);
      counts.emplace_back(least, most);
    }
    return true;
  }

  std::string problem;

 private:
  bool fail(std::string what) {
    problem = std::move(what) + " at character " + std::to_string(at_ + 1);
    return false;
  }

  bool atom(std::bitset<256>& set) {
    char c = text_[at_];
    if (c == '[') return character_class(set);
    if (c == '.') {
      set.set();
      ++at_;
      return true;
    }
    if (c == '\\') {
      if (at_ + 1 >= text_.size()) return fail("a pattern cannot end with \\");
      auto escaped = escape_set(text_[at_ + 1]);
      if (!escaped) return fail(std::string("unknown escape \\") + text_[at_ + 1]);
      set = *escaped;
      at_ += 2;
      return true;
    }
    if (c == '(' || c == ')' || c == '|' || c == '^' || c == '$')
      return fail(std::string("\"") + c + "\" is not supported (no groups, alternation or anchors: the whole reference is matched)");
    if (c == '*' || c == '+' || c == '?' || c == '{') return fail(std::string("\"") + c + "\" repeats nothing");
    if (c == ']' || c == '}') return fail(std::string("unmatched \"") + c + "\"");
    set = one(static_cast<unsigned char>(c));
    ++at_;
    return true;
  }

  bool character_class(std::bitset<256>& set) {
    ++at_;  // '['
    bool negated = at_ < text_.size() && text_[at_] == '^';
    if (negated) ++at_;
    bool first = true;
    for (;;) {
      if (at_ >= text_.size()) return fail("unclosed \"[\"");
      char c = text_[at_];
      if (c == ']' && !first) break;
      first = false;
      unsigned char low;
      if (c == '\\') {
        if (at_ + 1 >= text_.size()) return fail("unclosed \"[\"");
        auto escaped = escape_set(text_[at_ + 1]);
        if (!escaped) return fail(std::string("unknown escape \\") + text_[at_ + 1]);
        at_ += 2;
        if (escaped->count() != 1) {
          set |= *escaped;
          continue;
        }
        low = static_cast<unsigned char>(text_[at_ - 1]);
      } else {
        low = static_cast<unsigned char>(c);
        ++at_;
      }
      // A range "a-z"; a "-" first, last or after a range is itself.
      if (at_ + 1 < text_.size() && text_[at_] == '-' && text_[at_ + 1] != ']') {
        unsigned char high = static_cast<unsigned char>(text_[at_ + 1]);
        if (high == '\\') return fail("a range ends with a plain character");
        if (high < low) return fail("a range runs backwards");
        set |= range(low, high);
        at_ += 2;
      } else {
        set.set(low);
      }
    }
    ++at_;  // ']'
    if (negated) set.flip();
    return true;
  }

  bool number(int& value) {
    size_t start = at_;
    value = 0;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
      value = value * 10 + (text_[at_] - '0');
      if (value > kMaxRepeat) return fail("a repetition count over " + std::to_string(kMaxRepeat));
      ++at_;
    }
    if (at_ == start) return fail("a repetition count is a number");
    return true;
  }

  bool repetition(int& least, int& most) {
    if (at_ >= text_.size()) return true;
    switch (text_[at_]) {
      case '*': least = 0, most = -1, ++at_; break;
      case '+': least = 1, most = -1, ++at_; break;
      case '?': least = 0, most = 1, ++at_; break;
      case '{': {
        ++at_;
        if (!number(least)) return false;
        most = least;
        if (at_ < text_.size() && text_[at_] == ',') {
          ++at_;
          most = -1;
          if (at_ < text_.size() && text_[at_] != '}' && !number(most)) return false;
          if (most >= 0 && most < least) return fail("a repetition {n,m} needs n <= m");
        }
        if (at_ >= text_.size() || text_[at_] != '}') return fail("unclosed \"{\"");
        ++at_;
        break;
      }
      default: return true;
    }
    if (at_ < text_.size() && (text_[at_] == '*' || text_[at_] == '+' || text_[at_] == '?' || text_[at_] == '{'))
      return fail("a repetition cannot be repeated");
    return true;
  }

  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

std::optional<ReferencePattern> ReferencePattern::compile(std::string_view pattern, std::string& problem) {
  std::vector<std::bitset<256>> sets;
  std::vector<std::pair<int, int>> counts;  // {least, most}; most -1: any number
  Compiler compiler(pattern);
  if (!compiler.run(sets, counts)) {
    problem = compiler.problem;
    return std::nullopt;
  }
  // X{n,m} becomes n steps taken once and m - n optional ones; X{n,} n - 1 once and one that
  // repeats (or one optional repeating step for n = 0).
  ReferencePattern compiled;
  for (size_t i = 0; i < sets.size(); ++i) {
    auto [least, most] = counts[i];
    int required = most < 0 && least > 0 ? least - 1 : least;
    for (int k = 0; k < required; ++k) compiled.steps_.push_back({sets[i], false, false});
    if (most < 0) compiled.steps_.push_back({sets[i], least == 0, true});
    else
      for (int k = least; k < most; ++k) compiled.steps_.push_back({sets[i], true, false});
    if (compiled.steps_.size() > kMaxSteps) {
      problem = "the pattern expands to more than " + std::to_string(kMaxSteps) + " steps";
      return std::nullopt;
    }
  }
  return compiled;
}

bool ReferencePattern::matches(std::string_view reference) const {
  // A set of positions in the pattern advanced character by character (a Thompson simulation):
  // one pass over the reference, no backtracking, no recursion.
  const size_t count = steps_.size();
  std::vector<uint8_t> active(count + 1, 0), next(count + 1, 0);
  auto close = [&](std::vector<uint8_t>& positions) {  // an optional step may be skipped
    for (size_t i = 0; i < count; ++i)
      if (positions[i] && steps_[i].optional) positions[i + 1] = 1;
  };
  active[0] = 1;
  close(active);
  for (char c : reference) {
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (size_t i = 0; i < count; ++i) {
      if (!active[i] || !steps_[i].accepts.test(static_cast<unsigned char>(c))) continue;
      next[steps_[i].repeats ? i : i + 1] = 1;
      if (steps_[i].repeats) next[i + 1] = 1;
      any = true;
    }
    if (!any) return false;
    close(next);
    active.swap(next);
  }
  return active[count] != 0;
}

}  // namespace exportctl
