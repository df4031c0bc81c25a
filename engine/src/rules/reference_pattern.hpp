// The pattern a notice's reference must match in full for a license exception to count it
// (NAC: the authorization number BIS issues, "A[0-9]+"). A small regular-expression language,
// matched without recursion in time linear in the reference: the reference comes from the
// shipment, so its length must not decide how deep the matcher goes (a backtracking matcher such
// as std::regex recurses once per character, and a long reference overflows the stack).
//
// The language, on bytes (write patterns in ASCII), always matched against the whole reference:
//   c        a character other than \ . [ ] ( ) { } * + ? | ^ $, matching itself
//   \c       one of those characters taken literally; \d a digit, \w a letter, digit or _,
//            \s a blank
//   .        any character
//   [...]    one of the characters listed: ranges a-z, \-escapes, [^...] for any other
//   X* X+ X? X{n} X{n,} X{n,m}   repetition of the atom X before it (n <= m <= 100)
// Groups, alternation and anchors are not part of it; compile names what is wrong.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace exportctl {

class ReferencePattern {
 public:
  // The compiled pattern, or nullopt with `problem` saying what is outside the language.
  static std::optional<ReferencePattern> compile(std::string_view pattern, std::string& problem);

  // True when the whole of `reference` matches.
  bool matches(std::string_view reference) const;

 private:
  // One step of the pattern: a set of characters taken once, optionally, or any number of times.
  struct Step {
    std::bitset<256> accepts;
    bool optional = false;  // may be skipped
    bool repeats = false;   // may be taken again
  };
  std::vector<Step> steps_;
};

}  // namespace exportctl
