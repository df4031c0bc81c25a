#include "exportctl/result.hpp"

namespace exportctl {

std::string Error::message() const {
  std::string out;
  auto part = [&out](const std::string& text) {
    if (text.empty()) return;
    if (!out.empty()) out += ": ";
    out += text;
  };
  part(source);
  part(pointer);
  part(problem);
  if (!context.empty()) {
    out += " (";
    out += context;
    out += ')';
  }
  return out;
}

}  // namespace exportctl
