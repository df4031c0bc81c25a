// The two text rules of RFC 5545 that a calendar file lives or dies by: TEXT values escape
// backslash, semicolon, comma and newline (3.3.11), and content lines longer than 75 octets are
// folded with CRLF and one space (3.1), never inside a UTF-8 character.
#pragma once

#include <string>
#include <string_view>

namespace exportctl::todo {

// A TEXT value: "\" -> "\\", ";" -> "\;", "," -> "\,", a newline (LF, or CR LF) -> "\n"; a lone
// CR and other control characters, which TEXT may not hold, become a space.
std::string ics_escape(std::string_view text);

// Appends one content line ("NAME:value" or "NAME;PARAM=x:value"), folded so that no physical
// line exceeds 75 octets before its CRLF, each continuation starting with one space.
void append_ics_line(std::string_view line, std::string& out);

}  // namespace exportctl::todo
