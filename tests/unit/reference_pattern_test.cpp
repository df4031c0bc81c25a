// The reference patterns of license exceptions: the language of rules/README.md, whole-string
// matches, and references of any length matched without recursion.
#include <catch2/catch.hpp>

#include <string>

#include "rules/reference_pattern.hpp"

using exportctl::ReferencePattern;

namespace {

ReferencePattern compiled(std::string_view pattern) {
  std::string problem;
  auto result = ReferencePattern::compile(pattern, problem);
  if (!result) FAIL("\"" << pattern << "\" did not compile: " << problem);
  return *result;
}

std::string problem_of(std::string_view pattern) {
  std::string problem;
  if (ReferencePattern::compile(pattern, problem)) FAIL("\"" << pattern << "\" compiled");
  return problem;
}

}  // namespace

TEST_CASE("reference pattern: BIS's authorization number, A and digits, in full", "[reference_pattern]") {
  ReferencePattern nac = compiled("A[0-9]+");
  CHECK(nac.matches("A1"));
  CHECK(nac.matches("A000001"));
  CHECK_FALSE(nac.matches("A"));
  CHECK_FALSE(nac.matches(""));
  CHECK_FALSE(nac.matches("a1"));
  CHECK_FALSE(nac.matches("A1x"));   // the whole reference, not a prefix
  CHECK_FALSE(nac.matches("xA1"));   // nor a suffix
  CHECK_FALSE(nac.matches("A 1"));
  CHECK_FALSE(nac.matches("STS/2025/123"));
}

TEST_CASE("reference pattern: a reference of any length is matched without recursion", "[reference_pattern][limits]") {
  // A backtracking matcher recursed once per character: 50,000 characters overflowed its stack.
  ReferencePattern nac = compiled("A[0-9]+");
  std::string reference = "A" + std::string(5'000'000, '7');
  CHECK(nac.matches(reference));
  reference.back() = 'x';
  CHECK_FALSE(nac.matches(reference));
  ReferencePattern any = compiled(".*Z.*Z");
  CHECK_FALSE(any.matches(std::string(1'000'000, 'Z') + "a"));
  CHECK(any.matches(std::string(1'000'000, 'Z')));
}

TEST_CASE("reference pattern: the language", "[reference_pattern]") {
  CHECK(compiled("").matches(""));
  CHECK_FALSE(compiled("").matches("x"));
  CHECK(compiled("STS/[0-9]{4}/[0-9]+").matches("STS/2025/123"));
  CHECK_FALSE(compiled("STS/[0-9]{4}/[0-9]+").matches("STS/25/123"));
  CHECK(compiled("A\\d{2,3}").matches("A12"));
  CHECK(compiled("A\\d{2,3}").matches("A123"));
  CHECK_FALSE(compiled("A\\d{2,3}").matches("A1"));
  CHECK_FALSE(compiled("A\\d{2,3}").matches("A1234"));
  CHECK(compiled("A\\d{2,}").matches("A12345"));
  CHECK_FALSE(compiled("A\\d{2,}").matches("A1"));
  CHECK(compiled("X{0,}").matches(""));
  CHECK(compiled("X{0}").matches(""));
  CHECK(compiled("ab?c").matches("ac"));
  CHECK(compiled("ab?c").matches("abc"));
  CHECK_FALSE(compiled("ab?c").matches("abbc"));
  CHECK(compiled("ab*c").matches("abbbc"));
  CHECK(compiled("a.c").matches("a/c"));
  CHECK(compiled("[^0-9]+").matches("abc"));
  CHECK_FALSE(compiled("[^0-9]+").matches("a1"));
  CHECK(compiled("[-A]+").matches("-A-"));
  CHECK(compiled("[A-]+").matches("A-"));
  CHECK(compiled("[]x]").matches("]"));
  CHECK(compiled("\\w+\\s\\w+").matches("a_1 b"));
  CHECK(compiled("\\.\\*\\[").matches(".*["));
  CHECK(compiled("[\\]\\\\]+").matches("]\\"));
  CHECK(compiled("[\\d.]+").matches("1.2"));
  CHECK_FALSE(compiled("[\\d.]+").matches("1,2"));
}

TEST_CASE("reference pattern: what is outside the language is named", "[reference_pattern]") {
  CHECK(problem_of("A[0-9") == "unclosed \"[\" at character 6");
  CHECK(problem_of("(A)") == "\"(\" is not supported (no groups, alternation or anchors: the whole reference is matched) at character 1");
  CHECK(problem_of("A|B") == "\"|\" is not supported (no groups, alternation or anchors: the whole reference is matched) at character 2");
  CHECK(problem_of("^A") == "\"^\" is not supported (no groups, alternation or anchors: the whole reference is matched) at character 1");
  CHECK(problem_of("*A") == "\"*\" repeats nothing at character 1");
  CHECK(problem_of("A**") == "a repetition cannot be repeated at character 3");
  CHECK(problem_of("A{2") == "unclosed \"{\" at character 4");
  CHECK(problem_of("A{x}") == "a repetition count is a number at character 3");
  CHECK(problem_of("A{3,2}") == "a repetition {n,m} needs n <= m at character 6");
  CHECK(problem_of("A{101}") == "a repetition count over 100 at character 5");
  CHECK(problem_of("[z-a]") == "a range runs backwards at character 3");
  CHECK(problem_of("A\\") == "a pattern cannot end with \\ at character 2");
  CHECK(problem_of("\\q") == "unknown escape \\q at character 1");
  CHECK(problem_of("]") == "unmatched \"]\" at character 1");
  CHECK(problem_of(".{100}.{100}.{100}") == "the pattern expands to more than 256 steps");
}
